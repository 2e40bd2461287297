// An ESM TypeScript consumer of workspace-requests (checked by types.test.mjs with `tsc --noEmit`).
// Every line after `// @ts-expect-error` must be a type error: tsc fails if it is not.
import init, {
  ApiError,
  DatabrainClient,
  NetworkError,
  buildRequest,
  redactRequest,
  toCurl,
  describe,
  endpoints,
  initSync,
  jsonSchema,
  validate,
  validateMany,
  type DatabrainCreateWorkspaceBody,
  type DatabrainDatasourceBody,
  type EndpointDescription,
  type EndpointId,
  type EndpointInfo,
  type FieldDescription,
  type Issue,
  type IssueCode,
  type JsonSchema,
  type MssqlCredentials,
  type ObjectDescription,
  type ParadigmDatasource,
  type ParadigmMember,
  type ParadigmUpdateWorkspaceBody,
  type PostgresCredentials,
  type RequestBodies,
  type TypeDescription,
  type ValidationResult,
  type BuiltRequest,
  type Warning,
} from "workspace-requests";

await init();

// ---- Correct uses --------------------------------------------------------------------------

const updateDatasource: EndpointId = "databrain.updateDatasource";

const postgresBody: RequestBodies["databrain.updateDatasource"] = {
  datasourceType: "postgres",
  credentials: {
    name: "production-postgres",
    host: "db.example.com",
    port: 5432,
    username: "dbuser",
    password: "secret",
    database: "analytics",
    schema: "public",
    sslMode: "disable",
    // Credential objects are open: keys the docs do not list pass (the validator may warn).
    sslRootCert: "-----BEGIN CERTIFICATE-----",
  },
  tenancySettings: {
    tenancyLevel: "TABLE",
    clientColumnType: "STRING",
    schemaName: "public",
    tableName: "client_mapping",
    tableClientNameColumn: "client_id",
    tablePrimaryKeyColumn: "id",
  },
};

const mssqlBody: RequestBodies["databrain.updateDatasource"] = {
  datasourceType: "mssql",
  credentials: { name: "ms", server: "sql.example.com", user: "sa", password: "p", port: 1433 },
};

const bodies: DatabrainDatasourceBody[] = [postgresBody, mssqlBody];

const workspace: DatabrainCreateWorkspaceBody = {
  name: "Sales",
  connectionType: "DATASOURCE",
  datasourceName: "pg",
  aiCopilotLlms: ["gpt"],
  isEnableMetricSummary: true,
  summaryType: "custom",
  customSummaryPrompt: "Be brief.",
};

const members: ParadigmMember[] = [{ id: 1, role: "owner" }, { id: 2 }];
const paradigmPatch: ParadigmUpdateWorkspaceBody = {
  name: "Legal",
  description: null,
  members: { users: members, groups: [{ id: 3, role: "viewer" }] },
  datasource: { type: "webscrapper", name: "Site", filter_criteria: { start_url: "https://example.com" } },
};
const drive: ParadigmDatasource = {
  type: "googledrive",
  name: "Drive",
  credentials: { service_account_file: "{}" },
  filter_criteria: { folder_id: "f", recursive: true },
};

function describeIssue(issue: Issue | Warning): string {
  switch (issue.code) {
    case "required":
    case "invalid_type":
    case "invalid_enum":
    case "too_short":
    case "too_long":
    case "unknown_field":
    case "not_allowed":
    case "invalid_value":
      return `${issue.path} ${issue.code} ${issue.message} ${issue.apiCode}`;
    default: {
      // Exhaustive: IssueCode has exactly the eight codes above.
      const unreachable: never = issue.code;
      return unreachable;
    }
  }
}

const result: ValidationResult = validate(updateDatasource, postgresBody);
const strictResult: ValidationResult = validate(updateDatasource, postgresBody, { strict: true });
const strictMany: ValidationResult[] = validateMany(updateDatasource, [postgresBody], { strict: false });
// A warning is not an error the API answers: its apiCode is null.
const warningCode: null = strictResult.warnings[0]!.apiCode;
const issueCode: string = strictMany[0]!.issues[0]!.apiCode;
console.log(warningCode, issueCode, jsonSchema(updateDatasource, { strict: true }).$schema);
if (result.ok) {
  const none: readonly Issue[] = result.issues;
  console.log(none.length, result.warnings.map(describeIssue));
} else {
  const codes: IssueCode[] = result.issues.map((i) => i.code);
  const paths: string[] = result.issues.map((i) => i.path);
  console.log(codes, paths, result.issues.map(describeIssue));
}
const results: ValidationResult[] = validateMany("databrain.createDatasource", bodies);
validateMany("paradigm.updateWorkspace", [paradigmPatch, {}, null] as const);
validate("paradigm.testDatasource", drive);
validate("databrain.createWorkspace", workspace);
validate("databrain.createWorkspace", "anything at all: body is unknown");

const list: EndpointInfo[] = endpoints();
const ids: EndpointId[] = list.map((e) => e.id);
const methods: ("POST" | "PUT" | "PATCH")[] = list.map((e) => e.method);

function typeName(t: TypeDescription): string {
  switch (t.kind) {
    case "string":
      return `string(${t.minLength ?? 0}..${t.maxLength ?? "∞"})`;
    case "enum":
      return t.values.map((v) => `${v.value}: ${v.doc}`).join(" | ");
    case "integer":
      return `integer >= ${t.minimum}${t.maximum === undefined ? "" : ` <= ${t.maximum}`}`;
    case "port":
      return `port ${t.minimum}..${t.maximum}`;
    case "array":
      return `${typeName(t.items)}[]`;
    case "object":
      return t.object.name;
    case "nullable":
      return `${typeName(t.inner)} | null`;
    case "tag":
    case "boolean":
    case "jsonObjectString":
    case "any":
      return t.kind;
  }
}

const description: EndpointDescription = describe("paradigm.testDatasource");
const body: ObjectDescription = description.body;
const fields: FieldDescription[] = body.fields;
const variants: string[] = body.union?.variants.map((v) => v.value) ?? [];
const secrets: string[] = fields.filter((f) => f.secret).map((f) => f.name);
const rules: string[] = body.rules.map((r) => `${r.kind} ${r.level} ${r.doc} ${r.when.field} ${r.when.op} ${String(r.when.value)}`);
const defaults: (string | boolean | undefined)[] = fields.map((f) => f.default);
const status: number[] = description.errors.map((e) => e.status);
console.log(fields.map((f) => typeName(f.type)), variants, secrets, rules, defaults, status, description.bodyError);

const schema: JsonSchema = jsonSchema("paradigm.updateWorkspace");
const schemaUri = schema["$schema"];
if (typeof schemaUri === "string") console.log(schemaUri.toUpperCase());

// Every init input kind type-checks (never called here).
async function loaders(bytes: ArrayBuffer, module: WebAssembly.Module): Promise<void> {
  await init("/pkg/web/workspace_requests_bg.wasm");
  await init(new URL("workspace_requests_bg.wasm", import.meta.url));
  await init(fetch("/pkg/web/workspace_requests_bg.wasm"));
  await init(await fetch("/x.wasm"));
  await init(bytes);
  await init(new Uint8Array(bytes));
  await init(module);
  await init(WebAssembly.compileStreaming(fetch("/x.wasm")));
  initSync(bytes);
  initSync(module);
}
console.log(results, ids, methods, loaders, schema);

// ---- Lines that must not type-check ----------------------------------------------------------

// @ts-expect-error TS2345 an unknown endpoint id
validate("databrain.nope", {});

// @ts-expect-error TS2345 an unknown endpoint id in describe
describe("paradigm.updateWorkspaces");

// @ts-expect-error TS2322 the strict option is a boolean
validate(updateDatasource, postgresBody, { strict: "yes" });

// @ts-expect-error TS2561 a misspelled option
validate(updateDatasource, postgresBody, { strcit: true });

// @ts-expect-error TS2322 a warning has no API code
const warningApiCode: string = result.warnings[0]!.apiCode;

// @ts-expect-error TS2820 a connectionType outside the enum (the values are case-sensitive)
const badConnection: DatabrainCreateWorkspaceBody = { name: "W", connectionType: "multi_datasource" };

// @ts-expect-error TS2322 `name` is required
const noName: DatabrainCreateWorkspaceBody = { connectionType: "MULTI_DATASOURCE" };

// @ts-expect-error TS2561 a misspelled key in a strict Databrain object
const typo: DatabrainCreateWorkspaceBody = { name: "W", connectionType: "DATAMART", datamartname: "m" };

// PostgresCredentials has an index signature `[key: string]: unknown`, yet its declared keys keep
// their types: a port is a number, or a string of digits (which the validator lets through with a
// warning: the types admit what it accepts); any other string is an error.
export const digitPort: PostgresCredentials = { name: "p", port: "5432" };
// @ts-expect-error TS2322 port is a number or digits
const stringPort: PostgresCredentials = { name: "p", port: "port" };

// ...while an unknown (even misspelled) key passes through the index signature.
const misspelled: PostgresCredentials = { name: "p", pasword: "x" };

// @ts-expect-error TS2322 MSSQL takes `server`, not `host` (typed never)
const mssqlHost: MssqlCredentials = { name: "m", host: "sql.example.com" };

// @ts-expect-error TS2322 the same inside a body: the union member for "mssql" is selected
const mssqlBodyHost: RequestBodies["databrain.updateDatasource"] = { datasourceType: "mssql", credentials: { name: "m", username: "sa" } };

// @ts-expect-error TS2820 a datasourceType that does not exist
const postgress: RequestBodies["databrain.createDatasource"] = { datasourceType: "postgress", credentials: { name: "p" } };

// @ts-expect-error TS2322 credentials must have a name
const nameless: RequestBodies["databrain.createDatasource"] = { datasourceType: "csv", credentials: {} };

// @ts-expect-error TS2820 tenancyLevel is one of "TABLE" | "DATABASE"
const tenancy: RequestBodies["databrain.createDatasource"] = { datasourceType: "csv", credentials: { name: "c" }, tenancySettings: { tenancyLevel: "table" } };

// @ts-expect-error TS2367 comparing with a code that does not exist
if (result.issues[0]?.code === "missing") console.log("never");

// @ts-expect-error TS2322 an IssueCode outside the union
const notACode: IssueCode = "invalid";

// @ts-expect-error TS2540 findings are read-only
result.issues[0]!.path = "/x";

// @ts-expect-error TS2322 Paradigm member roles are owner, editor, viewer
const admin: ParadigmUpdateWorkspaceBody = { members: { users: [{ id: 1, role: "admin" }] } };

// @ts-expect-error TS2561 an unknown key in a strict Paradigm object literal
const unknownKey: ParadigmUpdateWorkspaceBody = { nam: "Legal" };

// @ts-expect-error TS2353 an unknown key in a strict nested Paradigm object literal
const memberEmail: ParadigmUpdateWorkspaceBody = { members: { users: [{ id: 1, email: "a@b.c" }] } };

// @ts-expect-error TS2322 member ids are numbers
const stringId: ParadigmMember = { id: "7" };

// @ts-expect-error TS2322 description is a string or null
const numericDescription: ParadigmUpdateWorkspaceBody = { description: 5 };

// @ts-expect-error TS2322 the web scraper takes no credentials
const scraperToken: ParadigmDatasource = { type: "webscrapper", name: "W", credentials: { token: "t" }, filter_criteria: { start_url: "u" } };

// @ts-expect-error TS2322 service_account_file is a JSON string, not an object
const driveObject: ParadigmDatasource = { type: "googledrive", name: "D", credentials: { service_account_file: {} }, filter_criteria: { folder_id: "f" } };

// @ts-expect-error TS2322 the credentials of another datasource type
const sharepointCredsForServicenow: ParadigmDatasource = { type: "servicenow", name: "N", credentials: { client_id: "c", client_secret: "s", tenant_id: "t" }, filter_criteria: { doc_type: "kb" } };

// Note: `init(5)` is NOT an error: lib.dom declares `WebAssembly.Module` as an empty interface, so
// every non-nullish value is assignable to InitInput. Not asserted either way.

// The request builder and the clients.
const built: BuiltRequest<"databrain.createWorkspace"> = buildRequest("databrain.createWorkspace", { name: "W", connectionType: "DATAMART", datamartName: "m" }, { token: "t" });
const safe: BuiltRequest<"databrain.createWorkspace"> = redactRequest(built);
const command: string = toCurl(safe, { revealSecrets: false });
const client = new DatabrainClient({ token: "t", timeoutMs: 1000 });
client.createWorkspace({ name: "W", connectionType: "MULTI_DATASOURCE" }).catch((e: unknown) => e instanceof ApiError && e.code === "WORKSPACE_NAME_ALREADY_EXISTS");

// For real networks: extra headers, a custom fetch, redacted hooks, what a rate limit asks.
const instrumented = new DatabrainClient({
  token: "t",
  headers: { "X-Request-Id": "r-1" },
  retry: { retries: 3, maxWaitMs: 10_000 },
  fetch: (input) => fetch(input),
  onRequest: (event) => {
    const attempt: number = event.attempt;
    const shown: Record<string, string> = event.headers;
    return void [attempt, shown];
  },
  onResponse: async (event) => {
    const status: number = event.status;
    const body: string | undefined = event.body;
    const ms: number = event.durationMs;
    return void [status, body, ms];
  },
});
instrumented.createWorkspace({ name: "W", connectionType: "MULTI_DATASOURCE" }).catch((e: unknown) => {
  if (e instanceof ApiError) {
    const wait: number | null = e.retryAfter;
    const doc: string | null = e.docUrl;
    const header: string | null = e.headers.get("retry-after");
    return [wait, doc, header];
  }
  if (e instanceof NetworkError) {
    const code: string | null = e.systemCode;
    const cause: unknown = e.cause;
    return [code, cause];
  }
  return e;
});
const preview: string = toCurl(safe, { tokenVariable: "CI_DATABRAIN_TOKEN" });

// @ts-expect-error TS2322 a header's value is a string
new DatabrainClient({ token: "t", headers: { "X-Count": 1 } });

// @ts-expect-error TS2561 the bound is maxWaitMs
new DatabrainClient({ token: "t", retry: { maxWait: 1000 } });

// @ts-expect-error TS2322 fetch must resolve to a Response
new DatabrainClient({ token: "t", fetch: async () => "not a response" });

// @ts-expect-error TS2345 redactRequest takes a built request
redactRequest("curl https://example.com");

// @ts-expect-error TS2820 the builder checks the body's type too
buildRequest("databrain.createWorkspace", { name: "W", connectionType: "datasource" }, { token: "t" });

// @ts-expect-error TS2345 validateMany takes an array
validateMany("databrain.createWorkspace", {});

// @ts-expect-error TS2339 `values` only exists on enum descriptions
const values = fields[0]!.type.values;

// @ts-expect-error TS2322 the result of validate is not a boolean
const okFlag: boolean = validate("paradigm.updateWorkspace", {});

console.log(badConnection, noName, typo, stringPort, misspelled, mssqlHost, mssqlBodyHost, postgress, nameless, tenancy);
console.log(notACode, admin, unknownKey, memberEmail, stringId, numericDescription, scraperToken, driveObject);
console.log(sharepointCredsForServicenow, values, okFlag, safe, command, preview);
