// A valid body per endpoint that the local mock accepts (its seed: mock/seed.json), so that
// "Load example" then "Send" shows a success. Paradigm's also carry the workspace id.

export const EXAMPLES = {
  "databrain.createWorkspace": {
    body: {
      name: "Marketing Analytics",
      connectionType: "DATASOURCE",
      datasourceName: "postgres-main",
      llmName: "gpt-4o",
      isEnableMetricSummary: true,
      summaryType: "forecastAndTrendAnalysis",
    },
  },
  "databrain.updateWorkspace": {
    body: { name: "Sales Analytics", connectionType: "DATAMART", datamartName: "sales-mart", themeName: "light" },
  },
  "databrain.createDatasource": {
    body: {
      datasourceType: "postgres",
      credentials: {
        name: "postgres-staging",
        host: "staging-db.example.com",
        port: 5432,
        username: "dbuser",
        password: "example-password",
        database: "analytics",
        schema: "public",
      },
    },
  },
  "databrain.updateDatasource": {
    body: {
      datasourceType: "postgres",
      credentials: { name: "postgres-main", host: "db.example.com", port: 5432, username: "dbuser", password: "rotated-password", database: "analytics", schema: "public" },
      tenancySettings: {
        tenancyLevel: "TABLE",
        clientColumnType: "STRING",
        schemaName: "public",
        tableName: "client_mapping",
        tableClientNameColumn: "client_id",
        tablePrimaryKeyColumn: "id",
      },
    },
  },
  "paradigm.updateWorkspace": {
    id: 101,
    body: { name: "Team Handbook", description: "Policies and onboarding", members: { users: [{ id: 1, role: "owner" }, { id: 3, role: "editor" }] } },
  },
  "paradigm.testDatasource": {
    id: 101,
    body: {
      type: "sharepoint",
      name: "Legal SharePoint",
      credentials: { client_id: "00000000-0000-0000-0000-000000000001", client_secret: "example-client-secret", tenant_id: "contoso.onmicrosoft.com" },
      filter_criteria: { folder_path: "/Shared Documents/Legal", recursive: true },
    },
  },
};
