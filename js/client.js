// The request builder, curl preview, fetch clients and error classes of the package.
//
// Plain declarations, no import or export: examples/js_api.rs includes this file in the generated
// pkg/api.js (ES module) and pkg/cjs/api.cjs (CommonJS) and exports its names from there. It uses
// `endpointIndex` from that module, and the wasm exports `build`, `curl` and `send` handed to
// `requests(wasm, guard)` (src/wasm/client.rs): wasm validates, builds and sends (gloo-net);
// this file owns the error classes, timeouts, the caller's AbortSignal and retries.

/** A body that breaks the schema: nothing was sent. */
class ValidationError extends Error {
  constructor(endpoint, result) {
    const first = result.issues[0];
    const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : "";
    super(`${endpoint}: the body is not valid: ${first ? first.message : "it has issues"}${more}`);
    this.name = "ValidationError";
    this.endpoint = endpoint;
    this.issues = result.issues;
    this.warnings = result.warnings;
  }
}

/** The API answered with an error: its documented code (or `HTTP_<status>`), message and body. */
class ApiError extends Error {
  constructor(endpoint, outcome) {
    super(outcome.message);
    this.name = "ApiError";
    this.endpoint = endpoint;
    this.status = outcome.status;
    this.code = outcome.code;
    this.body = outcome.body;
    const fields = fieldErrors(outcome.body);
    if (fields) this.fields = fields;
  }
}

/**
 * Paradigm's per-field errors (`fields: {<field>: [{error, detail}]}`, documented for its 422
 * `validation_error`), kept only in that shape: entries that are not objects are left out, and
 * `error` / `detail` are strings ("" when missing).
 */
function fieldErrors(body) {
  const fields = body !== null && typeof body === "object" ? body.fields : undefined;
  if (fields === null || typeof fields !== "object" || Array.isArray(fields)) return undefined;
  const out = {};
  for (const [key, list] of Object.entries(fields)) {
    if (!Array.isArray(list)) continue;
    const value = list
      .filter((e) => e !== null && typeof e === "object")
      .map((e) => ({ error: typeof e.error === "string" ? e.error : "", detail: typeof e.detail === "string" ? e.detail : "" }));
    // Defined, not assigned: a field named "__proto__" stays data, never a prototype.
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The request did not complete: no connection, or it dropped before an answer. */
class NetworkError extends Error {
  constructor(endpoint, message) {
    super(`${endpoint}: the request failed: ${message}`);
    this.name = "NetworkError";
    this.endpoint = endpoint;
  }
}

/** No answer within the client's `timeoutMs`. */
class TimeoutError extends Error {
  constructor(endpoint, timeoutMs) {
    super(`${endpoint}: no answer within ${timeoutMs} ms`);
    this.name = "TimeoutError";
    this.endpoint = endpoint;
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired; `reason` is its reason, whatever it was. */
class AbortError extends Error {
  constructor(endpoint, reason) {
    super(`${endpoint}: the request was aborted`);
    this.name = "AbortError";
    this.endpoint = endpoint;
    this.reason = reason;
  }
}

/** A success status whose body is not the documented JSON. */
class ResponseError extends Error {
  constructor(endpoint, outcome) {
    super(outcome.message);
    this.name = "ResponseError";
    this.endpoint = endpoint;
    this.status = outcome.status;
    this.body = outcome.body;
  }
}

/** The longest delay timers hold (2^31 - 1 ms, about 24.8 days); a larger one fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** Only these methods are retried (the Databrain updates); POST and PATCH never are. */
const IDEMPOTENT = new Set(["PUT"]);

function retryPolicy(retry) {
  if (retry === undefined || retry === false) return { retries: 0, backoffMs: 0 };
  const { retries = 2, backoffMs = 200 } = retry === true ? {} : retry;
  if (!Number.isInteger(retries) || retries < 0) throw new TypeError("retry.retries must be a whole number >= 0");
  if (typeof backoffMs !== "number" || !(backoffMs >= 0 && backoffMs <= MAX_TIMER_MS)) {
    throw new TypeError("retry.backoffMs must be a number from 0 to 2147483647");
  }
  return { retries, backoffMs };
}

function clientOptions(options) {
  const { token, baseUrl, timeoutMs, retry, strict = false } = options ?? {};
  if (typeof token !== "string" || token.trim() === "") throw new TypeError("token must be a non-empty string");
  if (baseUrl !== undefined && typeof baseUrl !== "string") throw new TypeError("baseUrl must be a string");
  if (typeof strict !== "boolean") throw new TypeError("strict must be a boolean");
  if (timeoutMs !== undefined && !(typeof timeoutMs === "number" && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
    throw new TypeError("timeoutMs must be a positive number of milliseconds, at most 2147483647");
  }
  return { token, baseUrl, timeoutMs, retry: retryPolicy(retry), strict };
}

/** Waits, unless the caller aborts first. */
function pause(ms, endpoint, signal) {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError(endpoint, signal.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Whether `value`, read as `validate` reads it (own enumerable keys, `undefined` as absent), is
 * exactly the data `sent` (what JSON.parse makes of JSON.stringify(value)). False where
 * serialising changes the body: toJSON (Dates), boxed primitives, getters (which may answer
 * differently on each read), values JSON cannot hold, array holes, or nesting past the limit.
 */
function sameData(value, sent, depth = 0) {
  if (sent === null || typeof sent !== "object") return value === sent;
  if (depth > 66 || value === null || typeof value !== "object" || typeof value.toJSON === "function") return false;
  if (Array.isArray(sent)) {
    if (!Array.isArray(value) || value.length !== sent.length) return false;
    for (let i = 0; i < sent.length; i++) {
      const d = Object.getOwnPropertyDescriptor(value, i);
      if (d === undefined || !("value" in d) || !sameData(d.value, sent[i], depth + 1)) return false;
    }
    return true;
  }
  if (Array.isArray(value)) return false;
  const keys = Object.keys(sent);
  let n = 0;
  for (const k of Object.keys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, k);
    if (d === undefined || !("value" in d)) return false;
    if (d.value === undefined) continue;
    if (keys[n] !== k || !sameData(d.value, sent[k], depth + 1)) return false;
    n++;
  }
  return n === keys.length;
}

/**
 * A copy of a request object as plain data (strings only), read here in JavaScript so that a
 * caller's getter, Proxy trap or toJSON never runs inside the wasm module: whatever they throw
 * becomes a TypeError naming what could not be read (never the caller's message, which may hold
 * a secret).
 */
function plainRequest(request, what) {
  if (request === null || typeof request !== "object") throw new TypeError(`${what} expects a request from buildRequest`);
  let endpoint, method, url, body, headers;
  try {
    ({ endpoint, method, url, body } = request);
    const h = request.headers;
    headers = {};
    if (h !== undefined && h !== null) {
      if (typeof h !== "object") throw new TypeError("headers");
      for (const [name, v] of Object.entries(h)) if (typeof v === "string") headers[name] = v;
    }
  } catch (_) {
    throw new TypeError(`${what}: the request could not be read (a getter or Proxy trap threw)`);
  }
  if (typeof method !== "string") throw new TypeError(`${what}: request.method must be a string`);
  if (typeof url !== "string") throw new TypeError(`${what}: request.url must be a string`);
  if (body !== undefined && body !== null && typeof body !== "string") throw new TypeError(`${what}: request.body must be a string`);
  if (endpoint !== undefined && typeof endpoint !== "string") throw new TypeError(`${what}: request.endpoint must be a string`);
  return { endpoint, method, url, headers, body: body ?? undefined };
}

/** buildRequest, toCurl and the two clients over a wasm module's exports. */
function requests(wasm, guard, validate) {
  function buildRequest(endpoint, body, options) {
    guard();
    const index = endpointIndex(endpoint);
    const { token, baseUrl, id, strict = false } = options ?? {};
    if (typeof strict !== "boolean") throw new TypeError("buildRequest: options.strict must be a boolean");
    // What is validated is what is sent: the body is serialised once, here, and the module
    // validates and sends that text's data. A body whose serialisation differs from what
    // validate() reads in it is refused rather than sent as something else.
    if (busy) throw reentered("buildRequest");
    let text;
    try {
      text = JSON.stringify(body);
    } catch (_) {
      throw new TypeError(`${endpoint}: the body cannot be serialised as JSON (a cycle, a BigInt, or a getter or toJSON that threw)`);
    }
    const sent = text === undefined ? body : JSON.parse(text);
    if (text !== undefined && !sameData(body, sent)) {
      // Unless it is invalid anyway: then the report says why, as validate's would.
      const result = validate(endpoint, body, { strict });
      if (!result.ok) throw new ValidationError(endpoint, result);
      throw new TypeError(
        `${endpoint}: the body changes when serialised as JSON (toJSON, a Date, a boxed primitive, a getter, or a value JSON drops); pass plain JSON data, so that what is validated is what is sent`,
      );
    }
    busy = true;
    let built;
    try {
      built = wasm.build(index, sent, token, baseUrl, id, strict, text);
    } finally {
      busy = false;
    }
    if (built.invalid) throw new ValidationError(endpoint, built.invalid);
    return built;
  }

  function toCurl(request, options) {
    guard();
    const plain = plainRequest(request, "toCurl");
    const reveal = options?.revealSecrets === true;
    if (busy) throw reentered("toCurl");
    busy = true;
    try {
      return wasm.curl(plain, reveal);
    } finally {
      busy = false;
    }
  }

  function redactRequest(request) {
    guard();
    const plain = plainRequest(request, "redactRequest");
    if (busy) throw reentered("redactRequest");
    busy = true;
    try {
      return wasm.redact(plain);
    } finally {
      busy = false;
    }
  }

  async function call(config, endpoint, body, id, options) {
    const signal = options?.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError("signal must be an AbortSignal");
    const request = buildRequest(endpoint, body, { token: config.token, baseUrl: config.baseUrl, id, strict: config.strict });
    const index = endpointIndex(endpoint);
    const attempts = IDEMPOTENT.has(request.method) ? config.retry.retries + 1 : 1;
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
        outcome = await wasm.send(index, request, controller.signal);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
      let error;
      switch (outcome.kind) {
        case "ok":
          return outcome.data;
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
          throw new TimeoutError(endpoint, config.timeoutMs);
      }
      const retryable = error instanceof NetworkError || error.status >= 500;
      if (!retryable || attempt + 1 >= attempts) throw error;
      await pause(Math.min(config.retry.backoffMs * 2 ** attempt, MAX_TIMER_MS), endpoint, signal);
    }
  }

  /** Databrain's v2 workspace and datasource endpoints (default base URL https://api.usedatabrain.com). */
  class DatabrainClient {
    #config;
    constructor(options) {
      this.#config = clientOptions(options);
    }
    createWorkspace(body, options) {
      return call(this.#config, "databrain.createWorkspace", body, undefined, options);
    }
    updateWorkspace(body, options) {
      return call(this.#config, "databrain.updateWorkspace", body, undefined, options);
    }
    createDatasource(body, options) {
      return call(this.#config, "databrain.createDatasource", body, undefined, options);
    }
    updateDatasource(body, options) {
      return call(this.#config, "databrain.updateDatasource", body, undefined, options);
    }
  }

  /** LightOn Paradigm's v3 workspace endpoints (default base URL https://api.lighton.ai). */
  class ParadigmClient {
    #config;
    constructor(options) {
      this.#config = clientOptions(options);
    }
    updateWorkspace(id, body, options) {
      return call(this.#config, "paradigm.updateWorkspace", body, id, options);
    }
    testDatasource(id, datasource, options) {
      return call(this.#config, "paradigm.testDatasource", datasource, id, options);
    }
  }

  return { buildRequest, toCurl, redactRequest, DatabrainClient, ParadigmClient };
}
