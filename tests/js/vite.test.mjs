// Vite production builds of two small consumer pages: ./vite-app imports the main entry (the
// package's browser entry is bundled, its .wasm emitted as an asset), ./vite-validate-app only
// `validate` from `workspace-requests/validate` (it must ship the validator wasm and no client
// code; the gzip size of what Vite emits for it is printed and written to
// $WR_TARGET/vite-validate-size.json). Each built page is served by a tiny static server and
// loaded in headless Chromium (playwright-core with the system Chromium), which must validate.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants as zc, gzipSync } from "node:zlib";
import { build } from "vite";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const here = path.dirname(fileURLToPath(import.meta.url));
const APPS = { main: "vite-app", validate: "vite-validate-app" };
const outDir = (app) => path.join(here, `.vite-dist-${app}`);
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
const servers = [];

before(async () => {
  for (const [app, dir] of Object.entries(APPS)) {
    fs.rmSync(outDir(app), { recursive: true, force: true });
    await build({
      root: path.join(here, dir),
      configFile: false,
      cacheDir: path.join(here, ".vite-cache"), // never node_modules/.vite
      logLevel: "warn",
      build: { outDir: outDir(app), emptyOutDir: true, assetsInlineLimit: 0 },
    });
  }
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** What the build of `app` emitted: file names relative to its folder, and the JS joined. */
function emitted(app) {
  const files = walk(outDir(app)).map((f) => path.relative(outDir(app), f));
  const js = files.filter((f) => f.endsWith(".js"));
  return { files, wasm: files.filter((f) => f.endsWith(".wasm")), bundle: js.map((f) => fs.readFileSync(path.join(outDir(app), f), "utf8")).join("\n") };
}

/** Serves the build of `app`, loads it in headless Chromium and returns what the page printed. */
async function run(app) {
  const http = await serve(outDir(app));
  servers.push(http.server);
  browser ??= await chromium.launch({
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
  await page.close();
  assert.equal(result.error, undefined, result.error);
  assert.deepEqual(wasmResponses, [{ status: 200, type: "application/wasm" }]);
  assert.deepEqual(problems, []);
  return result;
}

/** The page's two validations: a valid body, and one missing datasourceName. */
function checkValidated(result) {
  assert.deepEqual(result.good, { ok: true, issues: [], warnings: [] });
  assert.equal(result.bad.ok, false);
  assert.deepEqual(
    result.bad.issues.map((i) => [i.path, i.code, i.apiCode]),
    [["/datasourceName", "required", "INVALID_REQUEST_BODY"]],
  );
  assert.equal(result.bad.issues[0].message, 'datasourceName is required when connectionType is "DATASOURCE".');
}

test("the Vite build emits the page, a bundle and the .wasm asset", () => {
  const { files, wasm, bundle } = emitted("main");
  assert.ok(files.includes("index.html"), files.join(", "));
  assert.equal(wasm.length, 1, `one .wasm asset: ${files.join(", ")}`);
  const shipped = fs.readFileSync(path.join(pkgDir, "web", "workspace_requests_bg.wasm"));
  assert.ok(fs.readFileSync(path.join(outDir("main"), wasm[0])).equals(shipped), "the asset is the package's web .wasm");
  assert.ok(files.some((f) => f.endsWith(".js")), files.join(", "));
  assert.ok(bundle.includes(path.basename(wasm[0])), "the bundle refers to the emitted .wasm by its hashed name");
  assert.ok(!/from\s*["']node:|require\(["'](fs|node:fs)["']\)/.test(bundle), "no Node entry was bundled");
});

test("the built page validates in headless Chromium", async () => {
  const result = await run("main");
  checkValidated(result);
  assert.equal(result.endpoints, 6);
});

test("a Vite app importing only workspace-requests/validate ships the validator wasm and no client code", () => {
  const { files, wasm, bundle } = emitted("validate");
  assert.equal(wasm.length, 1, `one .wasm asset: ${files.join(", ")}`);
  const asset = fs.readFileSync(path.join(outDir("validate"), wasm[0]));
  assert.ok(asset.equals(fs.readFileSync(path.join(pkgDir, "validator", "workspace_requests_bg.wasm"))), "the asset is the validator .wasm");
  assert.ok(!asset.equals(fs.readFileSync(path.join(pkgDir, "web", "workspace_requests_bg.wasm"))));
  // The module imports nothing of fetch (gloo-net's Request, Response, Headers, AbortSignal).
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(asset)).map((i) => i.name);
  assert.deepEqual(imports.filter((n) => /fetch|abort|request|response|headers/i.test(n)), [], imports.join(", "));
  // No client code: class names, the request functions' messages, the client glue's imports.
  for (const name of ["DatabrainClient", "ParadigmClient", "buildRequest", "toCurl", "redactRequest", "timeoutMs", "retry", "gloo", "__wbg_fetch", "__wbg_headers", "__wbg_aborted", "AbortController"]) {
    assert.ok(!bundle.includes(name), `${name} is not in the bundle`);
  }
  assert.ok(!/from\s*["']node:|require\(["'](fs|node:fs)["']\)/.test(bundle), "no Node entry was bundled");
  // What a page that only validates costs, as Vite emits it (each file compressed on its own).
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  const br = (b) => brotliCompressSync(b, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
  const sizes = files.sort().map((f) => {
    const b = fs.readFileSync(path.join(outDir("validate"), f));
    return { file: f, raw: b.length, gzip: gz(b), brotli: br(b) };
  });
  const sum = (key, list = sizes) => list.reduce((n, s) => n + s[key], 0);
  const report = {
    what: "Vite production build of a page importing only `validate` (and init) from workspace-requests/validate",
    vite: JSON.parse(fs.readFileSync(require.resolve("vite/package.json"), "utf8")).version,
    files: sizes,
    total: { raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") },
    js: { raw: sum("raw", sizes.filter((s) => s.file.endsWith(".js"))), gzip: sum("gzip", sizes.filter((s) => s.file.endsWith(".js"))) },
    wasm: { raw: sum("raw", sizes.filter((s) => s.file.endsWith(".wasm"))), gzip: sum("gzip", sizes.filter((s) => s.file.endsWith(".wasm"))) },
  };
  console.log(`vite, validate only: ${report.total.gzip} B gzip (js ${report.js.gzip} B, wasm ${report.wasm.gzip} B), ${report.total.raw} B raw`);
  const target = process.env.WR_TARGET ?? path.join(here, "..");
  fs.writeFileSync(path.join(target, "vite-validate-size.json"), `${JSON.stringify(report, null, 2)}\n`);
});

test("the validator-only page validates in headless Chromium", async () => {
  checkValidated(await run("validate"));
});
