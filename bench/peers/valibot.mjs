// valibot schemas written by hand to match workspace-requests' rules for the benchmarked endpoints
// (src/schema/*.rs, docs/decisions.md); the same choices as ./zod.mjs:
// - strict objects where ours are strict, open (loose) credential objects, only confirmed
//   credential keys checked;
// - cross-field rules with forward + partialCheck: a rule runs unless one of the fields it reads
//   already has an issue (so a present but invalid sibling skips it, as ours);
// - string lengths count Unicode code points; port is an integer 1..65535 or 1-5 digits.
import * as v from "valibot";

const text = v.string();
const nonEmpty = v.pipe(v.string(), v.minLength(1));
const isObject = (x) => x !== null && typeof x === "object" && !Array.isArray(x);
const codePoints = (s) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
/** `field` is required when `cond(input)` holds; `reads` names the field the condition reads. */
const requiredWhen = (reads, field, cond, message) =>
  v.forward(
    v.partialCheck([[reads], [field]], (input) => !cond(input) || input[field] !== undefined, `${field} ${message}`),
    [field],
  );

// ------------------------------------------------------------------ databrain.createWorkspace
const CONNECTION_TYPES = ["DATASOURCE", "DATAMART", "MULTI_DATASOURCE", "MULTI_DATAMART"];
const SUMMARY_TYPES = ["technicalAndInsightSummary", "forecastAndTrendAnalysis", "comparativeAndAnomalyDetection", "custom"];

export const createWorkspace = v.pipe(
  v.strictObject({
    name: nonEmpty,
    connectionType: v.picklist(CONNECTION_TYPES),
    datasourceName: v.optional(nonEmpty),
    datamartName: v.optional(nonEmpty),
    llmName: v.optional(nonEmpty),
    aiCopilotLlms: v.optional(v.array(nonEmpty)),
    isEnableMetricSuggestions: v.optional(v.boolean()),
    isEnableMetricSummary: v.optional(v.boolean()),
    summaryType: v.optional(v.picklist(SUMMARY_TYPES)),
    customSummaryPrompt: v.optional(nonEmpty),
    themeName: v.optional(nonEmpty),
  }),
  requiredWhen("connectionType", "datasourceName", (i) => i.connectionType === "DATASOURCE", 'is required when connectionType is "DATASOURCE"'),
  requiredWhen("connectionType", "datamartName", (i) => i.connectionType === "DATAMART", 'is required when connectionType is "DATAMART"'),
  requiredWhen("isEnableMetricSummary", "summaryType", (i) => i.isEnableMetricSummary === true, "is required when isEnableMetricSummary is true"),
  requiredWhen("summaryType", "customSummaryPrompt", (i) => i.summaryType === "custom", 'is required when summaryType is "custom"'),
);

// ------------------------------------------------------------------ databrain.updateDatasource
const port = v.union([
  v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)),
  v.pipe(v.string(), v.regex(/^[0-9]{1,5}$/)),
]);

const postgresCredentials = v.looseObject({
  name: nonEmpty,
  host: v.optional(text),
  port: v.optional(port),
  username: v.optional(text),
  password: v.optional(text),
  database: v.optional(text),
  schema: v.optional(text),
});

// host / username are refused without server / user; next to them they are only redundant.
const mssqlCredentials = v.pipe(
  v.looseObject({
    name: nonEmpty,
    server: v.optional(text),
    user: v.optional(text),
  }),
  v.check((i) => i.host === undefined || i.server !== undefined, "MSSQL uses server, not host"),
  v.check((i) => i.username === undefined || i.user !== undefined, "MSSQL uses user, not username"),
);

const searchCredentials = v.pipe(
  v.looseObject({
    name: nonEmpty,
    server_type: v.optional(v.picklist(["elastic-cloud", "open-cloud", "self-managed"])),
    disableAuth: v.optional(v.boolean()),
  }),
  v.forward(
    v.partialCheck(
      [["server_type"], ["disableAuth"]],
      // Only `true` is refused (false is the documented default); without server_type the rule is skipped.
      (i) => i.disableAuth !== true || i.server_type === undefined || i.server_type === "self-managed",
      'disableAuth is only valid when server_type is "self-managed"',
    ),
    ["disableAuth"],
  ),
);

// Every other type only has unconfirmed keys besides `name`.
const nameOnly = v.looseObject({ name: nonEmpty });
// Snowflake and BigQuery too: host, username, authenticationMethod, password, privateKey, warehouse,
// role (and the password / privateKey per authenticationMethod rules), projectId,
// serviceAccountKey and location are our reading of the docs, so their problems are only warnings.
const snowflakeCredentials = nameOnly;
const bigqueryCredentials = nameOnly;

const CREDENTIALS = {
  snowflake: snowflakeCredentials,
  postgres: postgresCredentials,
  redshift: postgresCredentials,
  cockroachdb: nameOnly,
  mysql: nameOnly,
  mongodb: nameOnly,
  clickhouse: nameOnly,
  singlestore: nameOnly,
  bigquery: bigqueryCredentials,
  databricks: nameOnly,
  elasticsearch: searchCredentials,
  opensearch: searchCredentials,
  mssql: mssqlCredentials,
  awss3: nameOnly,
  csv: nameOnly,
  firebolt: nameOnly,
  athena: nameOnly,
  trino: nameOnly,
};

const TABLE_FIELDS = ["clientColumnType", "schemaName", "tableName", "tableClientNameColumn", "tablePrimaryKeyColumn"];
const tenancySettings = v.pipe(
  v.strictObject({
    tenancyLevel: v.picklist(["TABLE", "DATABASE"]),
    clientColumnType: v.optional(v.picklist(["NUMBER", "STRING"])),
    schemaName: v.optional(nonEmpty),
    tableName: v.optional(nonEmpty),
    tableClientNameColumn: v.optional(nonEmpty),
    tablePrimaryKeyColumn: v.optional(nonEmpty),
  }),
  ...TABLE_FIELDS.map((f) =>
    requiredWhen("tenancyLevel", f, (i) => i.tenancyLevel === "TABLE", 'is required when tenancyLevel is "TABLE"'),
  ),
);

export const updateDatasource = v.variant(
  "datasourceType",
  Object.entries(CREDENTIALS).map(([type, credentials]) =>
    v.strictObject({ datasourceType: v.literal(type), credentials, tenancySettings: v.optional(tenancySettings) }),
  ),
);

// ------------------------------------------------------------------ paradigm.updateWorkspace
const member = v.strictObject({
  // Ours: a whole number from 1 to Number.MAX_SAFE_INTEGER (what JS holds exactly).
  id: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  role: v.optional(v.picklist(["owner", "editor", "viewer"])),
});
const members = v.strictObject({ users: v.optional(v.array(member)), groups: v.optional(v.array(member)) });

const isJsonObject = (s) => {
  try {
    return isObject(JSON.parse(s));
  } catch {
    return false;
  }
};
const recursive = v.optional(v.boolean());

const datasource = v.variant("type", [
  v.strictObject({
    type: v.literal("googledrive"),
    name: nonEmpty,
    // Credential objects stay open (an unknown key is a warning).
    credentials: v.looseObject({
      service_account_file: v.pipe(v.string(), v.minLength(1), v.check(isJsonObject, "service_account_file must be a JSON-encoded object")),
    }),
    filter_criteria: v.strictObject({ folder_id: nonEmpty, recursive }),
  }),
  v.strictObject({
    type: v.literal("sharepoint"),
    name: nonEmpty,
    credentials: v.looseObject({
      client_id: nonEmpty,
      client_secret: nonEmpty,
      tenant_id: nonEmpty,
      site_id: v.optional(text),
      site_name: v.optional(text),
    }),
    filter_criteria: v.strictObject({ folder_path: text, recursive }),
  }),
  v.strictObject({
    type: v.literal("servicenow"),
    name: nonEmpty,
    credentials: v.looseObject({ instance_url: nonEmpty, username: nonEmpty, password: nonEmpty }),
    filter_criteria: v.strictObject({ doc_type: nonEmpty }),
  }),
  v.strictObject({
    type: v.literal("webscrapper"),
    name: nonEmpty,
    credentials: v.optional(v.looseObject({})),
    filter_criteria: v.strictObject({ start_url: nonEmpty }),
  }),
]);

// ------------------------------------------------------------------ paradigm.testDatasource
// The same (strict) datasource object as paradigm.updateWorkspace's `datasource`, as the body.
export const paradigmTestDatasource = datasource;

export const paradigmUpdateWorkspace = v.strictObject({
  name: v.optional(
    v.pipe(
      v.string(),
      v.minLength(1),
      v.check((s) => s.length <= 100 || codePoints(s) <= 100, "name must be at most 100 characters"),
    ),
  ),
  description: v.optional(v.nullable(text)),
  members: v.optional(members),
  datasource: v.optional(datasource),
});

export const schemas = {
  "databrain.createWorkspace": createWorkspace,
  "databrain.updateDatasource": updateDatasource,
  "paradigm.updateWorkspace": paradigmUpdateWorkspace,
  // POST /api/v3/workspaces/{id}/datasource/test: the body is the datasource object itself.
  "paradigm.testDatasource": paradigmTestDatasource,
};

export const validator = (endpoint) => {
  const s = schemas[endpoint];
  return (body) => v.safeParse(s, body).success;
};
export const issues = (endpoint, body) => {
  const r = v.safeParse(schemas[endpoint], body);
  return r.success
    ? []
    : r.issues.map((i) => ({ path: "/" + (i.path ?? []).map((p) => p.key).join("/"), code: i.type, message: i.message }));
};
