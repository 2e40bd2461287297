// The package as npm publishes it (the tarball scripts/test-js.sh installed from): the files and
// metadata users look for, `publint` clean, and `@arethetypeswrong/cli` clean on every entry point
// with no exclusion (the package exports no asset subpath: every entry point is code).
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

test("arethetypeswrong: every entry point resolves with its types, under node10, node16 and bundlers", () => {
  const attw = bin("@arethetypeswrong/cli", "attw");
  const all = spawnSync(process.execPath, [attw, path.join(here, tarball), "--format", "json"], { cwd: here, encoding: "utf8", timeout: 120_000, maxBuffer: 64 << 20 });
  const report = JSON.parse(all.stdout);
  assert.deepEqual(report.analysis.problems, [], "no problem at all");
  const entrypoints = Object.keys(report.analysis.entrypoints).sort();
  assert.deepEqual(entrypoints, [".", "./package.json", "./validate"]);
  const text = spawnSync(process.execPath, [attw, path.join(here, tarball)], { cwd: here, encoding: "utf8", timeout: 120_000 });
  assert.equal(text.status, 0, text.stdout + text.stderr);
});

test("repository, homepage and bugs come from the project's public address, and are absent without one", () => {
  const root = path.join(process.env.WR_TARGET ?? path.join(here, ".."), "..");
  const script = path.join(root, "scripts", "manifest-urls.mjs");
  const tmp = fs.mkdtempSync(path.join(here, ".manifest-"));
  try {
    const urls = (address) => {
      const file = path.join(tmp, "package.json");
      fs.writeFileSync(file, JSON.stringify({ name: "x", homepage: "stale", repository: "stale" }));
      const r = spawnSync(process.execPath, [script, file, address], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      const m = JSON.parse(fs.readFileSync(file, "utf8"));
      return [m.repository, m.homepage, m.bugs];
    };
    const github = [{ type: "git", url: "git+https://github.com/acme/wr.git" }, "https://github.com/acme/wr#readme", { url: "https://github.com/acme/wr/issues" }];
    assert.deepEqual(urls("git@github.com:acme/wr.git"), github);
    assert.deepEqual(urls("https://github.com/acme/wr.git"), github);
    assert.deepEqual(urls("https://github.com/acme/wr/"), github);
    for (const local of ["", "/work/main", "file:///srv/wr.git", "http://github.com/acme/wr", "https://me:token@github.com/acme/wr"]) {
      assert.deepEqual(urls(local), [undefined, undefined, undefined], `no address from ${JSON.stringify(local)}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  // This build's manifest: what its origin says (a clone of a local folder has no public address).
  const origin = spawnSync("git", ["remote", "get-url", "origin"], { cwd: root, encoding: "utf8" }).stdout.trim();
  const manifest = require("workspace-requests/package.json");
  const expected = process.env.WR_REPOSITORY_URL || origin;
  if (/^(git@|https:\/\/)/.test(expected) && !/\/\/[^/]*@/.test(expected)) assert.ok(manifest.repository && manifest.homepage, expected);
  else assert.equal(manifest.repository, undefined, `no public address (${expected || "no origin"})`);
});
