// @ts-check
// Standard Schema v1 (https://standardschema.dev) and Standard JSON Schema v1 for each endpoint's
// body, over an entry's validate and jsonSchema: the schema object react-hook-form's
// standardSchemaResolver, TanStack Form, tRPC's .input() and Hono's sValidator take. It judges
// nothing itself: validation is validate's, the JSON Schema is jsonSchema's (draft-07 is the
// same schema in that dialect's spelling). Declared in ./index.d.ts.
/** @import { EndpointId, Issue, Warning } from "./index.js" */
import { ENDPOINTS } from "./data.js";
import { jsonSchema } from "./introspect.js";
import { endpointIndex, strictOption } from "./validate.js";
import { pointerKeys } from "./issues.js";

const VENDOR = "workspace-requests";
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

/**
 * The value at `key` of `node` as validate read it, without running a getter again (`undefined`
 * for an accessor, a Proxy whose trap throws, or anything that is no object).
 * @param {unknown} node
 * @param {string} key
 */
function own(node, key) {
  if (node === null || typeof node !== "object") return undefined;
  try {
    const d = Object.getOwnPropertyDescriptor(node, key);
    return d !== undefined && "value" in d ? d.value : undefined;
  } catch (_) {
    return undefined;
  }
}

/**
 * Standard Schema's path of a JSON Pointer into `value`: its keys in order, an array index as a
 * number (a key is an index where the value at that point is an array).
 * @param {string} pointer
 * @param {unknown} value
 * @returns {(string | number)[]}
 */
function pathOf(pointer, value) {
  /** @type {(string | number)[]} */
  const path = [];
  let node = value;
  for (const key of pointerKeys(pointer)) {
    let array = false;
    try {
      array = Array.isArray(node);
    } catch (_) {
      // A revoked Proxy: its keys stay strings.
    }
    path.push(array && /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key);
    node = own(node, key);
  }
  return path;
}

/**
 * One issue or warning as a Standard Schema issue: `message` and `path`, with our `code`,
 * `pointer` (the JSON Pointer), `apiCode` and `params`.
 * @param {Issue | Warning} found
 * @param {unknown} value
 */
function standardIssue(found, value) {
  return { message: found.message, path: pathOf(found.path, value), code: found.code, pointer: found.path, apiCode: found.apiCode, params: found.params };
}

/**
 * A JSON Schema of ours (draft 2020-12) in draft-07's spelling: `$defs` → `definitions` (and the
 * references to them), a `$ref` with siblings inside `allOf` (draft-07 ignores a `$ref`'s
 * siblings), no `contentSchema` (a 2019-09 keyword; `contentMediaType` stays), draft-07's
 * `$schema`.
 * @param {unknown} node
 * @returns {unknown}
 */
function toDraft07(node) {
  if (Array.isArray(node)) return node.map(toDraft07);
  if (node === null || typeof node !== "object") return node;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, v] of Object.entries(node)) {
    if (key === "contentSchema") continue;
    if (key === "$schema") out.$schema = DRAFT_07;
    else if (key === "$ref" && typeof v === "string") out.$ref = v.replace(/^#\/\$defs\//, "#/definitions/");
    else if (key === "$defs" || key === "properties" || key === "definitions") {
      out[key === "$defs" ? "definitions" : key] = Object.fromEntries(Object.entries(/** @type {object} */ (v)).map(([k, s]) => [k, toDraft07(s)]));
    } else out[key] = toDraft07(v);
  }
  if (typeof out.$ref === "string" && Object.keys(out).length > 1) {
    const { $ref, ...rest } = out;
    return { ...rest, allOf: [{ $ref }, ...(Array.isArray(rest.allOf) ? rest.allOf : [])] };
  }
  return out;
}

/**
 * A JSON Schema of ours (draft 2020-12) as an OpenAPI 3.0 Schema Object (a superset of a subset
 * of draft 04): self-contained, each `$ref` replaced by its definition (our schemas are not
 * recursive); `if`/`then` as the implication it states, `anyOf: [{ not: if }, then]`; `const`
 * as a one-value `enum`; a `null` alternative as `nullable: true`; `examples` as `example`; no
 * `$schema`, `$defs`, `contentMediaType` or `contentSchema`.
 * @param {Record<string, unknown>} schema
 * @returns {Record<string, unknown>}
 */
function toOpenApi30(schema) {
  const defs = /** @type {Record<string, unknown>} */ (schema.$defs ?? {});
  /**
   * @param {unknown} node
   * @param {string[]} within the definitions being inlined, for a cycle
   * @returns {any}
   */
  const convert = (node, within) => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
    /** A subschema: 3.0 has no boolean schemas. @param {unknown} v */
    const sub = (v) => (v === true ? {} : v === false ? { not: {} } : convert(v, within));
    /** @type {Record<string, any>} */
    const out = {};
    /** @type {any[]} */
    const allOf = [];
    const n = /** @type {Record<string, unknown>} */ (node);
    for (const [key, v] of Object.entries(n)) {
      if (key === "$schema" || key === "$defs" || key === "contentMediaType" || key === "contentSchema" || key === "then" || key === "else") continue;
      if (key === "$ref" && typeof v === "string") {
        const name = v.replace(/^#\/\$defs\//, "");
        if (within.includes(name) || !Object.hasOwn(defs, name)) throw new TypeError(`workspace-requests: cannot inline ${v} for OpenAPI 3.0`);
        allOf.push(convert(defs[name], [...within, name]));
      } else if (key === "const") out.enum = [v];
      else if (key === "examples" && Array.isArray(v)) {
        if (v.length > 0) out.example = v[0];
      } else if (key === "if") {
        const then = n.then === undefined ? {} : sub(n.then);
        allOf.push(n.else === undefined ? { anyOf: [{ not: sub(v) }, then] } : { anyOf: [{ allOf: [sub(v), then] }, { allOf: [{ not: sub(v) }, sub(n.else)] }] });
      } else if (key === "allOf" && Array.isArray(v)) allOf.push(...v.map(sub));
      else if ((key === "anyOf" || key === "oneOf") && Array.isArray(v) && v.some((s) => s?.type === "null")) {
        // `anyOf: [{ type: "null" }, X]`: X, nullable.
        const rest = v.filter((s) => s?.type !== "null").map((s) => ({ ...sub(s), nullable: true }));
        if (rest.length === 1) Object.assign(out, rest[0]);
        else out[key] = rest;
      } else if ((key === "anyOf" || key === "oneOf") && Array.isArray(v)) out[key] = v.map(sub);
      else if (key === "properties" && v !== null && typeof v === "object") {
        out.properties = Object.fromEntries(Object.entries(v).map(([k, s]) => [k, sub(s)]));
      } else if (key === "items" || key === "not") out[key] = sub(v);
      else if (key === "type" && Array.isArray(v)) {
        const types = v.filter((t) => t !== "null");
        if (types.length === 1) out.type = types[0];
        else out.anyOf = types.map((t) => ({ type: t }));
        if (types.length < v.length) out.nullable = true;
      } else if (key === "type" && v === "null") {
        out.nullable = true;
        out.enum = [null];
      } else out[key] = v;
    }
    // A lone inlined definition with nothing beside it is that definition.
    if (allOf.length === 1 && Object.keys(out).length === 0) return allOf[0];
    if (allOf.length > 0) out.allOf = allOf;
    return out;
  };
  return convert(schema, []);
}

/**
 * The JSON Schema of a body for a Standard JSON Schema target.
 * @param {EndpointId} endpoint
 * @param {boolean} strict
 * @param {unknown} options
 * @returns {Record<string, unknown>}
 */
function converted(endpoint, strict, options) {
  const target = options === undefined ? "draft-2020-12" : /** @type {{ target?: unknown }} */ (options)?.target;
  const schema = jsonSchema(endpoint, { strict });
  if (target === "draft-2020-12") return schema;
  if (target === "draft-07") return /** @type {Record<string, unknown>} */ (toDraft07(schema));
  if (target === "openapi-3.0") return toOpenApi30(schema);
  const shown = typeof target === "string" ? JSON.stringify(target.slice(0, 40)) : "a target that is no string";
  throw new TypeError(`workspace-requests: no JSON Schema for ${shown}; the targets are "draft-2020-12", "draft-07" and "openapi-3.0"`);
}

/**
 * The schema objects made over each entry's validate, per mode, made on first use: `schemas[id]`
 * and `schema(id)` are the same object.
 * @type {WeakMap<Function, [Map<EndpointId, any>, Map<EndpointId, any>]>}
 */
const MADE = new WeakMap();

/**
 * The schema object of `endpoint` in a mode, over `validate`.
 * @param {typeof import("./index.js").validate} validate
 * @param {EndpointId} endpoint
 * @param {boolean} strict
 */
function made(validate, endpoint, strict) {
  let byMode = MADE.get(validate);
  if (byMode === undefined) MADE.set(validate, (byMode = [new Map(), new Map()]));
  const cache = byMode[strict ? 1 : 0];
  let s = cache.get(endpoint);
  if (s === undefined) cache.set(endpoint, (s = make(validate, endpoint, strict)));
  return s;
}

/**
 * @param {typeof import("./index.js").validate} validate
 * @param {EndpointId} endpoint
 * @param {boolean} strict
 */
function make(validate, endpoint, strict) {
  const options = { strict };
  const props = Object.freeze({
    version: /** @type {const} */ (1),
    vendor: VENDOR,
    /** @param {unknown} value */
    validate(value) {
      const result = validate(endpoint, value, options);
      // Warnings do not fail validation; they stay reachable on either result.
      const warnings = result.warnings.map((w) => standardIssue(w, value));
      if (result.ok) return { value: /** @type {any} */ (value), warnings };
      return { issues: result.issues.map((i) => standardIssue(i, value)), warnings };
    },
    jsonSchema: Object.freeze({
      /** @param {unknown} o */
      input: (o) => converted(endpoint, strict, o),
      /** @param {unknown} o */
      output: (o) => converted(endpoint, strict, o),
    }),
  });
  return Object.freeze({ "~standard": props, endpoint, strict });
}

/**
 * `schemas` over an entry's validate: every endpoint's schema in the default mode (each made on
 * first access). Entries call it as a pure expression, so that a bundler drops it, and with it
 * this module and the JSON Schema data, from an app that does not use it.
 * @param {typeof import("./index.js").validate} validate
 * @returns {typeof import("./index.js").schemas}
 */
export function schemasOf(validate) {
  const ids = /** @type {{ id: EndpointId }[]} */ (JSON.parse(ENDPOINTS)).map((e) => e.id);
  const all = {};
  for (const id of ids) Object.defineProperty(all, id, { enumerable: true, get: () => made(validate, id, false) });
  return /** @type {any} */ (Object.freeze(all));
}

/**
 * `schema(endpoint, options)` over an entry's validate.
 * @param {typeof import("./index.js").validate} validate
 * @returns {typeof import("./index.js").schema}
 */
export function schemaOf(validate) {
  return (endpoint, options) => {
    endpointIndex(endpoint);
    const strict = options !== undefined && strictOption(options, "schema");
    return made(validate, endpoint, strict);
  };
}
