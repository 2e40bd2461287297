// Honest types, type-checked by types.test.mjs: ApiError narrows its code by endpoint, issues
// carry typed params, and the body types state the cross-field rules that are issues at run time
// (each line after a `@ts-expect-error` must fail), while admitting what validate only warns about.
import {
  ApiError,
  flattenIssues,
  validate,
  type AnyApiError,
  type DatabrainCreateWorkspaceBody,
  type DatabrainDatasourceBody,
  type ErrorCodes,
  type IssueParams,
  type TenancySettings,
} from "workspace-requests";

// --- ApiError: instanceof narrows to the union by endpoint; the endpoint narrows the code.
declare const e: unknown;
if (e instanceof ApiError) {
  const any: AnyApiError = e;
  void any;
  if (e.endpoint === "databrain.createWorkspace") {
    const code: ErrorCodes["databrain.createWorkspace"] | "TOO_MANY_REQUESTS" | `HTTP_${number}` = e.code;
    void code;
    // @ts-expect-error TS2367 a Paradigm code is no Databrain workspace code
    void (e.code === "validation_error");
  }
  if (e.endpoint === "paradigm.updateWorkspace") {
    switch (e.code) {
      case "bad_request":
      case "unauthorized":
      case "forbidden":
      case "not_found":
      case "conflict":
      case "validation_error":
      case "TOO_MANY_REQUESTS":
        break;
      default: {
        // What is left is a status code only.
        const status: `HTTP_${number}` = e.code;
        void status;
      }
    }
    const server: string | null = e.serverCode;
    const fieldErrors: Record<string, string[]> = flattenIssues(e).fieldErrors;
    void [server, fieldErrors, e.issues[0]?.path];
  }
  // @ts-expect-error TS2367 no endpoint documents this code
  void (e.code === "NO_SUCH_CODE");
}

// --- Issue params: `rule` narrows them.
const result = validate("databrain.createWorkspace", {});
for (const issue of result.issues) {
  const p: IssueParams = issue.params;
  if (p.rule === "enum") {
    const allowed: readonly string[] = p.allowed;
    const suggestion: string | undefined = p.suggestion;
    void [allowed, suggestion];
  } else if (p.rule === "required_when") {
    void p.when.field;
  } else if (p.rule === "length") {
    const n: number = p.maximum - p.length;
    void n;
  }
  // @ts-expect-error TS2339 `allowed` is only on enum params
  void p.allowed;
}

// --- The workspace rules: connectionType → datasourceName / datamartName, isEnableMetricSummary
// → summaryType, summaryType "custom" → customSummaryPrompt.
export const ds: DatabrainCreateWorkspaceBody = { name: "W", connectionType: "DATASOURCE", datasourceName: "pg" };
export const dm: DatabrainCreateWorkspaceBody = { name: "W", connectionType: "DATAMART", datamartName: "m" };
export const multi: DatabrainCreateWorkspaceBody = { name: "W", connectionType: "MULTI_DATAMART" };
// @ts-expect-error TS2322 DATASOURCE needs datasourceName
export const noDs: DatabrainCreateWorkspaceBody = { name: "W", connectionType: "DATASOURCE" };
// @ts-expect-error TS2322 DATAMART needs datamartName
export const noDm: DatabrainCreateWorkspaceBody = { name: "W", connectionType: "DATAMART", datasourceName: "pg" };
// The other kind's name only warns at run time: the type admits it.
export const both: DatabrainCreateWorkspaceBody = { name: "W", connectionType: "DATAMART", datamartName: "m", datasourceName: "pg" };
export const summary: DatabrainCreateWorkspaceBody = { name: "W", connectionType: "MULTI_DATASOURCE", isEnableMetricSummary: true, summaryType: "forecastAndTrendAnalysis" };
// @ts-expect-error TS2322 isEnableMetricSummary: true needs summaryType
export const noSummary: DatabrainCreateWorkspaceBody = { name: "W", connectionType: "MULTI_DATASOURCE", isEnableMetricSummary: true };
export const custom: DatabrainCreateWorkspaceBody = { name: "W", connectionType: "MULTI_DATASOURCE", summaryType: "custom", customSummaryPrompt: "Be brief." };
// @ts-expect-error TS2322 summaryType "custom" needs customSummaryPrompt
export const noPrompt: DatabrainCreateWorkspaceBody = { name: "W", connectionType: "MULTI_DATASOURCE", summaryType: "custom" };

// --- tenancyLevel TABLE needs the five table fields.
export const table: TenancySettings = {
  tenancyLevel: "TABLE",
  clientColumnType: "NUMBER",
  schemaName: "public",
  tableName: "clients",
  tableClientNameColumn: "name",
  tablePrimaryKeyColumn: "id",
};
export const database: TenancySettings = { tenancyLevel: "DATABASE" };
// @ts-expect-error TS2322 TABLE needs the table fields
export const tableOnly: TenancySettings = { tenancyLevel: "TABLE", tableName: "clients" };

// --- Elasticsearch: disableAuth only with server_type "self-managed" (false, the default, is let through).
export const selfManaged: DatabrainDatasourceBody = {
  datasourceType: "elasticsearch",
  credentials: { name: "e", server_type: "self-managed", host: "https://es:9200", disableAuth: true },
};
export const cloudDefault: DatabrainDatasourceBody = {
  datasourceType: "opensearch",
  credentials: { name: "o", server_type: "open-cloud", cloudId: "c", username: "u", password: "p", disableAuth: false },
};
// @ts-expect-error TS2322 disableAuth: true only with self-managed
export const cloudNoAuth: DatabrainDatasourceBody = {
  datasourceType: "elasticsearch",
  credentials: { name: "e", server_type: "elastic-cloud", cloudId: "c", disableAuth: true },
};

// --- Snowflake's auth method: the key names are not confirmed by the docs, so validate only warns
// and the type admits either method without its key (as it admits a body validate accepts).
export const snowflake: DatabrainDatasourceBody = {
  datasourceType: "snowflake",
  credentials: { name: "s", host: "acme.snowflakecomputing.com", username: "u", authenticationMethod: "Key-pair authentication" },
};
// @ts-expect-error TS2322 the method is one of two strings
export const badMethod: DatabrainDatasourceBody = {
  datasourceType: "snowflake",
  credentials: { name: "s", host: "h", username: "u", authenticationMethod: "oauth" },
};

// --- A digit-string port is a warning at run time: the type admits it; any other string is an issue.
export const digits: DatabrainDatasourceBody = {
  datasourceType: "postgres",
  credentials: { name: "c", host: "h", port: "5432", username: "u", password: "p", database: "d", schema: "s" },
};
// @ts-expect-error TS2322 a port is a number or digits
export const wordPort: DatabrainDatasourceBody = {
  datasourceType: "postgres",
  credentials: { name: "c", host: "h", port: "fivefourthreetwo", username: "u", password: "p" },
};
