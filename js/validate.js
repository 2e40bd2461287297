// @ts-check
// validate and validateMany, with what every call into the wasm module shares: the endpoint id →
// index map, the `strict` option, and the one-call-at-a-time guard. Declared in ./index.d.ts.
//
// Two paths give the same report. The fast one: the endpoint's generated reader (./readers.js)
// measures the body into a buffer in wasm memory, then one call, `checkFast`, judges it there
// (src/wasm/fast.rs). The generic one, `check(endpointIndex, body, strict)` (src/wasm/mod.rs),
// reads the live value from wasm; it takes a body that is no object, and one whose reading threw
// (a getter, a Proxy trap), so that each such value reads as unreadable, as it always has.
/** @import { EndpointId, ValidationResult } from "./index.js" */
/** @import { Wasm } from "./wasm.js" */
import { ENDPOINTS } from "./data.js";
import { readers, CELLS } from "./readers.js";
import { ValidationError } from "./errors.js";

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
  // Own enumerable keys, as Object.keys lists them, without allocating its array on every call.
  for (const key in options) {
    if (key !== "strict" && Object.prototype.propertyIsEnumerable.call(options, key)) {
      throw new TypeError(`${what}: unknown option ${JSON.stringify(key.slice(0, 40))}; known: strict`);
    }
  }
  const strict = /** @type {{ strict?: unknown }} */ (options).strict;
  if (strict === undefined) return false;
  if (typeof strict !== "boolean") throw new TypeError(`${what}: options.strict must be a boolean`);
  return strict;
}

/**
 * The wasm exports: `check` gives `undefined` for a body with neither issues nor warnings (the
 * common case builds no result in wasm), else the result; `checkFast` gives 0 for such a body,
 * 1 when `fastReport()` has the result, 2 for an index it does not know (then `check` throws
 * the TypeError); the others set up the fast path's buffer and value list.
 * @typedef {{
 *   check(index: number, body: unknown, strict: boolean): ValidationResult | undefined,
 *   checkFast(index: number, strict: boolean): number,
 *   fastReport(): ValidationResult,
 *   fastBuffer(cells: number): number,
 *   fastMemory(): WebAssembly.Memory,
 *   fastValues(values: unknown[], keys: unknown[]): void,
 * }} CheckExports
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
 * The readers of each wasm instance's fast path, by the instance's memory. Entries can share an
 * instance (Node's two ESM entries share the validator's glue, so its one module): the value list
 * the instance reads is the one it was given, so every validation over it uses the same readers.
 * @type {WeakMap<WebAssembly.Memory, ReturnType<typeof readers>>}
 */
const READERS = new WeakMap();

/**
 * validate and validateMany over an entry's wasm module. `generic: true` (for the differential
 * tests) takes the generic path for every body.
 * @param {Wasm<CheckExports>} wasm
 * @param {{ generic?: boolean }} [how]
 */
export function validation(wasm, how) {
  const generic = how?.generic === true;
  /** @type {ReturnType<typeof readers> | null} */
  let fast = null;
  let view = new Float64Array(0);
  let at = 0;

  /**
   * One body's result (`undefined`: clean), by the fast path where it can take the body. Called
   * inside enter/leave.
   * @param {CheckExports} exports
   * @param {number} index
   * @param {unknown} body
   * @param {boolean} strict
   */
  function check(exports, index, body, strict) {
    if (generic) return exports.check(index, body, strict);
    if (fast === null) {
      const memory = exports.fastMemory();
      fast = READERS.get(memory) ?? null;
      if (fast === null) {
        fast = readers();
        exports.fastValues(fast.V, fast.keys());
        READERS.set(memory, fast);
      }
      at = exports.fastBuffer(CELLS);
    }
    // A view of a memory that grew since is detached (length 0): view it again.
    if (view.length === 0) {
      view = new Float64Array(exports.fastMemory().buffer, at, CELLS);
      fast.view(view);
    }
    let used;
    try {
      used = fast.read[index](body);
    } catch (_) {
      fast.clear(CELLS);
      return exports.check(index, body, strict);
    }
    if (used < 0) return exports.check(index, body, strict);
    try {
      const found = exports.checkFast(index, strict);
      if (found === 0) return undefined;
      if (found === 1) return exports.fastReport();
      return exports.check(index, body, strict);
    } finally {
      // The values measured are the caller's: none is kept past the call.
      fast.clear(used);
    }
  }

  /** @type {typeof import("./index.js").validate} */
  function validate(endpoint, body, options) {
    const exports = wasm.exports();
    const strict = options === undefined ? false : strictOption(options, "validate");
    const index = endpointIndex(endpoint);
    enter("validate");
    let result;
    try {
      result = check(exports, index, body, strict);
    } finally {
      leave();
    }
    return reported(result);
  }

  /** @type {typeof import("./index.js").validateMany} */
  function validateMany(endpoint, bodies, options) {
    const exports = wasm.exports();
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
        const result = check(exports, index, body, strict);
        results[n] = reported(result);
      }
      return results;
    } finally {
      leave();
    }
  }

  return { validate, validateMany };
}

/**
 * `isValid(endpoint, body, options)` over an entry's validate: whether the API should accept the
 * body (warnings do not count), as a type guard to the endpoint's body type.
 * @param {typeof import("./index.js").validate} validate
 * @returns {typeof import("./index.js").isValid}
 */
export function isValidOf(validate) {
  return /** @type {any} */ ((/** @type {EndpointId} */ endpoint, /** @type {unknown} */ body, /** @type {any} */ options) => validate(endpoint, body, options).ok);
}

/**
 * `parse(endpoint, body, options)` over an entry's validate: the body itself, typed, when the API
 * should accept it; else a ValidationError with every issue (warnings never throw).
 * @param {typeof import("./index.js").validate} validate
 * @returns {typeof import("./index.js").parse}
 */
export function parseOf(validate) {
  return /** @type {any} */ ((/** @type {EndpointId} */ endpoint, /** @type {unknown} */ body, /** @type {any} */ options) => {
    const result = validate(endpoint, body, options);
    if (!result.ok) throw new ValidationError(endpoint, result);
    return body;
  });
}
