// @ts-check
// How long an answer asks a client to wait (ApiError.retryAfter): read from its headers here, in
// one place, for the error class and, through it, the clients' retries (js/clients.js). Not
// exported by the entries.

/** Whole seconds from `now` to `ms` (a time in milliseconds), never below 0. */
const secondsUntil = (/** @type {number} */ ms, /** @type {number} */ now) => Math.max(0, Math.ceil((ms - now) / 1000));

/** A header's number: digits with an optional fraction, else null. */
const headerNumber = (/** @type {string | null} */ v) => (v !== null && /^\d+(\.\d+)?$/.test(v) ? Number(v) : null);

/**
 * How many seconds an answer asks the client to wait before trying again, or `null`:
 * - `Retry-After`: delta-seconds, or an HTTP date (RFC 9110 §10.2.3), on any answer;
 * - on a 429 only (these headers come on every answer of a limited API, so elsewhere they say
 *   nothing about retrying): `RateLimit-Reset` (delta seconds: IETF draft 6, express-rate-limit's
 *   `standardHeaders`), the `reset=` / `t=` of a combined `RateLimit` header (drafts 7 and 8),
 *   then `X-RateLimit-Reset`: a Unix time in seconds (express-rate-limit's legacy headers,
 *   GitHub) or milliseconds, or delta seconds when too small to be a time.
 * A header that cannot be read counts as absent.
 * @param {unknown} headers a fetch `Headers`
 * @param {number} status
 * @param {number} [now] the time in milliseconds
 * @returns {number | null}
 */
export function retryAfterOf(headers, status, now = Date.now()) {
  const get = (/** @type {string} */ name) => {
    try {
      const v = /** @type {{ get?: (name: string) => unknown }} */ (headers)?.get?.(name);
      return typeof v === "string" ? v.trim() : null;
    } catch (_) {
      return null;
    }
  };
  const retryAfter = get("retry-after");
  if (retryAfter !== null && retryAfter !== "") {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return secondsUntil(date, now);
  }
  if (status !== 429) return null;
  const reset = headerNumber(get("ratelimit-reset"));
  if (reset !== null) return Math.ceil(reset);
  const combined = /(?:^|[;,\s])(?:reset|t)=(\d+)/.exec(get("ratelimit") ?? "");
  if (combined) return Number(combined[1]);
  const legacy = headerNumber(get("x-ratelimit-reset"));
  if (legacy !== null) {
    if (legacy >= 1e12) return secondsUntil(legacy, now);
    if (legacy >= 1e9) return secondsUntil(legacy * 1000, now);
    return Math.ceil(legacy);
  }
  return null;
}

