// The request builder and fetch clients of the installed package, in Node, against the mock of
// both APIs (mock/, started on a free port). Every documented error code becomes its typed error;
// timeouts, aborts, malformed answers and dropped connections too; an invalid body never reaches
// the mock. An unhandled promise rejection fails the run.

import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import * as wr from "workspace-requests";
import { startMock } from "../../mock/start.mjs";

const unhandled = [];
process.on("unhandledRejection", (e) => unhandled.push(e));

let mock;
let databrain;
let paradigm;

before(async () => {
  mock = await startMock();
  databrain = new wr.DatabrainClient({ token: mock.token, baseUrl: mock.url });
  paradigm = new wr.ParadigmClient({ token: mock.token, baseUrl: `${mock.url}/` });
});

after(async () => {
  await mock?.close();
  assert.deepEqual(unhandled, [], "no unhandled promise rejection");
});

beforeEach(async () => {
  await admin("POST", "/__mock/reset");
});

async function admin(method, path, body) {
  const res = await fetch(`${mock.url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

/** The next request to the mock gets `fault` (see mock/README.md). */
const fault = (spec, count = 1) => admin("POST", "/__mock/faults", { fault: spec, count });
const requests = async () => (await admin("GET", "/__mock/stats")).requests;

const workspace = (name, extra = {}) => ({ name, connectionType: "DATASOURCE", datasourceName: "postgres-main", ...extra });
const csv = (name) => ({ datasourceType: "csv", credentials: { name } });
const webscrapper = { type: "webscrapper", name: "Site", filter_criteria: { start_url: "https://example.com" } };

/** Runs `promise`, which must reject with `Class`; returns the error. */
async function rejects(promise, Class) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof Class, `expected ${Class.name}, got ${e && e.name}: ${e && e.message}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, Class.name);
    return e;
  }
  assert.fail(`expected ${Class.name}, but it resolved`);
}

test("each endpoint succeeds with its documented data", async () => {
  assert.deepEqual(await databrain.createWorkspace(workspace("New analytics")), { name: "New analytics" });
  assert.deepEqual(await databrain.updateWorkspace(workspace("Sales Analytics", { themeName: "dark" })), { name: "Sales Analytics" });
  assert.deepEqual(await databrain.createDatasource(csv("new-uploads")), { name: "new-uploads" });
  assert.deepEqual(await databrain.updateDatasource(csv("uploads")), { name: "uploads" });
  const ws = await paradigm.updateWorkspace(101, { name: "Handbook", description: null, members: { users: [{ id: 1, role: "owner" }] } });
  assert.equal(ws.id, 101);
  assert.equal(ws.name, "Handbook");
  const converted = await paradigm.updateWorkspace(101, { datasource: webscrapper });
  assert.equal(converted.document_upload_method, "synced");
  await paradigm.testDatasource(101, webscrapper);
});

test("every documented Databrain error code becomes an ApiError with its code and status", async () => {
  const cases = [
    [() => databrain.createWorkspace(workspace("Sales Analytics")), "WORKSPACE_NAME_ALREADY_EXISTS", 400],
    [() => databrain.createWorkspace(workspace("W", { datasourceName: "nope" })), "INVALID_DATASOURCE_NAME", 400],
    [() => databrain.createWorkspace({ name: "W", connectionType: "DATAMART", datamartName: "nope" }), "INVALID_DATAMART_NAME", 400],
    [() => databrain.createWorkspace(workspace("W", { llmName: "nope" })), "INVALID_LLM_NAME", 400],
    [() => databrain.createWorkspace(workspace("W", { aiCopilotLlms: ["gpt-4o", "nope"] })), "INVALID_AI_COPILOT_LLMS", 400],
    [() => databrain.createWorkspace(workspace("W", { themeName: "nope" })), "INVALID_THEME_NAME", 400],
    [() => databrain.updateWorkspace(workspace("No such workspace")), "WORKSPACE_DOES_NOT_EXIST", 400],
    [() => databrain.createDatasource(csv("uploads")), "DATASOURCE_NAME_ERROR", 400],
    [() => databrain.updateDatasource(csv("no-such-datasource")), "DATASOURCE_NOT_FOUND", 404],
    [
      () => databrain.updateDatasource({ datasourceType: "postgres", credentials: { name: "postgres-main", host: "unreachable.invalid", port: 5432 } }),
      "CREDENTIAL_TEST_FAILED",
      400,
    ],
  ];
  for (const [call, code, status] of cases) {
    const e = await rejects(call(), wr.ApiError);
    assert.equal(e.code, code);
    assert.equal(e.status, status);
    assert.equal(typeof e.message, "string");
    assert.equal(e.body.error.code, code, "the raw body is kept");
  }
  for (const [endpoint, call, codes] of [
    ["databrain.createWorkspace", () => databrain.createWorkspace(workspace("X1")), ["INVALID_REQUEST_BODY", "INTERNAL_SERVER_ERROR"]],
    ["databrain.updateDatasource", () => databrain.updateDatasource(csv("uploads")), ["SCHEMA_CACHE_FAILED", "TENANCY_SETTINGS_CREATE_FAILED", "TENANCY_SETTINGS_UPDATE_FAILED", "INTERNAL_SERVER_ERROR"]],
    ["databrain.createDatasource", () => databrain.createDatasource(csv("another")), ["SCHEMA_CACHE_FAILED", "CREATE_DATASOURCE_FAILED", "INTERNAL_SERVER_ERROR"]],
  ]) {
    for (const code of codes) {
      await fault(`code=${code}`);
      const e = await rejects(call(), wr.ApiError);
      assert.equal(e.code, code, endpoint);
      assert.equal(e.endpoint, endpoint);
    }
  }
});

test("a wrong token is the documented 401 of each API family", async () => {
  const wrong = new wr.DatabrainClient({ token: "wrong-token", baseUrl: mock.url });
  let e = await rejects(wrong.createWorkspace(workspace("W")), wr.ApiError);
  assert.deepEqual([e.status, e.code], [401, "INVALID_DATA_APP_API_KEY"]);
  e = await rejects(wrong.updateDatasource(csv("uploads")), wr.ApiError);
  assert.deepEqual([e.status, e.code], [401, "AUTHENTICATION_ERROR"]);
  const p = new wr.ParadigmClient({ token: "wrong-token", baseUrl: mock.url });
  e = await rejects(p.updateWorkspace(101, { name: "x" }), wr.ApiError);
  assert.deepEqual([e.status, e.code], [401, "unauthorized"]);
});

test("Paradigm v3 rules answer their codes", async () => {
  const cases = [
    [() => paradigm.updateWorkspace(102, { datasource: webscrapper }), 400, "bad_request"], // has documents
    [() => paradigm.updateWorkspace(106, { datasource: { type: "sharepoint", name: "S", credentials: { client_id: "c", client_secret: "s", tenant_id: "t" }, filter_criteria: { folder_path: "x" } } }), 409, "conflict"],
    [() => paradigm.updateWorkspace(107, { datasource: { type: "googledrive", name: "D", credentials: { service_account_file: "{}" }, filter_criteria: { folder_id: "f" } } }), 409, "conflict"],
    [() => paradigm.updateWorkspace(104, { datasource: webscrapper }), 400, "bad_request"], // type is immutable
    [() => paradigm.updateWorkspace(999, { name: "x" }), 404, "not_found"],
    [() => paradigm.testDatasource(101, { ...webscrapper, filter_criteria: { start_url: "https://unreachable.invalid" } }), 400, "bad_request"],
  ];
  for (const [call, status, code] of cases) {
    const e = await rejects(call(), wr.ApiError);
    assert.deepEqual([e.status, e.code], [status, code], e.message);
  }
  const personal = await rejects(paradigm.updateWorkspace(103, { name: "x" }), wr.ApiError);
  assert.ok([400, 403].includes(personal.status));
  await fault("code=validation_error");
  const e = await rejects(paradigm.updateWorkspace(101, { name: "x" }), wr.ApiError);
  assert.deepEqual([e.status, e.code, e.fields], [422, "validation_error", {}]);
  assert.equal(Object.hasOwn(personal, "fields"), false, "no fields property when the body has none");
});

test("Paradigm's per-field errors are ApiError.fields, in their documented shape only", async () => {
  // A server of our own: the mock answers 422 only for bodies the client never sends.
  const answers = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(422, { "content-type": "application/json" }).end(JSON.stringify(answers.shift())));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const client = new wr.ParadigmClient({ token: "t", baseUrl: `http://127.0.0.1:${server.address().port}` });
  const envelope = (extra) => ({ id: null, code: 422, error: "validation_error", detail: "One or more fields failed validation.", ...extra });
  const cases = [
    [envelope({ fields: { "members.users.0.id": [{ error: "invalid", detail: "Not a member." }] } }), { "members.users.0.id": [{ error: "invalid", detail: "Not a member." }] }],
    [envelope({ fields: { name: [{ error: 5 }, "text", null], other: "not a list" } }), { name: [{ error: "", detail: "" }] }],
    [envelope({ fields: ["name"] }), undefined],
    // A field named "__proto__" stays data: it never becomes the prototype of `fields`.
    [JSON.parse('{"id":null,"code":422,"error":"validation_error","detail":"x","fields":{"__proto__":[{"error":"e","detail":"d"}]}}'), JSON.parse('{"__proto__":[{"error":"e","detail":"d"}]}')],
    [envelope({}), undefined],
  ];
  try {
    for (const [body, fields] of cases) {
      answers.push(body);
      const e = await rejects(client.updateWorkspace(101, { name: "x" }), wr.ApiError);
      assert.deepEqual([e.status, e.code, e.fields], [422, "validation_error", fields]);
      assert.equal(Object.hasOwn(e, "fields"), fields !== undefined);
    }
  } finally {
    server.close();
  }
});

test("ApiError: server issues in path form, TOO_MANY_REQUESTS for a 429, an undocumented code kept apart", async () => {
  const answers = [];
  const server = createServer((req, res) => {
    req.resume();
    const [status, body, type] = answers.shift();
    req.on("end", () => res.writeHead(status, { "content-type": type ?? "application/json" }).end(typeof body === "string" ? body : JSON.stringify(body)));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const p = new wr.ParadigmClient({ token: "t", baseUrl: base });
  const d = new wr.DatabrainClient({ token: "t", baseUrl: base });
  try {
    const fields = {
      "members.users.0.id": [{ error: "invalid", detail: "Not a member." }],
      "a/b": [{ error: "required", detail: "" }],
      non_field_errors: [{ error: "invalid", detail: "Locked." }],
    };
    answers.push([422, { id: null, code: 422, error: "validation_error", detail: "x", fields }]);
    let e = await rejects(p.updateWorkspace(101, { name: "x" }), wr.ApiError);
    assert.deepEqual(e.issues, [
      { path: "/members/users/0/id", field: "members.users.0.id", code: "invalid", message: "Not a member." },
      { path: "/a~1b", field: "a/b", code: "required", message: "required" },
      { path: "", field: "non_field_errors", code: "invalid", message: "Locked." },
    ]);
    assert.equal(e.serverCode, null);
    // The issue helpers read them as they read validate's.
    assert.deepEqual(wr.flattenIssues(e), { formErrors: ["Locked."], fieldErrors: { "members.users.0.id": ["Not a member."], "a/b": ["required"] } });
    assert.match(wr.formatIssues(e), /^\/members\/users\/0\/id \(invalid\): Not a member\.$/m);

    // 429: neither API documents a code for it.
    answers.push([429, "Too many requests, please try again later.", "text/plain"]);
    e = await rejects(d.createWorkspace({ name: "W", connectionType: "MULTI_DATASOURCE" }), wr.ApiError);
    assert.deepEqual([e.status, e.code, e.serverCode, e.issues], [429, "TOO_MANY_REQUESTS", null, []]);
    answers.push([429, { id: null, code: 429, error: "throttled", detail: "Request was throttled." }]);
    e = await rejects(p.updateWorkspace(101, { name: "x" }), wr.ApiError);
    assert.deepEqual([e.code, e.serverCode, e.message], ["TOO_MANY_REQUESTS", "throttled", "Request was throttled."]);

    // A code the docs do not list for the endpoint: the status's documented code, the body's kept.
    answers.push([400, { data: null, error: { code: "NAME_TOO_FANCY", message: "No." } }]);
    e = await rejects(d.createWorkspace({ name: "W", connectionType: "MULTI_DATASOURCE" }), wr.ApiError);
    assert.deepEqual([e.code, e.serverCode, e.message], ["INVALID_REQUEST_BODY", "NAME_TOO_FANCY", "No."]);
    answers.push([418, { error: { code: "TEAPOT" } }]);
    e = await rejects(d.createWorkspace({ name: "W", connectionType: "MULTI_DATASOURCE" }), wr.ApiError);
    assert.deepEqual([e.code, e.serverCode], ["HTTP_418", "TEAPOT"]);
  } finally {
    server.close();
  }
});

test("an invalid body is a ValidationError and never reaches the mock", async () => {
  const before = await requests();
  const e = await rejects(databrain.createWorkspace({ name: "", connectionType: "DATASOURCE" }), wr.ValidationError);
  assert.deepEqual(e.issues.map((i) => `${i.path} ${i.code}`), ["/name too_short", "/datasourceName required"]);
  await rejects(paradigm.updateWorkspace(101, { name: "x".repeat(101) }), wr.ValidationError);
  await rejects(paradigm.testDatasource(101, { type: "ftp" }), wr.ValidationError);
  assert.equal(await requests(), before);
  // Bad ids and tokens are TypeErrors, also before anything is sent.
  await assert.rejects(paradigm.updateWorkspace(1.5, { name: "x" }), TypeError);
  await assert.rejects(paradigm.updateWorkspace(undefined, { name: "x" }), TypeError);
  assert.throws(() => new wr.DatabrainClient({ token: "" }), TypeError);
  assert.throws(() => new wr.DatabrainClient({ token: "t", timeoutMs: -1 }), TypeError);
  assert.equal(await requests(), before);
});

test("no answer within timeoutMs is a TimeoutError", async () => {
  const slow = new wr.DatabrainClient({ token: mock.token, baseUrl: mock.url, timeoutMs: 100 });
  await fault("delay=1000");
  const e = await rejects(slow.createWorkspace(workspace("Slow")), wr.TimeoutError);
  assert.equal(e.timeoutMs, 100);
});

test("the caller's AbortSignal gives an AbortError carrying its reason, whatever it is", async () => {
  for (const reason of ["a string reason", 42, new Error("an Error reason"), undefined]) {
    await fault("delay=1000");
    const controller = new AbortController();
    setTimeout(() => (reason === undefined ? controller.abort() : controller.abort(reason)), 30);
    const e = await rejects(databrain.createWorkspace(workspace("Aborted"), { signal: controller.signal }), wr.AbortError);
    if (reason === undefined) assert.equal(e.reason.name, "AbortError");
    else assert.equal(e.reason, reason);
  }
  await admin("DELETE", "/__mock/faults");
  const before = await requests();
  const e = await rejects(databrain.createWorkspace(workspace("Never"), { signal: AbortSignal.abort("already") }), wr.AbortError);
  assert.equal(e.reason, "already");
  assert.equal(await requests(), before, "an aborted signal sends nothing");
  // The wasm instance still works afterwards.
  assert.deepEqual(await databrain.createWorkspace(workspace("After aborts")), { name: "After aborts" });
});

test("malformed, empty and wrong-shape answers are ResponseErrors", async () => {
  for (const kind of ["malformed", "empty", "wrong-shape"]) {
    await fault(kind);
    const e = await rejects(databrain.createDatasource(csv(`r-${kind}`)), wr.ResponseError);
    assert.equal(e.status, 200);
  }
});

test("a dropped connection is a NetworkError, and so is a closed port", async () => {
  await fault("drop");
  await rejects(databrain.createWorkspace(workspace("Dropped")), wr.NetworkError);
  const nowhere = new wr.DatabrainClient({ token: "t", baseUrl: "http://127.0.0.1:9" });
  await rejects(nowhere.createWorkspace(workspace("Nowhere")), wr.NetworkError);
});

test("retries: 5xx and network errors, PUT only, with backoff", async () => {
  const retrying = new wr.DatabrainClient({ token: mock.token, baseUrl: mock.url, retry: { retries: 2, backoffMs: 10 } });
  let before = await requests();
  await fault("status=500", 2);
  assert.deepEqual(await retrying.updateDatasource(csv("uploads")), { name: "uploads" });
  assert.equal((await requests()) - before, 3, "two failures, then success");
  await admin("DELETE", "/__mock/faults");
  before = await requests();
  await fault("status=500", 5);
  await rejects(retrying.createDatasource(csv("posted")), wr.ApiError);
  assert.equal((await requests()) - before, 1, "POST is never retried");
  await admin("DELETE", "/__mock/faults");
  before = await requests();
  await fault("code=DATASOURCE_NOT_FOUND", 5);
  await rejects(retrying.updateDatasource(csv("uploads")), wr.ApiError);
  assert.equal((await requests()) - before, 1, "4xx is never retried");
  await admin("DELETE", "/__mock/faults");
  await fault("drop", 1);
  assert.deepEqual(await retrying.updateWorkspace(workspace("Sales Analytics")), { name: "Sales Analytics" });
  const plain = databrain;
  await fault("status=500", 1);
  await rejects(plain.updateDatasource(csv("uploads")), wr.ApiError);
});

test("buildRequest: URL, headers and body; self-hosted base URLs", () => {
  const r = wr.buildRequest("databrain.createWorkspace", workspace("W"), { token: "tok" });
  assert.equal(r.method, "POST");
  assert.equal(r.url, "https://api.usedatabrain.com/api/v2/workspace");
  assert.deepEqual(r.headers, { Authorization: "Bearer tok", "Content-Type": "application/json", Accept: "application/json" });
  assert.deepEqual(JSON.parse(r.body), workspace("W"));
  assert.equal(wr.buildRequest("paradigm.updateWorkspace", {}, { token: "t", id: 5 }).url, "https://api.lighton.ai/api/v3/workspaces/5");
  for (const base of ["https://bi.example.com/databrain", "https://bi.example.com/databrain/"]) {
    assert.equal(wr.buildRequest("databrain.updateDatasource", csv("c"), { token: "t", baseUrl: base }).url, "https://bi.example.com/databrain/api/v2/datasource");
  }
  assert.throws(() => wr.buildRequest("databrain.createWorkspace", {}, { token: "t" }), wr.ValidationError);
  assert.throws(() => wr.buildRequest("databrain.createWorkspace", workspace("W"), { token: "t", baseUrl: "bi.example.com" }), TypeError);
  assert.throws(() => wr.buildRequest("databrain.createWorkspace", workspace("W"), { token: "t", id: 1 }), TypeError);
  assert.throws(() => wr.buildRequest("paradigm.testDatasource", webscrapper, { token: "t", id: 0 }), TypeError);
  assert.throws(() => wr.buildRequest("databrain.createWorkspace", workspace("W"), { token: "a\nb" }), TypeError);
  assert.throws(() => wr.buildRequest("nope", {}, { token: "t" }), TypeError);
});

test("redactRequest hides the token and every secret of the body, and nothing else", () => {
  const body = { datasourceType: "postgres", credentials: { name: "postgres-main", host: "db.example.com", port: 5432, username: "u", password: "p@ss", pasword: "typo-secret" } };
  const r = wr.buildRequest("databrain.updateDatasource", body, { token: "tok-123", baseUrl: mock.url });
  const shown = wr.redactRequest(r);
  assert.deepEqual(shown, {
    endpoint: "databrain.updateDatasource",
    method: "PUT",
    url: `${mock.url}/api/v2/datasource`,
    headers: { Authorization: "Bearer <redacted>", "Content-Type": "application/json", Accept: "application/json" },
    body: '{"datasourceType":"postgres","credentials":{"name":"postgres-main","host":"db.example.com","port":5432,"username":"u","password":"<redacted>","pasword":"<redacted>"}}',
  });
  assert.equal(r.headers.Authorization, "Bearer tok-123", "the request itself is left as it was");
  const drive = wr.buildRequest("paradigm.testDatasource", { type: "googledrive", name: "D", credentials: { service_account_file: '{"private_key":"k"}' }, filter_criteria: { folder_id: "f" } }, { token: "t", id: 7 });
  assert.equal(JSON.parse(wr.redactRequest(drive).body).credentials.service_account_file, "<redacted>");
  assert.equal(wr.redactRequest({ method: "POST", url: "https://x", headers: {}, body: "not json" }).body, "<redacted>");
  assert.throws(() => wr.redactRequest(null), TypeError);
  assert.throws(() => wr.redactRequest({ method: 1, url: "https://x" }), TypeError);
});

test("toCurl hides the token and every secret until asked, and runs as is against the mock", () => {
  const body = { datasourceType: "postgres", credentials: { name: "postgres-main", host: "db.example.com", port: 5432, username: "u", password: "it's $(secret)", pasword: "typo-secret" } };
  const r = wr.buildRequest("databrain.updateDatasource", body, { token: mock.token, baseUrl: mock.url });
  const hidden = wr.toCurl(r);
  assert.ok(!hidden.includes(mock.token) && !hidden.includes("secret)") && !hidden.includes("typo-secret"), hidden);
  assert.ok(hidden.includes("${DATABRAIN_TOKEN}") && hidden.includes("<redacted>"), hidden);
  const shown = wr.toCurl(r, { revealSecrets: true });
  assert.ok(shown.includes(mock.token) && shown.includes("it'\\''s $(secret)"), shown);
  let curl;
  try {
    curl = execFileSync("sh", ["-c", "command -v curl"], { encoding: "utf8" }).trim();
  } catch {
    curl = "";
  }
  if (curl) {
    const out = execFileSync("sh", ["-c", `${shown} --silent`], { encoding: "utf8" });
    assert.deepEqual(JSON.parse(out), { name: "postgres-main" });
    const redacted = execFileSync("sh", ["-c", `${hidden} --silent`], { encoding: "utf8", env: { ...process.env, DATABRAIN_TOKEN: mock.token } });
    assert.deepEqual(JSON.parse(redacted), { name: "postgres-main" }, "the redacted command runs too, with the token from the environment");
  }
});

test("strict: the client validates in strict mode; by default an unknown key is sent and accepted", async () => {
  const body = workspace("Strict check", { colour: "red" });
  const before = await requests();
  const strict = new wr.DatabrainClient({ token: mock.token, baseUrl: mock.url, strict: true });
  const e = await rejects(strict.createWorkspace(body), wr.ValidationError);
  assert.deepEqual(e.issues.map((i) => `${i.path} ${i.code}`), ["/colour unknown_field"]);
  assert.equal(await requests(), before, "nothing was sent");
  // The default mode sends it: the mock, like the API, accepts keys it does not define.
  assert.deepEqual(await databrain.createWorkspace(body), { name: "Strict check" });
  assert.equal(await requests(), before + 1);
  assert.throws(() => new wr.DatabrainClient({ token: mock.token, strict: "yes" }), /^TypeError: DatabrainClient: options\.strict: found a string, expected a boolean$/);
  assert.throws(() => wr.buildRequest("databrain.createWorkspace", body, { token: "t", strict: 1 }), /^TypeError: buildRequest: options\.strict: found a number, expected a boolean$/);
  assert.throws(() => wr.buildRequest("databrain.createWorkspace", body, { token: "t", strict: true }), wr.ValidationError);
  assert.equal(wr.buildRequest("databrain.createWorkspace", body, { token: "t" }).method, "POST");
});

test("a baseUrl with credentials is a TypeError that does not repeat them", async () => {
  const base = mock.url.replace("http://", "http://admin:hunter2-SECRET@");
  const client = new wr.DatabrainClient({ token: mock.token, baseUrl: base });
  const before = await requests();
  const e = await rejects(client.createWorkspace(workspace("With user info")), TypeError);
  assert.match(e.message, /must not hold credentials/);
  assert.ok(!e.message.includes("hunter2"), e.message);
  assert.equal(await requests(), before, "nothing was sent");
  assert.throws(
    () => wr.buildRequest("paradigm.updateWorkspace", { name: "x" }, { token: "t", id: 1, baseUrl: "hunter2-SECRET@example.com" }),
    (err) => err instanceof TypeError && !err.message.includes("hunter2"),
  );
});

test("redirects are not followed: the body and the token go to the base URL only", async () => {
  let elsewhere = 0;
  const other = createServer((req, res) => {
    elsewhere++;
    req.resume();
    res.writeHead(200, { "content-type": "application/json" }).end('{"data":{"name":"stolen"}}');
  });
  await new Promise((resolve) => other.listen(0, "127.0.0.1", resolve));
  const target = `http://localhost:${other.address().port}`;
  let status = 307;
  const redirecting = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(status, { location: `${target}/api/v2/workspace?token=SECRET-IN-QUERY` }).end());
  });
  await new Promise((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
  const client = new wr.DatabrainClient({ token: "t0ken", baseUrl: `http://127.0.0.1:${redirecting.address().port}` });
  try {
    for (const code of [301, 302, 303, 307, 308]) {
      status = code;
      const e = await rejects(client.createWorkspace(workspace(`Redirected ${code}`)), wr.ApiError);
      assert.equal(e.status, code);
      assert.equal(e.code, `HTTP_${code}`);
      assert.match(e.message, new RegExp(`answered ${code}, a redirect to http://localhost:\\d+; redirects are not followed`));
      assert.ok(!e.message.includes("SECRET-IN-QUERY"), e.message);
    }
    assert.equal(elsewhere, 0, "nothing reached the other origin");
  } finally {
    await new Promise((resolve) => redirecting.close(resolve));
    await new Promise((resolve) => other.close(resolve));
  }
});

test("timeouts outside what timers can hold are TypeErrors, not a 1 ms timeout", () => {
  for (const timeoutMs of [2 ** 31, 1e12, Infinity, 0, -1, NaN]) {
    assert.throws(() => new wr.DatabrainClient({ token: "t", timeoutMs }), /options\.timeoutMs must be a positive number of milliseconds, at most 2147483647/, String(timeoutMs));
  }
  assert.throws(() => new wr.DatabrainClient({ token: "t", timeoutMs: "5" }), /options\.timeoutMs: found a string, expected a number/);
  assert.doesNotThrow(() => new wr.DatabrainClient({ token: "t", timeoutMs: 2 ** 31 - 1 }));
  assert.throws(() => new wr.DatabrainClient({ token: "t", retry: { backoffMs: 2 ** 31 } }), /backoffMs/);
});

test("options are read by the package's serde structs: an unknown or mistyped option is a TypeError naming it, never ignored", async () => {
  const body = workspace("Options");
  const refused = [
    [() => new wr.DatabrainClient({ token: "t", timeoutMS: 5 }), /^DatabrainClient: options: unknown field `timeoutMS`, expected one of `token`, `baseUrl`, `timeoutMs`, `retry`, `strict`, `headers`, `fetch`, `onRequest`, `onResponse`$/],
    [() => new wr.ParadigmClient({ token: "t", retry: { retries: "3" } }), /^ParadigmClient: options\.retry\.retries: found a string, expected a number$/],
    [() => new wr.DatabrainClient({ token: "t", retry: { retries: 1.5 } }), /^DatabrainClient: options\.retry\.retries must be a whole number >= 0$/],
    [() => new wr.DatabrainClient({ token: "t", retry: { backof: 5 } }), /^DatabrainClient: options\.retry: unknown field `backof`/],
    [() => new wr.DatabrainClient({ token: "t", retry: "yes" }), /^DatabrainClient: options\.retry: found a string, expected a boolean or \{ retries, backoffMs, maxWaitMs \}$/],
    [() => new wr.DatabrainClient(), /^DatabrainClient: options must be an object with a token$/],
    [() => new wr.DatabrainClient(["t"]), /^DatabrainClient: options must be an object$/],
    [() => wr.buildRequest("databrain.createWorkspace", body, { token: "t", baseURL: "https://x.example" }), /^buildRequest: options: unknown field `baseURL`/],
    [() => wr.buildRequest("paradigm.updateWorkspace", { name: "x" }, { token: "t", id: "101" }), /^buildRequest: options\.id: found a string, expected a number$/],
    [() => wr.toCurl(wr.buildRequest("databrain.createWorkspace", body, { token: "t" }), { reveal: true }), /^toCurl: options: unknown field `reveal`, expected `revealSecrets` or `tokenVariable`$/],
  ];
  for (const [f, message] of refused) {
    assert.throws(f, (e) => e instanceof TypeError && message.test(e.message), String(message));
  }
  // A call's options too, before anything is sent.
  const before = await requests();
  const e = await rejects(databrain.createWorkspace(body, { signl: AbortSignal.abort() }), TypeError);
  assert.match(e.message, /^databrain\.createWorkspace: options: unknown field `signl`, expected `signal`$/);
  const notSignal = await rejects(databrain.createWorkspace(body, { signal: {} }), TypeError);
  assert.match(notSignal.message, /options\.signal must be an AbortSignal/);
  assert.equal(await requests(), before, "nothing was sent");
  // A secret in the wrong place, or a getter that throws one, is never repeated.
  for (const options of [{ token: "t", retry: "hunter2-SECRET" }, { token: { secret: "hunter2-SECRET" } }, { token: "t", get baseUrl() { throw new Error("hunter2-SECRET"); } }]) {
    assert.throws(() => new wr.DatabrainClient(options), (err) => err instanceof TypeError && !err.message.includes("hunter2"));
  }
});

// ----- issue 15: rate limits, headers, custom fetch, hooks, network causes ---------------------

/** A server answering from a queue of [status, body, headers]; records what it received. */
async function scripted() {
  const answers = [];
  const received = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: text });
      const [status, body, headers] = answers.shift() ?? [500, { error: { code: "INTERNAL_SERVER_ERROR" } }];
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { answers, received, base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

const created = { data: { name: "W" }, error: null };
const limited = { data: null, error: { code: "TOO_MANY_REQUESTS", message: "slow down" } };
const newWorkspace = { name: "W", connectionType: "MULTI_DATASOURCE" };

test("a 429 is retried for every method, after the wait its headers ask for", async () => {
  const s = await scripted();
  try {
    const c = new wr.DatabrainClient({ token: "t", baseUrl: s.base, retry: { retries: 3, backoffMs: 1 } });
    // POST (never retried after a 5xx) is retried after a 429: it was refused, not processed.
    s.answers.push([429, limited, { "Retry-After": "1" }], [200, created]);
    let t0 = Date.now();
    assert.deepEqual(await c.createWorkspace(newWorkspace), { name: "W" });
    assert.ok(Date.now() - t0 >= 950, `waited Retry-After: 1 (${Date.now() - t0} ms)`);
    assert.equal(s.received.length, 2);
    // RateLimit-Reset (delta seconds), then X-RateLimit-Reset (a Unix time in seconds).
    s.answers.push([429, limited, { "RateLimit-Reset": "0" }], [429, limited, { "X-RateLimit-Reset": String(Math.floor(Date.now() / 1000)) }], [200, created]);
    t0 = Date.now();
    assert.deepEqual(await c.createWorkspace(newWorkspace), { name: "W" });
    assert.ok(Date.now() - t0 < 900, "a reset already due is not waited for");
    assert.equal(s.received.length, 5);
    // Without a header: the back-off.
    s.answers.push([429, limited], [200, created]);
    assert.deepEqual(await c.createWorkspace(newWorkspace), { name: "W" });
    // More 429s than retries: the last ApiError, with its retryAfter.
    s.answers.push(...Array.from({ length: 4 }, () => [429, limited, { "Retry-After": "0" }]));
    const e = await rejects(c.createWorkspace(newWorkspace), wr.ApiError);
    assert.deepEqual([e.status, e.code, e.retryAfter], [429, "TOO_MANY_REQUESTS", 0]);
    assert.equal(s.received.length, 7 + 4);
  } finally {
    s.close();
  }
});

test("a wait longer than maxWaitMs is not waited for; without retry the ApiError carries retryAfter", async () => {
  const s = await scripted();
  try {
    const c = new wr.DatabrainClient({ token: "t", baseUrl: s.base, retry: { retries: 3, maxWaitMs: 5000 } });
    s.answers.push([429, limited, { "Retry-After": "120" }]);
    const t0 = Date.now();
    let e = await rejects(c.createWorkspace(newWorkspace), wr.ApiError);
    assert.ok(Date.now() - t0 < 1000, "gave up at once");
    assert.deepEqual([e.retryAfter, s.received.length], [120, 1]);
    assert.equal(e.headers.get("retry-after"), "120");
    const plain = new wr.DatabrainClient({ token: "t", baseUrl: s.base });
    const date = new Date(Date.now() + 30_000).toUTCString();
    s.answers.push([429, limited, { "Retry-After": date }]);
    e = await rejects(plain.createWorkspace(newWorkspace), wr.ApiError);
    assert.ok(e.retryAfter >= 29 && e.retryAfter <= 31, `an HTTP date: ${e.retryAfter}`);
    assert.equal(s.received.length, 2, "no retry without the option");
    // 503 with Retry-After: honoured for PUT; POST is not retried after a 5xx.
    const r = new wr.DatabrainClient({ token: "t", baseUrl: s.base, retry: { retries: 2, backoffMs: 1 } });
    s.answers.push([503, { error: { code: "INTERNAL_SERVER_ERROR" } }, { "Retry-After": "0" }], [200, created]);
    assert.deepEqual(await r.updateWorkspace({ name: "W", connectionType: "MULTI_DATASOURCE" }), { name: "W" });
    s.answers.push([503, { error: { code: "INTERNAL_SERVER_ERROR" } }, { "Retry-After": "0" }]);
    e = await rejects(r.createWorkspace(newWorkspace), wr.ApiError);
    assert.deepEqual([e.status, e.retryAfter, s.received.length], [503, 0, 5]);
    // RateLimit-Reset on a 400 says nothing about retrying it.
    s.answers.push([400, { data: null, error: { code: "INVALID_REQUEST_BODY", message: "no" } }, { "RateLimit-Reset": "30" }]);
    e = await rejects(plain.createWorkspace(newWorkspace), wr.ApiError);
    assert.equal(e.retryAfter, null);
  } finally {
    s.close();
  }
});

test("the mock's ratelimit fault: the client waits it out and sends each body once", async () => {
  await admin("POST", "/__mock/faults", { fault: "ratelimit=3/1s", route: "POST /api/v2/workspace" });
  const c = new wr.DatabrainClient({ token: mock.token, baseUrl: mock.url, retry: { retries: 5 } });
  const names = Array.from({ length: 8 }, (_, i) => `Limited ${i}`);
  const results = await Promise.all(names.map((name) => c.createWorkspace({ name, connectionType: "DATASOURCE", datasourceName: "postgres-main" })));
  assert.deepEqual(results.map((r) => r.name), names);
  const stats = await admin("GET", "/__mock/stats");
  assert.ok(stats.limited > 0, "some were refused");
  assert.equal(stats.byRoute["POST /api/v2/workspace"], names.length + stats.limited, "each body accepted once");
  const plain = new wr.DatabrainClient({ token: mock.token, baseUrl: mock.url });
  const outcomes = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => plain.createWorkspace({ name: `Over ${i}`, connectionType: "DATASOURCE", datasourceName: "postgres-main" })));
  const e = outcomes.find((o) => o.status === "rejected")?.reason;
  assert.ok(e instanceof wr.ApiError && e.code === "TOO_MANY_REQUESTS" && e.retryAfter >= 0 && e.retryAfter <= 1, String(e));
  assert.equal(e.headers.get("ratelimit-limit"), "3");
});

test("headers: extra ones are sent after the client's, Authorization can never be replaced", async () => {
  const s = await scripted();
  try {
    const c = new wr.DatabrainClient({ token: "tok-1", baseUrl: s.base, headers: { "X-Request-Id": "r-1" } });
    s.answers.push([200, created]);
    await c.createWorkspace(newWorkspace);
    assert.equal(s.received[0].headers["x-request-id"], "r-1");
    assert.equal(s.received[0].headers.authorization, "Bearer tok-1");
    for (const name of ["Authorization", "authorization"]) {
      assert.throws(() => new wr.DatabrainClient({ token: "t", headers: { [name]: "Bearer other-SECRET" } }), (e) => e instanceof TypeError && /cannot be set here/.test(e.message) && !e.message.includes("SECRET"));
      assert.throws(() => wr.buildRequest("databrain.createWorkspace", newWorkspace, { token: "t", headers: { [name]: "x" } }), TypeError);
    }
    assert.throws(() => new wr.DatabrainClient({ token: "t", headers: { "X-A": "a\r\nX-B: b" } }), /control character/);
    // A value fetch's Headers cannot hold is refused up front, never a throw inside the send.
    assert.throws(() => new wr.DatabrainClient({ token: "t", headers: { "X-A": "s€cret" } }), (e) => e instanceof TypeError && /past U\+00FF/.test(e.message) && !e.message.includes("€"));
    s.answers.push([200, created]);
    await new wr.DatabrainClient({ token: "t", baseUrl: s.base, headers: { "X-Name": "café" } }).createWorkspace(newWorkspace);
    assert.equal(Buffer.from(s.received.at(-1).headers["x-name"], "latin1").toString("latin1"), "café");
    const built = wr.buildRequest("databrain.createWorkspace", newWorkspace, { token: "t", headers: { "X-Api-Key": "k-SECRET" } });
    assert.equal(built.headers["X-Api-Key"], "k-SECRET");
    assert.ok(!wr.toCurl(built).includes("k-SECRET"), "a secret-looking extra header is redacted in the preview");
  } finally {
    s.close();
  }
});

test("fetch: a custom fetch sends every request; what it rejects with is the NetworkError's cause", async () => {
  const seen = [];
  const custom = async (request) => {
    seen.push(request);
    return new Response(JSON.stringify(created), { status: 200, headers: { "content-type": "application/json", "x-from": "custom" } });
  };
  const c = new wr.DatabrainClient({ token: "t", baseUrl: "https://example.invalid", fetch: custom });
  assert.deepEqual(await c.createWorkspace(newWorkspace), { name: "W" });
  assert.ok(seen[0] instanceof Request);
  assert.deepEqual([seen[0].method, seen[0].url, seen[0].headers.get("authorization")], ["POST", "https://example.invalid/api/v2/workspace", "Bearer t"]);
  assert.equal(await seen[0].text(), JSON.stringify(newWorkspace));
  assert.throws(() => new wr.DatabrainClient({ token: "t", fetch: "no" }), /options\.fetch must be a function/);
  // Rejections of any kind, and a resolution that is not a Response, are NetworkErrors; the
  // instance keeps working.
  const oops = new Error("proxy refused");
  for (const [reject, cause] of [[oops, oops], ["a string", "a string"], [undefined, null]]) {
    const failing = new wr.DatabrainClient({ token: "t", fetch: () => Promise.reject(reject) });
    const e = await rejects(failing.createWorkspace(newWorkspace), wr.NetworkError);
    assert.equal(e.cause ?? null, cause);
  }
  // A fetch that drops the signal (it rebuilds the request) still times out and aborts.
  const deaf = (request) => new Promise((resolve) => setTimeout(() => resolve(new Response("{}", { status: 200 })), 5000).unref?.());
  const slow = new wr.DatabrainClient({ token: "t", fetch: deaf, timeoutMs: 50 });
  let t0 = Date.now();
  await rejects(slow.createWorkspace(newWorkspace), wr.TimeoutError);
  assert.ok(Date.now() - t0 < 1000);
  const controller = new AbortController();
  setTimeout(() => controller.abort("stop"), 30);
  t0 = Date.now();
  const aborted = await rejects(new wr.DatabrainClient({ token: "t", fetch: deaf }).createWorkspace(newWorkspace, { signal: controller.signal }), wr.AbortError);
  assert.deepEqual([aborted.reason, Date.now() - t0 < 1000], ["stop", true]);
  const junk = new wr.DatabrainClient({ token: "t", fetch: async () => ({ not: "a response" }) });
  assert.match((await rejects(junk.createWorkspace(newWorkspace), wr.NetworkError)).message, /not a Response/);
  // ECONNREFUSED from Node's fetch is kept: as the cause's cause, and named.
  const closed = createServer();
  await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = closed.address().port;
  await new Promise((resolve) => closed.close(resolve));
  const nowhere = new wr.DatabrainClient({ token: "t", baseUrl: `http://127.0.0.1:${port}` });
  const e = await rejects(nowhere.createWorkspace(newWorkspace), wr.NetworkError);
  assert.equal(e.systemCode, "ECONNREFUSED");
  assert.equal(e.cause?.cause?.code, "ECONNREFUSED");
  assert.match(e.message, /ECONNREFUSED/);
  assert.deepEqual(await c.createWorkspace(newWorkspace), { name: "W" });
});

test("onRequest / onResponse receive redacted copies, for every attempt", async () => {
  const s = await scripted();
  try {
    const events = [];
    const c = new wr.DatabrainClient({
      token: "tok-SECRET",
      baseUrl: s.base,
      retry: { retries: 1, backoffMs: 1 },
      onRequest: (e) => events.push(["request", e]),
      onResponse: async (e) => events.push(["response", e]),
    });
    s.answers.push([429, limited, { "Retry-After": "0", "Set-Cookie": "sid=cookie-SECRET" }], [200, { name: "pg", password: "echo-SECRET" }]);
    const body = { datasourceType: "postgres", credentials: { name: "pg", host: "h", port: 5432, username: "u", password: "pw-SECRET" } };
    await c.createDatasource(body);
    assert.deepEqual(events.map(([k, e]) => `${k} ${e.attempt}`), ["request 0", "response 0", "request 1", "response 1"]);
    const [, req] = events[0];
    assert.deepEqual([req.endpoint, req.method, req.headers.Authorization], ["databrain.createDatasource", "POST", "Bearer <redacted>"]);
    assert.equal(JSON.parse(req.body).credentials.password, "<redacted>");
    const [, res] = events[1];
    assert.deepEqual([res.status, res.headers["retry-after"], res.headers["set-cookie"]], [429, "0", "<redacted>"]);
    assert.ok(res.durationMs >= 0);
    assert.equal(JSON.parse(events[3][1].body).password, "<redacted>");
    assert.ok(!JSON.stringify(events).includes("SECRET"), "no secret in any event");
    assert.throws(() => new wr.DatabrainClient({ token: "t", onResponse: 5 }), /options\.onResponse must be a function/);
    // A hook that throws rejects the call (before anything is sent, for onRequest).
    const n = s.received.length;
    const throwing = new wr.DatabrainClient({ token: "t", baseUrl: s.base, onRequest: () => { throw new Error("hook"); } });
    await assert.rejects(throwing.createWorkspace(newWorkspace), /hook/);
    assert.equal(s.received.length, n);
  } finally {
    s.close();
  }
});

test("ApiError: Paradigm's doc_url as docUrl, the headers, retryAfter from each header form", async () => {
  const p = new wr.ParadigmClient({ token: mock.token, baseUrl: mock.url });
  const e = await rejects(p.updateWorkspace(103, { name: "x" }), wr.ApiError);
  assert.deepEqual([e.code, e.docUrl], ["forbidden", "https://developers.lighton.ai/errors#forbidden"]);
  assert.ok(e.headers.get("content-type").startsWith("application/json"));
  const d = await rejects(databrain.createWorkspace({ name: "Sales Analytics", connectionType: "DATASOURCE", datasourceName: "postgres-main" }), wr.ApiError);
  assert.equal(d.docUrl, null);
  const outcome = (status, headers) => ({ kind: "api", status, code: "TOO_MANY_REQUESTS", message: "m", body: null, headers: new Headers(headers), serverCode: null, docUrl: null });
  const now = Date.now();
  const cases = [
    [{ "Retry-After": "7" }, 7],
    [{ "Retry-After": "soon" }, null],
    // What Date.parse would read as a date in 2001 is no HTTP date; a signed or fractional number is no delay.
    ...["1.5", "-5", "+5", "3, 4", "2"].map((v) => [{ "Retry-After": v }, v === "2" ? 2 : null]),
    [{ "Retry-After": new Date(now + 10_000).toUTCString() }, [9, 10, 11]],
    [{ "Retry-After": "Sun, 06 Nov 1994 08:49:37 GMT" }, 0],
    [{ "Retry-After": "Sunday, 06-Nov-94 08:49:37 GMT" }, 0],
    [{ "Retry-After": "Sun Nov  6 08:49:37 1994" }, 0],
    [{ "RateLimit-Reset": String(Math.floor(now / 1000) + 20) }, [19, 20, 21]],
    [{ "RateLimit-Reset": "12" }, 12],
    [{ RateLimit: '"default";r=0;t=9' }, 9],
    [{ RateLimit: "limit=10, remaining=0, reset=4" }, 4],
    [{ "X-RateLimit-Reset": String(Math.floor(now / 1000) + 20) }, [19, 20, 21]],
    [{ "X-RateLimit-Reset": String(now + 5000) }, [4, 5, 6]],
    [{ "X-RateLimit-Reset": "3" }, 3],
    [{ "Retry-After": "2", "RateLimit-Reset": "50" }, 2],
    [{}, null],
  ];
  for (const [headers, want] of cases) {
    const got = new wr.ApiError("databrain.createWorkspace", outcome(429, headers)).retryAfter;
    if (Array.isArray(want)) assert.ok(want.includes(got), `${JSON.stringify(headers)}: ${got}`);
    else assert.equal(got, want, JSON.stringify(headers));
  }
  assert.equal(new wr.ApiError("databrain.createWorkspace", outcome(400, { "RateLimit-Reset": "12" })).retryAfter, null);
  // An outcome built without headers still gives a Headers.
  const { headers: _, ...bare } = outcome(429, {});
  assert.ok(new wr.ApiError("databrain.createWorkspace", bare).headers instanceof Headers);
});
