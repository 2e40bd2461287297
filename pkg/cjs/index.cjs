// Node CommonJS: the wasm module is compiled and instantiated on require; init() is a no-op.
"use strict";
const wasm = require("./workspace_requests.js");
const introspection = require("./introspection.cjs");

async function init() {}

function initSync() {}

// `__esModule` lets TypeScript's and bundlers' default-import interop find `default` (init).
module.exports = {
  __esModule: true,
  validate: wasm.validate,
  validateMany: wasm.validateMany,
  endpoints: introspection.endpoints,
  describe: introspection.describe,
  jsonSchema: introspection.jsonSchema,
  initSync,
  default: init,
};
