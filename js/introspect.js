// @ts-check
// endpoints(), describe() and jsonSchema(): plain data generated from the Rust schemas
// (`gen -- data`, ./data.js; `gen -- described`, ./described.js, reached through
// ./described-source.js), kept as JSON text and parsed per call so that every caller gets a
// fresh copy. No wasm: they work before init(), and loading the package for them instantiates
// nothing. Declared in ./index.d.ts.
import { ENDPOINTS } from "./data.js";
import { described } from "./described-source.js";
import { endpointIndex, strictOption } from "./validate.js";

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

/** @type {typeof import("./index.js").jsonSchema} */
export function jsonSchema(endpoint, options) {
  const data = described();
  const schemas = strictOption(options, "jsonSchema") ? data.STRICT_SCHEMAS : data.SCHEMAS;
  endpointIndex(endpoint);
  return JSON.parse(schemas[endpoint]);
}
