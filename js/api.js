// @ts-check
// What the main entry (`workspace-requests`) exports over its wasm module, in browsers and in
// Node alike: each entry file only says how its module loads (./wasm.js).
/** @import { Wasm } from "./wasm.js" */
/** @import { CheckExports } from "./validate.js" */
/** @import { RequestExports } from "./request.js" */
/** @import { SendExports } from "./clients.js" */
import { validation } from "./validate.js";
import { requests } from "./request.js";
import { clients } from "./clients.js";

/**
 * @param {Wasm<CheckExports & RequestExports & SendExports>} wasm the entry's module
 * @param {Wasm<CheckExports>} [checker] the module validate and validateMany run on: `wasm`, or in
 *   Node the validator module, which compiles in less than half the time (the full module then
 *   loads on the first build or send)
 * @returns {Pick<typeof import("./index.js"), "validate" | "validateMany" | "buildRequest" | "toCurl" | "redactRequest" | "DatabrainClient" | "ParadigmClient">}
 */
export function api(wasm, checker = wasm) {
  const { validate, validateMany } = validation(checker);
  const { buildRequest, toCurl, redactRequest } = requests(wasm, validate);
  const { DatabrainClient, ParadigmClient } = clients(wasm, buildRequest, redactRequest);
  return { validate, validateMany, buildRequest, toCurl, redactRequest, DatabrainClient, ParadigmClient };
}
