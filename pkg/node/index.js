// Node ESM: the wasm module is compiled and instantiated on import; init() is a no-op kept so
// that the same code runs in browsers and in Node.
import { check } from "./workspace_requests.js";
import { bind } from "../api.js";

export { endpoints, describe, jsonSchema } from "../api.js";
export const { validate, validateMany } = bind(check);

export default async function init() {}

export function initSync() {}
