// @ts-check
// `workspace-requests/validate` in browsers and bundlers: validation and introspection only, over
// the validator wasm (built without the fetch clients), so that an app importing only this entry
// ships neither the clients' JS nor their wasm. `await init()` once before validating.
import * as glue from "./workspace_requests.js";
import { browserWasm } from "../wasm.js";
import { validation, isValidOf, parseOf } from "../validate.js";
import { schemasOf, schemaOf } from "../standard.js";

const wasm = browserWasm(glue);
export const { validate, validateMany } = validation(wasm);
export const { initSync } = wasm;
export default wasm.init;
export const isValid = /* @__PURE__ */ isValidOf(validate);
export const parse = /* @__PURE__ */ parseOf(validate);
export const schemas = /* @__PURE__ */ schemasOf(validate);
export const schema = /* @__PURE__ */ schemaOf(validate);
export { endpoints, describe, jsonSchema, openApi } from "../introspect.js";
export { flattenIssues, treeifyIssues, formatIssues } from "../issues.js";
export { ValidationError } from "../errors.js";
