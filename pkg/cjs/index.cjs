// Node CommonJS: the wasm module is compiled and instantiated on require; init() is a no-op.
"use strict";
const wasm = require("./workspace_requests.js");
const api = require("./api.cjs");

const { validate, validateMany, buildRequest, toCurl, redactRequest, DatabrainClient, ParadigmClient } = api.bind(wasm);

async function init() {}

function initSync() {}

// `__esModule` lets TypeScript's and bundlers' default-import interop find `default` (init).
module.exports = {
  __esModule: true,
  validate,
  validateMany,
  buildRequest,
  toCurl,
  redactRequest,
  DatabrainClient,
  ParadigmClient,
  endpoints: api.endpoints,
  describe: api.describe,
  jsonSchema: api.jsonSchema,
  ValidationError: api.ValidationError,
  ApiError: api.ApiError,
  NetworkError: api.NetworkError,
  TimeoutError: api.TimeoutError,
  AbortError: api.AbortError,
  ResponseError: api.ResponseError,
  initSync,
  default: init,
};
