// Smoke test of a freshly built pkg/: every entry loads its optimised module and validates.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";

const body = { name: "Sales", connectionType: "DATASOURCE" };
const check = (api, how) => {
  const ok = api.validate("databrain.createWorkspace", { ...body, datasourceName: "pg" });
  assert.deepEqual(ok, { ok: true, issues: [], warnings: [] }, how);
  const bad = api.validate("databrain.createWorkspace", body);
  assert.equal(bad.issues[0].path, "/datasourceName", how);
  assert.equal(api.endpoints().length, 6, how);
  // Each id reaches its own schema.
  const csv = { datasourceType: "csv", credentials: { name: "c" } };
  const web = { type: "webscrapper", name: "W", filter_criteria: { start_url: "https://x" } };
  const workspace = { ...body, datasourceName: "pg" };
  const paradigm = { name: "P" };
  for (const { id } of api.endpoints()) {
    const own = id.startsWith("databrain") ? (id.includes("Datasource") ? csv : workspace) : id === "paradigm.testDatasource" ? web : paradigm;
    assert.equal(api.validate(id, own).ok, true, `${how}: ${id} accepts its own body`);
    for (const other of [csv, web, workspace].filter((b) => b !== own)) {
      // In strict mode; by default another endpoint's keys may be only warnings.
      assert.equal(api.validate(id, other, { strict: true }).ok, false, `${how}: ${id} refuses another endpoint's body`);
      const loose = api.validate(id, other);
      assert.ok(!loose.ok || loose.warnings.length > 0, `${how}: ${id} warns about another endpoint's body`);
    }
  }
};

const esm = await import("../pkg/node/index.js");
check(esm, "node ESM");
const cjs = createRequire(import.meta.url)("../pkg/cjs/index.cjs");
check(cjs, "node CommonJS");
const web = await import("../pkg/web/index.js");
assert.throws(() => web.validate("databrain.createWorkspace", body), /init\(\)/);
web.initSync(readFileSync(new URL("../pkg/web/workspace_requests_bg.wasm", import.meta.url)));
check(web, "web glue");

const cargo = readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8").match(/^version = "(.+)"$/m)[1];
const pkg = JSON.parse(readFileSync(new URL("../pkg/package.json", import.meta.url), "utf8"));
assert.equal(pkg.version, cargo, "pkg/package.json version matches Cargo.toml");
console.log("smoke: pkg loads and validates through node ESM, CommonJS and the web glue");
