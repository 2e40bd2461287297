// Minimal bodies at the corners of the rules. Not timed, and a disagreement here does not fail the
// benchmark: run.mjs reports which library disagrees with `validate(...).ok` on which body, so
// the differences between the libraries' semantics (and ours) stay visible.

const pg = (credentials) => ({ datasourceType: "postgres", credentials: { name: "pg", ...credentials } });
const es = (credentials) => ({ datasourceType: "elasticsearch", credentials: { name: "es", ...credentials } });
const member = (m) => ({ members: { users: [m] } });
const drive = (file) => ({
  datasource: { type: "googledrive", name: "d", credentials: { service_account_file: file }, filter_criteria: { folder_id: "f" } },
});

export const edgeCases = [
  // Port: integers 1..65535; a string of digits is a warning only.
  ["databrain.updateDatasource", "port 65535", pg({ port: 65535 })],
  ["databrain.updateDatasource", "port 65536", pg({ port: 65536 })],
  ["databrain.updateDatasource", "port 0", pg({ port: 0 })],
  ["databrain.updateDatasource", "port 5432.5", pg({ port: 5432.5 })],
  ['databrain.updateDatasource', 'port "99999" (digits, out of range)', pg({ port: "99999" })],
  ['databrain.updateDatasource', 'port "0"', pg({ port: "0" })],
  ['databrain.updateDatasource', 'port "123456" (6 digits)', pg({ port: "123456" })],
  ['databrain.updateDatasource', 'port "" (empty)', pg({ port: "" })],
  ['databrain.updateDatasource', 'port " 5432" (space)', pg({ port: " 5432" })],
  ['databrain.updateDatasource', 'port "５４３２" (full-width digits)', pg({ port: "５４３２" })],
  // Unconfirmed keys: problems are warnings.
  ["databrain.updateDatasource", "postgres sslMode: 5 (unconfirmed key)", pg({ sslMode: 5 })],
  ["databrain.updateDatasource", "mssql port: \"abc\" (unconfirmed there)", { datasourceType: "mssql", credentials: { name: "m", port: "abc" } }],
  ["databrain.updateDatasource", "mssql host: null (forbidden key, null value)", { datasourceType: "mssql", credentials: { name: "m", host: null } }],
  // disableAuth only with self-managed; skipped when server_type is itself invalid.
  ["databrain.updateDatasource", "disableAuth:false without server_type", es({ disableAuth: false })],
  ["databrain.updateDatasource", "disableAuth with open-cloud", es({ server_type: "open-cloud", disableAuth: true })],
  ["databrain.updateDatasource", "elasticsearch with no credentials keys but name", es({})],
  // Tenancy.
  ["databrain.updateDatasource", "DATABASE with a TABLE-only key (a warning)", { ...pg({}), tenancySettings: { tenancyLevel: "DATABASE", tableName: "t" } }],
  ["databrain.updateDatasource", "tenancySettings: null", { ...pg({}), tenancySettings: null }],
  ["databrain.updateDatasource", "unknown datasourceType", { datasourceType: "postgresql", credentials: { name: "pg" } }],
  ["databrain.updateDatasource", "redshift (Postgres schema)", { datasourceType: "redshift", credentials: { name: "rs", port: "x" } }],
  // Workspace conditionals.
  ["databrain.createWorkspace", "datasourceName with DATAMART (a warning)", { name: "a", connectionType: "DATAMART", datamartName: "m", datasourceName: "d" }],
  ["databrain.createWorkspace", "summaryType custom with summaries off", { name: "a", connectionType: "MULTI_DATAMART", isEnableMetricSummary: false, summaryType: "custom" }],
  ["databrain.createWorkspace", "connectionType in lower case", { name: "a", connectionType: "datasource" }],
  ["databrain.createWorkspace", "name of one space", { name: " ", connectionType: "MULTI_DATASOURCE" }],
  ["databrain.createWorkspace", "aiCopilotLlms: []", { name: "a", connectionType: "MULTI_DATASOURCE", aiCopilotLlms: [] }],
  // Paradigm name length in code points.
  ["paradigm.updateWorkspace", "name of 100 emoji (200 UTF-16 units)", { name: "😀".repeat(100) }],
  ["paradigm.updateWorkspace", "name of 101 emoji", { name: "😀".repeat(101) }],
  ["paradigm.updateWorkspace", "name of 100 'e' + combining accent (200 code points)", { name: "e\u0301".repeat(50) }],
  ["paradigm.updateWorkspace", "name with a lone surrogate", { name: "a\ud800b" }],
  ["paradigm.updateWorkspace", "description: \"\"", { description: "" }],
  ["paradigm.updateWorkspace", "name: null", { name: null }],
  ["paradigm.updateWorkspace", "empty body", {}],
  // Member ids: integers >= 1.
  ["paradigm.updateWorkspace", "member id 1.0", member({ id: 1.0 })],
  ["paradigm.updateWorkspace", "member id 2^53 (not a safe integer)", member({ id: 2 ** 53 })],
  ["paradigm.updateWorkspace", "member id 1e16", member({ id: 1e16 })],
  ["paradigm.updateWorkspace", "member id 1e19 (above i64::MAX)", member({ id: 1e19 })],
  ["paradigm.updateWorkspace", "member id -0", member({ id: -0 })],
  ["paradigm.updateWorkspace", "member role: \"\"", member({ id: 1, role: "" })],
  // service_account_file: a string holding a JSON object.
  ["paradigm.updateWorkspace", "service_account_file \"{}\"", drive("{}")],
  ["paradigm.updateWorkspace", "service_account_file \"[]\"", drive("[]")],
  ["paradigm.updateWorkspace", "service_account_file \"null\"", drive("null")],
  ["paradigm.updateWorkspace", "service_account_file \" {} \" (whitespace)", drive(" {} ")],
  ["paradigm.updateWorkspace", "service_account_file with a BOM", drive("\ufeff{}")],
  ["paradigm.updateWorkspace", "service_account_file nested 100 levels", drive("[".repeat(0) + '{"a":'.repeat(100) + "1" + "}".repeat(100))],
  ["paradigm.updateWorkspace", "service_account_file with duplicate keys", drive('{"a":1,"a":2}')],
  ["paradigm.updateWorkspace", "webscrapper with credentials {}", { datasource: { type: "webscrapper", name: "w", credentials: {}, filter_criteria: { start_url: "https://x" } } }],
  ["paradigm.updateWorkspace", "webscrapper with a credentials key", { datasource: { type: "webscrapper", name: "w", credentials: { token: "t" }, filter_criteria: { start_url: "https://x" } } }],
  ["paradigm.updateWorkspace", "sharepoint folder_path \"\" (site root)", { datasource: { type: "sharepoint", name: "s", credentials: { client_id: "a", client_secret: "b", tenant_id: "c" }, filter_criteria: { folder_path: "" } } }],
  // Snowflake / BigQuery: every key but name is unconfirmed (problems are warnings).
  ["databrain.updateDatasource", "snowflake key-pair without privateKey (a warning)", { datasourceType: "snowflake", credentials: { name: "sf", authenticationMethod: "Key-pair authentication" } }],
  ["databrain.updateDatasource", "snowflake authenticationMethod \"password\" (unconfirmed enum)", { datasourceType: "snowflake", credentials: { name: "sf", authenticationMethod: "password" } }],
  ["databrain.updateDatasource", "bigquery location: 5 (unconfirmed key)", { datasourceType: "bigquery", credentials: { name: "bq", location: 5 } }],
  ["databrain.updateDatasource", "bigquery credentials {} (no name)", { datasourceType: "bigquery", credentials: {} }],
  // paradigm.testDatasource: the datasource object as the body.
  ["paradigm.testDatasource", "empty body", {}],
  ["paradigm.testDatasource", "no type", { name: "d", credentials: {}, filter_criteria: {} }],
  ["paradigm.testDatasource", "type \"webscraper\" (one p)", { type: "webscraper", name: "w", filter_criteria: { start_url: "https://x" } }],
  ["paradigm.testDatasource", "webscrapper with credentials: [] (valibot's objects take an empty array)", { type: "webscrapper", name: "w", credentials: [], filter_criteria: { start_url: "https://x" } }],
  ["paradigm.testDatasource", "webscrapper with credentials: null", { type: "webscrapper", name: "w", credentials: null, filter_criteria: { start_url: "https://x" } }],
  ["paradigm.testDatasource", "servicenow with an extra credentials key (a warning)", { type: "servicenow", name: "s", credentials: { instance_url: "https://x", username: "u", password: "p", token: "t" }, filter_criteria: { doc_type: "knowledge" } }],
  ["paradigm.testDatasource", "sharepoint with site_id and site_name", { type: "sharepoint", name: "s", credentials: { client_id: "a", client_secret: "b", tenant_id: "c", site_id: "i", site_name: "n" }, filter_criteria: { folder_path: "Docs" } }],
  // Nesting: ours limits values to 64 levels (no peer has this rule).
  ["databrain.updateDatasource", "unknown credential key nested 70 levels", pg({ extra: JSON.parse("[".repeat(70) + "]".repeat(70)) })],
];
