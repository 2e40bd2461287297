// The package through Node CommonJS (`require("workspace-requests")`, the `node` + `require`
// condition): the same API and the same results as the ESM entry, for a few bodies.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const wr = require("workspace-requests");

const IDS = [
  "databrain.createWorkspace",
  "databrain.updateWorkspace",
  "databrain.createDatasource",
  "databrain.updateDatasource",
  "paradigm.updateWorkspace",
  "paradigm.testDatasource",
];

const postgres = { name: "p", host: "h", port: 5432, username: "u", password: "p", database: "d", schema: "public" };
const BODIES = [
  ["databrain.createWorkspace", { name: "Sales", connectionType: "DATASOURCE", datasourceName: "pg" }],
  ["databrain.createWorkspace", { name: "Sales", connectionType: "DATASOURCE" }],
  ["databrain.updateWorkspace", { name: "", connectionType: "DATASOURCE", isEnableMetricSummary: true, extra: 1 }],
  ["databrain.updateDatasource", { datasourceType: "postgres", credentials: postgres }],
  ["databrain.updateDatasource", { datasourceType: "postgres", credentials: { ...postgres, port: "5432" } }],
  ["databrain.createDatasource", { datasourceType: "mssql", credentials: { name: "m", host: "h", username: "u" } }],
  ["databrain.createDatasource", { datasourceType: "postgress", credentials: {} }],
  ["paradigm.updateWorkspace", { name: "x".repeat(101), members: { users: [{ id: 1, role: "admin" }] } }],
  ["paradigm.updateWorkspace", { description: null }],
  ["paradigm.testDatasource", { type: "webscrapper", name: "W", filter_criteria: { start_url: "https://example.com" } }],
  ["paradigm.testDatasource", { type: "googledrive", name: "D", credentials: { service_account_file: "[]" }, filter_criteria: {} }],
  ["databrain.createWorkspace", undefined],
  ["databrain.createWorkspace", null],
];

const pairs = (list) => list.map((i) => `${i.path} ${i.code}`).sort();

test("require() resolves the CommonJS entry", () => {
  const resolved = require.resolve("workspace-requests");
  assert.equal(path.basename(resolved), "index.cjs");
  assert.equal(path.basename(path.dirname(resolved)), "cjs");
  assert.equal(typeof wr.default, "function");
  assert.equal(typeof wr.initSync, "function");
  for (const f of ["validate", "validateMany", "endpoints", "describe", "jsonSchema"]) {
    assert.equal(typeof wr[f], "function", f);
  }
});

test("init() resolves (a no-op in Node)", async () => {
  assert.equal(await wr.default(), undefined);
  assert.equal(wr.initSync(), undefined);
});

test("exact issues for a few bodies", () => {
  const expect = (id, body, issues, warnings = [], options) => {
    const r = wr.validate(id, body, options);
    assert.deepEqual(pairs(r.issues), issues.sort(), id);
    assert.deepEqual(pairs(r.warnings), warnings.sort(), id);
    assert.equal(r.ok, issues.length === 0);
  };
  expect(...BODIES[0], []);
  expect(...BODIES[1], ["/datasourceName required"]);
  expect(...BODIES[2], ["/name too_short", "/datasourceName required", "/summaryType required"], ["/extra unknown_field"]);
  expect(...BODIES[2], ["/name too_short", "/datasourceName required", "/summaryType required", "/extra unknown_field"], [], { strict: true });
  expect(...BODIES[3], []);
  expect(...BODIES[4], [], ["/credentials/port invalid_type"]);
  expect(...BODIES[5], ["/credentials/host not_allowed", "/credentials/username not_allowed"]);
  expect(...BODIES[6], ["/datasourceType invalid_enum", "/credentials/name required"]);
  expect(...BODIES[7], ["/name too_long", "/members/users/0/role invalid_enum"]);
  expect(...BODIES[8], []);
  expect(...BODIES[9], []);
  expect(...BODIES[10], ["/credentials/service_account_file invalid_value", "/filter_criteria/folder_id required"]);
  expect(...BODIES[11], [" required"]);
  expect(...BODIES[12], [" invalid_type"]);
});

test("the same results as the ESM entry", async () => {
  const esm = await import("workspace-requests");
  assert.notEqual(esm.validate, wr.validate, "two separate module instances");
  for (const [id, body] of BODIES) assert.deepEqual(wr.validate(id, body), esm.validate(id, body), id);
  assert.deepEqual(
    wr.validateMany("databrain.createWorkspace", BODIES.map((b) => b[1])),
    esm.validateMany("databrain.createWorkspace", BODIES.map((b) => b[1])),
  );
  assert.deepEqual(wr.endpoints(), esm.endpoints());
  for (const id of IDS) {
    assert.deepEqual(wr.describe(id), esm.describe(id), id);
    assert.deepEqual(wr.jsonSchema(id), esm.jsonSchema(id), id);
  }
});

test("hostile values and bad arguments", () => {
  const cyclic = { name: "c" };
  cyclic.self = cyclic;
  const r = wr.validate("databrain.createDatasource", { datasourceType: "csv", credentials: cyclic });
  assert.equal(r.issues.length, 1);
  assert.equal(r.issues[0].code, "invalid_value");
  assert.ok(r.issues[0].path.startsWith("/credentials/self/"));
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  assert.deepEqual(pairs(wr.validate("paradigm.updateWorkspace", proxy).issues), [" invalid_type"]);
  assert.deepEqual(pairs(wr.validate("paradigm.updateWorkspace", 1n).issues), [" invalid_type"]);
  assert.throws(() => wr.validate("paradigm.nope", {}), (e) => e instanceof TypeError && IDS.every((id) => e.message.includes(id)));
  assert.throws(() => wr.validateMany("paradigm.updateWorkspace", {}), TypeError);
  assert.equal(wr.endpoints().length, 6);
  assert.equal(wr.describe("paradigm.testDatasource").body.union.variants.length, 4);
  assert.equal(wr.jsonSchema("databrain.createWorkspace").$schema, "https://json-schema.org/draft/2020-12/schema");
});
