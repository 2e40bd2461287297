// @ts-check
// How long an answer asks a client to wait (ApiError.retryAfter): read from its headers here, in
// one place, for the error class and, through it, the clients' retries (js/clients.js). Not
// exported by the entries.

/** Whole seconds from `now` to `ms` (a time in milliseconds), never below 0. */
const secondsUntil = (/** @type {number} */ ms, /** @type {number} */ now) => Math.max(0, Math.ceil((ms - now) / 1000));

/**
 * An HTTP date as RFC 9110 §5.6.7 allows it (IMF-fixdate, RFC 850 or asctime), in
 * milliseconds; anything else (which `Date.parse` would often still read) is null.
 * @param {string} v
 */
function httpDate(v) {
  const imf = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
  const rfc850 = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
  const asctime = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;
  if (!imf.test(v) && !rfc850.test(v) && !asctime.test(v)) return null;
  // asctime carries no zone: it is GMT.
  const t = Date.parse(asctime.test(v) ? `${v} GMT` : v);
  return Number.isNaN(t) ? null : t;
}

/** Seconds to wait for a reset header's number: a Unix time in seconds (>= 10^9) or milliseconds (>= 10^12), else delta seconds. */
function resetSeconds(/** @type {number} */ n, /** @type {number} */ now) {
  if (n >= 1e12) return secondsUntil(n, now);
  if (n >= 1e9) return secondsUntil(n * 1000, now);
  return Math.ceil(n);
}

/** A header's number: digits with an optional fraction, else null. */
const headerNumber = (/** @type {string | null} */ v) => (v !== null && /^\d{1,16}(\.\d{1,6})?$/.test(v) ? Number(v) : null);

/**
 * How many seconds an answer asks the client to wait before trying again, or `null`:
 * - `Retry-After`: delta-seconds, or an HTTP date (RFC 9110 §10.2.3, in one of its three
 *   formats), on any answer;
 * - on a 429 only (these headers come on every answer of a limited API, so elsewhere they say
 *   nothing about retrying): `RateLimit-Reset` (delta seconds: IETF draft 6, express-rate-limit's
 *   `standardHeaders`), the `reset=` / `t=` of a combined `RateLimit` header (drafts 7 and 8),
 *   then `X-RateLimit-Reset` (express-rate-limit's legacy headers, GitHub); a reset that is
 *   large enough to be a Unix time (seconds, or milliseconds) is read as one, else as delta
 *   seconds.
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
    if (/^\d{1,10}$/.test(retryAfter)) return Number(retryAfter);
    const date = httpDate(retryAfter);
    if (date !== null) return secondsUntil(date, now);
  }
  if (status !== 429) return null;
  const reset = headerNumber(get("ratelimit-reset"));
  if (reset !== null) return resetSeconds(reset, now);
  const combined = /(?:^|[;,\s])(?:reset|t)=(\d{1,10})(?![\d.])/.exec(get("ratelimit") ?? "");
  if (combined) return Number(combined[1]);
  const legacy = headerNumber(get("x-ratelimit-reset"));
  if (legacy !== null) return resetSeconds(legacy, now);
  return null;
}

