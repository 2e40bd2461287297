// @ts-check
// The main entry in browsers and bundlers: `await init()` once before validating or sending (with
// no argument the .wasm next to this file is fetched; or pass a URL, a Request, a Response, bytes
// or a compiled WebAssembly.Module). endpoints(), describe() and jsonSchema() are plain data: no
// init needed.
import * as glue from "./workspace_requests.js";
import { browserWasm } from "../wasm.js";
import { api } from "../api.js";
import { schemasOf, schemaOf } from "../standard.js";
import { isValidOf, parseOf } from "../validate.js";

const wasm = browserWasm(glue);
export const { validate, validateMany, buildRequest, toCurl, redactRequest, DatabrainClient, ParadigmClient } = api(wasm);
export const { initSync } = wasm;
export default wasm.init;
export const isValid = /* @__PURE__ */ isValidOf(validate);
export const parse = /* @__PURE__ */ parseOf(validate);
export const schemas = /* @__PURE__ */ schemasOf(validate);
export const schema = /* @__PURE__ */ schemaOf(validate);
export { endpoints, describe, jsonSchema, openApi } from "../introspect.js";
export { flattenIssues, treeifyIssues, formatIssues } from "../issues.js";
export * from "../errors.js";
