// @ts-check
// `workspace-requests/validate` in browsers and bundlers: validation and introspection only, over
// the validator wasm (built without the fetch clients), so that an app importing only this entry
// ships neither the clients' JS nor their wasm. `await init()` once before validating.
import * as glue from "./workspace_requests.js";
import { browserWasm } from "../wasm.js";
import { validation } from "../validate.js";

const wasm = browserWasm(glue);
export const { validate, validateMany } = validation(wasm);
export const { initSync } = wasm;
export default wasm.init;
export { endpoints, describe, jsonSchema } from "../introspect.js";
export { ValidationError } from "../errors.js";
