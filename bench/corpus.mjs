// The benchmark corpus: request bodies for four endpoints (ENDPOINTS below), in three kinds.
//
// - "valid": bodies our validator accepts (warnings allowed);
// - "invalid": well-typed bodies breaking three or more rules (conditional requirements, lengths,
//   enums, strictness, `disableAuth` outside self-managed, ...);
// - "type": type mismatches (numbers for strings, arrays for objects, ...).
//
// `run.mjs` checks the kinds against our validator before timing (valid => ok; invalid => not ok
// with >= 3 issues; type => not ok) and checks every peer agrees with `validate(...).ok`.
// Every body is plain JSON data, frozen so no library can change it between calls.

const deepFreeze = (v) => {
  if (v !== null && typeof v === "object") {
    for (const k of Object.keys(v)) deepFreeze(v[k]);
    Object.freeze(v);
  }
  return v;
};

const SERVICE_ACCOUNT = JSON.stringify({
  type: "service_account",
  project_id: "acme-docs",
  private_key_id: "3f2a9c",
  private_key: "-----BEGIN PRIVATE KEY-----\nMIIEv...\n-----END PRIVATE KEY-----\n",
  client_email: "paradigm-sync@acme-docs.iam.gserviceaccount.com",
  client_id: "104512345678901234567",
});

const TABLE_TENANCY = {
  tenancyLevel: "TABLE",
  clientColumnType: "STRING",
  schemaName: "public",
  tableName: "clients",
  tableClientNameColumn: "client_name",
  tablePrimaryKeyColumn: "id",
};

// A BigQuery service-account key (Databrain's serviceAccountKey is unconfirmed and of any type:
// sent here both as the key file's JSON text and as the parsed object).
const BIGQUERY_KEY = {
  type: "service_account",
  project_id: "acme-analytics",
  private_key_id: "9b1c07",
  private_key: "-----BEGIN PRIVATE KEY-----\nMIIEu...\n-----END PRIVATE KEY-----\n",
  client_email: "databrain@acme-analytics.iam.gserviceaccount.com",
  client_id: "117733445566778899001",
};

const SNOWFLAKE_PASSWORD = {
  name: "snowflake-prod",
  host: "acme-xy12345.snowflakecomputing.com",
  username: "DATABRAIN_SVC",
  authenticationMethod: "username/password",
  password: "Sn0w!flake",
  warehouse: "COMPUTE_WH",
  database: "ANALYTICS",
  schema: "PUBLIC",
  role: "REPORTING",
};

const SERVICENOW = {
  type: "servicenow",
  name: "IT knowledge base",
  credentials: { instance_url: "https://acme.service-now.com", username: "paradigm.sync", password: "Sn!ow2024" },
  filter_criteria: { doc_type: "knowledge" },
};

/** @type {{endpoint: string, kind: "valid"|"invalid"|"type", name: string, body: unknown}[]} */
export const corpus = deepFreeze([
  // ---------------------------------------------------------------- databrain.createWorkspace
  {
    endpoint: "databrain.createWorkspace", kind: "valid", name: "datasource + custom summary",
    body: {
      name: "Sales analytics",
      connectionType: "DATASOURCE",
      datasourceName: "pg-prod",
      llmName: "gpt-4o",
      aiCopilotLlms: ["gpt-4o", "claude-sonnet"],
      isEnableMetricSuggestions: true,
      isEnableMetricSummary: true,
      summaryType: "custom",
      customSummaryPrompt: "Summarise weekly revenue by region and flag anomalies.",
      themeName: "dark",
    },
  },
  {
    endpoint: "databrain.createWorkspace", kind: "valid", name: "datamart + forecast summary",
    body: {
      name: "Marketing",
      connectionType: "DATAMART",
      datamartName: "mkt-mart",
      isEnableMetricSummary: true,
      summaryType: "forecastAndTrendAnalysis",
    },
  },
  {
    endpoint: "databrain.createWorkspace", kind: "valid", name: "multi datasource, minimal",
    body: { name: "Ops", connectionType: "MULTI_DATASOURCE", isEnableMetricSummary: false },
  },
  {
    endpoint: "databrain.createWorkspace", kind: "invalid", name: "empty name, missing conditionals",
    // name too_short; datasourceName required (DATASOURCE); summaryType required (summary on)
    body: { name: "", connectionType: "DATASOURCE", isEnableMetricSummary: true, themeName: "light" },
  },
  {
    endpoint: "databrain.createWorkspace", kind: "invalid", name: "datamart without name, custom without prompt, unknown key",
    // datamartName required; customSummaryPrompt required; aiCopilotLlms/0 too_short; llmName too_short; unknown_field
    body: {
      name: "Finance",
      connectionType: "DATAMART",
      summaryType: "custom",
      aiCopilotLlms: ["", "gpt-4o"],
      llmName: "",
      owner: "alice",
    },
  },
  {
    endpoint: "databrain.createWorkspace", kind: "invalid", name: "bad enums and a typo",
    // connectionType invalid_enum; summaryType invalid_enum; datasourceNme unknown_field
    body: {
      name: "Sales",
      connectionType: "DATA_SOURCE",
      isEnableMetricSummary: true,
      summaryType: "Custom",
      datasourceNme: "pg-prod",
    },
  },
  {
    endpoint: "databrain.createWorkspace", kind: "type", name: "numbers, arrays and strings swapped",
    body: { name: 42, connectionType: ["DATASOURCE"], isEnableMetricSummary: "yes", aiCopilotLlms: "gpt-4o" },
  },
  {
    endpoint: "databrain.createWorkspace", kind: "type", name: "object for string, null, number for bool",
    body: {
      name: { first: "Sales" },
      connectionType: "DATASOURCE",
      datasourceName: 7,
      isEnableMetricSuggestions: 1,
      themeName: null,
    },
  },
  {
    endpoint: "databrain.createWorkspace", kind: "type", name: "array body",
    body: ["Sales", "DATASOURCE"],
  },

  // ---------------------------------------------------------------- databrain.updateDatasource
  {
    endpoint: "databrain.updateDatasource", kind: "valid", name: "postgres + TABLE tenancy",
    body: {
      datasourceType: "postgres",
      credentials: {
        name: "pg-prod",
        host: "db.example.com",
        port: 5432,
        username: "databrain",
        password: "s3cret!",
        database: "sales",
        schema: "public",
        sslMode: "enable",
      },
      tenancySettings: TABLE_TENANCY,
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "valid", name: "postgres, port as digit string (a warning)",
    body: {
      datasourceType: "postgres",
      credentials: {
        name: "pg-staging",
        host: "staging.db.example.com",
        port: "5433",
        username: "databrain",
        password: "s3cret!",
        database: "sales",
        schema: "analytics",
      },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "valid", name: "elasticsearch self-managed, auth disabled",
    body: {
      datasourceType: "elasticsearch",
      credentials: { name: "es-logs", server_type: "self-managed", host: "https://es.internal:9200", disableAuth: true },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "valid", name: "elasticsearch elastic-cloud",
    body: {
      datasourceType: "elasticsearch",
      credentials: {
        name: "es-cloud",
        server_type: "elastic-cloud",
        cloudId: "deployment:ZXUtd2VzdC0x",
        username: "elastic",
        password: "changeme",
      },
      tenancySettings: { tenancyLevel: "DATABASE" },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "valid", name: "mssql",
    body: {
      datasourceType: "mssql",
      credentials: {
        name: "mssql-erp",
        server: "sql.example.com",
        user: "sa",
        password: "Str0ng!",
        port: 1433,
        database: "erp",
        schema: "dbo",
      },
      tenancySettings: { tenancyLevel: "TABLE", ...TABLE_TENANCY, clientColumnType: "NUMBER" },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "valid", name: "snowflake username/password + TABLE tenancy",
    body: {
      datasourceType: "snowflake",
      credentials: SNOWFLAKE_PASSWORD,
      tenancySettings: {
        tenancyLevel: "TABLE",
        clientColumnType: "NUMBER",
        schemaName: "TENANCY",
        tableName: "CLIENTS",
        tableClientNameColumn: "CLIENT_NAME",
        tablePrimaryKeyColumn: "CLIENT_ID",
      },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "valid", name: "snowflake key-pair authentication",
    body: {
      datasourceType: "snowflake",
      credentials: {
        name: "snowflake-etl",
        host: "acme-xy12345.snowflakecomputing.com",
        username: "ETL_USER",
        authenticationMethod: "Key-pair authentication",
        privateKey: "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\n-----END PRIVATE KEY-----\n",
        warehouse: "ETL_WH",
        database: "RAW",
        schema: "EVENTS",
      },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "valid", name: "bigquery, key file as JSON text, DATABASE tenancy",
    body: {
      datasourceType: "bigquery",
      credentials: { name: "bq-events", projectId: "acme-analytics", serviceAccountKey: JSON.stringify(BIGQUERY_KEY), location: "EU" },
      tenancySettings: { tenancyLevel: "DATABASE" },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "valid", name: "bigquery, key as an object, TABLE tenancy",
    body: {
      datasourceType: "bigquery",
      credentials: { name: "bq-billing", projectId: "acme-analytics", serviceAccountKey: BIGQUERY_KEY, location: "US" },
      tenancySettings: { ...TABLE_TENANCY, schemaName: "tenancy", tableName: "customers", tableClientNameColumn: "customer_name", tablePrimaryKeyColumn: "customer_id" },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "invalid", name: "postgres: empty name, port range, TABLE fields missing",
    // credentials.name too_short; port invalid_value; clientColumnType invalid_enum;
    // schemaName, tableClientNameColumn, tablePrimaryKeyColumn required
    body: {
      datasourceType: "postgres",
      credentials: { name: "", host: "db.example.com", port: 70000, username: "u", password: "p" },
      tenancySettings: { tenancyLevel: "TABLE", clientColumnType: "TEXT", tableName: "clients" },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "invalid", name: "elastic-cloud with disableAuth",
    // disableAuth not_allowed; tenancyLevel invalid_enum; unknown_field at the top
    body: {
      datasourceType: "elasticsearch",
      credentials: { name: "es", server_type: "elastic-cloud", disableAuth: true },
      tenancySettings: { tenancyLevel: "ROW" },
      dryRun: true,
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "invalid", name: "mssql with host/username, tenancy without level",
    // host not_allowed; username not_allowed (no server / user to make them redundant); tenancyLevel required
    body: {
      datasourceType: "mssql",
      credentials: { name: "mssql-erp", host: "sql.example.com", username: "sa" },
      tenancySettings: { clientColumnType: "NUMBER" },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "invalid", name: "elasticsearch: no name, bad server_type, TABLE incomplete",
    // credentials.name required; server_type invalid_enum; schemaName too_short; 4 TABLE fields required
    body: {
      datasourceType: "elasticsearch",
      credentials: { server_type: "elastic", disableAuth: false },
      tenancySettings: { tenancyLevel: "TABLE", schemaName: "" },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "invalid", name: "snowflake: empty name, warehouse at the top, TABLE incomplete",
    // credentials.name too_short; warehouse unknown_field (top level); clientColumnType invalid_enum;
    // schemaName, tableClientNameColumn, tablePrimaryKeyColumn required
    body: {
      datasourceType: "snowflake",
      credentials: {
        name: "",
        host: "acme-xy12345.snowflakecomputing.com",
        username: "DATABRAIN_SVC",
        authenticationMethod: "username/password",
        password: "Sn0w!flake",
        database: "ANALYTICS",
      },
      warehouse: "COMPUTE_WH",
      tenancySettings: { tenancyLevel: "TABLE", clientColumnType: "VARCHAR", tableName: "CLIENTS" },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "invalid", name: "bigquery: no name, location at the top, tenancy level PROJECT",
    // credentials.name required; location unknown_field (top level); tenancyLevel invalid_enum
    body: {
      datasourceType: "bigquery",
      credentials: { projectId: "acme-analytics", serviceAccountKey: JSON.stringify(BIGQUERY_KEY) },
      location: "US",
      tenancySettings: { tenancyLevel: "PROJECT" },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "invalid", name: "\"BigQuery\" (wrong case), empty name, TABLE with empty fields",
    // datasourceType invalid_enum; credentials.name too_short; schemaName, tableName too_short;
    // clientColumnType, tableClientNameColumn, tablePrimaryKeyColumn required
    body: {
      datasourceType: "BigQuery",
      credentials: { name: "", projectId: "acme-analytics", location: "EU" },
      tenancySettings: { tenancyLevel: "TABLE", schemaName: "", tableName: "" },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "type", name: "array credentials, string tenancy",
    body: { datasourceType: "postgres", credentials: ["pg-prod"], tenancySettings: "TABLE" },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "type", name: "number type, number name",
    body: { datasourceType: 5, credentials: { name: 5 } },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "type", name: "postgres fields of the wrong types",
    body: {
      datasourceType: "postgres",
      credentials: { name: "pg", host: 5432, port: true, username: ["u"], password: {} },
      tenancySettings: { tenancyLevel: 1, tableName: [] },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "type", name: "elasticsearch null name, bool server_type",
    body: { datasourceType: "elasticsearch", credentials: { name: null, server_type: true, disableAuth: "true" } },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "type", name: "snowflake: array name, tenancy fields of the wrong types",
    body: {
      datasourceType: "snowflake",
      credentials: { ...SNOWFLAKE_PASSWORD, name: ["snowflake-prod"] },
      tenancySettings: { tenancyLevel: "TABLE", clientColumnType: "STRING", schemaName: 1, tableName: "CLIENTS", tableClientNameColumn: true, tablePrimaryKeyColumn: null },
    },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "type", name: "bigquery: the key file's JSON text as credentials",
    body: { datasourceType: "bigquery", credentials: JSON.stringify(BIGQUERY_KEY) },
  },
  {
    endpoint: "databrain.updateDatasource", kind: "type", name: "bigquery: null name, boolean tenancySettings",
    body: { datasourceType: "bigquery", credentials: { name: null, projectId: "acme-analytics", location: "EU" }, tenancySettings: true },
  },

  // ---------------------------------------------------------------- paradigm.updateWorkspace
  {
    endpoint: "paradigm.updateWorkspace", kind: "valid", name: "members + sharepoint",
    body: {
      name: "Legal documents",
      description: "Contracts and NDAs, synced from SharePoint.",
      members: {
        users: [{ id: 1, role: "owner" }, { id: 42, role: "editor" }, { id: 7 }],
        groups: [{ id: 3, role: "viewer" }],
      },
      datasource: {
        type: "sharepoint",
        name: "Legal SharePoint",
        credentials: {
          client_id: "6731de76-14a6-49ae-97bc-6eba6914391e",
          client_secret: "q~8Q...secret",
          tenant_id: "72f988bf-86f1-41af-91ab-2d7cd011db47",
          site_name: "Legal",
        },
        filter_criteria: { folder_path: "Shared Documents/Contracts", recursive: true },
      },
    },
  },
  {
    endpoint: "paradigm.updateWorkspace", kind: "valid", name: "members + googledrive, null description",
    body: {
      description: null,
      members: { users: [{ id: 12, role: "owner" }], groups: [] },
      datasource: {
        type: "googledrive",
        name: "Team Drive",
        credentials: { service_account_file: SERVICE_ACCOUNT },
        filter_criteria: { folder_id: "1AbCdEfGhIjKlMnOpQrStUvWxYz", recursive: false },
      },
    },
  },
  {
    endpoint: "paradigm.updateWorkspace", kind: "valid", name: "rename only",
    body: { name: "Renamed workspace" },
  },
  {
    endpoint: "paradigm.updateWorkspace", kind: "invalid", name: "long name, bad member, sharepoint incomplete",
    // name too_long; id invalid_value; role invalid_enum; tenant_id required; client_secret too_short
    body: {
      name: "x".repeat(101),
      members: { users: [{ id: 0, role: "admin" }] },
      datasource: {
        type: "sharepoint",
        name: "SP",
        credentials: { client_id: "abc", client_secret: "" },
        filter_criteria: { folder_path: "" },
      },
    },
  },
  {
    endpoint: "paradigm.updateWorkspace", kind: "invalid", name: "googledrive: not JSON, no folder, empty name, member extra key",
    // service_account_file invalid_value; folder_id required; datasource.name too_short; members.users/0/email unknown
    body: {
      members: { users: [{ id: 1, role: "owner", email: "a@example.com" }] },
      datasource: {
        type: "googledrive",
        name: "",
        credentials: { service_account_file: "not json" },
        filter_criteria: {},
      },
    },
  },
  {
    endpoint: "paradigm.updateWorkspace", kind: "invalid", name: "empty name, unknown members key, no filter_criteria",
    // name too_short; members.admins unknown_field; filter_criteria required
    body: {
      name: "",
      description: "d",
      members: { admins: [{ id: 1 }] },
      datasource: {
        type: "sharepoint",
        name: "sp",
        credentials: { client_id: "a", client_secret: "b", tenant_id: "c" },
      },
    },
  },
  {
    endpoint: "paradigm.updateWorkspace", kind: "type", name: "number name, array members",
    body: { name: 123, description: 5, members: [{ id: 1 }] },
  },
  {
    endpoint: "paradigm.updateWorkspace", kind: "type", name: "googledrive fields of the wrong types",
    body: {
      members: { users: [{ id: "1", role: 1 }] },
      datasource: {
        type: "googledrive",
        name: ["d"],
        credentials: { service_account_file: { type: "service_account" } },
        filter_criteria: { folder_id: 5, recursive: "yes" },
      },
    },
  },
  {
    endpoint: "paradigm.updateWorkspace", kind: "type", name: "string datasource, object users",
    body: { datasource: "sharepoint", members: { users: { id: 1 } } },
  },

  // ---------------------------------------------------------------- paradigm.testDatasource
  // The body is the datasource object itself (the same schema as paradigm.updateWorkspace's
  // `datasource`).
  {
    endpoint: "paradigm.testDatasource", kind: "valid", name: "servicenow knowledge base",
    body: SERVICENOW,
  },
  {
    endpoint: "paradigm.testDatasource", kind: "valid", name: "sharepoint by site id, recursive",
    body: {
      type: "sharepoint",
      name: "HR policies",
      credentials: {
        client_id: "6731de76-14a6-49ae-97bc-6eba6914391e",
        client_secret: "Zq8~Q...secret",
        tenant_id: "72f988bf-86f1-41af-91ab-2d7cd011db47",
        site_id: "acme.sharepoint.com,2c7a5f1e-8f0d-4a3b-9a57-1d2c3e4f5a6b,9d8c7b6a-5f4e-3d2c-1b0a-998877665544",
      },
      filter_criteria: { folder_path: "Shared Documents/Policies", recursive: true },
    },
  },
  {
    endpoint: "paradigm.testDatasource", kind: "valid", name: "googledrive folder",
    body: {
      type: "googledrive",
      name: "Sales decks",
      credentials: { service_account_file: SERVICE_ACCOUNT },
      filter_criteria: { folder_id: "0B7_dEcKs-FoLdEr" },
    },
  },
  {
    endpoint: "paradigm.testDatasource", kind: "valid", name: "webscrapper, no credentials",
    body: { type: "webscrapper", name: "Public docs", filter_criteria: { start_url: "https://docs.acme.com/" } },
  },
  {
    endpoint: "paradigm.testDatasource", kind: "invalid", name: "servicenow: empty URL, no password, empty doc_type, extra filter key",
    // instance_url too_short; password required; doc_type too_short; filter_criteria.limit unknown_field
    body: {
      type: "servicenow",
      name: "IT knowledge base",
      credentials: { instance_url: "", username: "paradigm.sync" },
      filter_criteria: { doc_type: "", limit: 100 },
    },
  },
  {
    endpoint: "paradigm.testDatasource", kind: "invalid", name: "sharepoint: no client_id, empty tenant, no folder_path, workspace id in the body",
    // client_id required; tenant_id too_short; folder_path required; workspace_id unknown_field
    body: {
      workspace_id: 42,
      type: "sharepoint",
      name: "HR policies",
      credentials: { client_secret: "Zq8~Q...secret", tenant_id: "", site_name: "HR" },
      filter_criteria: { recursive: false },
    },
  },
  {
    endpoint: "paradigm.testDatasource", kind: "invalid", name: "unknown type, empty name, dryRun",
    // type invalid_enum; name too_short; dryRun unknown_field
    body: { type: "confluence", name: "", credentials: { api_token: "t0k3n" }, filter_criteria: { space: "ENG" }, dryRun: true },
  },
  {
    endpoint: "paradigm.testDatasource", kind: "invalid", name: "webscrapper: empty start_url, empty name, max_depth",
    // start_url too_short; name too_short; filter_criteria.max_depth unknown_field
    body: { type: "webscrapper", name: "", filter_criteria: { start_url: "", max_depth: 3 } },
  },
  {
    endpoint: "paradigm.testDatasource", kind: "type", name: "servicenow: credentials as JSON text, array doc_type",
    body: {
      type: "servicenow",
      name: "IT knowledge base",
      credentials: JSON.stringify(SERVICENOW.credentials),
      filter_criteria: { doc_type: ["knowledge"] },
    },
  },
  {
    endpoint: "paradigm.testDatasource", kind: "type", name: "webscrapper: number name, array credentials, number start_url",
    body: { type: "webscrapper", name: 7, credentials: [], filter_criteria: { start_url: 443 } },
  },
  {
    endpoint: "paradigm.testDatasource", kind: "type", name: "body sent as JSON text",
    body: JSON.stringify(SERVICENOW),
  },
]);

/** The body cold starts validate first (a valid Postgres update). */
export const firstCall = corpus.find((c) => c.endpoint === "databrain.updateDatasource" && c.kind === "valid");

export const ENDPOINTS = ["databrain.createWorkspace", "databrain.updateDatasource", "paradigm.updateWorkspace", "paradigm.testDatasource"];
