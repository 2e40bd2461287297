// @ts-check
// validate and validateMany over the wasm export `check(endpointIndex, body, strict)`
// (src/wasm/mod.rs), with what every call into the wasm module shares: the endpoint id → index
// map, the `strict` option, and the one-call-at-a-time guard. Declared in ./index.d.ts.
/** @import { EndpointId, ValidationResult } from "./index.js" */
/** @import { Wasm } from "./wasm.js" */
import { ENDPOINTS } from "./data.js";

/** Endpoint ids in the order of the Rust ENDPOINTS table: the index is what the wasm functions take. */
const IDS = /** @type {{ id: EndpointId }[]} */ (JSON.parse(ENDPOINTS)).map((e) => e.id);
const INDEX = new Map(IDS.map((id, i) => [id, i]));
const UNREADABLE = Symbol("unreadable");

// One call into the wasm module at a time. A getter, Proxy trap or toJSON of a body runs while the
// module is reading it; calling the package again from there would re-enter the module mid-call,
// so that inner call is refused with a TypeError (which the reading code catches like any error of
// a getter: the outer call goes on and reports that value as unreadable).
let busy = false;

/**
 * Throws the TypeError of a re-entrant call if a call into the wasm module is under way.
 * @param {string} what the function called, for the message
 */
export function refuseReentry(what) {
  if (busy) {
    throw new TypeError(`workspace-requests: ${what} was called from inside a value it was reading (a getter, a Proxy trap or toJSON); call it afterwards`);
  }
}

/**
 * Starts a call into the wasm module (refused if one is under way); `leave()` ends it, in a
 * `finally`.
 * @param {string} what
 */
export function enter(what) {
  refuseReentry(what);
  busy = true;
}

export function leave() {
  busy = false;
}

/**
 * The index of an endpoint id in the wasm module's table; a TypeError listing the known ids for
 * anything else.
 * @param {unknown} endpoint
 * @returns {number}
 */
export function endpointIndex(endpoint) {
  const i = INDEX.get(/** @type {EndpointId} */ (endpoint));
  if (i !== undefined) return i;
  const shown =
    typeof endpoint === "string" ? JSON.stringify(endpoint.length > 40 ? endpoint.slice(0, 40) + "…" : endpoint) : "a value that is no string";
  throw new TypeError(`unknown endpoint id ${shown}; known ids: ${IDS.join(", ")}`);
}

/**
 * `strict` from the options of validate, validateMany and jsonSchema (`{ strict?: boolean }`): a
 * mistyped or unknown option is a TypeError, never silently the default.
 * @param {unknown} options
 * @param {string} what the function the options are for, for messages
 * @returns {boolean}
 */
export function strictOption(options, what) {
  if (options === undefined || options === null) return false;
  if (typeof options !== "object") throw new TypeError(`${what}: options must be an object such as { strict: true }`);
  for (const key of Object.keys(options)) {
    if (key !== "strict") throw new TypeError(`${what}: unknown option ${JSON.stringify(key.slice(0, 40))}; known: strict`);
  }
  const strict = /** @type {{ strict?: unknown }} */ (options).strict;
  if (strict === undefined) return false;
  if (typeof strict !== "boolean") throw new TypeError(`${what}: options.strict must be a boolean`);
  return strict;
}

/**
 * The wasm export: `undefined` for a body with neither issues nor warnings (the common case
 * builds no result in wasm), else the result.
 * @typedef {{ check(index: number, body: unknown, strict: boolean): ValidationResult | undefined }} CheckExports
 */

/**
 * A fresh clean result for `check`'s `undefined`, else its result.
 * @param {ValidationResult | undefined} result
 * @returns {ValidationResult}
 */
function reported(result) {
  return result === undefined ? { ok: true, issues: [], warnings: [] } : result;
}

/**
 * validate and validateMany over an entry's wasm module.
 * @param {Wasm<CheckExports>} wasm
 */
export function validation(wasm) {
  /** @type {typeof import("./index.js").validate} */
  function validate(endpoint, body, options) {
    const { check } = wasm.exports();
    const strict = options === undefined ? false : strictOption(options, "validate");
    const index = endpointIndex(endpoint);
    enter("validate");
    let result;
    try {
      result = check(index, body, strict);
    } finally {
      leave();
    }
    return reported(result);
  }

  /** @type {typeof import("./index.js").validateMany} */
  function validateMany(endpoint, bodies, options) {
    const { check } = wasm.exports();
    const index = endpointIndex(endpoint);
    const strict = strictOption(options, "validateMany");
    if (!Array.isArray(bodies)) throw new TypeError("validateMany expects an array of bodies");
    enter("validateMany");
    try {
      const results = new Array(bodies.length);
      for (let n = 0; n < bodies.length; n++) {
        let body;
        try {
          body = bodies[n];
        } catch (_) {
          body = UNREADABLE;
        }
        const result = check(index, body, strict);
        results[n] = reported(result);
      }
      return results;
    } finally {
      leave();
    }
  }

  return { validate, validateMany };
}
