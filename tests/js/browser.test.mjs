// The browser entry without a bundler: a plain `<script type="module">` page (an import map sends
// the bare specifier to /pkg/web/index.js) served with the installed package under /pkg/. In headless
// Chromium, init() is called with each input kind in its own page load, then validate runs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const pkgDir = path.dirname(require.resolve("workspace-requests/package.json"));
const WASM = "/pkg/web/workspace_requests_bg.wasm";

const MIME = {
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

// One page; the query string says how to call init().
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>workspace-requests, no bundler</title>
<script type="importmap">{ "imports": { "workspace-requests": "/pkg/web/index.js" } }</script>
<script type="module">
import init, { initSync, validate, validateMany, endpoints, describe, jsonSchema } from "workspace-requests";
const mode = new URLSearchParams(location.search).get("mode");
const url = ${JSON.stringify(WASM)};
const out = { mode };
const attempt = (f) => { try { f(); return null; } catch (e) { return { isError: e instanceof Error, name: e.name, message: e.message }; } };
try {
  out.before = {
    validate: attempt(() => validate("databrain.createWorkspace", {})),
    validateMany: attempt(() => validateMany("databrain.createWorkspace", [])),
  };
  // Introspection is plain data: it works before init (a form can render while the wasm loads).
  out.dataBefore = {
    endpoints: attempt(() => endpoints()),
    describe: attempt(() => describe("databrain.createWorkspace")),
    jsonSchema: attempt(() => jsonSchema("databrain.createWorkspace")),
  };
  switch (mode) {
    case "none": out.returned = await init(); break;
    case "string": out.returned = await init(url); break;
    case "url": out.returned = await init(new URL(url, location.href)); break;
    case "request": out.returned = await init(new Request(url)); break;
    case "response-promise": out.returned = await init(fetch(url)); break;
    case "response": out.returned = await init(await fetch(url)); break;
    case "bytes": out.returned = await init(await (await fetch(url)).arrayBuffer()); break;
    case "uint8array": out.returned = await init(new Uint8Array(await (await fetch(url)).arrayBuffer())); break;
    case "module": out.returned = await init(await WebAssembly.compileStreaming(fetch(url))); break;
    case "module-promise": out.returned = await init(WebAssembly.compileStreaming(fetch(url))); break;
    case "sync-bytes": out.returned = initSync(await (await fetch(url)).arrayBuffer()); break;
    case "sync-module": out.returned = initSync(await WebAssembly.compileStreaming(fetch(url))); break;
    case "retry": {
      try { await init("/pkg/web/missing.wasm"); out.firstAttempt = "resolved"; }
      catch (e) { out.firstAttempt = { isError: e instanceof Error, message: e.message }; }
      out.stillUninitialised = attempt(() => validate("databrain.createWorkspace", {}));
      out.returned = await init();
      break;
    }
    default: throw new Error("unknown mode " + mode);
  }
  out.again = await init(); // a second init is a no-op
  out.good = validate("databrain.createWorkspace", { name: "Sales", connectionType: "DATASOURCE", datasourceName: "pg" });
  out.bad = validate("paradigm.updateWorkspace", { name: "", members: { users: [{ id: 0, role: "admin" }] } });
  out.many = validateMany("databrain.updateDatasource", [{ datasourceType: "csv", credentials: { name: "c" } }, {}]).map((r) => r.ok);
  out.endpoints = endpoints().length;
  out.variants = describe("databrain.createDatasource").body.union.variants.length;
  out.schema = jsonSchema("paradigm.testDatasource").$schema;
  try { validate("nope", {}); } catch (e) { out.unknownId = { isTypeError: e instanceof TypeError, message: e.message }; }
} catch (e) {
  out.error = String(e && e.stack ? e.stack : e);
}
window.__result = out;
</script>
</head>
<body></body>
</html>`;

/** Serves the page at / and the installed package under /pkg/; records requests. */
function serve() {
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    requests.push(url.pathname);
    if (url.pathname === "/" || url.pathname === "/index.html") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(PAGE);
      return;
    }
    if (url.pathname.startsWith("/pkg/")) {
      const file = path.normalize(path.join(pkgDir, decodeURIComponent(url.pathname.slice("/pkg/".length))));
      if (file.startsWith(pkgDir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        res.writeHead(200, { "Content-Type": MIME[path.extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
        fs.createReadStream(file).pipe(res);
        return;
      }
    }
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, requests, origin: `http://127.0.0.1:${server.address().port}` })));
}

let browser;
let http;

before(async () => {
  http = await serve();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
});

after(async () => {
  await browser?.close();
  if (http) await new Promise((resolve) => http.server.close(resolve));
});

/** Loads the page in a fresh context with `mode`; returns its result and what it fetched. */
async function load(mode) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
    });
    const wasm = [];
    page.on("response", (r) => {
      if (new URL(r.url()).pathname.endsWith(".wasm")) wasm.push({ path: new URL(r.url()).pathname, status: r.status(), type: r.headers()["content-type"] });
    });
    await page.goto(`${http.origin}/?mode=${mode}`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 30_000 });
    const result = await page.evaluate(() => window.__result);
    return { result, problems, wasm };
  } finally {
    await context.close();
  }
}

const INIT_ERROR = /init\(\)/;

function checkWorking(result) {
  assert.equal(result.error, undefined, result.error);
  for (const [fn, e] of Object.entries(result.before)) {
    assert.ok(e, `${fn} throws before init`);
    assert.equal(e.isError, true, fn);
    assert.match(e.message, INIT_ERROR, `${fn}: the message mentions init(): ${e.message}`);
  }
  assert.deepEqual(result.dataBefore, { endpoints: null, describe: null, jsonSchema: null }, "introspection needs no init");
  assert.equal(result.returned, undefined);
  assert.equal(result.again, undefined);
  assert.deepEqual(result.good, { ok: true, issues: [], warnings: [] });
  assert.equal(result.bad.ok, false);
  assert.deepEqual(
    result.bad.issues.map((i) => `${i.path} ${i.code} ${i.apiCode}`).sort(),
    ["/members/users/0/id invalid_value validation_error", "/members/users/0/role invalid_enum validation_error", "/name too_short validation_error"],
  );
  assert.deepEqual(result.many, [true, false]);
  assert.equal(result.endpoints, 6);
  assert.equal(result.variants, 18);
  assert.equal(result.schema, "https://json-schema.org/draft/2020-12/schema");
  assert.equal(result.unknownId.isTypeError, true);
  assert.match(result.unknownId.message, /known ids: databrain\.createWorkspace/);
}

const MODES = [
  ["none", "no argument: the .wasm next to web/index.js"],
  ["string", "a URL string"],
  ["url", "a URL object"],
  ["request", "a Request"],
  ["response-promise", "a fetch() Response promise"],
  ["response", "a Response"],
  ["bytes", "an ArrayBuffer"],
  ["uint8array", "a Uint8Array"],
  ["module", "a compiled WebAssembly.Module"],
  ["module-promise", "a WebAssembly.Module promise"],
  ["sync-bytes", "initSync(ArrayBuffer)"],
  ["sync-module", "initSync(WebAssembly.Module)"],
];

for (const [mode, what] of MODES) {
  test(`init with ${what} (${mode}), then validate`, async () => {
    const { result, problems, wasm } = await load(mode);
    checkWorking(result);
    // The .wasm is fetched exactly once, from the package, as application/wasm.
    assert.deepEqual(wasm, [{ path: WASM, status: 200, type: "application/wasm" }]);
    assert.deepEqual(problems, []);
  });
}

test("a failed init (404) rejects with an Error, leaves the API unusable, and a later init() works", async () => {
  const { result, wasm, problems } = await load("retry");
  checkWorking(result);
  assert.equal(result.firstAttempt.isError, true);
  assert.match(result.firstAttempt.message, /404/);
  assert.match(result.stillUninitialised.message, INIT_ERROR);
  assert.deepEqual(wasm.map((w) => `${w.path} ${w.status}`), ["/pkg/web/missing.wasm 404", `${WASM} 200`]);
  // The browser logs the failed fetch itself; nothing else.
  assert.ok(problems.every((p) => /404/.test(p)), problems.join("\n"));
});

test("the page loaded only the browser entry of the package and the modules it shares", () => {
  const fromPkg = [...new Set(http.requests.filter((p) => p.startsWith("/pkg/")))].sort();
  assert.ok(fromPkg.includes("/pkg/web/index.js"));
  assert.ok(fromPkg.includes("/pkg/web/workspace_requests.js"));
  for (const shared of ["data", "errors", "introspect", "validate", "wasm"]) assert.ok(fromPkg.includes(`/pkg/${shared}.js`), shared);
  // web/ and the top-level modules; nothing of the Node (its shared chunk, its lazy data loader),
  // CommonJS or validator-only entries.
  assert.ok(fromPkg.every((p) => p.startsWith("/pkg/web/") || /^\/pkg\/[a-z-]+\.js$/.test(p)), fromPkg.join(", "));
  assert.ok(!fromPkg.some((p) => /node/.test(p)), fromPkg.join(", "));
});
