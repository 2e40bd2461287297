// @ts-check
// `workspace-requests/validate` in Node (ESM; validator/index.cjs is this file bundled as
// CommonJS): the validator wasm loads from the file on first use.
import { readFileSync } from "node:fs";
import * as glue from "./workspace_requests.js";
import { nodeWasm } from "../wasm.js";
import { validation, isValidOf, parseOf } from "../validate.js";
import { schemasOf, schemaOf } from "../standard.js";

const wasm = nodeWasm(glue, () => readFileSync(new URL("./workspace_requests_bg.wasm", import.meta.url)));
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
