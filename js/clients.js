// @ts-check
// DatabrainClient and ParadigmClient over buildRequest and the wasm export `send`
// (src/wasm/client.rs, which sends with gloo-net and classifies the answer): this file owns the
// client options, timeouts, the caller's AbortSignal, retries and the error each outcome becomes.
// Declared in ./index.d.ts.
/** @import { BuiltRequest, CallOptions, ClientConfig, ClientOptions, EndpointId, JsonValue, RequestBodies, Sent } from "./index.js" */
/** @import { Wasm } from "./wasm.js" */
import { MAX_TIMER_MS } from "./data.js";
import { AbortError, ApiError, NetworkError, ResponseError, TimeoutError } from "./errors.js";
import { readOptions } from "./request.js";
import { endpointIndex } from "./validate.js";

/** Only these methods are retried (the Databrain updates); POST and PATCH never are. */
const IDEMPOTENT = new Set(["PUT"]);

/**
 * Waits, unless the caller aborts first.
 * @param {number} ms
 * @param {EndpointId} endpoint
 * @param {AbortSignal | undefined} signal
 * @returns {Promise<void>}
 */
function pause(ms, endpoint, signal) {
  return new Promise((resolve, reject) => {
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
 *   send(index: number, request: BuiltRequest, signal: AbortSignal): Promise<Sent<JsonValue>>,
 *   clientOptions(options: unknown): ClientConfig,
 *   callOptions(options: unknown): AbortSignal | undefined,
 * }} SendExports
 */

/**
 * The two clients over an entry's wasm module and its buildRequest.
 * @param {Wasm<SendExports>} wasm
 * @param {typeof import("./index.js").buildRequest} buildRequest
 */
export function clients(wasm, buildRequest) {
  /**
   * Validates, builds and sends one request; retries what the config allows.
   * @template {EndpointId} E
   * @template T the answer's data, as the client's method declares it
   * @param {ClientConfig} config
   * @param {E} endpoint
   * @param {RequestBodies[E]} body
   * @param {number | undefined} id
   * @param {CallOptions | undefined} options
   * @returns {Promise<T>}
   */
  async function call(config, endpoint, body, id, options) {
    const signal = readOptions(endpoint, wasm.exports().callOptions, options);
    const request = buildRequest(endpoint, body, { token: config.token, baseUrl: config.baseUrl, id, strict: config.strict });
    const { send } = wasm.exports();
    const index = endpointIndex(endpoint);
    const attempts = IDEMPOTENT.has(request.method) ? config.retries + 1 : 1;
    for (let attempt = 0; ; attempt++) {
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
      try {
        outcome = await send(index, request, controller.signal);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
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
          error = new NetworkError(endpoint, outcome.message);
          break;
        default:
          if (!timedOut) throw new AbortError(endpoint, signal?.reason);
          throw new TimeoutError(endpoint, /** @type {number} */ (config.timeoutMs));
      }
      const retryable = error instanceof NetworkError || error.status >= 500;
      if (!retryable || attempt + 1 >= attempts) throw error;
      await pause(Math.min(config.backoffMs * 2 ** attempt, MAX_TIMER_MS), endpoint, signal);
    }
  }

  /** @type {typeof import("./index.js").DatabrainClient} */
  const DatabrainClient = class DatabrainClient {
    #config;
    /** @param {ClientOptions} options */
    constructor(options) {
      this.#config = readOptions("DatabrainClient", wasm.exports().clientOptions, options);
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
      this.#config = readOptions("ParadigmClient", wasm.exports().clientOptions, options);
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
