// @ts-check
// DatabrainClient and ParadigmClient over buildRequest and the wasm export `send`
// (src/wasm/client.rs, which builds the Request and reads the Response with gloo-net, and
// classifies the answer): this file owns the client options, timeouts, the caller's AbortSignal,
// retries (and how long a rate limit asks to wait), the hooks, and the error each outcome becomes.
// Declared in ./index.d.ts.
/** @import { BuiltRequest, CallOptions, ClientConfig, ClientOptions, EndpointId, JsonValue, RequestBodies, RequestEvent, ResponseEvent, Sent } from "./index.js" */
/** @import { Wasm } from "./wasm.js" */
import { MAX_TIMER_MS } from "./data.js";
import { AbortError, ApiError, NetworkError, ResponseError, TimeoutError } from "./errors.js";
import { plainOptions, readPlain, readOptions } from "./request.js";
import { endpointIndex } from "./validate.js";

/**
 * Methods retried after a network error or a 5xx (the Databrain updates, which carry the full
 * state): a POST or PATCH may have been processed before the failure. A 429 is retried for every
 * method: a rate-limited request was refused before it was processed.
 */
const IDEMPOTENT = new Set(["PUT"]);

/** The client options that are functions: read here, never by the wasm module (no serde form). */
const FUNCTIONS = /** @type {const} */ (["fetch", "onRequest", "onResponse"]);

/**
 * @typedef {{
 *   fetch?: (input: Request) => Promise<Response>,
 *   onRequest?: (event: RequestEvent) => unknown,
 *   onResponse?: (event: ResponseEvent) => unknown,
 * }} ClientFunctions
 */

/**
 * A client's options: the functions taken out here (each must be one), the rest read by the
 * wasm reader (`clientOptions`: serde, so an unknown or mistyped option is a TypeError).
 * @param {string} what
 * @param {(options: unknown) => ClientConfig} read
 * @param {unknown} options
 * @returns {ClientConfig & ClientFunctions}
 */
function clientConfig(what, read, options) {
  const plain = plainOptions(options, what);
  /** @type {ClientFunctions} */
  const functions = {};
  if (plain !== null && typeof plain === "object") {
    const record = /** @type {Record<string, unknown>} */ (plain);
    for (const key of FUNCTIONS) {
      const f = record[key];
      delete record[key];
      if (f === undefined) continue;
      if (typeof f !== "function") throw new TypeError(`${what}: options.${key} must be a function`);
      functions[key] = /** @type {any} */ (f);
    }
  }
  return { ...readPlain(what, read, plain), ...functions };
}

/**
 * How long to wait before attempt `attempt + 1` after `error`, or null when it is not retried:
 * a 429 for every method, after what its headers ask (`retryAfter`, when at most `maxWaitMs`;
 * a longer wait is not waited for) or the back-off when they ask for none or for 0 (a window
 * already reset: the back-off keeps retries from going back to back); a network error or a 5xx
 * for idempotent methods only (a 503's `Retry-After` is honoured the same way).
 * @param {ApiError | NetworkError} error
 * @param {number} attempt
 * @param {boolean} idempotent
 * @param {ClientConfig} config
 * @returns {number | null}
 */
function retryDelay(error, attempt, idempotent, config) {
  if (attempt >= config.retries) return null;
  const backoff = Math.min(config.backoffMs * 2 ** attempt, MAX_TIMER_MS);
  /** @param {number | null} seconds */
  const asked = (seconds) => {
    if (seconds === null || seconds === 0) return backoff;
    return seconds * 1000 <= config.maxWaitMs ? seconds * 1000 : null;
  };
  if (error instanceof ApiError && error.status === 429) return asked(error.retryAfter);
  if (!idempotent) return null;
  if (error instanceof NetworkError) return backoff;
  if (error.status === 503) return asked(error.retryAfter);
  return error.status >= 500 ? backoff : null;
}

/**
 * Waits, unless the caller aborts first.
 * @param {number} ms
 * @param {EndpointId} endpoint
 * @param {AbortSignal | undefined} signal
 * @returns {Promise<void>}
 */
function pause(ms, endpoint, signal) {
  return new Promise((resolve, reject) => {
    // Aborted already (in an onResponse hook, say): its event has fired, so no listener would.
    if (signal?.aborted) return reject(new AbortError(endpoint, signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError(endpoint, signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The wasm exports: what sending gave (it never rejects), and the option readers
 * (src/wasm/client.rs: serde structs, so an unknown or mistyped option is a TypeError).
 * @typedef {{
 *   send(index: number, request: BuiltRequest, signal: AbortSignal, fetch: (input: Request) => Promise<Response>): Promise<Sent<JsonValue>>,
 *   clientOptions(options: unknown): ClientConfig,
 *   callOptions(options: unknown): AbortSignal | undefined,
 * }} SendExports
 */

/**
 * A fetch `Headers` as a plain object (names lowercase, as `Headers` iterates them).
 * @param {unknown} headers
 * @returns {Record<string, string>}
 */
function headerRecord(headers) {
  /** @type {Record<string, string>} */
  const out = {};
  try {
    for (const [k, v] of /** @type {Iterable<[string, string]>} */ (headers)) {
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
  } catch (_) {
    // A custom fetch's Headers that cannot be iterated: nothing to show.
  }
  return out;
}

/**
 * The two clients over an entry's wasm module, its buildRequest and its redactRequest.
 * @param {Wasm<SendExports>} wasm
 * @param {typeof import("./index.js").buildRequest} buildRequest
 * @param {typeof import("./index.js").redactRequest} redactRequest
 */
export function clients(wasm, buildRequest, redactRequest) {
  /**
   * What `onResponse` receives: the answer with its headers and body redacted by the module's
   * rule (credential headers, secret-looking keys of the body).
   * @param {BuiltRequest} request
   * @param {Extract<Sent<JsonValue>, { status: number }>} outcome
   * @param {number} attempt
   * @param {number} durationMs
   * @returns {ResponseEvent}
   */
  function responseEvent(request, outcome, attempt, durationMs) {
    const b = outcome.body;
    const text = b === null || b === undefined ? undefined : typeof b === "string" ? b : JSON.stringify(b);
    const shown = redactRequest(
      /** @type {BuiltRequest} */ ({ method: request.method, url: request.url, headers: headerRecord(outcome.headers), body: text }),
    );
    return {
      endpoint: request.endpoint,
      attempt,
      status: outcome.status,
      headers: shown.headers,
      body: shown.body,
      durationMs,
    };
  }

  /**
   * Validates, builds and sends one request; retries what the config allows.
   * @template {EndpointId} E
   * @template T the answer's data, as the client's method declares it
   * @param {ClientConfig & ClientFunctions} config
   * @param {E} endpoint
   * @param {RequestBodies[E]} body
   * @param {number | undefined} id
   * @param {CallOptions | undefined} options
   * @returns {Promise<T>}
   */
  async function call(config, endpoint, body, id, options) {
    const signal = readOptions(endpoint, wasm.exports().callOptions, options);
    const request = buildRequest(endpoint, body, { token: config.token, baseUrl: config.baseUrl, id, strict: config.strict, headers: config.headers });
    const { send } = wasm.exports();
    const index = endpointIndex(endpoint);
    const idempotent = IDEMPOTENT.has(request.method);
    const fetch = config.fetch ?? globalThis.fetch;
    if (typeof fetch !== "function") throw new TypeError(`${endpoint}: no fetch: this runtime has no globalThis.fetch; pass options.fetch`);
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new AbortError(endpoint, signal.reason);
      if (config.onRequest) await config.onRequest({ ...redactRequest(request), attempt });
      if (signal?.aborted) throw new AbortError(endpoint, signal.reason);
      // gloo-net must only ever see an Error as the abort reason: the caller's signal (whose
      // reason may be anything) and the timeout both go through a controller of our own.
      const controller = new AbortController();
      let timedOut = false;
      const timer =
        config.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              controller.abort(new DOMException("timed out", "TimeoutError"));
            }, config.timeoutMs);
      const onAbort = () => controller.abort(new DOMException("aborted", "AbortError"));
      signal?.addEventListener("abort", onAbort, { once: true });
      let outcome;
      const started = performance.now();
      // A custom fetch may drop the signal (rebuilding the request from its URL): the timeout and
      // the caller's abort still end the call. What that fetch answers later is ignored.
      const ended = new Promise((resolve) => controller.signal.addEventListener("abort", () => resolve(/** @type {const} */ ({ kind: "aborted" })), { once: true }));
      try {
        outcome = await Promise.race([send(index, request, controller.signal, fetch), ended]);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
      if (config.onResponse && "status" in outcome) {
        await config.onResponse(responseEvent(request, outcome, attempt, performance.now() - started));
      }
      let error;
      switch (outcome.kind) {
        case "ok":
          return /** @type {T} */ (outcome.data);
        case "api":
          error = new ApiError(endpoint, outcome);
          break;
        case "response":
          throw new ResponseError(endpoint, outcome);
        case "network":
          error = new NetworkError(endpoint, outcome.message, outcome.cause);
          break;
        default:
          if (!timedOut) throw new AbortError(endpoint, signal?.reason);
          throw new TimeoutError(endpoint, /** @type {number} */ (config.timeoutMs));
      }
      const delay = retryDelay(error, attempt, idempotent, config);
      if (delay === null) throw error;
      await pause(delay, endpoint, signal);
    }
  }

  /** @type {typeof import("./index.js").DatabrainClient} */
  const DatabrainClient = class DatabrainClient {
    #config;
    /** @param {ClientOptions} options */
    constructor(options) {
      this.#config = clientConfig("DatabrainClient", wasm.exports().clientOptions, options);
    }
    /** @type {import("./index.js").DatabrainClient["createWorkspace"]} */
    createWorkspace(body, options) {
      return call(this.#config, "databrain.createWorkspace", body, undefined, options);
    }
    /** @type {import("./index.js").DatabrainClient["updateWorkspace"]} */
    updateWorkspace(body, options) {
      return call(this.#config, "databrain.updateWorkspace", body, undefined, options);
    }
    /** @type {import("./index.js").DatabrainClient["createDatasource"]} */
    createDatasource(body, options) {
      return call(this.#config, "databrain.createDatasource", body, undefined, options);
    }
    /** @type {import("./index.js").DatabrainClient["updateDatasource"]} */
    updateDatasource(body, options) {
      return call(this.#config, "databrain.updateDatasource", body, undefined, options);
    }
  };

  /** @type {typeof import("./index.js").ParadigmClient} */
  const ParadigmClient = class ParadigmClient {
    #config;
    /** @param {ClientOptions} options */
    constructor(options) {
      this.#config = clientConfig("ParadigmClient", wasm.exports().clientOptions, options);
    }
    /** @type {import("./index.js").ParadigmClient["updateWorkspace"]} */
    updateWorkspace(id, body, options) {
      return call(this.#config, "paradigm.updateWorkspace", body, id, options);
    }
    /** @type {import("./index.js").ParadigmClient["testDatasource"]} */
    testDatasource(id, datasource, options) {
      return call(this.#config, "paradigm.testDatasource", datasource, id, options);
    }
  };

  return { DatabrainClient, ParadigmClient };
}
