// Node CommonJS: the wasm module is compiled and instantiated on require; init() is a no-op.
"use strict";
const { check } = require("./workspace_requests.js");
const api = require("./api.cjs");

const { validate, validateMany } = api.bind(check);

async function init() {}

function initSync() {}

// `__esModule` lets TypeScript's and bundlers' default-import interop find `default` (init).
module.exports = {
  __esModule: true,
  validate,
  validateMany,
  endpoints: api.endpoints,
  describe: api.describe,
  jsonSchema: api.jsonSchema,
  initSync,
  default: init,
};
