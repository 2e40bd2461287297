// The mock of Databrain v2 and LightOn Paradigm v3 (mock/server.mjs), started through
// mock/start.mjs on a free port: every endpoint's success, every documented error code of every
// endpoint (status and envelope), auth, CORS, each fault kind, counters, reset and the v3 rules.
// Run: node --test tests/mock/
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startMock } from "../../mock/start.mjs";
import { validate, describe as describeEndpoint, endpoints, redactRequest } from "../../pkg/node/index.js";

const SEED = JSON.parse(readFileSync(new URL("../../mock/seed.json", import.meta.url), "utf8"));
// The package's endpoints: {id: [method, path template]}.
const ROUTE = Object.fromEntries(endpoints().map((e) => [e.id, [e.method, e.path]]));
const KEY = (id) => ROUTE[id].join(" ");

let mock;
before(async () => {
  mock = await startMock();
});
after(async () => {
  await mock?.close();
});
beforeEach(async () => {
  await mock.reset();
});

/** One API call; `body` is JSON-encoded unless it is a string. */
async function call(endpointId, body, { id = 101, headers, auth = true, raw = false } = {}) {
  const [method, template] = ROUTE[endpointId];
  const path = template.replace("{id}", String(id));
  const h = { "Content-Type": "application/json", ...(auth ? { Authorization: `Bearer ${mock.token}` } : {}), ...headers };
  const res = await fetch(mock.url + path, { method, headers: h, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  let json;
  if (!raw) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: json, text };
}

// Every documented code seen, per endpoint: the last test checks each table was covered.
const seen = new Map(Object.keys(ROUTE).map((id) => [id, new Set()]));

/** Asserts the endpoint's error envelope with `code` and the status its table documents. */
function expectError(endpointId, res, code, status) {
  const entry = describeEndpoint(endpointId).errors.find((e) => e.code === code);
  const expected = status ?? entry?.status;
  assert.ok(expected, `${code} is not documented for ${endpointId} and no status was given`);
  assert.equal(res.status, expected, `${endpointId} ${code}: ${res.text}`);
  if (endpointId.startsWith("databrain.")) {
    const error = { code, message: res.body.error?.message };
    assert.equal(typeof error.message, "string");
    assert.ok(error.message.length > 0);
    const workspace = endpointId.endsWith("Workspace");
    assert.deepEqual(res.body, workspace ? { data: null, error } : { error });
  } else {
    const { fields, ...rest } = res.body;
    assert.deepEqual(rest, { id: null, code: expected, error: code, detail: rest.detail, doc_url: `https://developers.lighton.ai/errors#${code}` });
    assert.equal(typeof rest.detail, "string");
    if (code === "validation_error") assert.equal(typeof fields, "object");
    else assert.equal(fields, undefined);
  }
  if (entry) seen.get(endpointId).add(code);
  return res.body;
}

const ws = (extra = {}) => ({ name: "Marketing", connectionType: "DATASOURCE", datasourceName: "postgres-main", ...extra });
const postgres = (extra = {}) => ({
  datasourceType: "postgres",
  credentials: { name: "analytics-pg", host: "db.example.com", port: 5432, username: "u", password: "p", database: "a", schema: "public", ...extra },
});
const driveSource = (extra = {}) => ({
  type: "googledrive",
  name: "Drive: Team",
  credentials: { service_account_file: JSON.stringify({ type: "service_account", project_id: "p" }) },
  filter_criteria: { folder_id: "abc", recursive: true },
  ...extra,
});
const stateOf = async (id) => (await mock.state()).paradigm.workspaces.find((w) => w.id === id);

// ---------------------------------------------------------------------------------------------
// Start-up, seed.

test("starts on a free port (PORT=0) and prints its URL and token", () => {
  assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(mock.port > 0);
  assert.equal(mock.token, "mock-service-token");
  assert.doesNotMatch(mock.token, /dbn_live_[A-Za-z0-9]{16}/);
});

test("the seed's sync.editable agrees with the rule the server computes", async () => {
  const state = await mock.state();
  for (const seeded of SEED.paradigm.workspaces) {
    const live = state.paradigm.workspaces.find((w) => w.id === seeded.id);
    assert.equal(live.sync?.editable, seeded.sync?.editable, `workspace ${seeded.id}`);
  }
  // Secrets are redacted in the debug view.
  assert.equal(state.databrain.datasources.find((d) => d.name === "postgres-main").credentials.password, "<redacted>");
  assert.equal(state.paradigm.workspaces.find((w) => w.id === 106).sync.credentials.client_secret, "<redacted>");
});

test("the routes are exactly the package's endpoints(): each answers on its method and path, nothing else", async () => {
  const list = endpoints();
  const keys = list.map((e) => `${e.method} ${e.path}`);
  assert.equal(list.length, 6);
  assert.deepEqual((await (await fetch(`${mock.url}/__mock/`)).json()).routes, keys);
  assert.deepEqual(Object.keys((await mock.stats()).byRoute), [...keys, "unmatched"]);
  // Unauthenticated requests (401 when routed, 404 when not: nothing changes); stats.last.route
  // says which route took each.
  const routeOf = async (method, path) => {
    const res = await fetch(mock.url + path, { method, headers: { "Content-Type": "application/json" }, body: method === "GET" ? undefined : "{}" });
    await res.arrayBuffer();
    const { last } = await mock.stats();
    assert.equal(last.path, path);
    assert.equal(res.status, last.route === "unmatched" ? 404 : 401, `${method} ${path}`);
    return last.route;
  };
  const routed = new Set();
  for (const template of new Set(list.map((e) => e.path))) {
    const concrete = template.replaceAll("{id}", "101");
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      const e = list.find((x) => x.path === template && x.method === method);
      for (const path of [concrete, `${concrete}/`]) {
        const route = await routeOf(method, path);
        assert.equal(route, e ? `${e.method} ${e.path}` : "unmatched", `${method} ${path}`);
        if (e) routed.add(e.id);
      }
      if (!template.includes("{id}")) continue;
      // Path ids are integers; anything else is no route (404).
      for (const id of ["abc", "-1", "1.5", "1e3", "0x10", "101a", ""]) {
        assert.equal(await routeOf(method, template.replaceAll("{id}", id)), "unmatched", `${method} ${template} id ${JSON.stringify(id)}`);
      }
    }
    assert.equal(await routeOf("POST", `${concrete}/extra`), "unmatched");
    assert.equal(await routeOf("POST", `/prefix${concrete}`), "unmatched");
  }
  assert.deepEqual([...routed].sort(), list.map((e) => e.id).sort(), "every endpoint is routable");
});

test("the state view hides stored secrets by the package's redactRequest: they read <redacted>", async () => {
  const credentials = { name: "analytics-pg", host: "db.example.com", port: 5432, username: "u", password: "DB-PASSWORD-MARKER", database: "a", schema: "public", connectionString: "DB-DSN-MARKER" };
  assert.equal((await call("databrain.createDatasource", { datasourceType: "postgres", credentials })).status, 200);
  const servicenow = { type: "servicenow", name: "KB", credentials: { instance_url: "https://kb.example.com", username: "kb", password: "SN-PASSWORD-MARKER" }, filter_criteria: { doc_type: "knowledge" } };
  const patched = await call("paradigm.updateWorkspace", { datasource: servicenow }, { id: 105 });
  assert.equal(patched.status, 200, patched.text);
  const text = await (await fetch(`${mock.url}/__mock/state`)).text();
  for (const marker of ["DB-PASSWORD-MARKER", "DB-DSN-MARKER", "SN-PASSWORD-MARKER", "fake-password"]) assert.equal(text.includes(marker), false, marker);
  const state = JSON.parse(text);
  // The datasource reads as the package redacts the body that created it: by its type, so the
  // host stays and an unknown credential key (connectionString) is hidden like the password.
  const ds = state.databrain.datasources.find((d) => d.name === "analytics-pg");
  const expected = JSON.parse(redactRequest({ endpoint: "databrain.createDatasource", method: "POST", url: "/api/v2/datasource", body: JSON.stringify({ datasourceType: "postgres", credentials }) }).body);
  assert.deepEqual(ds, { name: "analytics-pg", type: "postgres", credentials: expected.credentials, tenancySettings: null });
  assert.equal(ds.credentials.password, "<redacted>");
  assert.equal(ds.credentials.connectionString, "<redacted>");
  assert.equal(ds.credentials.host, "db.example.com");
  // The Paradigm credential, and the seed's service-account file.
  const sync = state.paradigm.workspaces.find((w) => w.id === 105).sync;
  assert.equal(sync.datasource_type, "servicenow");
  assert.equal(sync.last_status, "WAITING");
  assert.equal(sync.editable, false);
  assert.deepEqual(sync.credentials, { instance_url: "https://kb.example.com", username: "kb", password: "<redacted>" });
  assert.deepEqual(sync.filter_criteria, { doc_type: "knowledge" });
  assert.equal(state.paradigm.workspaces.find((w) => w.id === 104).sync.credentials.service_account_file, "<redacted>");
  // What holds no secret reads as stored.
  assert.deepEqual(state.databrain.llms, SEED.databrain.llms);
  assert.deepEqual(state.databrain.workspaces.find((w) => w.name === "Finance"), SEED.databrain.workspaces.find((w) => w.name === "Finance"));
  assert.deepEqual(state.paradigm.workspaces.find((w) => w.id === 102).members, SEED.paradigm.workspaces.find((w) => w.id === 102).members);
});

// ---------------------------------------------------------------------------------------------
// Databrain workspaces.

test("POST /api/v2/workspace: the docs' example shape answers {data: {name}, error: null}", async () => {
  const res = await call("databrain.createWorkspace", ws({ llmName: "gpt-4o", aiCopilotLlms: ["gpt-4o", "claude-sonnet"], themeName: "light" }));
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { data: { name: "Marketing" }, error: null });
  const created = (await mock.state()).databrain.workspaces.find((w) => w.name === "Marketing");
  assert.equal(created.datasourceName, "postgres-main");
  assert.equal(created.themeName, "light");
  assert.equal(created.isEnableMetricSummary, false);
  for (const body of [
    { name: "Mart", connectionType: "DATAMART", datamartName: "sales-mart" },
    { name: "Multi", connectionType: "MULTI_DATASOURCE" },
    { name: "Multi marts", connectionType: "MULTI_DATAMART" },
  ]) {
    assert.deepEqual((await call("databrain.createWorkspace", body)).body, { data: { name: body.name }, error: null });
  }
});

test("PUT /api/v2/workspace: the docs' example answers {data: {name}, error: null} and updates it", async () => {
  const res = await call("databrain.updateWorkspace", { name: "Sales Analytics", connectionType: "DATASOURCE", datasourceName: "postgres-production" });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { data: { name: "Sales Analytics" }, error: null });
  let w = (await mock.state()).databrain.workspaces.find((x) => x.name === "Sales Analytics");
  assert.equal(w.datasourceName, "postgres-production");
  // Multi modes clear the single link; optional fields left out keep their value.
  await call("databrain.updateWorkspace", { name: "Finance", connectionType: "MULTI_DATAMART" });
  w = (await mock.state()).databrain.workspaces.find((x) => x.name === "Finance");
  assert.equal(w.datamartName, undefined);
  assert.equal(w.themeName, "dark");
});

for (const id of ["databrain.createWorkspace", "databrain.updateWorkspace"]) {
  const base = id.endsWith("createWorkspace") ? ws : (extra) => ws({ name: "Sales Analytics", ...extra });
  test(`${KEY(id)}: every documented error code`, async () => {
    // INVALID_REQUEST_BODY, with the library's first message.
    const bad = { name: "X", connectionType: "DATASOURCE" };
    let body = expectError(id, await call(id, bad), "INVALID_REQUEST_BODY");
    assert.equal(body.error.message, validate(id, bad).issues[0].message);
    expectError(id, await call(id, "{not json"), "INVALID_REQUEST_BODY");
    expectError(id, await call(id, JSON.stringify(base()), { headers: { "Content-Type": "text/plain" } }), "INVALID_REQUEST_BODY");
    expectError(id, await call(id, []), "INVALID_REQUEST_BODY");
    if (id.endsWith("createWorkspace")) {
      body = expectError(id, await call(id, ws({ name: "Sales Analytics" })), "WORKSPACE_NAME_ALREADY_EXISTS");
      assert.match(body.error.message, /Sales Analytics/);
    } else {
      expectError(id, await call(id, ws({ name: "No such workspace" })), "WORKSPACE_DOES_NOT_EXIST");
    }
    expectError(id, await call(id, base({ datasourceName: "postgres-nope" })), "INVALID_DATASOURCE_NAME");
    expectError(id, await call(id, base({ connectionType: "DATAMART", datasourceName: undefined, datamartName: "nope-mart" })), "INVALID_DATAMART_NAME");
    expectError(id, await call(id, base({ llmName: "gpt-2" })), "INVALID_LLM_NAME");
    body = expectError(id, await call(id, base({ aiCopilotLlms: ["gpt-4o", "llama-1"] })), "INVALID_AI_COPILOT_LLMS");
    assert.match(body.error.message, /llama-1/);
    expectError(id, await call(id, base({ themeName: "neon" })), "INVALID_THEME_NAME");
    // Names match exactly (case-sensitive).
    expectError(id, await call(id, base({ themeName: "Dark" })), "INVALID_THEME_NAME");
    expectError(id, await call(id, base(), { auth: false }), "INVALID_DATA_APP_API_KEY");
    expectError(id, await call(id, base(), { auth: false, headers: { Authorization: "Bearer wrong" } }), "INVALID_DATA_APP_API_KEY");
    expectError(id, await call(id, base(), { auth: false, headers: { Authorization: `Basic ${mock.token}` } }), "INVALID_DATA_APP_API_KEY");
    expectError(id, await call(id, base(), { headers: { "X-Mock-Fault": "status=500" } }), "INTERNAL_SERVER_ERROR");
    // None of these changed anything.
    const state = await mock.state();
    assert.deepEqual(state.databrain.workspaces.map((w) => w.name), SEED.databrain.workspaces.map((w) => w.name));
    assert.equal(state.databrain.workspaces[0].datasourceName, "postgres-main");
  });
}

test("401 carries WWW-Authenticate and the Bearer scheme is case-insensitive", async () => {
  const res = await call("databrain.createWorkspace", ws(), { auth: false });
  assert.match(res.headers.get("www-authenticate"), /^Bearer/);
  const ok = await call("databrain.createWorkspace", ws(), { auth: false, headers: { Authorization: `bearer ${mock.token}` } });
  assert.equal(ok.status, 200);
});

// ---------------------------------------------------------------------------------------------
// Databrain datasources.

test("POST /api/v2/datasource: answers {name} and stores it", async () => {
  const res = await call("databrain.createDatasource", { ...postgres(), tenancySettings: { tenancyLevel: "DATABASE" } });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { name: "analytics-pg" });
  const ds = (await mock.state()).databrain.datasources.find((d) => d.name === "analytics-pg");
  assert.equal(ds.type, "postgres");
  assert.deepEqual(ds.tenancySettings, { tenancyLevel: "DATABASE" });
  // The new datasource can be used by a workspace at once.
  assert.equal((await call("databrain.createWorkspace", ws({ datasourceName: "analytics-pg" }))).status, 200);
});

test("POST /api/v2/datasource: every documented error code", async () => {
  const id = "databrain.createDatasource";
  const bad = { datasourceType: "mssql", credentials: { name: "sql", host: "h" } };
  const body = expectError(id, await call(id, bad), "INVALID_REQUEST_BODY");
  assert.equal(body.error.message, validate(id, bad).issues[0].message);
  expectError(id, await call(id, postgres({ name: "postgres-main" })), "DATASOURCE_NAME_ERROR");
  expectError(id, await call(id, postgres({ host: "unreachable.invalid" })), "CREDENTIAL_TEST_FAILED");
  expectError(id, await call(id, { datasourceType: "mssql", credentials: { name: "sql", server: "db.unreachable.invalid", user: "u" } }), "CREDENTIAL_TEST_FAILED");
  expectError(id, await call(id, postgres(), { auth: false }), "AUTHENTICATION_ERROR");
  for (const code of ["SCHEMA_CACHE_FAILED", "CREATE_DATASOURCE_FAILED", "INTERNAL_SERVER_ERROR"]) {
    expectError(id, await call(id, postgres(), { headers: { "X-Mock-Fault": `code=${code}` } }), code);
  }
  expectError(id, await call(id, postgres(), { headers: { "X-Mock-Fault": "status=500" } }), "INTERNAL_SERVER_ERROR");
  assert.equal((await mock.state()).databrain.datasources.some((d) => d.name === "analytics-pg"), false);
});

test("PUT /api/v2/datasource: the docs' example answers {name} and replaces credentials and tenancy", async () => {
  const example = {
    datasourceType: "postgres",
    credentials: { name: "production-postgres", host: "new-db.example.com", port: 5432, username: "dbuser", password: "newpassword", database: "analytics", schema: "public" },
  };
  const res = await call("databrain.updateDatasource", example);
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { name: "production-postgres" });
  let ds = (await mock.state()).databrain.datasources.find((d) => d.name === "production-postgres");
  assert.equal(ds.credentials.host, "new-db.example.com");
  assert.equal(ds.tenancySettings.tenancyLevel, "TABLE", "tenancy settings left out stay unchanged");
  await call("databrain.updateDatasource", { ...example, tenancySettings: { tenancyLevel: "DATABASE" } });
  ds = (await mock.state()).databrain.datasources.find((d) => d.name === "production-postgres");
  assert.deepEqual(ds.tenancySettings, { tenancyLevel: "DATABASE" });
  const mssql = { datasourceType: "mssql", credentials: { name: "erp", server: "new-sql.example.com", user: "u", password: "p" } };
  assert.deepEqual((await call("databrain.updateDatasource", mssql)).body, { name: "erp" });
});

test("PUT /api/v2/datasource: every documented error code", async () => {
  const id = "databrain.updateDatasource";
  expectError(id, await call(id, { datasourceType: "postgres" }), "INVALID_REQUEST_BODY");
  const body = expectError(id, await call(id, { datasourceType: "mysql", credentials: { name: "postgres-main", host: "h" } }), "INVALID_REQUEST_BODY");
  assert.match(body.error.message, /Must match the existing datasource type/);
  expectError(id, await call(id, postgres({ name: "no-such-datasource" })), "DATASOURCE_NOT_FOUND");
  expectError(id, await call(id, postgres({ name: "postgres-main", host: "unreachable.invalid" })), "CREDENTIAL_TEST_FAILED");
  expectError(id, await call(id, postgres({ name: "postgres-main" }), { auth: false }), "AUTHENTICATION_ERROR");
  // The docs also list DATASOURCE_NAME_ERROR (400, "Datasource not found") for PUT: by fault.
  for (const code of ["DATASOURCE_NAME_ERROR", "SCHEMA_CACHE_FAILED", "TENANCY_SETTINGS_CREATE_FAILED", "TENANCY_SETTINGS_UPDATE_FAILED", "INTERNAL_SERVER_ERROR"]) {
    expectError(id, await call(id, postgres({ name: "postgres-main" }), { headers: { "X-Mock-Fault": `code=${code}` } }), code);
  }
  // Nothing changed.
  const ds = (await mock.state()).databrain.datasources.find((d) => d.name === "postgres-main");
  assert.equal(ds.credentials.host, "db.example.com");
});

// ---------------------------------------------------------------------------------------------
// Paradigm v3.

const V3_KEYS = ["id", "name", "workspace_type", "document_upload_method", "description", "created_at", "updated_at", "files_count", "used_storage", "summaries", "sync", "scoped_api_keys"];
const SYNC_KEYS = ["datasource_type", "source_name", "last_status", "updated_at", "failed_files_count", "next_import_date", "editable", "name", "instance_url", "tenant_id", "site_name", "client_id", "filter_criteria"];

test("PATCH /api/v3/workspaces/{id}: name, description and members update and answer the V3 object", async () => {
  const id = "paradigm.updateWorkspace";
  const res = await call(id, { name: "Handbook 2026", description: "New text", members: { users: [{ id: 3, role: "owner" }, { id: 4 }] } }, { id: 101 });
  assert.equal(res.status, 200);
  assert.deepEqual(Object.keys(res.body), V3_KEYS);
  assert.equal(res.body.id, 101);
  assert.equal(res.body.name, "Handbook 2026");
  assert.equal(res.body.description, "New text");
  assert.equal(res.body.document_upload_method, "manual");
  assert.equal(res.body.sync, null);
  assert.notEqual(res.body.updated_at, SEED.paradigm.workspaces[0].updated_at);
  assert.equal(JSON.stringify(res.body).includes("members"), false);
  const stored = await stateOf(101);
  assert.deepEqual(stored.members, { users: [{ id: 3, role: "owner" }, { id: 4, role: "viewer" }], groups: [] });
  // null (or "") clears the description.
  assert.equal((await call(id, { description: null }, { id: 101 })).body.description, "");
  // An empty PATCH changes nothing but answers the workspace.
  assert.equal((await call(id, {}, { id: 102 })).body.name, "Contracts");
  // Name/description edits are allowed on a locked synced workspace: only `datasource` is locked.
  const locked = await call(id, { name: "Policies" }, { id: 106 });
  assert.equal(locked.status, 200);
  assert.deepEqual(Object.keys(locked.body.sync), SYNC_KEYS);
  assert.equal(locked.body.sync.editable, false);
  assert.equal(locked.body.sync.client_id, "00000000-0000-4000-8000-000000000001");
  assert.equal(JSON.stringify(locked.body).includes("fake-secret"), false);
});

test("PATCH /api/v3/workspaces/{id}: auth, unknown ids, PERSONAL, bodies", async () => {
  const id = "paradigm.updateWorkspace";
  let body = expectError(id, await call(id, { name: "x" }, { auth: false }), "unauthorized");
  assert.match(body.detail, /not provided/);
  expectError(id, await call(id, { name: "x" }, { auth: false, headers: { Authorization: "Bearer nope" } }), "unauthorized");
  expectError(id, await call(id, { name: "x" }, { id: 999 }), "not_found");
  expectError(id, await call(id, { name: "x" }, { id: 103 }), "forbidden");
  // 422: fields keyed by dotted path, error = our issue code.
  const bad = { name: "n".repeat(101), datasource: driveSource({ filter_criteria: {} }), members: { users: [{ id: 0 }] } };
  body = expectError(id, await call(id, bad), "validation_error");
  assert.deepEqual(Object.keys(body.fields).sort(), ["datasource.filter_criteria.folder_id", "members.users.0.id", "name"]);
  assert.deepEqual(body.fields.name, [{ error: "too_long", detail: validate(id, bad).issues.find((i) => i.path === "/name").message }]);
  assert.equal(body.fields["datasource.filter_criteria.folder_id"][0].error, "required");
  body = expectError(id, await call(id, [1]), "validation_error");
  assert.deepEqual(Object.keys(body.fields), ["non_field_errors"]);
  expectError(id, await call(id, "{nope"), "bad_request");
  const media = await call(id, JSON.stringify({ name: "x" }), { headers: { "Content-Type": "text/plain" } });
  assert.equal(media.status, 415);
  assert.equal(media.body.error, "unsupported_media_type");
  // Non-integer ids do not match the route.
  const res = await fetch(`${mock.url}/api/v3/workspaces/abc`, { method: "PATCH", headers: mock.headers(), body: "{}" });
  assert.equal(res.status, 404);
  assert.equal((await res.json()).error, "not_found");
  assert.equal((await stateOf(101)).name, "Team Handbook");
});

test("v3 rule: an empty SHARED manual workspace converts to synced (WAITING, then the in-flight 409)", async () => {
  const id = "paradigm.updateWorkspace";
  const res = await call(id, { datasource: driveSource() }, { id: 101 });
  assert.equal(res.status, 200);
  assert.equal(res.body.document_upload_method, "synced");
  assert.equal(res.body.sync.datasource_type, "googledrive");
  assert.equal(res.body.sync.name, "Drive: Team");
  assert.equal(res.body.sync.last_status, "WAITING");
  assert.equal(res.body.sync.editable, false);
  assert.deepEqual(res.body.sync.filter_criteria, { folder_id: "abc", recursive: true });
  assert.equal(JSON.stringify(res.body).includes("service_account"), false);
  // The re-triggered sync is in flight until something moves it on.
  expectError(id, await call(id, { datasource: driveSource() }, { id: 101 }), "conflict");
  // A failed first sync makes it editable again; a success locks it for good.
  assert.equal((await mock.setSync(101, "FAILED")).sync.editable, true);
  assert.equal((await call(id, { datasource: driveSource({ name: "Drive v2" }) }, { id: 101 })).body.sync.name, "Drive v2");
  await mock.setSync(101, "SUCCESS", { files_count: 5 });
  expectError(id, await call(id, { datasource: driveSource() }, { id: 101 }), "conflict");
  // Reset restores the seed.
  await mock.reset();
  const w = await stateOf(101);
  assert.equal(w.document_upload_method, "manual");
  assert.equal(w.sync, null);
});

test("v3 rule: a workspace with documents cannot be converted (400), and nothing changes", async () => {
  const id = "paradigm.updateWorkspace";
  const body = expectError(id, await call(id, { name: "Renamed", datasource: driveSource() }, { id: 102 }), "bad_request");
  assert.match(body.detail, /empty/);
  const w = await stateOf(102);
  assert.equal(w.name, "Contracts");
  assert.equal(w.document_upload_method, "manual");
});

test("v3 rule: a synced workspace never successfully synced is edited in place; type is immutable", async () => {
  const id = "paradigm.updateWorkspace";
  // 104: googledrive, last_status null.
  expectError(id, await call(id, { datasource: { type: "webscrapper", name: "w", filter_criteria: { start_url: "https://x.example/" } } }, { id: 104 }), "bad_request");
  const res = await call(id, { datasource: driveSource({ name: "Drive: Other folder", filter_criteria: { folder_id: "zzz" } }) }, { id: 104 });
  assert.equal(res.status, 200);
  assert.equal(res.body.sync.name, "Drive: Other folder");
  assert.deepEqual(res.body.sync.filter_criteria, { folder_id: "zzz" });
  assert.equal(res.body.sync.last_status, "WAITING");
  // 105: servicenow, first sync FAILED: editable.
  const sn = { type: "servicenow", name: "KB", credentials: { instance_url: "https://new.service-now.example.com", username: "u", password: "p" }, filter_criteria: { doc_type: "knowledge" } };
  const edited = await call(id, { datasource: sn }, { id: 105 });
  assert.equal(edited.status, 200);
  assert.equal(edited.body.sync.instance_url, "https://new.service-now.example.com");
  // Credentials the source rejects: 400, nothing persisted.
  await mock.reset();
  const unreachable = { ...sn, credentials: { ...sn.credentials, instance_url: "https://unreachable.invalid" } };
  expectError(id, await call(id, { datasource: unreachable }, { id: 105 }), "bad_request");
  expectError(id, await call(id, { datasource: driveSource({ credentials: { service_account_file: '{"private_key": "invalid"}' } }) }, { id: 104 }), "bad_request");
  assert.equal((await stateOf(105)).sync.last_status, "FAILED");
});

test("v3 rule: after a successful sync or while one is in flight, datasource edits are 409", async () => {
  const id = "paradigm.updateWorkspace";
  const sp = { type: "sharepoint", name: "p", credentials: { client_id: "c", client_secret: "s", tenant_id: "t" }, filter_criteria: { folder_path: "" } };
  const sn = { type: "servicenow", name: "KB", credentials: { instance_url: "https://x.example", username: "u", password: "p" }, filter_criteria: { doc_type: "knowledge" } };
  const web = { type: "webscrapper", name: "www", filter_criteria: { start_url: "https://www.example.com/" } };
  let body = expectError(id, await call(id, { datasource: sp }, { id: 106 }), "conflict");
  assert.match(body.detail, /successful sync/);
  expectError(id, await call(id, { datasource: driveSource() }, { id: 107 }), "conflict");
  body = expectError(id, await call(id, { datasource: web }, { id: 108 }), "conflict");
  assert.match(body.detail, /WAITING/);
  expectError(id, await call(id, { datasource: sn }, { id: 109 }), "conflict");
  // The lock wins over a type change.
  expectError(id, await call(id, { datasource: web }, { id: 106 }), "conflict");
  // A rejected PATCH changes nothing, also the fields sent beside `datasource`.
  expectError(id, await call(id, { name: "Renamed", datasource: sp }, { id: 106 }), "conflict");
  assert.equal((await stateOf(106)).name, "SharePoint policies");
});

test("POST /api/v3/workspaces/{id}/datasource/test: success, rejected credentials, errors", async () => {
  const id = "paradigm.testDatasource";
  const before = await mock.state();
  for (const source of [
    driveSource(),
    { type: "sharepoint", name: "p", credentials: { client_id: "c", client_secret: "s", tenant_id: "t", site_name: "hr" }, filter_criteria: { folder_path: "Docs" } },
    { type: "servicenow", name: "KB", credentials: { instance_url: "https://x.example", username: "u", password: "p" }, filter_criteria: { doc_type: "knowledge" } },
    { type: "webscrapper", name: "www", filter_criteria: { start_url: "https://www.example.com/" } },
  ]) {
    const res = await call(id, source, { id: 101 });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { detail: "Connection successful" });
  }
  // Any workspace type (the credential test is open to any authenticated user).
  assert.equal((await call(id, driveSource(), { id: 103 })).status, 200);
  assert.deepEqual(await mock.state(), before, "nothing is persisted");
  expectError(id, await call(id, { type: "servicenow", name: "KB", credentials: { instance_url: "https://unreachable.invalid", username: "u", password: "p" }, filter_criteria: { doc_type: "knowledge" } }), "bad_request");
  expectError(id, await call(id, driveSource({ credentials: { service_account_file: '{"type": "invalid"}' } })), "bad_request");
  expectError(id, await call(id, { type: "webscrapper", name: "w", filter_criteria: { start_url: "http://unreachable.invalid/" } }), "bad_request");
  const body = expectError(id, await call(id, { type: "dropbox", name: "d" }), "validation_error");
  assert.equal(body.fields.type[0].error, "invalid_enum");
  expectError(id, await call(id, driveSource(), { auth: false }), "unauthorized");
  expectError(id, await call(id, driveSource(), { id: 4242 }), "not_found");
});

test("Paradigm forbidden/conflict/not_found/... are also available by fault", async () => {
  for (const id of ["paradigm.updateWorkspace", "paradigm.testDatasource"]) {
    for (const { code } of describeEndpoint(id).errors) {
      expectError(id, await call(id, {}, { headers: { "X-Mock-Fault": `code=${code}` } }), code);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// CORS, unknown routes.

test("CORS: a loopback origin's preflight answers 204 and every response carries the headers", async () => {
  const pre = await fetch(`${mock.url}/api/v3/workspaces/101`, {
    method: "OPTIONS",
    headers: { Origin: "http://localhost:5173", "Access-Control-Request-Method": "PATCH", "Access-Control-Request-Headers": "authorization,content-type,x-mock-fault" },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get("access-control-allow-origin"), "http://localhost:5173");
  assert.match(pre.headers.get("access-control-allow-headers"), /Authorization/);
  assert.match(pre.headers.get("access-control-allow-headers"), /X-Mock-Fault/);
  assert.match(pre.headers.get("access-control-allow-methods"), /PATCH/);
  const res = await call("databrain.createWorkspace", ws(), { headers: { Origin: "http://localhost:5173" } });
  assert.equal(res.headers.get("access-control-allow-origin"), "http://localhost:5173");
  assert.equal(res.headers.get("vary"), "Origin");
  const err = await call("databrain.createWorkspace", ws(), { auth: false, headers: { Origin: "http://localhost:5173" } });
  assert.equal(err.headers.get("access-control-allow-origin"), "http://localhost:5173", "errors too");
  assert.match(err.headers.get("access-control-allow-methods"), /PUT/);
  assert.match(err.headers.get("access-control-expose-headers"), /WWW-Authenticate/);
  // Without an Origin (curl, Node's fetch) no CORS headers: a non-browser client needs none.
  const plain = await call("databrain.createWorkspace", ws({ name: "Plain" }));
  assert.equal(plain.status, 200);
  assert.equal(plain.headers.get("access-control-allow-origin"), null);
  const stats = await mock.stats();
  assert.equal(stats.preflights, 1);
  assert.equal(stats.requests, 3, "preflights are not counted as requests");
});

test("CORS: loopback origins (127.x, localhost, [::1], http or https, any port) are allowed", async () => {
  for (const origin of ["http://127.0.0.1:5173", "http://localhost:3000", "http://127.0.0.1:8080", "https://127.1.2.3", "http://[::1]:8080", "https://localhost"]) {
    const res = await call("paradigm.updateWorkspace", {}, { headers: { Origin: origin } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("access-control-allow-origin"), origin, origin);
    assert.equal(res.headers.get("vary"), "Origin");
    const pre = await fetch(`${mock.url}/__mock/stats`, { method: "OPTIONS", headers: { Origin: origin, "Access-Control-Request-Method": "GET" } });
    assert.equal(pre.status, 204, origin);
    assert.equal(pre.headers.get("access-control-allow-origin"), origin);
    assert.match(pre.headers.get("access-control-allow-headers"), /Authorization/);
    assert.match(pre.headers.get("access-control-allow-methods"), /GET/);
  }
});

test("CORS: any other origin gets no allow header, and its preflight is refused with 403", async () => {
  const refused = [
    "https://evil.example",
    "http://127.0.0.1.evil.example", // a hostname check, not a prefix check
    "http://localhost.evil.example:3000",
    "http://evil.example/127.0.0.1",
    "http://127.0.0.1@evil.example",
    "null",
    "file://",
    "ftp://127.0.0.1",
    "http://127.0.0.1:5173/", // not a serialised origin: a browser never sends it
    "not a url",
  ];
  for (const origin of refused) {
    const res = await call("databrain.createWorkspace", ws(), { headers: { Origin: origin } });
    assert.equal(res.headers.get("access-control-allow-origin"), null, origin);
    assert.equal(res.headers.get("vary"), "Origin");
    for (const [name] of res.headers) assert.doesNotMatch(name, /^access-control-allow-/, `${origin}: ${name}`);
    for (const path of ["/api/v3/workspaces/101", "/__mock/stats"]) {
      const pre = await fetch(mock.url + path, {
        method: "OPTIONS",
        headers: { Origin: origin, "Access-Control-Request-Method": "PATCH", "Access-Control-Request-Headers": "authorization,content-type", "Access-Control-Request-Private-Network": "true" },
      });
      assert.equal(pre.status, 403, `${origin} ${path}`);
      for (const [name] of pre.headers) assert.doesNotMatch(name, /^access-control-/, `${origin}: ${name}`);
      assert.equal(pre.headers.get("x-mock-error"), "1");
      await pre.text();
    }
  }
  // The stats themselves answer a refused origin without an allow header (a page cannot read them).
  const stats = await fetch(`${mock.url}/__mock/stats`, { headers: { Origin: "https://evil.example" } });
  assert.equal(stats.status, 200);
  assert.equal(stats.headers.get("access-control-allow-origin"), null);
  assert.equal((await stats.json()).preflights, refused.length * 2);
});

// ---------------------------------------------------------------------------------------------
// Stats never show a secret.

test("stats: a Databrain datasource's password, certificate and the token are redacted", async () => {
  const body = { datasourceType: "postgres", credentials: { name: "p", host: "h", port: 5432, username: "u", password: "hunter2-SECRET", database: "d", schema: "s", sslcert: "CERT-SECRET" } };
  const res = await fetch(`${mock.url}/api/v2/datasource`, { method: "PUT", headers: { Authorization: `Bearer ${mock.token}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  await res.text(); // DATASOURCE_NOT_FOUND ("p" is not in the seed): the stats are the point
  const text = await (await fetch(`${mock.url}/__mock/stats`)).text();
  for (const secret of ["hunter2-SECRET", "CERT-SECRET", mock.token]) assert.equal(text.includes(secret), false, `${secret} in ${text}`);
  const { last } = JSON.parse(text);
  assert.equal(last.route, "PUT /api/v2/datasource");
  assert.equal(last.path, "/api/v2/datasource");
  assert.equal(last.status, res.status);
  assert.equal(last.body.credentials.host, "h");
  assert.equal(last.body.credentials.port, 5432);
  assert.equal(last.body.credentials.name, "p");
  assert.equal(last.body.credentials.password, "<redacted>");
  assert.equal(last.body.credentials.sslcert, "<redacted>");
  assert.equal(last.body.datasourceType, "postgres");
  assert.equal(last.headers.authorization, "Bearer <redacted>");
  assert.equal(last.headers["content-type"], "application/json");
});

test("stats: a Paradigm SharePoint client_secret is redacted, whether the PATCH is accepted or refused", async () => {
  const datasource = { type: "sharepoint", name: "p", credentials: { client_id: "c", client_secret: "SP-CLIENT-SECRET-MARKER", tenant_id: "t", site_name: "hr" }, filter_criteria: { folder_path: "Docs" } };
  // 101 converts (200); 106 is locked after a successful sync (409).
  for (const [id, status] of [[101, 200], [106, 409]]) {
    const res = await call("paradigm.updateWorkspace", { datasource }, { id });
    assert.equal(res.status, status, res.text);
    const text = await (await fetch(`${mock.url}/__mock/stats`)).text();
    assert.equal(text.includes("SP-CLIENT-SECRET-MARKER"), false, text);
    assert.equal(text.includes(mock.token), false);
    const { last } = JSON.parse(text);
    assert.equal(last.path, `/api/v3/workspaces/${id}`);
    assert.equal(last.status, status);
    assert.equal(last.body.datasource.credentials.client_secret, "<redacted>");
    assert.equal(last.body.datasource.credentials.client_id, "c");
    assert.equal(last.body.datasource.credentials.tenant_id, "t");
    assert.equal(last.headers.authorization, "Bearer <redacted>");
  }
  // The state view hides it too.
  assert.equal(JSON.stringify(await mock.state()).includes("SP-CLIENT-SECRET-MARKER"), false);
});

test("stats: a body that is not JSON, or that no route knows, never shows its secrets", async () => {
  const broken = '{"password": "x-SECRET"';
  let res = await call("databrain.createDatasource", broken);
  assert.equal(res.status, 400);
  let text = await (await fetch(`${mock.url}/__mock/stats`)).text();
  assert.equal(text.includes("x-SECRET"), false, text);
  assert.equal(JSON.parse(text).last.body, "<redacted>");
  // An unmatched route (no endpoint): secret-looking keys are still hidden.
  res = await fetch(`${mock.url}/api/v2/nope?x=1`, { method: "POST", headers: mock.headers({ Cookie: "session=COOKIE-SECRET" }), body: JSON.stringify({ password: "y-SECRET", name: "kept" }) });
  assert.equal(res.status, 404);
  text = await (await fetch(`${mock.url}/__mock/stats`)).text();
  for (const secret of ["y-SECRET", "COOKIE-SECRET", mock.token]) assert.equal(text.includes(secret), false, `${secret} in ${text}`);
  const { last } = JSON.parse(text);
  assert.equal(last.route, "unmatched");
  assert.equal(last.path, "/api/v2/nope?x=1");
  assert.equal(last.headers.cookie, "<redacted>");
  assert.deepEqual(last.body, { password: "<redacted>", name: "kept" });
  // A deeply nested body does not break the stats.
  const deep = '{"password": "z-SECRET", "a": ' + "[".repeat(100_000) + "]".repeat(100_000) + "}";
  res = await call("databrain.createDatasource", deep);
  assert.equal(res.status, 400);
  text = await (await fetch(`${mock.url}/__mock/stats`)).text();
  assert.equal(text.includes("z-SECRET"), false);
  assert.equal(JSON.parse(text).last.status, 400);
  // An empty body reads null, as before.
  await call("paradigm.updateWorkspace", "", { id: 102 });
  assert.equal((await mock.stats()).last.body, null);
});

// ---------------------------------------------------------------------------------------------
// validate() in its default mode: unknown keys are warnings, and the mock accepts them.

test("unknown keys of documented objects are accepted (validate's warnings are not issues)", async () => {
  const created = await call("databrain.createWorkspace", ws({ notADocumentedField: true }));
  assert.equal(created.status, 200, created.text);
  assert.equal(validate("databrain.createWorkspace", ws({ notADocumentedField: true })).warnings.length > 0, true);
  const ds = await call("databrain.createDatasource", postgres({ name: "extra-pg", somethingNew: "x" }));
  assert.equal(ds.status, 200, ds.text);
  const patched = await call("paradigm.updateWorkspace", { name: "Renamed", futureOption: 1 }, { id: 101 });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.body.name, "Renamed");
});

test("unknown routes answer 404 in the family's envelope", async () => {
  let res = await fetch(`${mock.url}/api/v2/nope`, { method: "POST", headers: mock.headers(), body: "{}" });
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { error: { code: "NOT_FOUND", message: "Cannot POST /api/v2/nope" } });
  res = await fetch(`${mock.url}/api/v2/workspace`, { headers: mock.headers() });
  assert.equal(res.status, 404);
  res = await fetch(`${mock.url}/api/v3/workspaces`, { headers: mock.headers() });
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { id: null, code: 404, error: "not_found", detail: "Not found.", doc_url: "https://developers.lighton.ai/errors#not_found" });
  assert.equal((await mock.stats()).byRoute.unmatched, 3);
});

// ---------------------------------------------------------------------------------------------
// Faults.

test("fault delay=<ms> answers normally after the delay", async () => {
  const t0 = performance.now();
  const res = await call("databrain.createWorkspace", ws(), { headers: { "X-Mock-Fault": "delay=250" } });
  assert.ok(performance.now() - t0 >= 240);
  assert.deepEqual(res.body, { data: { name: "Marketing" }, error: null });
  const t1 = performance.now();
  const slow = await call("paradigm.updateWorkspace", {}, { headers: { "X-Mock-Fault": "delay=100,status=503" } });
  assert.ok(performance.now() - t1 >= 90);
  assert.equal(slow.status, 503);
  assert.equal(slow.headers.get("retry-after"), "1");
  assert.equal(slow.body.error, "server_error");
});

test("fault status=<code> answers the family's envelope", async () => {
  let res = await call("paradigm.updateWorkspace", {}, { headers: { "X-Mock-Fault": "status=500" } });
  assert.deepEqual(res.body, { id: null, code: 500, error: "server_error", detail: "A server error occurred.", doc_url: "https://developers.lighton.ai/errors#server_error" });
  res = await call("databrain.updateDatasource", postgres(), { headers: { "X-Mock-Fault": "status=404" } });
  assert.equal(res.status, 404);
  assert.equal(res.body.error.code, "DATASOURCE_NOT_FOUND", "a status the endpoint documents gets its code");
  res = await call("databrain.createWorkspace", ws(), { headers: { "X-Mock-Fault": "status=429" } });
  assert.equal(res.status, 429);
  assert.equal(res.body.error.code, "TOO_MANY_REQUESTS");
  assert.equal(res.body.data, null);
  res = await call("paradigm.testDatasource", driveSource(), { headers: { "X-Mock-Fault": "status=409" } });
  assert.equal(res.body.error, "conflict");
});

test("fault code=<CODE> must be documented for the endpoint", async () => {
  const res = await call("databrain.createDatasource", postgres(), { headers: { "X-Mock-Fault": "code=TENANCY_SETTINGS_UPDATE_FAILED" } });
  assert.equal(res.status, 400);
  assert.equal(res.headers.get("x-mock-error"), "1");
  assert.match(res.body.mock_error, /not documented for POST \/api\/v2\/datasource/);
  const bad = await call("databrain.createDatasource", postgres(), { headers: { "X-Mock-Fault": "explode" } });
  assert.equal(bad.status, 400);
  assert.match(bad.body.mock_error, /unknown fault/);
});

test("faults malformed, empty and wrong-shape answer 200 with a body that is not the documented one", async () => {
  let res = await call("databrain.createWorkspace", ws(), { raw: true, headers: { "X-Mock-Fault": "malformed" } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /application\/json/);
  assert.throws(() => JSON.parse(res.text), SyntaxError);
  res = await call("paradigm.updateWorkspace", {}, { raw: true, headers: { "X-Mock-Fault": "malformed" } });
  assert.throws(() => JSON.parse(res.text), SyntaxError);
  res = await call("databrain.createDatasource", postgres(), { raw: true, headers: { "X-Mock-Fault": "empty" } });
  assert.equal(res.status, 200);
  assert.equal(res.text, "");
  res = await call("paradigm.testDatasource", driveSource(), { headers: { "X-Mock-Fault": "wrong-shape" } });
  assert.equal(res.status, 200);
  assert.equal(res.body.detail, undefined);
  assert.equal(res.body.data, undefined);
  assert.equal(res.body.name, undefined);
  // A faulted request never changes state.
  assert.equal((await mock.state()).databrain.workspaces.some((w) => w.name === "Marketing"), false);
});

test("fault drop destroys the connection without an answer", async () => {
  await assert.rejects(call("databrain.createWorkspace", ws(), { headers: { "X-Mock-Fault": "drop" } }), TypeError);
  const stats = await mock.stats();
  assert.equal(stats.last.status, "dropped");
  assert.equal(stats.last.fault, "drop");
  // The server is fine afterwards.
  assert.equal((await call("databrain.createWorkspace", ws())).status, 200);
});

test("queued faults (POST /__mock/faults) apply to the next N requests, optionally of one route", async () => {
  await mock.fault("status=500", { count: 2 });
  assert.equal((await call("databrain.createWorkspace", ws())).status, 500);
  assert.equal((await call("paradigm.updateWorkspace", {})).status, 500);
  assert.equal((await call("databrain.createWorkspace", ws())).status, 200);
  await mock.fault("code=SCHEMA_CACHE_FAILED", { route: "PUT /api/v2/datasource" });
  assert.equal((await call("databrain.createWorkspace", ws({ name: "Other" }))).status, 200, "another route is not faulted");
  expectError("databrain.updateDatasource", await call("databrain.updateDatasource", postgres({ name: "postgres-main" })), "SCHEMA_CACHE_FAILED");
  assert.equal((await call("databrain.updateDatasource", postgres({ name: "postgres-main" }))).status, 200);
  // The header wins over (and does not consume) the queue.
  await mock.fault("empty");
  assert.equal((await call("paradigm.updateWorkspace", {}, { headers: { "X-Mock-Fault": "status=502" } })).status, 502);
  assert.equal((await call("paradigm.updateWorkspace", {}, { raw: true })).text, "");
  // Bad queue requests are refused; reset clears the queue.
  await assert.rejects(mock.fault("status=200"), /400/);
  await assert.rejects(mock.fault("drop", { route: "GET /nope" }), /route must be one of/);
  await mock.fault("drop", { count: 3 });
  await mock.reset();
  assert.equal((await call("paradigm.updateWorkspace", {})).status, 200);
});

// ---------------------------------------------------------------------------------------------
// Counters, reset.

test("stats count API requests per route; a body refused by validate() client-side never arrives", async () => {
  const bad = { name: "X", connectionType: "DATASOURCE" };
  const result = validate("databrain.createWorkspace", bad);
  if (result.ok) await call("databrain.createWorkspace", bad); // what a validating client must not do
  let stats = await mock.stats();
  assert.equal(stats.requests, 0);
  assert.equal(stats.byRoute["POST /api/v2/workspace"], 0);
  assert.deepEqual(Object.keys(stats.byRoute).sort(), [...Object.values(ROUTE).map((r) => r.join(" ")), "unmatched"].sort());

  await call("databrain.createWorkspace", ws());
  await call("databrain.createWorkspace", ws(), { auth: false });
  await call("paradigm.updateWorkspace", { name: "A" }, { id: 102, headers: { "X-Trace": "t1" } });
  await mock.state(); // admin routes are not counted
  stats = await mock.stats();
  assert.equal(stats.requests, 3);
  assert.equal(stats.byRoute["POST /api/v2/workspace"], 2);
  assert.equal(stats.byRoute["PATCH /api/v3/workspaces/{id}"], 1);
  assert.equal(stats.last.method, "PATCH");
  assert.equal(stats.last.path, "/api/v3/workspaces/102");
  assert.equal(stats.last.route, "PATCH /api/v3/workspaces/{id}");
  assert.equal(stats.last.status, 200);
  assert.deepEqual(stats.last.body, { name: "A" });
  assert.equal(stats.last.headers.authorization, "Bearer <redacted>");
  assert.equal(stats.last.headers["x-trace"], "t1");
  assert.equal(JSON.stringify(stats).includes(mock.token), false);

  await mock.reset();
  stats = await mock.stats();
  assert.equal(stats.requests, 0);
  assert.equal(stats.last, null);
  assert.equal((await stateOf(102)).name, "Contracts");
  assert.equal((await mock.state()).databrain.workspaces.some((w) => w.name === "Marketing"), false);
});

test("MOCK_TOKEN sets the token; SIGTERM and SIGINT stop the server cleanly", async () => {
  const other = await startMock({ env: { MOCK_TOKEN: "test-token-123" } });
  try {
    assert.equal(other.token, "test-token-123");
    assert.notEqual(other.port, mock.port);
    const res = await fetch(`${other.url}/api/v2/datasource`, { method: "POST", headers: { Authorization: `Bearer ${mock.token}`, "Content-Type": "application/json" }, body: JSON.stringify(postgres()) });
    assert.equal(res.status, 401);
    const ok = await fetch(`${other.url}/api/v2/datasource`, { method: "POST", headers: other.headers(), body: JSON.stringify(postgres()) });
    assert.equal(ok.status, 200);
  } finally {
    assert.deepEqual(await other.close(), { code: 0, signal: null });
  }
  const third = await startMock();
  third.child.kill("SIGINT");
  assert.deepEqual(await third.close(), { code: 0, signal: null });
});

// Last: every documented code of every endpoint was answered, with its documented status.
test("every documented error code of every endpoint was exercised", () => {
  for (const [id, codes] of seen) {
    const documented = describeEndpoint(id).errors.map((e) => e.code);
    assert.deepEqual([...codes].sort(), [...documented].sort(), id);
  }
});

test("keys that exist on Object.prototype are data: 422 (or acceptance), never a 500", async () => {
  const proto = ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__"];
  for (const key of proto) {
    // An invalid member whose object also holds the key: the issue fields are keyed by path.
    const body = JSON.parse(`{"name": "", "members": {"users": [{"id": 0, ${JSON.stringify(key)}: 1}]}, ${JSON.stringify(key)}: {"x": 1}}`);
    const res = await call("paradigm.updateWorkspace", body);
    const envelope = expectError("paradigm.updateWorkspace", res, "validation_error");
    assert.deepEqual(Object.keys(envelope.fields).sort(), ["members.users.0.id", "name"], `${key}: ${res.text}`);
    // In strict mode of the package these keys would be issues; the mock, like the API, accepts them.
    const ok = await call("paradigm.updateWorkspace", JSON.parse(`{"description": "d", ${JSON.stringify(key)}: 1}`));
    assert.equal(ok.status, 200, `${key}: ${ok.text}`);
    const ds = await call("databrain.createDatasource", { datasourceType: "csv", credentials: { name: `csv-${key}`, [key]: "v" } });
    assert.equal(ds.status, 200, `${key}: ${ds.text}`);
  }
  // A key that is an issue path of its own: "constructor" as the field that fails.
  const res = await call("paradigm.testDatasource", { type: "sharepoint", name: "S", credentials: { client_id: "c", client_secret: "s", tenant_id: "t" }, filter_criteria: { constructor: 1 } });
  expectError("paradigm.testDatasource", res, "validation_error");
  assert.deepEqual(Object.keys(res.body.fields), ["filter_criteria.folder_path"]);
});

test("fault ratelimit=<n>/<window>: a fixed window, 429 with Retry-After and the RateLimit headers", async () => {
  const body = ws({ name: "Limited" });
  await mock.fault("ratelimit=2/1s", { route: "POST /api/v2/workspace" });
  const t0 = Date.now();
  const first = await call("databrain.createWorkspace", body);
  assert.equal(first.status, 200);
  assert.deepEqual(["ratelimit-limit", "ratelimit-remaining"].map((h) => first.headers.get(h)), ["2", "1"]);
  assert.equal(first.headers.get("ratelimit-reset"), "1");
  const resetAt = Number(first.headers.get("x-ratelimit-reset"));
  assert.ok(Math.abs(resetAt - (t0 + 1000) / 1000) <= 1, "X-RateLimit-Reset is a Unix time in seconds");
  assert.equal((await call("databrain.createWorkspace", ws({ name: "Limited 2" }))).status, 200);
  const refused = await call("databrain.createWorkspace", ws({ name: "Limited 3" }));
  assert.equal(refused.status, 429);
  assert.deepEqual(refused.body, { data: null, error: { code: "TOO_MANY_REQUESTS", message: "Too many requests, please try again later." } });
  assert.deepEqual(["retry-after", "ratelimit-remaining"].map((h) => refused.headers.get(h)), ["1", "0"]);
  // Another route is not limited by a route's limiter; a refused request changes nothing.
  assert.equal((await call("databrain.updateWorkspace", ws({ name: "Sales Analytics" }))).status, 200);
  assert.ok(!(await mock.state()).databrain.workspaces.some((w) => w.name === "Limited 3"));
  const stats = await mock.stats();
  assert.equal(stats.limited, 1);
  // The limiter stays queued (count does not apply) and lets requests through once the window ends.
  assert.deepEqual((await (await fetch(`${mock.url}/__mock/faults`)).json()).faults.map((f) => f.fault), ["ratelimit=2/1s"]);
  await new Promise((resolve) => setTimeout(resolve, 1050 - (Date.now() - t0)));
  assert.equal((await call("databrain.createWorkspace", ws({ name: "Limited 4" }))).status, 200);
  // Paradigm's family: throttled in its envelope; a header limiter of its own.
  const p = await call("paradigm.updateWorkspace", { name: "x" }, { headers: { "X-Mock-Fault": "ratelimit=1/1m" } });
  assert.equal(p.status, 200);
  const p2 = await call("paradigm.updateWorkspace", { name: "y" }, { headers: { "X-Mock-Fault": "ratelimit=1/1m" } });
  assert.equal(p2.status, 429);
  assert.equal(p2.body.error, "throttled");
  assert.ok(Number(p2.headers.get("retry-after")) >= 59);
  for (const bad of ["ratelimit", "ratelimit=0/1s", "ratelimit=5", "ratelimit=5/2h", "ratelimit=5/1s,status=500"]) {
    const r = await call("databrain.createWorkspace", body, { headers: { "X-Mock-Fault": bad } });
    assert.equal(r.status, 400, bad);
  }
});

test("MOCK_RATELIMIT: a limiter over every API request, kept through resets", async () => {
  const limited = await startMock({ env: { MOCK_RATELIMIT: "1/1m" } });
  try {
    const send = () => fetch(`${limited.url}/api/v2/workspace`, { method: "POST", headers: limited.headers(), body: JSON.stringify(ws({ name: `M ${Math.random()}` })) });
    assert.equal((await send()).status, 200);
    await limited.reset();
    assert.equal((await send()).status, 429);
  } finally {
    await limited.close();
  }
});
