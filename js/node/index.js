// @ts-check
// The main entry in Node (ESM; cjs/index.cjs is this file bundled as CommonJS): the same API as
// web/index.js. Its modules load from their files on first use: validate and validateMany run on
// the validator's .wasm (what `workspace-requests/validate` loads), which compiles in less than
// half the time of the full one, so that a script that only validates starts sooner; buildRequest,
// toCurl, redactRequest and the clients load the full .wasm on their first call. init() and
// initSync() are not needed; they load both at once (so that the same code runs in browsers and
// in Node).
import { readFileSync } from "node:fs";
import * as glue from "../web/workspace_requests.js";
import * as validatorGlue from "../validator/workspace_requests.js";
import { nodeWasm } from "../wasm.js";
import { api } from "../api.js";
import { schemasOf, schemaOf } from "../standard.js";
import { isValidOf, parseOf } from "../validate.js";

const wasm = nodeWasm(glue, () => readFileSync(new URL("../web/workspace_requests_bg.wasm", import.meta.url)));
const checker = nodeWasm(validatorGlue, () => readFileSync(new URL("../validator/workspace_requests_bg.wasm", import.meta.url)));
export const { validate, validateMany, buildRequest, toCurl, redactRequest, DatabrainClient, ParadigmClient } = api(wasm, checker);
/** @type {typeof import("../index.js").initSync} */
export const initSync = (input) => {
  checker.initSync(input);
  wasm.initSync(input);
};
/** @type {typeof import("../index.js").default} */
export default async function init(input) {
  await checker.init(input);
  await wasm.init(input);
}
export const isValid = /* @__PURE__ */ isValidOf(validate);
export const parse = /* @__PURE__ */ parseOf(validate);
export const schemas = /* @__PURE__ */ schemasOf(validate);
export const schema = /* @__PURE__ */ schemaOf(validate);
export { endpoints, describe, jsonSchema, openApi } from "../introspect.js";
export { flattenIssues, treeifyIssues, formatIssues } from "../issues.js";
export * from "../errors.js";
