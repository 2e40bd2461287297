// Browsers and bundlers: `await init()` once before validating or sending (with no argument the
// .wasm next to this file is fetched; or pass a URL, a Request, a Response, bytes or a compiled
// WebAssembly.Module). endpoints(), describe() and jsonSchema() are plain data: no init needed.
import wasmInit, * as wasm from "./workspace_requests.js";
import { bind } from "../api.js";

export {
  endpoints,
  describe,
  jsonSchema,
  ValidationError,
  ApiError,
  NetworkError,
  TimeoutError,
  AbortError,
  ResponseError,
} from "../api.js";

let ready = false;

export const { validate, validateMany, buildRequest, toCurl, redactRequest, DatabrainClient, ParadigmClient } = bind(wasm, () => {
  if (!ready) {
    throw new Error("workspace-requests: call `await init()` before validating in a browser");
  }
});

export default async function init(input) {
  if (ready) return;
  const source = await input;
  await wasmInit(source === undefined ? undefined : { module_or_path: source });
  ready = true;
}

export function initSync(input) {
  if (ready) return;
  wasm.initSync({ module: input });
  ready = true;
}
