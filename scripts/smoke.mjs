// Smoke test of a freshly built pkg/: every entry (main and validator-only; Node ESM, CommonJS
// and the browser entry through initSync) loads its optimised module and validates.
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

const require = createRequire(import.meta.url);
const wasmOf = (dir) => readFileSync(new URL(`../pkg/${dir}/workspace_requests_bg.wasm`, import.meta.url));
for (const [entry, dir, web, node, cjs] of [
  ["main", "web", "web/index.js", "node/index.js", "cjs/index.cjs"],
  ["validate", "validator", "validator/web.js", "validator/node.js", "validator/index.cjs"],
]) {
  check(await import(`../pkg/${node}`), `${entry}: node ESM`);
  check(require(`../pkg/${cjs}`), `${entry}: node CommonJS`);
  const browser = await import(`../pkg/${web}`);
  assert.throws(() => browser.validate("databrain.createWorkspace", body), /init\(\)/, `${entry}: the browser entry needs init()`);
  browser.initSync(wasmOf(dir));
  check(browser, `${entry}: browser entry`);
}
const cargo = readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8").match(/^version = "(.+)"$/m)[1];
const pkg = JSON.parse(readFileSync(new URL("../pkg/package.json", import.meta.url), "utf8"));
assert.equal(pkg.version, cargo, "pkg/package.json version matches Cargo.toml");
console.log("smoke: both entries of pkg load and validate through node ESM, CommonJS and the browser entry");
