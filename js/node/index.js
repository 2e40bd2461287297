// @ts-check
// The main entry in Node (ESM; cjs/index.cjs is this file bundled as CommonJS): the same API as
// web/index.js over the same .wasm, which loads from the file on first use. init() is not needed
// (it loads the module at once, so that the same code runs in browsers and in Node).
import { readFileSync } from "node:fs";
import * as glue from "../web/workspace_requests.js";
import { nodeWasm } from "../wasm.js";
import { api } from "../api.js";

const wasm = nodeWasm(glue, () => readFileSync(new URL("../web/workspace_requests_bg.wasm", import.meta.url)));
export const { validate, validateMany, buildRequest, toCurl, redactRequest, DatabrainClient, ParadigmClient } = api(wasm);
export const { initSync } = wasm;
export default wasm.init;
export { endpoints, describe, jsonSchema } from "../introspect.js";
export * from "../errors.js";
