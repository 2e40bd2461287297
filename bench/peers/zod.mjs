// zod 4 (classic) schemas written by hand to match workspace-requests' rules for the benchmarked
// endpoints (src/schema/*.rs, docs/decisions.md):
// - strict objects where ours are strict (workspace bodies, tenancySettings, all of Paradigm),
//   open ("loose") credential objects;
// - only confirmed credential keys are checked: an unconfirmed key's problems are only warnings
//   for us, so such keys are left to the open object;
// - cross-field rules with superRefine; `when` makes them run also when another field already
//   failed, so every issue is collected (as ours, ajv allErrors and valibot's partialCheck do);
//   a rule whose condition reads a present but invalid sibling is skipped, as ours;
// - string lengths count Unicode code points (ours does; zod's .max() counts UTF-16 units);
// - port: integer 1..65535, or a string of 1-5 digits (only a warning for us).
import { z } from "zod";

const text = z.string();
const nonEmpty = z.string().min(1);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const always = { when: (payload) => isObject(payload.value) };
const codePoints = (s) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
const requireWhen = (ctx, v, fields, message) => {
  for (const f of fields) {
    if (v[f] === undefined) ctx.addIssue({ code: "custom", path: [f], message: `${f} ${message}` });
  }
};

// ------------------------------------------------------------------ databrain.createWorkspace
const CONNECTION_TYPES = ["DATASOURCE", "DATAMART", "MULTI_DATASOURCE", "MULTI_DATAMART"];
const SUMMARY_TYPES = ["technicalAndInsightSummary", "forecastAndTrendAnalysis", "comparativeAndAnomalyDetection", "custom"];

const workspaceRules = (v, ctx) => {
  if (v.connectionType === "DATASOURCE") requireWhen(ctx, v, ["datasourceName"], 'is required when connectionType is "DATASOURCE"');
  if (v.connectionType === "DATAMART") requireWhen(ctx, v, ["datamartName"], 'is required when connectionType is "DATAMART"');
  if (v.isEnableMetricSummary === true) requireWhen(ctx, v, ["summaryType"], "is required when isEnableMetricSummary is true");
  if (v.summaryType === "custom") requireWhen(ctx, v, ["customSummaryPrompt"], 'is required when summaryType is "custom"');
};

export const createWorkspace = z
  .strictObject({
    name: nonEmpty,
    connectionType: z.enum(CONNECTION_TYPES),
    datasourceName: nonEmpty.optional(),
    datamartName: nonEmpty.optional(),
    llmName: nonEmpty.optional(),
    aiCopilotLlms: z.array(nonEmpty).optional(),
    isEnableMetricSuggestions: z.boolean().optional(),
    isEnableMetricSummary: z.boolean().optional(),
    summaryType: z.enum(SUMMARY_TYPES).optional(),
    customSummaryPrompt: nonEmpty.optional(),
    themeName: nonEmpty.optional(),
  })
  .superRefine(workspaceRules, always);

// ------------------------------------------------------------------ databrain.updateDatasource
const port = z.union([z.int().min(1).max(65535), z.string().regex(/^[0-9]{1,5}$/)]);

const postgresCredentials = z.looseObject({
  name: nonEmpty,
  host: text.optional(),
  port: port.optional(),
  username: text.optional(),
  password: text.optional(),
  database: text.optional(),
  schema: text.optional(),
});

// host / username are refused without server / user; next to them they are only redundant.
const mssqlCredentials = z
  .looseObject({
    name: nonEmpty,
    server: text.optional(),
    user: text.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.host !== undefined && v.server === undefined) ctx.addIssue({ code: "custom", path: ["host"], message: "MSSQL uses server, not host" });
    if (v.username !== undefined && v.user === undefined) ctx.addIssue({ code: "custom", path: ["username"], message: "MSSQL uses user, not username" });
  }, always);

const SERVER_TYPES = ["elastic-cloud", "open-cloud", "self-managed"];
const searchCredentials = z
  .looseObject({
    name: nonEmpty,
    server_type: z.enum(SERVER_TYPES).optional(),
    disableAuth: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    const st = v.server_type;
    const stInvalid = st !== undefined && !SERVER_TYPES.includes(st);
    // Only `true` is refused (false is the documented default); without server_type the rule is skipped.
    if (v.disableAuth === true && st !== undefined && st !== "self-managed" && !stInvalid) {
      ctx.addIssue({ code: "custom", path: ["disableAuth"], message: 'disableAuth is only valid when server_type is "self-managed"' });
    }
  }, always);

// Every other type only has unconfirmed keys besides `name`.
const nameOnly = z.looseObject({ name: nonEmpty });
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
const tenancySettings = z
  .strictObject({
    tenancyLevel: z.enum(["TABLE", "DATABASE"]),
    clientColumnType: z.enum(["NUMBER", "STRING"]).optional(),
    schemaName: nonEmpty.optional(),
    tableName: nonEmpty.optional(),
    tableClientNameColumn: nonEmpty.optional(),
    tablePrimaryKeyColumn: nonEmpty.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.tenancyLevel === "TABLE") requireWhen(ctx, v, TABLE_FIELDS, 'is required when tenancyLevel is "TABLE"');
  }, always);

export const updateDatasource = z.discriminatedUnion(
  "datasourceType",
  Object.entries(CREDENTIALS).map(([type, credentials]) =>
    z.strictObject({ datasourceType: z.literal(type), credentials, tenancySettings: tenancySettings.optional() }),
  ),
);

// ------------------------------------------------------------------ paradigm.updateWorkspace
const member = z.strictObject({
  id: z.int().min(1), // z.int() is a safe integer, as ours: 1..Number.MAX_SAFE_INTEGER
  role: z.enum(["owner", "editor", "viewer"]).optional(),
});
const members = z.strictObject({ users: z.array(member).optional(), groups: z.array(member).optional() });

const isJsonObject = (s) => {
  try {
    return isObject(JSON.parse(s));
  } catch {
    return false;
  }
};
const recursive = z.boolean().optional();

const datasource = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("googledrive"),
    name: nonEmpty,
    // Credential objects stay open (an unknown key is a warning).
    credentials: z.looseObject({
      service_account_file: nonEmpty.refine(isJsonObject, "service_account_file must be a JSON-encoded object"),
    }),
    filter_criteria: z.strictObject({ folder_id: nonEmpty, recursive }),
  }),
  z.strictObject({
    type: z.literal("sharepoint"),
    name: nonEmpty,
    credentials: z.looseObject({
      client_id: nonEmpty,
      client_secret: nonEmpty,
      tenant_id: nonEmpty,
      site_id: text.optional(),
      site_name: text.optional(),
    }),
    filter_criteria: z.strictObject({ folder_path: text, recursive }),
  }),
  z.strictObject({
    type: z.literal("servicenow"),
    name: nonEmpty,
    credentials: z.looseObject({ instance_url: nonEmpty, username: nonEmpty, password: nonEmpty }),
    filter_criteria: z.strictObject({ doc_type: nonEmpty }),
  }),
  z.strictObject({
    type: z.literal("webscrapper"),
    name: nonEmpty,
    credentials: z.looseObject({}).optional(),
    filter_criteria: z.strictObject({ start_url: nonEmpty }),
  }),
]);

// ------------------------------------------------------------------ paradigm.testDatasource
// The same (strict) datasource object as paradigm.updateWorkspace's `datasource`, as the body.
export const paradigmTestDatasource = datasource;

export const paradigmUpdateWorkspace = z.strictObject({
  name: nonEmpty
    .refine((s) => s.length <= 100 || codePoints(s) <= 100, "name must be at most 100 characters")
    .optional(),
  description: text.nullable().optional(),
  members: members.optional(),
  datasource: datasource.optional(),
});

export const schemas = {
  "databrain.createWorkspace": createWorkspace,
  "databrain.updateDatasource": updateDatasource,
  "paradigm.updateWorkspace": paradigmUpdateWorkspace,
  // POST /api/v3/workspaces/{id}/datasource/test: the body is the datasource object itself.
  "paradigm.testDatasource": paradigmTestDatasource,
};

/** `validate(endpoint)` gives `(body) => ok`; `issues(endpoint, body)` the issues, for diffs. */
export const validator = (endpoint) => {
  const s = schemas[endpoint];
  return (body) => s.safeParse(body).success;
};
export const issues = (endpoint, body) => {
  const r = schemas[endpoint].safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => ({ path: "/" + i.path.join("/"), code: i.code, message: i.message }));
};
