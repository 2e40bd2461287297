// The demo page end to end: `www/serve.mjs` serves the built page (target/www, made by
// `scripts/demo.sh --build`) and the mock of both APIs on free ports; Playwright drives Debian's
// Chromium through what a new user does. Each state is saved as a screenshot under target/e2e/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const root = fileURLToPath(new URL("../..", import.meta.url));
const shots = path.join(root, "target", "e2e");

let server;
let site;
let mock;
let browser;
const pageErrors = [];

function startDemo() {
  const child = spawn(process.execPath, [path.join(root, "www", "serve.mjs")], {
    env: { ...process.env, PORT: "0", MOCK_PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`the demo did not start\n${out}${err}`)), 15_000);
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      const m = /demo on (http:\/\/\S+\/) \(mock API (http:\/\/\S+) token=(\S+)\)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, site: m[1], mock: { url: m[2], token: m[3] } });
      }
    });
    child.once("exit", (code) => reject(new Error(`the demo exited (${code})\n${out}${err}`)));
  });
}

before(async () => {
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  ({ child: server, site, mock } = await startDemo());
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
});

after(async () => {
  await browser?.close();
  server?.kill("SIGINT");
  assert.deepEqual(pageErrors, [], "no uncaught error in the page");
});

const mockAdmin = async (method, p) => (await fetch(`${mock.url}${p}`, { method })).json();

/** A fresh page on an endpoint, once the package is loaded. */
async function open(endpoint, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(`${site}#${endpoint}`);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

const field = (p) => `[data-path="${p}"]`;
const shot = (page, name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
/** The findings shown next to the control of `p`: [{code, text}]. */
const fieldFindings = (page, p) =>
  page.$$eval(`${field(p)} > .field-issues li`, (lis) => lis.map((li) => ({ code: li.dataset.code, level: li.classList.contains("error") ? "error" : "warning", text: li.textContent })));
/** The findings list: [{path, code, message, level}]. */
const listed = (page) =>
  page.$$eval("#issues li.finding", (lis) =>
    lis.map((li) => ({
      path: li.querySelector(".path").textContent,
      code: li.querySelector(".code").textContent,
      message: li.querySelector(".message").textContent,
      level: li.classList.contains("error") ? "error" : "warning",
    })),
  );

test("an invalid create-workspace shows the required issue next to the field; fixing it clears it", async () => {
  await mockAdmin("POST", "/__mock/reset");
  const page = await open("databrain.createWorkspace");
  // The empty body: both required fields flagged where they are.
  assert.deepEqual(await fieldFindings(page, "/name"), [{ code: "required", level: "error", text: "name is required. required" }]);
  assert.equal(await page.getAttribute(`${field("/name")} input`, "aria-invalid"), "true");

  await page.fill(`${field("/name")} input`, "E2E Workspace");
  await page.selectOption(`${field("/connectionType")} select`, "DATASOURCE");
  assert.deepEqual(await fieldFindings(page, "/name"), []);
  assert.deepEqual(await fieldFindings(page, "/datasourceName"), [
    { code: "required", level: "error", text: 'datasourceName is required when connectionType is "DATASOURCE". required' },
  ]);
  assert.deepEqual(await listed(page), [
    { path: "/datasourceName", code: "required", message: 'datasourceName is required when connectionType is "DATASOURCE".', level: "error" },
  ]);
  assert.equal(await page.textContent("#status"), "1 issue");
  assert.match(await page.textContent("#preview"), /Not built: the body has 1 issue/);
  await shot(page, "01-required-issue");

  await page.fill(`${field("/datasourceName")} input`, "postgres-main");
  assert.deepEqual(await fieldFindings(page, "/datasourceName"), []);
  assert.equal(await page.getAttribute(`${field("/datasourceName")} input`, "aria-invalid"), null);
  assert.deepEqual(await listed(page), []);
  assert.equal(await page.textContent("#status"), "valid");
  assert.match(await page.textContent("#preview"), /^POST http:\/\/127\.0\.0\.1:\d+\/api\/v2\/workspace\nAuthorization: Bearer <redacted>\n/);
  await shot(page, "02-fixed");

  // Send: the mock creates it.
  await page.click("#send");
  await page.waitForSelector("#response .result");
  assert.equal(await page.textContent("#response .result strong"), "Success");
  assert.deepEqual(JSON.parse(await page.textContent("#response .result pre")), { name: "E2E Workspace" });
  const state = await mockAdmin("GET", "/__mock/state");
  assert.ok(state.databrain.workspaces.some((w) => w.name === "E2E Workspace" && w.datasourceName === "postgres-main"), "the mock holds the workspace");
  await shot(page, "03-sent");

  // A list of strings: an emptied element stays, and is too short.
  await page.click(`${field("/aiCopilotLlms")} button:text("Add item")`);
  await page.click(`${field("/aiCopilotLlms")} button:text("Add item")`);
  await page.fill(`${field("/aiCopilotLlms/0")} input`, "gpt-4o");
  await page.fill(`${field("/aiCopilotLlms/1")} input`, "x");
  await page.fill(`${field("/aiCopilotLlms/1")} input`, "");
  assert.deepEqual(await listed(page), [{ path: "/aiCopilotLlms/1", code: "too_short", message: "aiCopilotLlms[1] cannot be empty.", level: "error" }]);
  await page.click(`${field("/aiCopilotLlms/1")} button:text("Remove")`);
  assert.deepEqual(await listed(page), []);
  await page.click(`${field("/aiCopilotLlms")} button:text("Leave out")`);

  // Sending it again: the documented error, typed.
  await page.click("#send");
  await page.waitForSelector("#response .result[data-error]");
  assert.equal(await page.getAttribute("#response .result", "data-error"), "ApiError");
  assert.equal(await page.getAttribute("#response .result", "data-code"), "WORKSPACE_NAME_ALREADY_EXISTS");
  await page.close();
});

test("an invalid body is never sent: Send shows the ValidationError and the mock sees nothing", async () => {
  const page = await open("databrain.createWorkspace");
  const before = (await mockAdmin("GET", "/__mock/stats")).requests;
  await page.click("#send");
  await page.waitForSelector("#response .result[data-error]");
  assert.equal(await page.getAttribute("#response .result", "data-error"), "ValidationError");
  assert.match(await page.textContent("#response .result"), /Nothing was sent.*\/name.*required/s);
  assert.equal((await mockAdmin("GET", "/__mock/stats")).requests, before);
  await page.close();
});

test("switching datasourceType changes the credential fields; unconfirmed keys are marked", async () => {
  const page = await open("databrain.createDatasource");
  const credentialFields = () => page.$$eval(`${field("/credentials")} .fields > .field[data-field]`, (els) => els.map((e) => e.dataset.field));
  assert.deepEqual(await credentialFields(), ["name"], "no type chosen: the fields every type has");

  await page.selectOption(`${field("/datasourceType")} select`, "postgres");
  assert.deepEqual(await credentialFields(), ["name", "host", "port", "username", "password", "database", "schema", "sslMode"]);
  assert.equal(await page.getAttribute(`${field("/credentials/password")} input`, "type"), "password", "secrets are password inputs");
  assert.equal(await page.$(`${field("/credentials/sslMode")} .badge.unconfirmed`) !== null, true);
  assert.equal(await page.$(`${field("/credentials/host")} .badge.unconfirmed`), null);
  await page.fill(`${field("/credentials/name")} input`, "pg-e2e");
  await page.fill(`${field("/credentials/host")} input`, "db.example.com");
  await shot(page, "04-postgres");

  await page.selectOption(`${field("/datasourceType")} select`, "bigquery");
  assert.deepEqual(await credentialFields(), ["name", "projectId", "serviceAccountKey", "location"]);
  assert.ok(await page.$(`${field("/credentials/serviceAccountKey")} .badge.unconfirmed`));
  // The name carries over; postgres's host does not.
  assert.equal(await page.inputValue(`${field("/credentials/name")} input`), "pg-e2e");
  await page.click("#mode-json");
  assert.deepEqual(JSON.parse(await page.inputValue("#json")), { datasourceType: "bigquery", credentials: { name: "pg-e2e" } });
  await page.click("#mode-form");
  await shot(page, "05-bigquery");

  // Paradigm's `type` does the same, and its enums and booleans are selects and switches.
  await page.goto(`${site}#paradigm.testDatasource`);
  await page.waitForSelector("body[data-ready=true]");
  await page.selectOption(`${field("/type")} select`, "sharepoint");
  const paradigmFields = () => page.$$eval(`${field("/credentials")} .fields > .field[data-field]`, (els) => els.map((e) => e.dataset.field));
  assert.deepEqual(await paradigmFields(), ["client_id", "client_secret", "tenant_id", "site_id", "site_name"]);
  assert.ok(await page.$(`${field("/filter_criteria/recursive")} input[type=checkbox][role=switch]`));
  await page.selectOption(`${field("/type")} select`, "servicenow");
  assert.deepEqual(await paradigmFields(), ["instance_url", "username", "password"]);
  // A pasted Google Drive key shows in its (masked) text area once back in the form.
  const key = '{"type": "service_account", "private_key": "k"}';
  await page.click("#mode-json");
  await page.fill("#json", JSON.stringify({ type: "googledrive", name: "D", credentials: { service_account_file: key }, filter_criteria: { folder_id: "f" } }));
  await page.click("#mode-form");
  const area = `${field("/credentials/service_account_file")} textarea`;
  assert.equal(await page.inputValue(area), key);
  assert.equal(await page.getAttribute(area, "class"), "mono masked");
  assert.equal(await page.textContent("#status"), "valid");
  await page.close();
});

test("a wrong token shows the API's 401 as a typed error with its documented code", async () => {
  const page = await open("databrain.createWorkspace");
  await page.click("#load-example");
  await page.fill("#token", "wrong-token");
  await page.click("#send");
  await page.waitForSelector("#response .result[data-error]");
  assert.equal(await page.getAttribute("#response .result", "data-error"), "ApiError");
  assert.equal(await page.getAttribute("#response .result", "data-code"), "INVALID_DATA_APP_API_KEY");
  assert.match(await page.textContent("#response .result .status"), /HTTP 401/);
  // The code is one the page lists as documented for this endpoint.
  await page.click("#errors summary");
  assert.match(await page.textContent('#errors tr[data-code="INVALID_DATA_APP_API_KEY"]'), /^401INVALID_DATA_APP_API_KEY/);
  await shot(page, "06-wrong-token");

  // Paradigm: its own envelope and code.
  await page.goto(`${site}#paradigm.updateWorkspace`);
  await page.waitForSelector("body[data-ready=true]");
  await page.click("#load-example");
  await page.fill("#token", "wrong-token");
  await page.click("#send");
  await page.waitForSelector("#response .result[data-error]");
  assert.equal(await page.getAttribute("#response .result", "data-code"), "unauthorized");
  await page.close();
});

test("the preview and the curl command show no password or token until revealed", async () => {
  const page = await open("databrain.createDatasource");
  await page.click("#load-example");
  const [preview, curl] = [await page.textContent("#preview"), await page.textContent("#curl")];
  for (const text of [preview, curl]) {
    assert.ok(!text.includes("example-password"), text);
    assert.ok(!text.includes(mock.token), text);
    assert.ok(text.includes('"password":') || text.includes('"password": '), text);
    assert.ok(text.includes("<redacted>"), text);
  }
  assert.match(curl, /--header "Authorization: Bearer \$\{DATABRAIN_TOKEN\}"/);
  assert.match(preview, /Authorization: Bearer <redacted>/);
  assert.equal(await page.getAttribute(`${field("/credentials/password")} input`, "type"), "password");
  await shot(page, "07-redacted");

  await page.check("#reveal");
  const revealed = await page.textContent("#curl");
  assert.ok(revealed.includes("example-password") && revealed.includes(`Bearer ${mock.token}`), revealed);
  assert.ok((await page.textContent("#preview")).includes("example-password"));
  await shot(page, "08-revealed");
  await page.uncheck("#reveal");
  assert.ok(!(await page.textContent("#curl")).includes("example-password"));

  // The example is valid and the mock takes it.
  await page.click("#send");
  await page.waitForSelector("#response .result");
  assert.deepEqual(JSON.parse(await page.textContent("#response .result.ok pre")), { name: "postgres-staging" });
  await page.close();
});

test("JSON mode: a pasted body's issues are listed with their paths, and a click selects the value", async () => {
  const page = await open("paradigm.updateWorkspace");
  await page.click("#mode-json");
  const body = { name: "x".repeat(101), members: { users: [{ id: 0, role: "admin" }] }, colour: "red" };
  await page.fill("#json", JSON.stringify(body, null, 2));
  const findings = await listed(page);
  assert.deepEqual(
    findings.map((f) => `${f.path} ${f.code} ${f.level}`),
    ["/name too_long error", "/members/users/0/id invalid_value error", "/members/users/0/role invalid_enum error", "/colour unknown_field warning"],
  );
  // Strict mode turns the unknown key into an issue, and back.
  await page.check("#strict");
  const strict = await listed(page);
  assert.deepEqual(strict.filter((f) => f.path === "/colour").map((f) => `${f.code} ${f.level}`), ["unknown_field error"]);
  assert.match(strict.find((f) => f.path === "/colour").message, /\(strict mode\)/);
  await page.uncheck("#strict");
  assert.equal((await listed(page)).find((f) => f.path === "/colour").level, "warning");
  await page.click('#issues li.finding:has(.path:text-is("/members/users/0/role")) button');
  const selected = await page.$eval("#json", (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, '"admin"');
  await shot(page, "09-json-mode");

  // Any JSON is checked as it is, `null` and arrays included.
  await page.fill("#json", "null");
  assert.deepEqual(await listed(page), [{ path: "(body)", code: "invalid_type", message: "body must be an object, found null.", level: "error" }]);
  await page.fill("#json", '{"name": "a",}');
  assert.equal(await page.textContent("#status"), "not JSON");
  assert.match(await page.textContent("#issues"), /line 1, column \d+/);
  // Text that does not parse stays what it is across a switch of endpoint and back.
  await page.selectOption("#endpoint", "databrain.createWorkspace");
  await page.selectOption("#endpoint", "paradigm.updateWorkspace");
  assert.equal(await page.inputValue("#json"), '{"name": "a",}');
  assert.equal(await page.textContent("#status"), "not JSON");
  // The form refuses to take text that does not parse, and says why.
  await page.click("#mode-form");
  assert.equal(await page.isVisible("#json"), true);
  assert.match(await page.textContent("#mode-note"), /does not parse/);
  await page.fill("#json", '{"name": "Legal", "description": null}');
  await page.click("#mode-form");
  assert.equal(await page.inputValue(`${field("/name")} input`), "Legal");
  assert.equal(await page.isChecked(`${field("/description")} .nullable input[type=checkbox]`), true);
  await page.close();
});

test("Paradigm: the example is sent to the mock's workspace 101 and the workspace comes back", async () => {
  await mockAdmin("POST", "/__mock/reset");
  const page = await open("paradigm.updateWorkspace");
  await page.click("#load-example");
  assert.equal(await page.inputValue("#workspace-id"), "101");
  assert.match(await page.textContent("#preview"), /^PATCH http:\/\/127\.0\.0\.1:\d+\/api\/v3\/workspaces\/101\n/);
  await page.click("#send");
  await page.waitForSelector("#response .result");
  const workspace = JSON.parse(await page.textContent("#response .result.ok pre"));
  assert.equal(workspace.id, 101);
  assert.equal(workspace.name, "Team Handbook");
  await page.fill("#workspace-id", "abc");
  assert.match(await page.textContent("#preview"), /Not built: the workspace id must be an integer/);
  await page.close();
});

test("at phone width everything fits the screen", async () => {
  for (const endpoint of ["databrain.createDatasource", "paradigm.testDatasource"]) {
    const page = await open(endpoint, { width: 390, height: 844 });
    await page.click("#load-example");
    await page.check("#reveal");
    await page.click("#send");
    await page.waitForSelector("#response .result");
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(scroll <= client, `${endpoint}: the page is ${scroll}px wide on a ${client}px screen`);
    const wide = await page.$$eval("body *", (els) =>
      els.filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && e.offsetParent !== null).map((e) => e.tagName + "." + e.className),
    );
    assert.deepEqual(wide, [], `${endpoint}: elements past the right edge`);
    await shot(page, `10-phone-${endpoint}`);
    await page.close();
  }
});

test("an error whose body cannot be shown as JSON is still shown (not stuck on Sending…)", async () => {
  // Your server answers a 400 whose JSON nests 200,000 levels: the client parses it, and
  // JSON.stringify of that body throws, which used to leave the page on "Sending…".
  const { createServer } = await import("node:http");
  const deep = `{"error":{"code":"INVALID_REQUEST_BODY","message":"deep","detail":${"[".repeat(200_000)}${"]".repeat(200_000)}}}`;
  const yours = createServer((req, res) => {
    res.setHeader("Access-Control-Allow-Origin", req.headers.origin ?? "*");
    res.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
    res.setHeader("Access-Control-Allow-Methods", "POST, PUT, PATCH, OPTIONS");
    if (req.method === "OPTIONS") return res.writeHead(204).end();
    req.resume();
    req.on("end", () => res.writeHead(400, { "content-type": "application/json" }).end(deep));
  });
  await new Promise((resolve) => yours.listen(0, "127.0.0.1", resolve));
  try {
    const page = await open("databrain.createWorkspace");
    await page.click("#load-example");
    await page.check('input[name="target"][value="custom"]');
    await page.fill("#base-url", `http://127.0.0.1:${yours.address().port}`);
    await page.fill("#token", "your-token");
    await page.click("#send");
    await page.waitForSelector("#response .result[data-error]", { timeout: 15_000 });
    assert.equal(await page.getAttribute("#response .result", "data-error"), "ApiError");
    assert.match(await page.textContent("#response .result pre"), /cannot be shown as JSON/);
    assert.equal(await page.isDisabled("#send"), false, "Send works again");
    await shot(page, "12-unshowable-error-body");
    await page.close();
  } finally {
    await new Promise((resolve) => yours.close(resolve));
  }
});
