// Node ESM: the wasm module is compiled and instantiated on import; init() is a no-op kept so
// that the same code runs in browsers and in Node.
import * as wasm from "./workspace_requests.js";
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
export const { validate, validateMany, buildRequest, toCurl, redactRequest, DatabrainClient, ParadigmClient } = bind(wasm);

export default async function init() {}

export function initSync() {}
