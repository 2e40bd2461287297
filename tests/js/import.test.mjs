// The package through Node ESM (`import * as wr from "workspace-requests"`, the `node` + `import`
// condition): no init() needed. Exact {path, code} lists for valid and invalid bodies of every
// endpoint, hostile JavaScript values, validateMany, endpoints(), describe() and jsonSchema().
import { test } from "node:test";
import assert from "node:assert/strict";
import * as wr from "workspace-requests";

const IDS = [
  "databrain.createWorkspace",
  "databrain.updateWorkspace",
  "databrain.createDatasource",
  "databrain.updateDatasource",
  "paradigm.updateWorkspace",
  "paradigm.testDatasource",
];
const CODES = new Set([
  "required",
  "invalid_type",
  "invalid_enum",
  "too_short",
  "too_long",
  "unknown_field",
  "not_allowed",
  "invalid_value",
]);
const API_CODE = (id) => (id.startsWith("paradigm.") ? "validation_error" : "INVALID_REQUEST_BODY");
const WORKSPACES = ["databrain.createWorkspace", "databrain.updateWorkspace"];
const DATASOURCES = ["databrain.updateDatasource", "databrain.createDatasource"];
const PATCH = "paradigm.updateWorkspace";
const DSTEST = "paradigm.testDatasource";

// ---------------------------------------------------------------------------------------------
// Fixtures (valid bodies, as in the Rust tests).

const postgres = () => ({
  name: "production-postgres",
  host: "new-db.example.com",
  port: 5432,
  username: "dbuser",
  password: "newpassword",
  database: "analytics",
  schema: "public",
});

function validCredentials(kind) {
  switch (kind) {
    case "postgres":
    case "redshift":
      return postgres();
    case "cockroachdb":
    case "trino":
      return { name: "c", host: "h", port: 26257, username: "u", password: "p", sslMode: "enable" };
    case "mysql":
    case "mongodb":
    case "clickhouse":
    case "singlestore":
      return { name: "m", host: "h", port: 3306, username: "u", password: "p", database: "d" };
    case "snowflake":
      return {
        name: "s",
        host: "acme.snowflakecomputing.com",
        username: "u",
        authenticationMethod: "Key-pair authentication",
        privateKey: "-----BEGIN PRIVATE KEY-----",
      };
    case "bigquery":
      return { name: "b", projectId: "p", serviceAccountKey: { type: "service_account" }, location: "EU" };
    case "databricks":
      return { name: "d", host: "h", httpPath: "/sql/1.0", token: "t" };
    case "elasticsearch":
    case "opensearch":
      return { name: "e", server_type: "self-managed", host: "https://es:9200", disableAuth: true };
    case "mssql":
      return { name: "ms", server: "sql.example.com", user: "sa", password: "p", port: 1433 };
    case "awss3":
      return { name: "s3", region: "us-east-1", bucket: "b", pathType: "Folder" };
    case "csv":
      return { name: "sales.csv" };
    case "firebolt":
      return { name: "f", clientId: "id", clientSecret: "s", account: "a", engine: "e" };
    case "athena":
      return { name: "a", region: "eu-west-1", s3OutputLocation: "s3://out/" };
    default:
      throw new Error(`no example for ${kind}`);
  }
}

const DATABRAIN_TYPES = [
  "snowflake", "postgres", "redshift", "cockroachdb", "mysql", "mongodb", "clickhouse", "singlestore", "bigquery",
  "databricks", "elasticsearch", "opensearch", "mssql", "awss3", "csv", "firebolt", "athena", "trino",
];
const PARADIGM_TYPES = ["googledrive", "sharepoint", "servicenow", "webscrapper"];

function paradigmDatasource(kind) {
  switch (kind) {
    case "googledrive":
      return {
        type: "googledrive",
        name: "Drive",
        credentials: { service_account_file: '{"type":"service_account","private_key":"k"}' },
        filter_criteria: { folder_id: "1AbC", recursive: true },
      };
    case "sharepoint":
      return {
        type: "sharepoint",
        name: "SP",
        credentials: { client_id: "c", client_secret: "s", tenant_id: "t", site_name: "Team" },
        filter_criteria: { folder_path: "Shared Documents/Policies" },
      };
    case "servicenow":
      return {
        type: "servicenow",
        name: "SN",
        credentials: { instance_url: "https://acme.service-now.com", username: "u", password: "p" },
        filter_criteria: { doc_type: "knowledge" },
      };
    case "webscrapper":
      return { type: "webscrapper", name: "Site", filter_criteria: { start_url: "https://example.com" } };
    default:
      throw new Error(`no example for ${kind}`);
  }
}

const ds = (kind, credentials, extra = {}) => ({ datasourceType: kind, credentials, ...extra });
const tableTenancy = () => ({
  tenancyLevel: "TABLE",
  clientColumnType: "STRING",
  schemaName: "public",
  tableName: "client_mapping",
  tableClientNameColumn: "client_id",
  tablePrimaryKeyColumn: "id",
});

// ---------------------------------------------------------------------------------------------
// Helpers.

const pairs = (list) => list.map((i) => `${i.path} ${i.code}`).sort();

/** Checks the shape of a result and of every finding in it. */
function checkShape(id, r) {
  assert.equal(typeof r, "object");
  assert.deepEqual(Object.keys(r).sort(), ["issues", "ok", "warnings"]);
  assert.equal(r.ok, r.issues.length === 0, "ok is true exactly when there are no issues");
  for (const f of [...r.issues, ...r.warnings]) {
    assert.deepEqual(Object.keys(f).sort(), ["apiCode", "code", "message", "params", "path"]);
    assert.equal(typeof f.params, "object");
    assert.equal(typeof f.params.rule, "string", "params name their rule");
    assert.equal(typeof f.path, "string");
    assert.ok(f.path === "" || f.path.startsWith("/"), `JSON Pointer: ${f.path}`);
    assert.ok(CODES.has(f.code), `known code: ${f.code}`);
    assert.equal(typeof f.message, "string");
    assert.ok(f.message.length > 0);
  }
  for (const f of r.issues) assert.equal(f.apiCode, API_CODE(id));
  // A warning is not an error the API is known to answer.
  for (const f of r.warnings) assert.equal(f.apiCode, null);
}

/** Validates and asserts the exact issues; `warnings` (when given) exactly too, else none. */
function expectIssues(id, body, issues, warnings = [], options) {
  const r = wr.validate(id, body, options);
  checkShape(id, r);
  const ctx = `${id} ${safeJson(body)}\n${JSON.stringify(r, null, 1)}`;
  assert.deepEqual(pairs(r.issues), issues.map(([p, c]) => `${p} ${c}`).sort(), ctx);
  assert.deepEqual(pairs(r.warnings), warnings.map(([p, c]) => `${p} ${c}`).sort(), ctx);
  assert.equal(r.ok, issues.length === 0, ctx);
  return r;
}
const expectValid = (id, body) => expectIssues(id, body, []);
const STRICT = { strict: true };

function safeJson(v) {
  try {
    return JSON.stringify(v)?.slice(0, 300);
  } catch {
    return "<not JSON>";
  }
}

const messageAt = (r, path) => [...r.issues, ...r.warnings].find((i) => i.path === path)?.message;

// ---------------------------------------------------------------------------------------------
// Valid and invalid bodies, per endpoint.

test("databrain workspace bodies: exact issues", () => {
  for (const id of WORKSPACES) {
    expectValid(id, { name: "Sales Analytics", connectionType: "DATASOURCE", datasourceName: "postgres-main" });
    expectValid(id, {
      name: "Sales",
      connectionType: "DATAMART",
      datamartName: "sales-mart",
      llmName: "gpt",
      aiCopilotLlms: ["gpt", "claude"],
      isEnableMetricSuggestions: true,
      isEnableMetricSummary: true,
      summaryType: "custom",
      customSummaryPrompt: "Summarise for executives.",
      themeName: "dark",
    });
    for (const ct of ["MULTI_DATASOURCE", "MULTI_DATAMART"]) expectValid(id, { name: "W", connectionType: ct });
    expectIssues(id, {}, [["/name", "required"], ["/connectionType", "required"]]);
    expectIssues(id, { name: "", connectionType: "MULTI_DATASOURCE" }, [["/name", "too_short"]]);
    expectIssues(id, { name: 7, connectionType: "MULTI_DATASOURCE" }, [["/name", "invalid_type"]]);
    expectIssues(id, { name: null, connectionType: "MULTI_DATASOURCE" }, [["/name", "invalid_type"]]);
    const r = expectIssues(id, { name: "W", connectionType: "multi_datasource" }, [["/connectionType", "invalid_enum"]]);
    assert.match(messageAt(r, "/connectionType"), /Did you mean "MULTI_DATASOURCE"\?/);
    expectIssues(id, { name: "W", connectionType: ["DATASOURCE"] }, [["/connectionType", "invalid_type"]]);
    const r2 = expectIssues(id, { name: "W", connectionType: "DATASOURCE" }, [["/datasourceName", "required"]]);
    assert.equal(messageAt(r2, "/datasourceName"), 'datasourceName is required when connectionType is "DATASOURCE".');
    expectIssues(id, { name: "W", connectionType: "DATASOURCE", datasourceName: "" }, [["/datasourceName", "too_short"]]);
    expectIssues(id, { name: "W", connectionType: "DATAMART" }, [["/datamartName", "required"]]);
    expectIssues(id, { name: "W", connectionType: "DATAMART", datamartName: false }, [["/datamartName", "invalid_type"]]);
    // The other kind of name is only a warning.
    expectIssues(
      id,
      { name: "W", connectionType: "DATAMART", datamartName: "m", datasourceName: "pg" },
      [],
      [["/datasourceName", "not_allowed"]],
    );
    expectIssues(id, { name: "W", connectionType: "DATA_SOURCE" }, [["/connectionType", "invalid_enum"]]);
    expectIssues(
      id,
      { name: "W", connectionType: "MULTI_DATAMART", isEnableMetricSummary: true },
      [["/summaryType", "required"]],
    );
    expectIssues(
      id,
      { name: "W", connectionType: "MULTI_DATAMART", isEnableMetricSummary: true, summaryType: "custom" },
      [["/customSummaryPrompt", "required"]],
    );
    expectIssues(
      id,
      { name: "W", connectionType: "MULTI_DATAMART", isEnableMetricSummary: "true", summaryType: "custom", customSummaryPrompt: "p" },
      [["/isEnableMetricSummary", "invalid_type"]],
    );
    expectIssues(
      id,
      { name: "W", connectionType: "MULTI_DATASOURCE", aiCopilotLlms: ["gpt", 3, "", null] },
      [["/aiCopilotLlms/1", "invalid_type"], ["/aiCopilotLlms/2", "too_short"], ["/aiCopilotLlms/3", "invalid_type"]],
    );
    // An unknown key is a warning by default, an issue in strict mode.
    const typo = { name: "W", connectionType: "DATASOURCE", datasourcename: "pg" };
    const r3 = expectIssues(id, typo, [["/datasourceName", "required"]], [["/datasourcename", "unknown_field"]]);
    assert.equal(
      messageAt(r3, "/datasourcename"),
      "datasourcename is not a field the docs define for this object; the API may ignore or reject it. Did you mean datasourceName?",
    );
    const r4 = expectIssues(id, typo, [["/datasourceName", "required"], ["/datasourcename", "unknown_field"]], [], STRICT);
    assert.equal(messageAt(r4, "/datasourcename"), "datasourcename is not a field of this object (strict mode). Did you mean datasourceName?");
    expectIssues(id, { name: "W", connectionType: "MULTI_DATASOURCE", colour: "red" }, [], [["/colour", "unknown_field"]]);
    expectIssues(id, { name: "W", connectionType: "MULTI_DATASOURCE", colour: "red" }, [["/colour", "unknown_field"]], [], STRICT);
    const all = [
      ["/name", "too_short"],
      ["/datasourceName", "required"],
      ["/summaryType", "required"],
      ["/aiCopilotLlms/0", "invalid_type"],
    ];
    const many = { name: "", connectionType: "DATASOURCE", isEnableMetricSummary: true, aiCopilotLlms: [1], extra: 1 };
    expectIssues(id, many, all, [["/extra", "unknown_field"]]);
    expectIssues(id, many, [...all, ["/extra", "unknown_field"]], [], STRICT);
  }
});

test("databrain datasource bodies: exact issues", () => {
  for (const id of DATASOURCES) {
    for (const kind of DATABRAIN_TYPES) expectValid(id, ds(kind, validCredentials(kind)));
    expectValid(id, ds("postgres", postgres(), { tenancySettings: tableTenancy() }));
    expectValid(id, ds("postgres", postgres(), { tenancySettings: { tenancyLevel: "DATABASE" } }));
    expectIssues(id, {}, [["/datasourceType", "required"], ["/credentials", "required"]]);
    expectIssues(id, { datasourceType: "csv", credentials: "name=x" }, [["/credentials", "invalid_type"]]);
    expectIssues(id, { datasourceType: "csv", credentials: null }, [["/credentials", "invalid_type"]]);
    const r = expectIssues(id, ds("postgress", postgres()), [["/datasourceType", "invalid_enum"]]);
    assert.match(messageAt(r, "/datasourceType"), /Did you mean "postgres"\?$/);
    expectIssues(id, ds("oracle", {}), [["/datasourceType", "invalid_enum"], ["/credentials/name", "required"]]);
    for (const kind of DATABRAIN_TYPES) {
      const c = validCredentials(kind);
      delete c.name;
      expectIssues(id, ds(kind, c), [["/credentials/name", "required"]]);
      expectIssues(id, ds(kind, { ...c, name: "" }), [["/credentials/name", "too_short"]]);
      expectIssues(id, ds(kind, { ...c, name: 42 }), [["/credentials/name", "invalid_type"]]);
    }
    for (const [port, code] of [[0, "invalid_value"], [65536, "invalid_value"], [-5, "invalid_value"], [5432.5, "invalid_value"], [true, "invalid_type"], ["db", "invalid_type"]]) {
      expectIssues(id, ds("postgres", { ...postgres(), port }), [["/credentials/port", code]]);
    }
    for (const port of [1, 65535]) expectValid(id, ds("postgres", { ...postgres(), port }));
    expectIssues(id, ds("postgres", { ...postgres(), port: "5432" }), [], [["/credentials/port", "invalid_type"]]);
    // Unconfirmed keys only warn; unknown keys of open credentials pass.
    expectIssues(id, ds("mysql", { name: "m", port: "abc", host: 1 }), [], [["/credentials/port", "invalid_type"], ["/credentials/host", "invalid_type"]]);
    expectValid(id, ds("mysql", { name: "m", sslCertificate: "...", connectTimeout: 10 }));
    // Credentials stay open in strict mode too.
    for (const options of [undefined, STRICT]) {
      expectIssues(id, ds("mysql", { name: "m", pasword: "x" }), [], [["/credentials/pasword", "unknown_field"]], options);
      expectIssues(id, ds("mysql", { name: "m", sslCertificate: "..." }), [], [], options);
    }
    // MSSQL: host / username without server / user are issues; next to them, redundant warnings.
    expectIssues(
      id,
      ds("mssql", { name: "ms", host: "sql", username: "sa", password: "p" }),
      [["/credentials/host", "not_allowed"], ["/credentials/username", "not_allowed"]],
    );
    expectIssues(
      id,
      ds("mssql", { name: "ms", server: "sql", user: "sa", host: "sql", username: "sa" }),
      [],
      [["/credentials/host", "not_allowed"], ["/credentials/username", "not_allowed"]],
    );
    for (const kind of ["elasticsearch", "opensearch"]) {
      for (const st of ["elastic-cloud", "open-cloud"]) {
        expectIssues(id, ds(kind, { name: "e", server_type: st, cloudId: "c", disableAuth: true }), [["/credentials/disableAuth", "not_allowed"]]);
        // false is the documented default: a warning.
        expectIssues(id, ds(kind, { name: "e", server_type: st, cloudId: "c", disableAuth: false, username: "u", password: "p" }), [], [["/credentials/disableAuth", "not_allowed"]]);
        expectIssues(id, ds(kind, { name: "e", server_type: st, username: "u", password: "p" }), [], [["/credentials/cloudId", "required"]]);
      }
      expectIssues(id, ds(kind, { name: "e", server_type: "self-managed", disableAuth: true }), [], [["/credentials/host", "required"]]);
      expectIssues(id, ds(kind, { name: "e", server_type: "cloud", disableAuth: true }), [["/credentials/server_type", "invalid_enum"]]);
      expectIssues(id, ds(kind, { name: "e", disableAuth: true }), [], [["/credentials/server_type", "required"]]);
    }
    expectIssues(
      id,
      ds("postgres", postgres(), { tenancySettings: { tenancyLevel: "TABLE" } }),
      [
        ["/tenancySettings/clientColumnType", "required"],
        ["/tenancySettings/schemaName", "required"],
        ["/tenancySettings/tableName", "required"],
        ["/tenancySettings/tableClientNameColumn", "required"],
        ["/tenancySettings/tablePrimaryKeyColumn", "required"],
      ],
    );
    expectIssues(id, ds("postgres", postgres(), { tenancySettings: { ...tableTenancy(), tablename: "x" } }), [], [["/tenancySettings/tablename", "unknown_field"]]);
    expectIssues(id, ds("postgres", postgres(), { tenancySettings: { ...tableTenancy(), tablename: "x" } }), [["/tenancySettings/tablename", "unknown_field"]], [], STRICT);
    // No cascade: a missing tenancyLevel is one issue.
    const { tenancyLevel, ...noLevel } = tableTenancy();
    assert.equal(tenancyLevel, "TABLE");
    expectIssues(id, ds("postgres", postgres(), { tenancySettings: noLevel }), [["/tenancySettings/tenancyLevel", "required"]]);
    expectIssues(id, ds("postgres", postgres(), { tenancySettings: { tenancyLevel: "table" } }), [["/tenancySettings/tenancyLevel", "invalid_enum"]]);
    expectIssues(id, ds("postgres", postgres(), { tenancySettings: null }), [["/tenancySettings", "invalid_type"]]);
    expectIssues(id, { datasourceType: "csv", credentials: { name: "c" }, tenancy: {} }, [], [["/tenancy", "unknown_field"]]);
    expectIssues(id, { datasourceType: "csv", credentials: { name: "c" }, tenancy: {} }, [["/tenancy", "unknown_field"]], [], STRICT);
  }
});

test("paradigm.updateWorkspace bodies: exact issues", () => {
  const id = PATCH;
  expectValid(id, {});
  expectValid(id, { name: "Legal" });
  expectValid(id, { name: "x".repeat(100), description: "" });
  expectValid(id, { description: null });
  expectValid(id, { name: "é".repeat(100) });
  expectValid(id, { name: "😀".repeat(100) }); // characters (code points), not UTF-16 units
  expectValid(id, { members: { users: [{ id: 1, role: "owner" }, { id: 2 }], groups: [{ id: 3, role: "viewer" }] } });
  expectValid(id, { members: {} });
  for (const kind of PARADIGM_TYPES) expectValid(id, { name: "Synced", datasource: paradigmDatasource(kind) });
  const r = expectIssues(id, { name: "x".repeat(101) }, [["/name", "too_long"]]);
  assert.equal(messageAt(r, "/name"), "name must be at most 100 characters, found 101.");
  expectIssues(id, { name: "😀".repeat(101) }, [["/name", "too_long"]]);
  expectIssues(id, { name: "" }, [["/name", "too_short"]]);
  expectIssues(id, { name: null }, [["/name", "invalid_type"]]);
  expectIssues(id, { description: 5 }, [["/description", "invalid_type"]]);
  expectIssues(id, { description: ["a"] }, [["/description", "invalid_type"]]);
  expectIssues(
    id,
    { members: { users: [{ id: 1, role: "admin" }, { id: "7" }, { role: "viewer" }, { id: 0 }, { id: 2.5 }], groups: [{ id: 3, role: "Owner" }] } },
    [
      ["/members/users/0/role", "invalid_enum"],
      ["/members/users/1/id", "invalid_type"],
      ["/members/users/2/id", "required"],
      ["/members/users/3/id", "invalid_value"],
      ["/members/users/4/id", "invalid_value"],
      ["/members/groups/0/role", "invalid_enum"],
    ],
  );
  expectIssues(id, { members: [] }, [["/members", "invalid_type"]]);
  expectIssues(id, { members: { users: [null, 1] } }, [["/members/users/0", "invalid_type"], ["/members/users/1", "invalid_type"]]);
  expectIssues(id, { members: { user: [{ id: 1 }] } }, [], [["/members/user", "unknown_field"]]);
  expectIssues(id, { members: { user: [{ id: 1 }] } }, [["/members/user", "unknown_field"]], [], STRICT);
  expectIssues(id, { nam: "x", workspace_type: "SHARED" }, [], [["/nam", "unknown_field"], ["/workspace_type", "unknown_field"]]);
  expectIssues(id, { nam: "x", workspace_type: "SHARED" }, [["/nam", "unknown_field"], ["/workspace_type", "unknown_field"]], [], STRICT);
  expectIssues(id, { datasource: "googledrive" }, [["/datasource", "invalid_type"]]);
  expectIssues(
    id,
    { datasource: { type: "servicenow", name: "N", credentials: { instance_url: "u", username: "u" }, filter_criteria: {} } },
    [["/datasource/credentials/password", "required"], ["/datasource/filter_criteria/doc_type", "required"]],
  );
});

test("paradigm.testDatasource bodies: exact issues", () => {
  const id = DSTEST;
  for (const kind of PARADIGM_TYPES) expectValid(id, paradigmDatasource(kind));
  expectValid(id, { type: "webscrapper", name: "W", credentials: {}, filter_criteria: { start_url: "https://example.com" } });
  expectIssues(id, {}, [["/type", "required"], ["/name", "required"]]);
  const r = expectIssues(id, { ...paradigmDatasource("webscrapper"), type: "webscraper" }, [["/type", "invalid_enum"]]);
  assert.match(messageAt(r, "/type"), /Did you mean "webscrapper"\?$/);
  expectIssues(id, { ...paradigmDatasource("sharepoint"), name: "" }, [["/name", "too_short"]]);
  const gd = (credentials, filter_criteria = { folder_id: "f" }) => ({ type: "googledrive", name: "D", credentials, filter_criteria });
  expectIssues(id, gd({}), [["/credentials/service_account_file", "required"]]);
  expectIssues(id, gd({ service_account_file: "not json" }), [["/credentials/service_account_file", "invalid_value"]]);
  expectIssues(id, gd({ service_account_file: "[1,2]" }), [["/credentials/service_account_file", "invalid_value"]]);
  expectIssues(id, gd({ service_account_file: { type: "service_account" } }), [["/credentials/service_account_file", "invalid_type"]]);
  expectIssues(id, gd({ service_account_file: "" }), [["/credentials/service_account_file", "too_short"]]);
  expectIssues(id, gd({ service_account_file: "{}" }, {}), [["/filter_criteria/folder_id", "required"]]);
  expectIssues(id, gd({ service_account_file: "{}" }, { folder_id: "f", recursive: "yes" }), [["/filter_criteria/recursive", "invalid_type"]]);
  expectIssues(id, { type: "googledrive", name: "D" }, [["/credentials", "required"], ["/filter_criteria", "required"]]);
  expectIssues(
    id,
    { type: "sharepoint", name: "S", credentials: { client_id: "c" }, filter_criteria: {} },
    [["/credentials/client_secret", "required"], ["/credentials/tenant_id", "required"], ["/filter_criteria/folder_path", "required"]],
  );
  expectValid(id, { type: "sharepoint", name: "S", credentials: { client_id: "c", client_secret: "s", tenant_id: "t" }, filter_criteria: { folder_path: "" } });
  // Credential objects stay open in both modes; an undocumented key there is a warning.
  for (const options of [undefined, STRICT]) {
    const r2 = expectIssues(
      id,
      { type: "webscrapper", name: "W", credentials: { token: "t" }, filter_criteria: {} },
      [["/filter_criteria/start_url", "required"]],
      [["/credentials/token", "unknown_field"]],
      options,
    );
    assert.match(messageAt(r2, "/credentials/token"), /it is sent as is\. The docs list no keys for it\.$/);
    expectIssues(
      id,
      { type: "servicenow", name: "N", credentials: { client_id: "c", instance_url: "u", username: "u", password: "p" }, filter_criteria: { doc_type: "kb" } },
      [],
      [["/credentials/client_id", "unknown_field"]],
      options,
    );
  }
  expectIssues(id, { ...paradigmDatasource("servicenow"), filter_criteria: { doc_type: "kb", folder_id: "x" } }, [], [["/filter_criteria/folder_id", "unknown_field"]]);
  expectIssues(id, { ...paradigmDatasource("servicenow"), filter_criteria: { doc_type: "kb", folder_id: "x" } }, [["/filter_criteria/folder_id", "unknown_field"]], [], STRICT);
});

test("secret values never appear in messages", () => {
  const secret = "S3cr3t-Value-Never-Shown";
  const cases = [
    ["databrain.updateDatasource", ds("postgres", { name: "p", password: 1234567, pasword: secret })],
    ["databrain.updateDatasource", ds("mssql", { name: "m", password: [secret], host: secret })],
    ["paradigm.testDatasource", { type: "servicenow", name: "N", credentials: { instance_url: "u", username: "u", password: 98765432 }, filter_criteria: { doc_type: "kb" } }],
    ["paradigm.testDatasource", { type: "googledrive", name: "D", credentials: { service_account_file: `["${secret}"]` }, filter_criteria: { folder_id: "f" } }],
  ];
  for (const [id, body] of cases) {
    const r = wr.validate(id, body);
    assert.equal(r.ok, false);
    const all = JSON.stringify(r);
    assert.ok(!all.includes(secret) && !all.includes("1234567") && !all.includes("98765432"), all);
  }
});

// ---------------------------------------------------------------------------------------------
// Hostile JavaScript values: validate never throws.

const CW = "databrain.createWorkspace";
const okWorkspace = () => ({ name: "W", connectionType: "MULTI_DATASOURCE" });
const thrower = () => {
  throw new Error("trap");
};
const trapProxy = () => new Proxy({}, { get: thrower, ownKeys: thrower, has: thrower, getOwnPropertyDescriptor: thrower });
const revokedProxy = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

test("validate never throws for values that are not JSON", () => {
  for (const id of IDS) {
    expectIssues(id, undefined, [["", "required"]]);
    for (const v of [null, 1n, Symbol("s"), () => 1, function named() {}, 5, "x", true, [], NaN, Infinity]) {
      expectIssues(id, v, [["", "invalid_type"]]);
    }
  }
  for (const v of [1n, Symbol("s"), () => 1, NaN, Infinity]) {
    expectIssues(CW, { ...okWorkspace(), themeName: v }, [["/themeName", "invalid_type"]]);
  }
});

test("validate never throws for cyclic objects", () => {
  const top = okWorkspace();
  top.self = top;
  // In strict mode a closed object reports the unknown key and does not walk it; by default the
  // key is a warning and its value is walked to the depth limit (it cannot be sent).
  expectIssues(CW, top, [["/self", "unknown_field"]], [], STRICT);
  const loose = wr.validate(CW, top);
  assert.deepEqual(loose.issues.map((i) => i.code), ["invalid_value"]);
  assert.ok(loose.issues[0].path.startsWith("/self/self/self"), loose.issues[0].path);
  assert.deepEqual(pairs(loose.warnings), ["/self unknown_field"]);
  const bare = {};
  bare.self = bare;
  for (const id of IDS) {
    const r = wr.validate(id, bare);
    checkShape(id, r);
    assert.equal(r.ok, false);
  }
  expectIssues(CW, bare, [["/name", "required"], ["/connectionType", "required"], ["/self", "unknown_field"]], [], STRICT);

  // Inside the (open) credentials of a postgres datasource: exactly one invalid_value issue.
  for (const id of DATASOURCES) {
    for (const make of [
      (c) => { c.loop = c; },
      (c) => { c.list = [c]; },
      (c) => { c.nested = { deeper: { back: c } }; },
    ]) {
      const credentials = postgres();
      make(credentials);
      const started = Date.now();
      const r = wr.validate(id, ds("postgres", credentials));
      assert.ok(Date.now() - started < 5000, "terminates quickly");
      checkShape(id, r);
      assert.equal(r.ok, false);
      assert.equal(r.issues.length, 1, JSON.stringify(r.issues).slice(0, 500));
      const [i] = r.issues;
      assert.equal(i.code, "invalid_value");
      assert.ok(i.path.startsWith("/credentials/"), i.path);
      assert.match(i.message, /refers to itself/);
      assert.deepEqual(r.warnings, []);
    }
  }
});

test("validate never throws for proxies, throwing getters and inherited fields", () => {
  // A Proxy whose every trap throws, as the body: each field reads as unreadable.
  const r = wr.validate(CW, trapProxy());
  checkShape(CW, r);
  assert.equal(r.ok, false);
  assert.ok(r.issues.every((i) => i.code === "invalid_type" && /could not be read/.test(i.message)), JSON.stringify(r.issues));
  assert.ok(r.issues.some((i) => i.path === "/name"));
  for (const id of IDS) {
    checkShape(id, wr.validate(id, trapProxy()));
    expectIssues(id, revokedProxy(), [["", "invalid_type"]]);
  }
  // As the value of a field.
  expectIssues(CW, { ...okWorkspace(), themeName: revokedProxy() }, [["/themeName", "invalid_type"]]);
  expectIssues(CW, { ...okWorkspace(), name: trapProxy() }, [["/name", "invalid_type"]]);
  expectIssues(CW, { ...okWorkspace(), aiCopilotLlms: new Proxy([], { get: thrower }) }, []);
  checkShape("databrain.updateDatasource", wr.validate("databrain.updateDatasource", ds("postgres", trapProxy())));
  checkShape("databrain.updateDatasource", wr.validate("databrain.updateDatasource", ds("csv", { name: "c", extra: trapProxy(), gone: revokedProxy() })));
  // A throwing getter.
  const getter = {
    ...okWorkspace(),
    get themeName() {
      throw new Error("boom");
    },
  };
  const rg = expectIssues(CW, getter, [["/themeName", "invalid_type"]]);
  assert.match(messageAt(rg, "/themeName"), /not JSON/);
  // Inherited fields do not count (JSON.stringify drops them).
  expectIssues(CW, Object.create(okWorkspace()), [["/name", "required"], ["/connectionType", "required"]]);
  expectIssues(CW, Object.assign(Object.create({ extra: 1, name: 5 }), okWorkspace()), []);
  assert.equal(JSON.stringify(Object.create(okWorkspace())), "{}");
  // Non-enumerable own properties do not count either.
  const hidden = okWorkspace();
  Object.defineProperty(hidden, "extra", { value: 1, enumerable: false });
  expectIssues(CW, hidden, []);
  // A key whose value is undefined is missing (and an unknown one is not reported).
  expectIssues(CW, { ...okWorkspace(), themeName: undefined, bogus: undefined }, []);
  expectIssues(CW, { name: undefined, connectionType: "MULTI_DATASOURCE" }, [["/name", "required"]]);
  // Class instances and null-prototype objects are read through their own keys.
  const np = Object.assign(Object.create(null), okWorkspace());
  expectIssues(CW, np, []);
  expectIssues(CW, new (class { constructor() { Object.assign(this, okWorkspace()); } })(), []);
});

test(
  "a body JSON.stringify cannot serialize is not ok (values under unknown keys of open credentials)",
  () => {
    const cases = [
      ds("csv", { name: "c", big: 1n }),
      ds("csv", { name: "c", nested: { list: [1, 2n] } }),
      ds("bigquery", { name: "b", serviceAccountKey: { key: 10n } }),
      ds("csv", { name: "c", p: trapProxy() }),
      ds("csv", {
        name: "c",
        nested: {
          get x() {
            throw new Error("boom");
          },
        },
      }),
    ];
    const wronglyOk = [];
    cases.forEach((body, n) => {
      assert.throws(() => JSON.stringify(body), "the body cannot be sent");
      if (wr.validate("databrain.createDatasource", body).ok) wronglyOk.push(n);
    });
    assert.deepEqual(wronglyOk, [], "cases validate calls ok");
  },
);

test("validate reads the body without changing it (frozen bodies work)", () => {
  const deepFreeze = (v) => {
    if (v !== null && typeof v === "object") {
      Object.values(v).forEach(deepFreeze);
      Object.freeze(v);
    }
    return v;
  };
  const { password, ...noPassword } = postgres();
  assert.ok(password);
  const body = ds("postgres", { ...noPassword, port: "5432", pasword: "x", extra: { a: [1, { b: 2 }] } }, { tenancySettings: tableTenancy() });
  const copy = structuredClone(body);
  const r = wr.validate("databrain.updateDatasource", deepFreeze(body));
  assert.deepEqual(body, copy);
  assert.equal(r.ok, true);
  assert.deepEqual(pairs(r.warnings), ["/credentials/password required", "/credentials/pasword unknown_field", "/credentials/port invalid_type"]);
  // Each getter of a known field is read a bounded number of times, and never written.
  let reads = 0;
  const counted = {
    connectionType: "MULTI_DATASOURCE",
    get name() {
      reads++;
      return "W";
    },
  };
  expectIssues(CW, counted, []);
  assert.ok(reads >= 1 && reads <= 2, `name read ${reads} times`);
});

test("after all of that, a valid body still validates ok", () => {
  for (const id of IDS) {
    const body = {
      "databrain.createWorkspace": okWorkspace(),
      "databrain.updateWorkspace": okWorkspace(),
      "databrain.createDatasource": ds("postgres", postgres()),
      "databrain.updateDatasource": ds("postgres", postgres()),
      "paradigm.updateWorkspace": { name: "Legal" },
      "paradigm.testDatasource": paradigmDatasource("sharepoint"),
    }[id];
    assert.deepEqual(wr.validate(id, body), { ok: true, issues: [], warnings: [] });
  }
});

// ---------------------------------------------------------------------------------------------
// validateMany, unknown ids.

test("validateMany returns one result per element and rejects non-arrays", () => {
  const bodies = [okWorkspace(), {}, undefined, 5, { name: "W", connectionType: "DATASOURCE" }];
  const out = wr.validateMany(CW, bodies);
  assert.ok(Array.isArray(out));
  assert.equal(out.length, bodies.length);
  out.forEach((r, i) => assert.deepEqual(r, wr.validate(CW, bodies[i]), `element ${i}`));
  assert.deepEqual(wr.validateMany(CW, []), []);
  // Holes count as undefined.
  // eslint-disable-next-line no-sparse-arrays
  const sparse = wr.validateMany(CW, [, okWorkspace()]);
  assert.equal(sparse.length, 2);
  assert.deepEqual(pairs(sparse[0].issues), [" required"]);
  assert.equal(sparse[1].ok, true);
  for (const notArray of [{}, { length: 1, 0: {} }, "abc", null, undefined, 3, new Set([{}])]) {
    assert.throws(() => wr.validateMany(CW, notArray), TypeError, `not an array: ${String(notArray)}`);
  }
  assert.throws(() => wr.validateMany("nope", []), TypeError);
});

test("the strict option: unknown keys of documented objects become issues; options are checked", () => {
  const body = { ...okWorkspace(), colour: "red" };
  const loose = wr.validate(CW, body);
  assert.equal(loose.ok, true);
  assert.deepEqual(loose.warnings.map((w) => [w.path, w.code, w.apiCode]), [["/colour", "unknown_field", null]]);
  for (const options of [undefined, null, {}, { strict: false }]) assert.deepEqual(wr.validate(CW, body, options), loose);
  const strict = wr.validate(CW, body, { strict: true });
  assert.equal(strict.ok, false);
  assert.deepEqual(strict.issues.map((w) => [w.path, w.code, w.apiCode]), [["/colour", "unknown_field", API_CODE(CW)]]);
  assert.deepEqual(strict.warnings, []);
  const many = wr.validateMany(CW, [body, okWorkspace()], { strict: true });
  assert.deepEqual(many, [strict, { ok: true, issues: [], warnings: [] }]);
  assert.deepEqual(wr.validateMany(CW, [body]), [loose]);
  for (const [bad, message] of [
    [{ strict: "true" }, /options\.strict must be a boolean/],
    [{ strict: 1 }, /options\.strict must be a boolean/],
    [{ strcit: true }, /unknown option "strcit"; known: strict/],
    ["strict", /options must be an object/],
    [true, /options must be an object/],
  ]) {
    assert.throws(() => wr.validate(CW, body, bad), (e) => e instanceof TypeError && message.test(e.message), JSON.stringify(bad));
    assert.throws(() => wr.validateMany(CW, [body], bad), TypeError);
  }
});

test("unknown endpoint ids throw a TypeError listing the known ids", () => {
  const calls = [
    (id) => wr.validate(id, {}),
    (id) => wr.validateMany(id, [{}]),
    (id) => wr.describe(id),
    (id) => wr.jsonSchema(id),
  ];
  for (const call of calls) {
    for (const bad of ["databrain.nope", "", "Databrain.createWorkspace", 42, undefined, null, {}]) {
      assert.throws(
        () => call(bad),
        (e) => {
          assert.ok(e instanceof TypeError, String(e));
          for (const id of IDS) assert.ok(e.message.includes(id), `${e.message} lists ${id}`);
          return true;
        },
      );
    }
  }
});

// ---------------------------------------------------------------------------------------------
// endpoints(), describe(), jsonSchema().

const ENDPOINTS = [
  { id: "databrain.createWorkspace", api: "databrain", method: "POST", path: "/api/v2/workspace", summary: "Create a workspace" },
  { id: "databrain.updateWorkspace", api: "databrain", method: "PUT", path: "/api/v2/workspace", summary: "Update a workspace's connection and AI settings" },
  { id: "databrain.createDatasource", api: "databrain", method: "POST", path: "/api/v2/datasource", summary: "Create a datasource" },
  { id: "databrain.updateDatasource", api: "databrain", method: "PUT", path: "/api/v2/datasource", summary: "Update a datasource's credentials and tenancy settings" },
  { id: "paradigm.updateWorkspace", api: "paradigm", method: "PATCH", path: "/api/v3/workspaces/{id}", summary: "Update a workspace (alpha): rename, describe, set members, convert to or edit a synced workspace" },
  { id: "paradigm.testDatasource", api: "paradigm", method: "POST", path: "/api/v3/workspaces/{id}/datasource/test", summary: "Test datasource credentials without persisting anything (alpha)" },
];

test("endpoints() lists the six endpoints", () => {
  const list = wr.endpoints();
  assert.equal(list.length, 6);
  assert.deepEqual(list, ENDPOINTS);
  for (const e of list) assert.deepEqual(Object.keys(e).sort(), ["api", "id", "method", "path", "summary"]);
  // A fresh copy each time: mutating it changes nothing.
  list[0].id = "changed";
  assert.equal(wr.endpoints()[0].id, "databrain.createWorkspace");
});

/** Every object description reachable from `obj` (fields, variants, arrays, nullables). */
function objectsOf(obj, out = []) {
  out.push(obj);
  const fields = [...obj.fields, ...(obj.union?.variants.flatMap((v) => v.fields) ?? [])];
  for (const f of fields) typesOf(f.type, out);
  return out;
}
function typesOf(t, out) {
  if (t.kind === "object") objectsOf(t.object, out);
  else if (t.kind === "array") typesOf(t.items, out);
  else if (t.kind === "nullable") typesOf(t.inner, out);
}
function enumsOf(t, out = []) {
  if (t.kind === "enum") out.push(t);
  else if (t.kind === "array") enumsOf(t.items, out);
  else if (t.kind === "nullable") enumsOf(t.inner, out);
  return out;
}
const variant = (d, value) => d.body.union.variants.find((v) => v.value === value);
const credentialsOf = (v) => v.fields.find((f) => f.name === "credentials").type.object;
const fieldOf = (obj, name) => obj.fields.find((f) => f.name === name);

const KINDS = new Set(["string", "enum", "tag", "boolean", "integer", "port", "array", "object", "jsonObjectString", "nullable", "any"]);
const REQS = new Set(["required", "optional", "expected", "forbidden"]);

test("describe(id) has fields, enums with doc lines, rules with docs, variants and secrets", () => {
  for (const e of ENDPOINTS) {
    const d = wr.describe(e.id);
    for (const k of ["id", "api", "method", "path", "summary"]) assert.equal(d[k], e[k], `${e.id} ${k}`);
    assert.equal(d.bodyError, API_CODE(e.id));
    assert.ok(d.errors.length > 0);
    for (const err of d.errors) {
      assert.equal(typeof err.code, "string");
      assert.ok(Number.isInteger(err.status) && err.status >= 400 && err.status < 600);
      assert.ok(err.doc.length > 0);
    }
    assert.ok(Array.isArray(d.body.fields) && d.body.fields.length > 0, `${e.id} body.fields`);
    const objects = objectsOf(d.body);
    for (const o of objects) {
      assert.equal(typeof o.name, "string");
      assert.ok(o.doc.length > 0, `${o.name} doc`);
      assert.equal(typeof o.closesInStrictMode, "boolean");
      assert.equal("strict" in o, false, "the old name is gone");
      assert.equal(typeof o.documented, "boolean");
      const fields = [...o.fields, ...(o.union?.variants.flatMap((v) => v.fields) ?? [])];
      for (const f of fields) {
        assert.ok(KINDS.has(f.type.kind), `${o.name}.${f.name} kind ${f.type.kind}`);
        assert.ok(REQS.has(f.required), `${o.name}.${f.name} required`);
        assert.ok(f.doc.length > 0, `${o.name}.${f.name} doc`);
        assert.equal(typeof f.secret, "boolean");
        assert.equal(typeof f.confirmed, "boolean");
        if (f.required === "forbidden") assert.equal(typeof f.useInstead, "string");
        for (const en of enumsOf(f.type)) {
          assert.ok(en.values.length > 0);
          for (const v of en.values) {
            assert.equal(typeof v.value, "string");
            assert.ok(v.doc.length > 0, `${o.name}.${f.name}=${v.value} has a doc line`);
          }
        }
      }
      for (const r of o.rules) {
        assert.ok(["requiredWhen", "onlyWhen"].includes(r.kind));
        assert.ok(["issue", "warning"].includes(r.level));
        assert.ok(["eq", "ne"].includes(r.when.op));
        assert.ok(r.fields.length > 0);
        assert.equal(typeof r.doc, "string");
        assert.match(r.doc, /^(Required when|Required unless|Only valid when|Not used when) \S+ is .+\.$/);
      }
    }
  }

  // Workspace: the connectionType enum and its rule docs.
  const cw = wr.describe("databrain.createWorkspace");
  const ct = fieldOf(cw.body, "connectionType");
  assert.deepEqual(ct.type.values.map((v) => v.value), ["DATASOURCE", "DATAMART", "MULTI_DATASOURCE", "MULTI_DATAMART"]);
  assert.equal(ct.required, "required");
  assert.equal(cw.body.rules[0].doc, 'Required when connectionType is "DATASOURCE".');
  assert.deepEqual(cw.body.rules[0].when, { field: "connectionType", op: "eq", value: "DATASOURCE" });
  assert.equal(fieldOf(cw.body, "isEnableMetricSummary").default, false);
  assert.equal(cw.body.closesInStrictMode, true);
  assert.equal(cw.body.documented, true);

  // Databrain datasources: 18 variants, undocumented open credentials, secrets.
  for (const id of DATASOURCES) {
    const d = wr.describe(id);
    assert.equal(d.body.union.tag, "datasourceType");
    assert.deepEqual(d.body.union.variants.map((v) => v.value), DATABRAIN_TYPES);
    assert.equal(fieldOf(d.body, "datasourceType").type.kind, "tag");
    for (const v of d.body.union.variants) {
      assert.ok(v.doc.length > 0);
      const creds = credentialsOf(v);
      assert.equal(creds.documented, false, `${v.value} credentials are not fully documented`);
      assert.equal(creds.closesInStrictMode, false, `${v.value} credentials stay open`);
      const name = fieldOf(creds, "name");
      assert.deepEqual([name.required, name.confirmed], ["required", true]);
    }
    const pg = credentialsOf(variant(d, "postgres"));
    assert.equal(fieldOf(pg, "password").secret, true);
    assert.equal(fieldOf(pg, "password").confirmed, true);
    assert.equal(fieldOf(pg, "host").secret, false);
    assert.equal(fieldOf(pg, "port").type.kind, "port");
    assert.deepEqual([fieldOf(pg, "port").type.minimum, fieldOf(pg, "port").type.maximum], [1, 65535]);
    assert.equal(fieldOf(credentialsOf(variant(d, "snowflake")), "privateKey").secret, true);
    assert.equal(fieldOf(credentialsOf(variant(d, "databricks")), "token").secret, true);
    const mssqlHost = fieldOf(credentialsOf(variant(d, "mssql")), "host");
    assert.deepEqual([mssqlHost.required, mssqlHost.useInstead], ["forbidden", "server"]);
    const es = credentialsOf(variant(d, "elasticsearch"));
    assert.equal(es.rules[0].doc, 'Only valid when server_type is "self-managed".');
    assert.equal(es.rules[0].level, "issue");
    const tenancy = fieldOf(d.body, "tenancySettings").type.object;
    assert.equal(tenancy.closesInStrictMode, true);
    assert.equal(tenancy.documented, true);
    assert.ok(tenancy.rules.some((r) => r.doc === 'Required when tenancyLevel is "TABLE".'));
  }

  // Paradigm: 4 variants, strict and documented, secrets.
  const t = wr.describe(DSTEST);
  assert.equal(t.body.union.tag, "type");
  assert.deepEqual(t.body.union.variants.map((v) => v.value), PARADIGM_TYPES);
  assert.equal(fieldOf(credentialsOf(variant(t, "googledrive")), "service_account_file").type.kind, "jsonObjectString");
  assert.equal(fieldOf(credentialsOf(variant(t, "googledrive")), "service_account_file").secret, true);
  assert.equal(fieldOf(credentialsOf(variant(t, "sharepoint")), "client_secret").secret, true);
  assert.equal(fieldOf(credentialsOf(variant(t, "servicenow")), "password").secret, true);
  assert.equal(fieldOf(credentialsOf(variant(t, "servicenow")), "username").secret, false);
  for (const o of objectsOf(t.body)) {
    if (o.name.startsWith("ParadigmUnknownType")) {
      // Open on purpose: the type is unknown, so are its keys.
      assert.equal(o.closesInStrictMode, false, o.name);
      continue;
    }
    // Credential objects stay open in both modes; every other Paradigm object closes in strict mode.
    assert.equal(o.closesInStrictMode, !o.name.endsWith("Credentials"), `${o.name} closes in strict mode`);
    assert.equal(o.documented, true, `${o.name} is documented`);
  }
  const p = wr.describe(PATCH);
  assert.deepEqual(fieldOf(p.body, "name").type, { kind: "string", minLength: 1, maxLength: 100 });
  assert.equal(fieldOf(p.body, "description").type.kind, "nullable");
  const dsField = fieldOf(p.body, "datasource").type.object;
  assert.deepEqual(dsField.union.variants.map((v) => v.value), PARADIGM_TYPES);
  const member = fieldOf(p.body, "members").type.object.fields[0].type.items.object;
  assert.equal(member.name, "ParadigmMember");
  assert.equal(fieldOf(member, "role").default, "viewer");
  assert.deepEqual(fieldOf(member, "role").type.values.map((v) => v.value), ["owner", "editor", "viewer"]);
  assert.equal(fieldOf(member, "id").type.kind, "integer");
  assert.equal(fieldOf(member, "id").type.minimum, 1);
});

test("jsonSchema(id, {strict}) is a 2020-12 schema whose objects close exactly in strict mode", () => {
  for (const { id } of ENDPOINTS) {
    for (const strict of [false, true]) {
      const s = strict ? wr.jsonSchema(id, { strict }) : wr.jsonSchema(id);
      assert.equal(s.$schema, "https://json-schema.org/draft/2020-12/schema");
      assert.equal(s.title, id);
      const d = wr.describe(id);
      assert.equal(s.$ref, `#/$defs/${d.body.name}`);
      const objects = objectsOf(d.body);
      for (const o of objects) {
        const def = s.$defs[o.name];
        assert.ok(def, `${id}: $defs has ${o.name}`);
        assert.equal(def.type, "object");
        if (strict && o.closesInStrictMode) assert.equal(def.additionalProperties, false, `${id}: ${o.name} is closed`);
        else assert.equal(def.additionalProperties, undefined, `${id}: ${o.name} is open (strict: ${strict})`);
        for (const f of o.fields) assert.ok(f.name in def.properties, `${o.name}.${f.name} in properties`);
      }
      assert.deepEqual(Object.keys(s.$defs).sort(), [...new Set(objects.map((o) => o.name))].sort());
      // Plain JSON data.
      assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
    }
  }
  assert.throws(() => wr.jsonSchema(CW, { strict: "yes" }), /options\.strict must be a boolean/);
  assert.throws(() => wr.jsonSchema(CW, { strcit: true }), /unknown option "strcit"/);
  const dsSchema = wr.jsonSchema("databrain.updateDatasource");
  // MSSQL host: refused unless server is sent too.
  assert.deepEqual(dsSchema.$defs.MssqlCredentials.allOf[0], { if: { not: { required: ["server"] } }, then: { properties: { host: false } } });
  assert.equal(dsSchema.$defs.PostgresCredentials.properties.password.writeOnly, true);
  assert.deepEqual(dsSchema.$defs.DatabrainDatasourceBody.required, ["datasourceType", "credentials"]);
  const gd = wr.jsonSchema(DSTEST).$defs.GoogledriveCredentials.properties.service_account_file;
  assert.equal(gd.contentMediaType, "application/json");
  assert.deepEqual(gd.contentSchema, { type: "object" });
});

test("init() is a no-op promise in Node and initSync exists", async () => {
  assert.equal(typeof wr.default, "function");
  assert.equal(await wr.default(), undefined);
  assert.equal(await wr.default("ignored"), undefined);
  assert.equal(typeof wr.initSync, "function");
  assert.equal(wr.initSync(), undefined);
  assert.deepEqual(wr.validate(CW, okWorkspace()), { ok: true, issues: [], warnings: [] });
  assert.deepEqual(Object.keys(wr).sort(), [
    "AbortError", "ApiError", "DatabrainClient", "NetworkError", "ParadigmClient", "ResponseError", "TimeoutError",
    "ValidationError", "buildRequest", "default", "describe", "endpoints", "flattenIssues", "formatIssues", "initSync", "isValid", "jsonSchema", "openApi", "parse",
    "redactRequest", "schema", "schemas", "toCurl", "treeifyIssues", "validate", "validateMany",
  ]);
});

test("describe(): each variant's fieldsInForce is the object's fields with the variant's in place, as field objects", () => {
  let unions = 0;
  const visit = (object) => {
    for (const f of object.fields) if (f.type.kind === "object") visit(f.type.object);
    if (!object.union) return;
    unions++;
    for (const v of object.union.variants) {
      for (const f of v.fields) if (f.type.kind === "object") visit(f.type.object);
      // The definition (the engine's fields_for): base order, a variant field replaces the base one of its name.
      const expected = object.fields.map((base) => v.fields.find((f) => f.name === base.name) ?? base);
      assert.deepEqual(v.fieldsInForce, expected, `${object.name} ${v.value}`);
      assert.ok(v.fieldsInForce.every((f) => typeof f === "object" && typeof f.name === "string"));
    }
  };
  for (const { id } of wr.endpoints()) visit(wr.describe(id).body);
  assert.ok(unions >= 3, `unions seen: ${unions}`);
  // A fresh copy per call: changing one result changes no other.
  const a = wr.describe("databrain.createDatasource");
  a.body.union.variants[0].fieldsInForce[0].name = "changed";
  assert.notEqual(wr.describe("databrain.createDatasource").body.union.variants[0].fieldsInForce[0].name, "changed");
});
