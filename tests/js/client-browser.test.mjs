// The fetch clients in headless Chromium, against the mock of both APIs on another origin (so
// CORS is exercised too): a plain module page loads the installed package's browser entry and
// runs each scenario; the results come back to Node for the assertions.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { startMock } from "../../mock/start.mjs";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const pkgDir = path.dirname(require.resolve("workspace-requests/package.json"));
const MIME = { ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json" };

const unhandled = [];
process.on("unhandledRejection", (e) => unhandled.push(e));

// Runs in the page: every scenario's outcome as plain data.
const SCENARIOS = `
await init();
const params = new URLSearchParams(location.search);
const base = params.get("mock"), token = params.get("token");
const admin = (method, p, body) => fetch(base + p, { method, headers: { "content-type": "application/json" }, body: body && JSON.stringify(body) }).then((r) => r.json());
const fault = (spec, count = 1) => admin("POST", "/__mock/faults", { fault: spec, count });
const outcome = async (promise) => {
  try { return { ok: true, value: await promise }; }
  catch (e) { return { ok: false, name: e.name, isClass: e instanceof wr[e.name], code: e.code, status: e.status, message: e.message, reason: e.reason instanceof Error ? "Error:" + e.reason.name : e.reason, issues: e.issues && e.issues.map((i) => i.path + " " + i.code), retryAfter: e.retryAfter, limit: e.headers && e.headers.get("ratelimit-limit"), cause: e.cause instanceof Error ? e.cause.name : undefined }; }
};
const databrain = new wr.DatabrainClient({ token, baseUrl: base });
const paradigm = new wr.ParadigmClient({ token, baseUrl: base });
const quick = new wr.DatabrainClient({ token, baseUrl: base, timeoutMs: 100 });
const ws = (name) => ({ name, connectionType: "DATASOURCE", datasourceName: "postgres-main" });
const out = {};
await admin("POST", "/__mock/reset");
out.create = await outcome(databrain.createWorkspace(ws("From Chrome")));
out.updateDatasource = await outcome(databrain.updateDatasource({ datasourceType: "csv", credentials: { name: "uploads" } }));
out.paradigm = await outcome(paradigm.updateWorkspace(101, { name: "Renamed in Chrome" }).then((w) => w.name));
out.test = await outcome(paradigm.testDatasource(101, { type: "webscrapper", name: "S", filter_criteria: { start_url: "https://example.com" } }));
out.taken = await outcome(databrain.createWorkspace(ws("Sales Analytics")));
out.conflict = await outcome(paradigm.updateWorkspace(106, { datasource: { type: "sharepoint", name: "S", credentials: { client_id: "c", client_secret: "s", tenant_id: "t" }, filter_criteria: { folder_path: "x" } } }));
out.wrongToken = await outcome(new wr.DatabrainClient({ token: "wrong", baseUrl: base }).createWorkspace(ws("X")));
const before = (await admin("GET", "/__mock/stats")).requests;
out.invalid = await outcome(databrain.createWorkspace({ name: "", connectionType: "DATASOURCE" }));
out.invalidReached = (await admin("GET", "/__mock/stats")).requests - before;
await fault("delay=1000");
out.timeout = await outcome(quick.createWorkspace(ws("Slow")));
for (const [key, reason] of [["abortString", "why not"], ["abortNone", undefined], ["abortNumber", 7]]) {
  await fault("delay=1000");
  const c = new AbortController();
  setTimeout(() => (reason === undefined ? c.abort() : c.abort(reason)), 30);
  out[key] = await outcome(databrain.createWorkspace(ws("Abort " + key), { signal: c.signal }));
}
await admin("DELETE", "/__mock/faults");
await fault("malformed");
out.malformed = await outcome(databrain.createDatasource({ datasourceType: "csv", credentials: { name: "m1" } }));
// Chromium re-sends once a request whose reused connection closes unanswered: drop them all.
await fault("drop", 5);
out.dropped = await outcome(databrain.createWorkspace(ws("Dropped")));
await admin("DELETE", "/__mock/faults");
out.after = await outcome(databrain.createWorkspace(ws("After it all")));
// A base URL on the page's origin that answers 307 to the mock: the browser must not follow it.
const redirected = new wr.DatabrainClient({ token, baseUrl: location.origin + "/redirect" });
const beforeRedirect = (await admin("GET", "/__mock/stats")).requests;
out.redirect = await outcome(redirected.createWorkspace(ws("Redirected")));
out.redirectReached = (await admin("GET", "/__mock/stats")).requests - beforeRedirect;
// A rate limit across origins: the client reads Retry-After (exposed by CORS) and retries a POST.
await admin("POST", "/__mock/faults", { fault: "ratelimit=1/1s", route: "POST /api/v2/workspace" });
const retrying = new wr.DatabrainClient({ token, baseUrl: base, retry: { retries: 3 } });
out.limited = await outcome(Promise.all([retrying.createWorkspace(ws("Limited A")), retrying.createWorkspace(ws("Limited B"))]).then((r) => r.map((x) => x.name)));
out.limitedCount = (await admin("GET", "/__mock/stats")).limited;
out.refusedByLimit = await outcome(Promise.all([databrain.createWorkspace(ws("Limited C")), databrain.createWorkspace(ws("Limited D"))]));
await admin("DELETE", "/__mock/faults");
// A custom fetch, extra headers (allowed by the preflight), the hooks' redacted copies.
const seen = [];
const custom = new wr.DatabrainClient({
  token, baseUrl: base, headers: { "X-Request-Id": "chrome-1" },
  fetch: (req) => { seen.push("fetch " + req.headers.get("x-request-id")); return fetch(req); },
  onRequest: (e) => seen.push("request " + e.headers.Authorization),
  onResponse: (e) => seen.push("response " + e.status),
});
out.custom = await outcome(custom.createWorkspace(ws("Custom fetch")));
out.seen = seen;
out.sentHeader = (await admin("GET", "/__mock/stats")).last.headers["x-request-id"];
// A refused connection: the browser's TypeError is kept as the cause.
out.refused = await outcome(new wr.DatabrainClient({ token, baseUrl: "http://127.0.0.1:9" }).createWorkspace(ws("Nowhere")));
window.__results = out;
`;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>clients</title>
<script type="importmap">{ "imports": { "workspace-requests": "/pkg/web/index.js" } }</script>
<script type="module">
import init, * as wr from "workspace-requests";
try {
${SCENARIOS}
} catch (e) { window.__results = { error: String(e && e.stack || e) }; }
</script></head><body></body></html>`;

let mock;
let browser;
let http;

before(async () => {
  mock = await startMock();
  http = await new Promise((resolve) => {
    const server = createServer((req, res) => {
      const url = new URL(req.url, "http://localhost");
      if (url.pathname === "/") return res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(PAGE);
      if (url.pathname.startsWith("/redirect/")) {
        req.resume();
        return res.writeHead(307, { Location: `${mock.url}${url.pathname.slice("/redirect".length)}` }).end();
      }
      const file = path.normalize(path.join(pkgDir, decodeURIComponent(url.pathname.replace(/^\/pkg\//, ""))));
      if (url.pathname.startsWith("/pkg/") && file.startsWith(pkgDir + path.sep) && fs.existsSync(file)) {
        res.writeHead(200, { "Content-Type": MIME[path.extname(file)] ?? "application/octet-stream" });
        return fs.createReadStream(file).pipe(res);
      }
      res.writeHead(404).end();
    });
    server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
});

after(async () => {
  await browser?.close();
  if (http) await new Promise((resolve) => http.server.close(resolve));
  await mock?.close();
  assert.deepEqual(unhandled, []);
});

test("the clients in Chromium: success, typed errors, timeout, aborts, malformed and dropped answers", async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && !/Failed to load resource|ERR_/.test(m.text()) && problems.push(`console: ${m.text()}`));
  await page.goto(`${http.origin}/?mock=${encodeURIComponent(mock.url)}&token=${encodeURIComponent(mock.token)}`);
  await page.waitForFunction(() => window.__results !== undefined, null, { timeout: 30_000 }).catch((e) => {
    throw new Error(`${e.message}\n${problems.join("\n")}`);
  });
  const r = await page.evaluate(() => window.__results);
  await page.close();
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(problems, []);
  assert.deepEqual(r.create, { ok: true, value: { name: "From Chrome" } });
  assert.deepEqual(r.updateDatasource, { ok: true, value: { name: "uploads" } });
  assert.deepEqual(r.paradigm, { ok: true, value: "Renamed in Chrome" });
  assert.equal(r.test.ok, true);
  const err = (o) => [o.ok, o.name, o.isClass, o.status, o.code];
  assert.deepEqual(err(r.taken), [false, "ApiError", true, 400, "WORKSPACE_NAME_ALREADY_EXISTS"]);
  assert.deepEqual(err(r.conflict), [false, "ApiError", true, 409, "conflict"]);
  assert.deepEqual(err(r.wrongToken), [false, "ApiError", true, 401, "INVALID_DATA_APP_API_KEY"]);
  assert.deepEqual([r.invalid.name, r.invalid.isClass, r.invalid.issues], ["ValidationError", true, ["/name too_short", "/datasourceName required"]]);
  assert.equal(r.invalidReached, 0, "an invalid body never reaches the mock");
  assert.deepEqual([r.timeout.name, r.timeout.isClass], ["TimeoutError", true]);
  assert.deepEqual([r.abortString.name, r.abortString.reason], ["AbortError", "why not"]);
  assert.deepEqual([r.abortNone.name, r.abortNone.reason], ["AbortError", "Error:AbortError"]);
  assert.deepEqual([r.abortNumber.name, r.abortNumber.reason], ["AbortError", 7]);
  assert.deepEqual([r.malformed.name, r.malformed.isClass], ["ResponseError", true]);
  assert.deepEqual([r.dropped.name, r.dropped.isClass], ["NetworkError", true]);
  assert.deepEqual(r.after, { ok: true, value: { name: "After it all" } }, "the instance keeps working");
  assert.deepEqual([r.redirect.name, r.redirect.isClass], ["NetworkError", true]);
  assert.match(r.redirect.message, /a redirect, which is not followed/);
  assert.equal(r.redirectReached, 0, "the redirect's target never got the body or the token");
  assert.deepEqual(r.limited, { ok: true, value: ["Limited A", "Limited B"] }, "a 429 is waited out and retried");
  assert.ok(r.limitedCount >= 1);
  assert.deepEqual([r.refusedByLimit.name, r.refusedByLimit.code, r.refusedByLimit.limit], ["ApiError", "TOO_MANY_REQUESTS", "1"]);
  assert.ok(r.refusedByLimit.retryAfter >= 0 && r.refusedByLimit.retryAfter <= 1, "Retry-After read across origins");
  assert.deepEqual(r.custom, { ok: true, value: { name: "Custom fetch" } });
  assert.deepEqual(r.seen, ["request Bearer <redacted>", "fetch chrome-1", "response 200"]);
  assert.equal(r.sentHeader, "chrome-1");
  assert.deepEqual([r.refused.name, r.refused.cause], ["NetworkError", "TypeError"]);
});
