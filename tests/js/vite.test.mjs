// A Vite production build of a small consumer page (./vite-app): the package's browser entry is
// bundled, its .wasm emitted as an asset; the built page is served by a tiny static server and
// loaded in headless Chromium (playwright-core with the system Chromium), which must validate.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import fs from "node:fs";
import path from "node:path";
import { build } from "vite";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const here = path.dirname(fileURLToPath(import.meta.url));
const appDir = path.join(here, "vite-app");
const outDir = path.join(here, ".vite-dist");
const pkgDir = path.dirname(require.resolve("workspace-requests/package.json"));

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/** Serves `root` on 127.0.0.1 (port 0); records every request path. */
function serve(root) {
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    requests.push(url.pathname);
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": MIME[path.extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, requests, origin: `http://127.0.0.1:${server.address().port}` })));
}

const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

let browser;
let http;

before(async () => {
  fs.rmSync(outDir, { recursive: true, force: true });
  await build({
    root: appDir,
    configFile: false,
    cacheDir: path.join(here, ".vite-cache"), // never node_modules/.vite
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0 },
  });
});

after(async () => {
  await browser?.close();
  if (http) await new Promise((resolve) => http.server.close(resolve));
});

test("the Vite build emits the page, a bundle and the .wasm asset", () => {
  const files = walk(outDir).map((f) => path.relative(outDir, f));
  assert.ok(files.includes("index.html"), files.join(", "));
  const wasm = files.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `one .wasm asset: ${files.join(", ")}`);
  const shipped = fs.readFileSync(path.join(pkgDir, "web", "workspace_requests_bg.wasm"));
  assert.ok(fs.readFileSync(path.join(outDir, wasm[0])).equals(shipped), "the asset is the package's web .wasm");
  const js = files.filter((f) => f.endsWith(".js"));
  assert.ok(js.length >= 1, files.join(", "));
  const bundle = js.map((f) => fs.readFileSync(path.join(outDir, f), "utf8")).join("\n");
  assert.ok(bundle.includes(path.basename(wasm[0])), "the bundle refers to the emitted .wasm by its hashed name");
  assert.ok(!/from\s*["']node:|require\(["'](fs|node:fs)["']\)/.test(bundle), "no Node entry was bundled");
});

test("the built page validates in headless Chromium", async () => {
  http = await serve(outDir);
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  const wasmResponses = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".wasm")) wasmResponses.push({ status: r.status(), type: r.headers()["content-type"] });
  });
  await page.goto(`${http.origin}/`);
  await page.waitForSelector("body[data-done='1']", { timeout: 30_000 });
  const result = JSON.parse(await page.textContent("#out"));
  assert.equal(result.error, undefined, result.error);
  assert.deepEqual(result.good, { ok: true, issues: [], warnings: [] });
  assert.equal(result.bad.ok, false);
  assert.deepEqual(
    result.bad.issues.map((i) => [i.path, i.code, i.apiCode]),
    [["/datasourceName", "required", "INVALID_REQUEST_BODY"]],
  );
  assert.equal(result.bad.issues[0].message, 'datasourceName is required when connectionType is "DATASOURCE".');
  assert.equal(result.endpoints, 6);
  assert.deepEqual(wasmResponses, [{ status: 200, type: "application/wasm" }]);
  assert.deepEqual(problems, []);
});
