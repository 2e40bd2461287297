// @ts-check
// buildRequest, toCurl and redactRequest over the wasm exports `build`, `curl` and `redact`
// (src/wasm/client.rs): the module validates, builds and redacts; this file serialises the body
// once and reads a caller's request objects in JavaScript, so that no getter, Proxy trap or toJSON
// of theirs runs inside the module. Declared in ./index.d.ts.
/** @import { BuildOptions, BuiltRequest, BuiltRequestData, EndpointId, ValidationResult } from "./index.js" */
/** @import { Wasm } from "./wasm.js" */
import { ValidationError } from "./errors.js";
import { endpointIndex, enter, leave, refuseReentry } from "./validate.js";

/**
 * Whether `value`, read as `validate` reads it (own enumerable keys, `undefined` as absent), is
 * exactly the data `sent` (what JSON.parse makes of JSON.stringify(value)). False where
 * serialising changes the body: toJSON (Dates), boxed primitives, getters (which may answer
 * differently on each read), values JSON cannot hold, array holes, or nesting past the limit.
 * @param {unknown} value
 * @param {unknown} sent
 * @returns {boolean}
 */
export function sameData(value, sent, depth = 0) {
  if (sent === null || typeof sent !== "object") return value === sent;
  if (depth > 66 || value === null || typeof value !== "object" || typeof (/** @type {{ toJSON?: unknown }} */ (value).toJSON) === "function") {
    return false;
  }
  if (Array.isArray(sent)) {
    if (!Array.isArray(value) || value.length !== sent.length) return false;
    for (let i = 0; i < sent.length; i++) {
      const d = Object.getOwnPropertyDescriptor(value, i);
      if (d === undefined || !("value" in d) || !sameData(d.value, sent[i], depth + 1)) return false;
    }
    return true;
  }
  if (Array.isArray(value)) return false;
  const record = /** @type {Record<string, unknown>} */ (sent);
  const keys = Object.keys(record);
  let n = 0;
  for (const k of Object.keys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, k);
    if (d === undefined || !("value" in d)) return false;
    if (d.value === undefined) continue;
    if (keys[n] !== k || !sameData(d.value, record[k], depth + 1)) return false;
    n++;
  }
  return n === keys.length;
}

/**
 * A request object as the wasm exports read it: strings only.
 * @typedef {{ endpoint: string | undefined, method: string, url: string, headers: Record<string, string>, body: string | undefined }} PlainRequest
 */

/**
 * A copy of a request object as plain data (strings only), read here in JavaScript so that a
 * caller's getter, Proxy trap or toJSON never runs inside the wasm module: whatever they throw
 * becomes a TypeError naming what could not be read (never the caller's message, which may hold
 * a secret).
 * @param {unknown} request
 * @param {string} what the function reading it, for messages
 * @returns {PlainRequest}
 */
export function plainRequest(request, what) {
  if (request === null || typeof request !== "object") throw new TypeError(`${what} expects a request from buildRequest`);
  /** @type {unknown} */ let endpoint;
  /** @type {unknown} */ let method;
  /** @type {unknown} */ let url;
  /** @type {unknown} */ let body;
  /** @type {Record<string, string>} */ let headers;
  try {
    ({ endpoint, method, url, body } = /** @type {Record<string, unknown>} */ (request));
    const h = /** @type {{ headers?: unknown }} */ (request).headers;
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

/**
 * A plain copy of a caller's options, read here so that no getter or Proxy trap of theirs runs
 * inside the wasm module (which reads the copy with serde). Objects are copied (own enumerable
 * keys, a few levels deep); an AbortSignal is kept as it is; whatever a getter throws becomes a
 * TypeError naming `what`, never the caller's message.
 * @param {unknown} options
 * @param {string} what
 * @returns {unknown}
 */
export function plainOptions(options, what) {
  /** @type {(value: unknown, depth: number) => unknown} */
  const copy = (value, depth) => {
    if (value === null || typeof value !== "object" || depth > 4) return value;
    if (typeof AbortSignal !== "undefined" && value instanceof AbortSignal) return value;
    if (Array.isArray(value)) return value.map((v) => copy(v, depth + 1));
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const key of Object.keys(value)) {
      // Defined, not assigned: a key named "__proto__" stays data.
      const v = copy(/** @type {Record<string, unknown>} */ (value)[key], depth + 1);
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  try {
    return copy(options, 0);
  } catch (_) {
    throw new TypeError(`${what}: the options could not be read (a getter or Proxy trap threw)`);
  }
}

/**
 * Reads a caller's options with one of the wasm option readers (serde structs: an unknown or
 * mistyped option is a TypeError, which names `what`).
 * @template T
 * @param {string} what
 * @param {(options: unknown) => T} read
 * @param {unknown} options
 * @returns {T}
 */
export function readOptions(what, read, options) {
  return readPlain(what, read, plainOptions(options, what));
}

/**
 * `readOptions` over options already copied by `plainOptions`.
 * @template T
 * @param {string} what
 * @param {(options: unknown) => T} read
 * @param {unknown} plain
 * @returns {T}
 */
export function readPlain(what, read, plain) {
  enter(what);
  try {
    return read(plain);
  } catch (e) {
    throw e instanceof TypeError ? new TypeError(`${what}: ${e.message}`) : e;
  } finally {
    leave();
  }
}

/**
 * The wasm exports behind the request functions.
 * @typedef {{
 *   build(index: number, body: unknown, options: BuildOptions, text: string | undefined): BuiltRequestData<string> | { invalid: ValidationResult },
 *   buildOptions(options: unknown): BuildOptions & { strict: boolean },
 *   curl(request: PlainRequest, reveal: boolean, variable: string | undefined): string,
 *   curlOptions(options: unknown): { reveal: boolean, variable: string | undefined },
 *   redact(request: PlainRequest): BuiltRequestData<string>,
 * }} RequestExports
 */

/**
 * buildRequest, toCurl and redactRequest over an entry's wasm module; `validate` reports why a
 * body that changes when serialised is invalid anyway.
 * @param {Wasm<RequestExports>} wasm
 * @param {typeof import("./index.js").validate} validate
 */
export function requests(wasm, validate) {
  /** @type {typeof import("./index.js").buildRequest} */
  function buildRequest(endpoint, body, options) {
    const { build, buildOptions } = wasm.exports();
    const index = endpointIndex(endpoint);
    const read = readOptions("buildRequest", buildOptions, options);
    const strict = read.strict;
    // What is validated is what is sent: the body is serialised once, here, and the module
    // validates and sends that text's data. A body whose serialisation differs from what
    // validate() reads in it is refused rather than sent as something else.
    refuseReentry("buildRequest");
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
    enter("buildRequest");
    let built;
    try {
      built = build(index, sent, read, text);
    } finally {
      leave();
    }
    const invalid = /** @type {{ invalid?: ValidationResult }} */ (built).invalid;
    if (invalid) throw new ValidationError(endpoint, invalid);
    return /** @type {BuiltRequest<typeof endpoint>} */ (built);
  }

  /** @type {typeof import("./index.js").toCurl} */
  function toCurl(request, options) {
    const { curl, curlOptions } = wasm.exports();
    const plain = plainRequest(request, "toCurl");
    const { reveal, variable } = readOptions("toCurl", curlOptions, options);
    enter("toCurl");
    try {
      return curl(plain, reveal, variable);
    } finally {
      leave();
    }
  }

  /**
   * (Generic, so typed in full here; `api()` checks it against the declaration.)
   * @template {EndpointId} E
   * @param {BuiltRequest<E>} request
   * @returns {BuiltRequest<E>}
   */
  function redactRequest(request) {
    const { redact } = wasm.exports();
    const plain = plainRequest(request, "redactRequest");
    enter("redactRequest");
    try {
      return /** @type {BuiltRequest<E>} */ (redact(plain));
    } finally {
      leave();
    }
  }

  return { buildRequest, toCurl, redactRequest };
}
