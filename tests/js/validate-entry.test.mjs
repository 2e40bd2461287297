// `workspace-requests/validate`, the validator-only entry, in Node (ESM and CommonJS): validation
// and introspection only, the same results as the main entry, over its own smaller wasm. And for
// every Node entry: importing it and reading its data (endpoints, describe, jsonSchema)
// instantiates no WebAssembly at all; the module is compiled on the first call that validates.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import fs from "node:fs";
import path from "node:path";
import * as main from "workspace-requests";
import * as validator from "workspace-requests/validate";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.dirname(require.resolve("workspace-requests/package.json"));
const wasmSize = (dir) => fs.statSync(path.join(pkgDir, dir, "workspace_requests_bg.wasm")).size;

const EXPORTS = ["ValidationError", "default", "describe", "endpoints", "flattenIssues", "formatIssues", "initSync", "isValid", "jsonSchema", "openApi", "parse", "schema", "schemas", "treeifyIssues", "validate", "validateMany"];
const BODIES = [
  ["databrain.createWorkspace", { name: "Sales", connectionType: "DATASOURCE", datasourceName: "pg" }],
  ["databrain.createWorkspace", { name: "Sales", connectionType: "DATASOURCE", extra: 1 }],
  ["databrain.createDatasource", { datasourceType: "mssql", credentials: { name: "m", host: "h", password: "hunter2" } }],
  ["paradigm.updateWorkspace", { name: "x".repeat(101), members: { users: [{ id: 1, role: "admin" }] } }],
  ["paradigm.testDatasource", { type: "googledrive", name: "D", credentials: { service_account_file: "[]" }, filter_criteria: {} }],
  ["databrain.updateDatasource", undefined],
];

test("the validator entry exports validation and introspection only, in ESM and CommonJS", () => {
  assert.deepEqual(Object.keys(validator).sort(), EXPORTS);
  const resolved = require.resolve("workspace-requests/validate");
  assert.equal(path.relative(pkgDir, resolved), path.join("validator", "index.cjs"));
  assert.deepEqual(Object.keys(require("workspace-requests/validate")).sort(), EXPORTS);
  // The error class is the main entry's: one module defines it.
  assert.equal(validator.ValidationError, main.ValidationError);
});

test("the validator entry answers as the main entry does", () => {
  const cjs = require("workspace-requests/validate");
  for (const entry of [validator, cjs]) {
    for (const [id, body] of BODIES) {
      for (const options of [undefined, { strict: true }]) {
        assert.deepEqual(entry.validate(id, body, options), main.validate(id, body, options), `${id} ${JSON.stringify(options)}`);
      }
    }
    assert.deepEqual(entry.validateMany("databrain.createWorkspace", BODIES.map((b) => b[1])), main.validateMany("databrain.createWorkspace", BODIES.map((b) => b[1])));
    assert.deepEqual(entry.endpoints(), main.endpoints());
    for (const { id } of main.endpoints()) {
      assert.deepEqual(entry.describe(id), main.describe(id), id);
      assert.deepEqual(entry.jsonSchema(id, { strict: true }), main.jsonSchema(id, { strict: true }), id);
    }
    assert.throws(() => entry.validate("paradigm.nope", {}), TypeError);
    assert.throws(() => entry.validate("databrain.createWorkspace", {}, { strcit: true }), TypeError);
  }
});

/**
 * In a fresh Node process: loads `specifier` (by import or require) with every way of making a
 * WebAssembly module counted, reads its data, then validates once; prints what was counted.
 */
function countedRun(specifier, how) {
  const script = `
    const counts = { Module: 0, Instance: 0, compile: 0, instantiate: 0, compileStreaming: 0, instantiateStreaming: 0 };
    const compiled = [];
    const W = WebAssembly;
    for (const name of ["Module", "Instance"]) {
      const Original = W[name];
      W[name] = new Proxy(Original, {
        construct(target, args, newTarget) {
          counts[name]++;
          if (name === "Module") compiled.push(args[0].byteLength);
          return Reflect.construct(target, args, newTarget === W[name] ? target : newTarget);
        },
      });
    }
    for (const name of ["compile", "instantiate", "compileStreaming", "instantiateStreaming"]) {
      const original = W[name];
      W[name] = (...args) => { counts[name]++; return original(...args); };
    }
    (async () => {
      const wr = ${how === "import" ? `await import(${JSON.stringify(specifier)})` : `require(${JSON.stringify(specifier)})`};
      wr.endpoints();
      for (const { id } of wr.endpoints()) { wr.describe(id); wr.jsonSchema(id); wr.jsonSchema(id, { strict: true }); }
      try { wr.describe("nope"); } catch (_) {}
      const beforeValidate = { ...counts };
      const ok = wr.validate("databrain.createWorkspace", { name: "W", connectionType: "MULTI_DATASOURCE" }).ok;
      wr.validate("databrain.createWorkspace", {});
      const afterValidate = { ...counts };
      await wr.default();
      wr.initSync();
      console.log(JSON.stringify({ beforeValidate, afterValidate, after: counts, compiled, ok }));
    })().catch((e) => { console.error(e); process.exit(1); });
  `;
  const r = spawnSync(process.execPath, ["-e", script], { cwd: here, encoding: "utf8", timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

// In Node, validate runs on the validator's module in both entries (it compiles in less than half
// the time); the main entry's init() and initSync() load its full module too, once.
for (const [specifier, loads] of [
  ["workspace-requests", ["validator", "web"]],
  ["workspace-requests/validate", ["validator"]],
]) {
  for (const how of ["import", "require"]) {
    test(`${how} ${specifier}: describe() and jsonSchema() load no wasm; the first validate loads validator/ once, init() ${loads.join(" and ")}/`, () => {
      const run = countedRun(specifier, how);
      const none = { Module: 0, Instance: 0, compile: 0, instantiate: 0, compileStreaming: 0, instantiateStreaming: 0 };
      assert.deepEqual(run.beforeValidate, none, "nothing instantiated before the first validate");
      assert.deepEqual(run.afterValidate, { ...none, Module: 1, Instance: 1 }, "validating compiles one module, once");
      assert.deepEqual(run.after, { ...none, Module: loads.length, Instance: loads.length }, "init() and initSync() load each module at most once");
      assert.deepEqual(run.compiled, loads.map(wasmSize), loads.join(", "));
      assert.equal(run.ok, true);
    });
  }
}

for (const how of ["import", "require"]) {
  test(`${how} workspace-requests: the first buildRequest loads the full module once, and validate never does`, () => {
    const script = `
      let compiled = [];
      const Original = WebAssembly.Module;
      WebAssembly.Module = new Proxy(Original, { construct(t, args) { compiled.push(args[0].byteLength); return Reflect.construct(t, args); } });
      (async () => {
        const wr = ${how === "import" ? `await import("workspace-requests")` : `require("workspace-requests")`};
        const body = { name: "W", connectionType: "MULTI_DATASOURCE" };
        for (let i = 0; i < 3; i++) wr.validate("databrain.createWorkspace", body);
        const afterValidate = [...compiled];
        const built = wr.buildRequest("databrain.createWorkspace", body, { token: "k" });
        wr.toCurl(built);
        wr.buildRequest("databrain.createWorkspace", body, { token: "k" });
        console.log(JSON.stringify({ afterValidate, compiled, url: built.url }));
      })().catch((e) => { console.error(e); process.exit(1); });
    `;
    const r = spawnSync(process.execPath, ["-e", script], { cwd: here, encoding: "utf8", timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    const run = JSON.parse(r.stdout.trim().split("\n").pop());
    assert.deepEqual(run.afterValidate, [wasmSize("validator")]);
    assert.deepEqual(run.compiled, [wasmSize("validator"), wasmSize("web")]);
    assert.match(run.url, /^https:\/\//);
  });
}

for (const specifier of ["workspace-requests", "workspace-requests/validate"]) {
  test(`import ${specifier}: validate() never reads the data of describe(); describe() reads it once`, () => {
    // Node's ESM entries require described.cjs on first use (js/described-node.js): a script that
    // only validates never parses its 260 kB.
    const script = `
      const { createRequire } = await import("node:module");
      const cache = createRequire(import.meta.url).cache;
      const loaded = () => Object.keys(cache).filter((f) => f.endsWith("described.cjs")).length;
      const wr = await import(${JSON.stringify(specifier)});
      const ok = wr.validate("databrain.createWorkspace", { name: "W", connectionType: "MULTI_DATASOURCE" }).ok;
      wr.endpoints();
      const afterValidate = loaded();
      const d = wr.describe("databrain.createWorkspace");
      const s = wr.jsonSchema("paradigm.updateWorkspace", { strict: true });
      wr.describe("paradigm.testDatasource");
      console.log(JSON.stringify({ ok, afterValidate, afterDescribe: loaded(), described: typeof d.body, schema: typeof s.$schema }));
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: here, encoding: "utf8", timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    const run = JSON.parse(r.stdout.trim().split("\n").pop());
    assert.deepEqual(run, { ok: true, afterValidate: 0, afterDescribe: 1, described: "object", schema: "string" });
  });
}

test("the validator wasm is the smaller one", () => {
  assert.ok(wasmSize("validator") < wasmSize("web"), `${wasmSize("validator")} < ${wasmSize("web")}`);
});
