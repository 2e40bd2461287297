// Node ESM: the wasm module is compiled and instantiated on import; init() is a no-op kept so
// that the same code runs in browsers and in Node.
export { validate, validateMany } from "./workspace_requests.js";
export { endpoints, describe, jsonSchema } from "../introspection.js";

export default async function init() {}

export function initSync() {}
