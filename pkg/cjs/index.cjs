// Node CommonJS: the wasm module is compiled and instantiated on require; init() is a no-op.
"use strict";
const wasm = require("./workspace_requests.js");

async function init() {}

function initSync() {}

module.exports = {
  validate: wasm.validate,
  validateMany: wasm.validateMany,
  endpoints: wasm.endpoints,
  describe: wasm.describe,
  jsonSchema: wasm.jsonSchema,
  initSync,
  default: init,
};
