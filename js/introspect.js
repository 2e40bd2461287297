// @ts-check
// endpoints(), describe() and jsonSchema(): plain data generated from the Rust schemas
// (`gen -- data`, ./data.js), kept as JSON text and parsed per call so that every caller gets a
// fresh copy. No wasm: they work before init(), and loading the package for them instantiates
// nothing. Declared in ./index.d.ts.
import { ENDPOINTS, DESCRIPTIONS, SCHEMAS, STRICT_SCHEMAS } from "./data.js";
import { endpointIndex, strictOption } from "./validate.js";

/** @type {typeof import("./index.js").endpoints} */
export function endpoints() {
  return JSON.parse(ENDPOINTS);
}

/** @type {typeof import("./index.js").describe} */
export function describe(endpoint) {
  endpointIndex(endpoint);
  return JSON.parse(DESCRIPTIONS[endpoint]);
}

/** @type {typeof import("./index.js").jsonSchema} */
export function jsonSchema(endpoint, options) {
  const schemas = strictOption(options, "jsonSchema") ? STRICT_SCHEMAS : SCHEMAS;
  endpointIndex(endpoint);
  return JSON.parse(schemas[endpoint]);
}
