// The package as npm publishes it (the tarball scripts/test-js.sh installed from): the files and
// metadata users look for, `publint` clean, and `@arethetypeswrong/cli` clean on every entry point
// that is code; the two `.wasm` asset subpaths are files, not modules, and are the only
// entry points with no resolution (checked, so that nothing else hides among them).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tarball = fs.readdirSync(here).find((f) => /^workspace-requests-.*\.tgz$/.test(f));
// A dev tool's command, from its own manifest (found beside its directory in node_modules: not
// every package exports its package.json).
const bin = (pkg, name) => {
  const dir = path.join(path.dirname(require.resolve("ajv/package.json")), "..", ...pkg.split("/"));
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  return path.join(dir, typeof manifest.bin === "string" ? manifest.bin : manifest.bin[name]);
};
const WASM_SUBPATHS = ["./workspace_requests_bg.wasm", "./validate/workspace_requests_bg.wasm"];

test("the tarball has the LICENSE, and the manifest its license and keywords", () => {
  assert.ok(tarball, "the packed tarball is beside the tests");
  const list = spawnSync("tar", ["tzf", path.join(here, tarball)], { encoding: "utf8" });
  assert.equal(list.status, 0, list.stderr);
  const files = list.stdout.split("\n");
  assert.ok(files.includes("package/LICENSE"), "LICENSE is shipped");
  assert.ok(files.includes("package/README.md"));
  const manifest = require("workspace-requests/package.json");
  assert.equal(manifest.license, "MIT");
  assert.match(fs.readFileSync(path.join(path.dirname(require.resolve("workspace-requests/package.json")), "LICENSE"), "utf8"), /^MIT License/);
  for (const k of ["databrain", "paradigm", "validation", "webassembly", "standard-schema"]) assert.ok(manifest.keywords.includes(k), k);
});

test("publint finds nothing to report", () => {
  const r = spawnSync(process.execPath, [bin("publint", "publint"), path.join(here, tarball)], { cwd: here, encoding: "utf8", timeout: 120_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /All good!/);
});

test("arethetypeswrong: every entry point that is code resolves with its types, under node10, node16 and bundlers", () => {
  const attw = bin("@arethetypeswrong/cli", "attw");
  const all = spawnSync(process.execPath, [attw, path.join(here, tarball), "--format", "json"], { cwd: here, encoding: "utf8", timeout: 120_000, maxBuffer: 64 << 20 });
  const problems = JSON.parse(all.stdout).analysis.problems;
  // The only problems: the .wasm files, which are assets (no module, no types), in each resolution.
  assert.deepEqual(
    [...new Set(problems.map((p) => `${p.kind} ${p.entrypoint}`))].sort(),
    WASM_SUBPATHS.map((s) => `NoResolution ${s}`).sort(),
  );
  const code = spawnSync(process.execPath, [attw, path.join(here, tarball), "--exclude-entrypoints", ...WASM_SUBPATHS], { cwd: here, encoding: "utf8", timeout: 120_000 });
  assert.equal(code.status, 0, code.stdout + code.stderr);
});
