// @ts-check
// endpoints(), describe(), jsonSchema() and openApi(): plain data generated from the Rust schemas
// (`gen -- data`, ./data.js; `gen -- described`, ./described.js, reached through
// ./described-source.js), kept as JSON text and parsed per call so that every caller gets a
// fresh copy. No wasm: they work before init(), and loading the package for them instantiates
// nothing. Declared in ./index.d.ts.
import { ENDPOINTS } from "./data.js";
import { described } from "./described-source.js";
import { endpointIndex } from "./validate.js";

/** @type {typeof import("./index.js").endpoints} */
export function endpoints() {
  return JSON.parse(ENDPOINTS);
}

/**
 * The data keeps each variant's `fieldsInForce` as positions, so that every field is written once
 * (`gen -- data`): a field of the object is its index in `fields`, one of the variant's is
 * `-1 - ` its index in the variant's `fields`. Here they become those field objects again.
 * @param {any} node
 */
function fieldsInForce(node) {
  if (node === null || typeof node !== "object") return;
  for (const key of Object.keys(node)) fieldsInForce(node[key]);
  if (node.union && Array.isArray(node.fields)) {
    for (const v of node.union.variants) {
      v.fieldsInForce = v.fieldsInForce.map((/** @type {number} */ i) => (i < 0 ? v.fields[-1 - i] : node.fields[i]));
    }
  }
}

/** @type {typeof import("./index.js").describe} */
export function describe(endpoint) {
  endpointIndex(endpoint);
  const description = JSON.parse(described().DESCRIPTIONS[endpoint]);
  fieldsInForce(description);
  return description;
}

/**
 * jsonSchema's options: `strict` as validate takes it, `id` (the root's `$id`) and `refPrefix`
 * (how references to the definitions start). A mistyped or unknown option is a TypeError.
 * @param {unknown} options
 * @returns {{ strict: boolean, id: string | undefined, refPrefix: string | undefined }}
 */
function schemaOptions(options) {
  if (options === undefined || options === null) return { strict: false, id: undefined, refPrefix: undefined };
  if (typeof options !== "object") throw new TypeError("jsonSchema: options must be an object such as { strict: true }");
  const known = ["strict", "id", "refPrefix"];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`jsonSchema: unknown option ${JSON.stringify(key.slice(0, 40))}; known: ${known.join(", ")}`);
  }
  const { strict, id, refPrefix } = /** @type {{ strict?: unknown, id?: unknown, refPrefix?: unknown }} */ (options);
  if (strict !== undefined && typeof strict !== "boolean") throw new TypeError("jsonSchema: options.strict must be a boolean");
  if (id !== undefined && (typeof id !== "string" || id === "")) throw new TypeError("jsonSchema: options.id must be a non-empty string (a URI)");
  if (refPrefix !== undefined && typeof refPrefix !== "string") throw new TypeError("jsonSchema: options.refPrefix must be a string such as \"#/components/schemas/\"");
  return { strict: strict === true, id, refPrefix };
}

/**
 * Every `$ref` to `#/$defs/<name>` in `node`, as `<prefix><name>`, in place.
 * @param {unknown} node
 * @param {string} prefix
 */
function prefixRefs(node, prefix) {
  if (node === null || typeof node !== "object") return;
  const o = /** @type {Record<string, unknown>} */ (node);
  if (typeof o.$ref === "string" && o.$ref.startsWith("#/$defs/")) o.$ref = prefix + o.$ref.slice("#/$defs/".length);
  for (const v of Object.values(o)) prefixRefs(v, prefix);
}

/** @type {typeof import("./index.js").jsonSchema} */
export function jsonSchema(endpoint, options) {
  const data = described();
  const { strict, id, refPrefix } = schemaOptions(options);
  endpointIndex(endpoint);
  const schema = JSON.parse((strict ? data.STRICT_SCHEMAS : data.SCHEMAS)[endpoint]);
  if (refPrefix !== undefined) prefixRefs(schema, refPrefix);
  if (id === undefined) return schema;
  // `$id` right after `$schema`, where a reader looks for it.
  const { $schema, ...rest } = schema;
  return { $schema, $id: id, ...rest };
}

/** @type {typeof import("./index.js").openApi} */
export function openApi() {
  return JSON.parse(described().OPENAPI);
}
