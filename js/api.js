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
 * @param {Wasm<CheckExports & RequestExports & SendExports>} wasm
 * @returns {Pick<typeof import("./index.js"), "validate" | "validateMany" | "buildRequest" | "toCurl" | "redactRequest" | "DatabrainClient" | "ParadigmClient">}
 */
export function api(wasm) {
  const { validate, validateMany } = validation(wasm);
  const { buildRequest, toCurl, redactRequest } = requests(wasm, validate);
  const { DatabrainClient, ParadigmClient } = clients(wasm, buildRequest);
  return { validate, validateMany, buildRequest, toCurl, redactRequest, DatabrainClient, ParadigmClient };
}
