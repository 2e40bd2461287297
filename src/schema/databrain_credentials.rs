//! `credentials` of a Databrain datasource, per `datasourceType` (seed 003, reference §4.2, §4.4).
//!
//! The public docs lost most credential key names: only `name` (every type), the Postgres example's
//! keys, MSSQL's `server`/`user`, and Elasticsearch/OpenSearch's `server_type`/`disableAuth` are
//! confirmed. Every other key below is our best reading, marked unconfirmed: it feeds forms and typo
//! suggestions, and a problem with its value is only a warning. All credential objects are open:
//! keys we do not know pass through.

use super::model::{Choice, Cond, Field, Level, Lit, Rule, Schema, Type, Variant};

// The keys most types share. Unconfirmed unless a type's list confirms them.
const NAME: Field = Field::text(
    "name",
    "Datasource name. On create, a unique name used to reference the datasource in other APIs; on update, the exact name of the existing datasource to update.",
)
.required()
.non_empty()
.confirmed();
const HOST: Field = Field::text("host", "Hostname of the database server.");
const PORT: Field = Field::new("port", Type::Port, "Port of the database server (a number, e.g. 5432).");
const USERNAME: Field = Field::text("username", "Database user.");
const PASSWORD: Field = Field::secret_text("password", "Password of the database user.");
const DATABASE: Field = Field::text("database", "Database to connect to.");
const SCHEMA: Field = Field::text("schema", "Default schema.");
const SSL_MODES: &[Choice] = &[
    Choice::new(
        "enable",
        "Connect over SSL; four further SSL fields (names not in the public docs) are then required.",
    ),
    Choice::new("disable", "Connect without SSL."),
];
const SSL: Field = Field::new("sslMode", Type::Enum(SSL_MODES), "Whether to connect over SSL (optional).");
const REGION: Field = Field::text("region", "AWS region, e.g. \"us-east-1\".");
const ACCESS_KEY_ID: Field = Field::text("accessKeyId", "AWS access key id.");
const SECRET_ACCESS_KEY: Field = Field::secret_text("secretAccessKey", "AWS secret access key.");

/// Confirmed by the Postgres example in the docs (and shared by Redshift under one heading).
static POSTGRES_FIELDS: [Field; 8] = [
    NAME,
    HOST.confirmed().expected(),
    PORT.confirmed().expected(),
    USERNAME.confirmed().expected(),
    PASSWORD.confirmed().expected(),
    DATABASE.confirmed().expected(),
    SCHEMA.confirmed().expected(),
    SSL,
];
static SQL_SSL_FIELDS: [Field; 8] = [NAME, HOST, PORT, USERNAME, PASSWORD, DATABASE, SCHEMA, SSL];
static SQL_FIELDS: [Field; 6] = [NAME, HOST, PORT, USERNAME, PASSWORD, DATABASE];

static MSSQL_FIELDS: [Field; 9] = [
    NAME,
    Field::text("server", "Hostname of the SQL Server (MSSQL uses `server`, not `host`).").confirmed().expected(),
    Field::text("user", "Database user (MSSQL uses `user`, not `username`).").confirmed().expected(),
    PORT,
    PASSWORD,
    DATABASE,
    SCHEMA,
    Field::new("host", Type::Any, "Not used by MSSQL.").forbidden("server").confirmed(),
    Field::new("username", Type::Any, "Not used by MSSQL.").forbidden("user").confirmed(),
];

const SNOWFLAKE_AUTH: &[Choice] = &[
    Choice::new("username/password", "Authenticate with the user's password."),
    Choice::new("Key-pair authentication", "Authenticate with a private key."),
];
static SNOWFLAKE_FIELDS: [Field; 10] = [
    NAME,
    HOST.with_doc("Snowflake account host, e.g. your-account.snowflakecomputing.com."),
    USERNAME.with_doc("Snowflake user."),
    Field::new("authenticationMethod", Type::Enum(SNOWFLAKE_AUTH), "How to authenticate."),
    PASSWORD.with_doc("Password (for \"username/password\")."),
    Field::secret_text("privateKey", "Private key (for \"Key-pair authentication\")."),
    Field::text("warehouse", "Warehouse to use."),
    DATABASE,
    SCHEMA,
    Field::text("role", "Role to use."),
];
static SNOWFLAKE_RULES: [Rule; 2] = [
    Rule::RequiredWhen { fields: &["password"], when: Cond::Eq("authenticationMethod", Lit::Str("username/password")) },
    Rule::RequiredWhen {
        fields: &["privateKey"],
        when: Cond::Eq("authenticationMethod", Lit::Str("Key-pair authentication")),
    },
];

const SERVER_TYPES: &[Choice] = &[
    Choice::new("elastic-cloud", "Elastic Cloud deployment."),
    Choice::new("open-cloud", "Managed OpenSearch / open cloud deployment."),
    Choice::new("self-managed", "A cluster you run yourself; `disableAuth` is allowed."),
];
static SEARCH_FIELDS: [Field; 7] = [
    NAME,
    Field::new("server_type", Type::Enum(SERVER_TYPES), "Where the cluster runs.").confirmed().expected(),
    Field::new("disableAuth", Type::Bool, "Connect without authentication.").confirmed().default(Lit::Bool(false)),
    Field::text("cloudId", "Cloud id or URL (for \"elastic-cloud\" or \"open-cloud\")."),
    HOST.with_doc("Cluster URL (for \"self-managed\")."),
    USERNAME.with_doc("User (required unless disableAuth is true)."),
    PASSWORD.with_doc("Password (required unless disableAuth is true)."),
];
static SEARCH_RULES: [Rule; 5] = [
    // `disableAuth: false` is the documented default: sent elsewhere it is a warning (see
    // `Field::default` in the engine); `true` is an issue.
    Rule::OnlyWhen {
        fields: &["disableAuth"],
        when: Cond::Eq("server_type", Lit::Str("self-managed")),
        level: Level::Issue,
    },
    Rule::RequiredWhen { fields: &["username", "password"], when: Cond::Ne("disableAuth", Lit::Bool(true)) },
    // Seed 003: "Cloud Id (for elastic-cloud and open-cloud)", "Host (for self-managed)". The key
    // names are our reading, so these are warnings.
    Rule::RequiredWhen { fields: &["cloudId"], when: Cond::Eq("server_type", Lit::Str("elastic-cloud")) },
    Rule::RequiredWhen { fields: &["cloudId"], when: Cond::Eq("server_type", Lit::Str("open-cloud")) },
    Rule::RequiredWhen { fields: &["host"], when: Cond::Eq("server_type", Lit::Str("self-managed")) },
];

static BIGQUERY_FIELDS: [Field; 4] = [
    NAME,
    Field::text("projectId", "Google Cloud project id."),
    Field::new("serviceAccountKey", Type::Any, "Service-account key (JSON).").secret(),
    Field::text("location", "Dataset location, e.g. \"US\", \"EU\"."),
];
static DATABRICKS_FIELDS: [Field; 6] = [
    NAME,
    HOST.with_doc("Server hostname of the workspace."),
    Field::text("httpPath", "HTTP path of the SQL warehouse or cluster."),
    Field::secret_text("token", "Personal access token."),
    Field::text("catalog", "Catalog."),
    SCHEMA,
];
const S3_PATH_TYPES: &[Choice] =
    &[Choice::new("File", "The path names one file."), Choice::new("Folder", "The path names a folder.")];
/// The keys of an AWS service: `name`, region and access key, then the service's own three.
const fn aws(own: [Field; 3]) -> [Field; 7] {
    let [a, b, c] = own;
    [NAME, REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY, a, b, c]
}
static AWSS3_FIELDS: [Field; 7] = aws([
    Field::text("bucket", "S3 bucket."),
    Field::text("path", "Path of the file or folder in the bucket."),
    Field::new("pathType", Type::Enum(S3_PATH_TYPES), "Whether the path is a file or a folder (optional)."),
]);
static FIREBOLT_FIELDS: [Field; 6] = [
    NAME,
    Field::text("clientId", "Service-account client id."),
    Field::secret_text("clientSecret", "Service-account client secret."),
    Field::text("account", "Firebolt account name."),
    DATABASE,
    Field::text("engine", "Engine name."),
];
static ATHENA_FIELDS: [Field; 7] = aws([
    Field::text("s3OutputLocation", "S3 location for query results."),
    Field::text("workgroup", "Athena workgroup."),
    DATABASE,
]);
static TRINO_FIELDS: [Field; 7] = [NAME, HOST, PORT, USERNAME, PASSWORD, Field::text("catalog", "Catalog."), SSL];

const PARTIAL: &str = "Only `name` is confirmed by the public docs; other keys pass through.";
static POSTGRES: Schema = Schema::open(
    "PostgresCredentials",
    "PostgreSQL. Keys confirmed by the docs' example; the SSL sub-fields' names are not documented.",
    &POSTGRES_FIELDS,
    &[],
);
static REDSHIFT: Schema =
    Schema::open("RedshiftCredentials", "Amazon Redshift (documented together with Postgres).", &POSTGRES_FIELDS, &[]);
static COCKROACHDB: Schema = Schema::open("CockroachdbCredentials", PARTIAL, &SQL_SSL_FIELDS, &[]);
static MYSQL: Schema = Schema::open("MysqlCredentials", PARTIAL, &SQL_FIELDS, &[]);
static MONGODB: Schema = Schema::open("MongodbCredentials", PARTIAL, &SQL_FIELDS, &[]);
static CLICKHOUSE: Schema = Schema::open("ClickhouseCredentials", PARTIAL, &SQL_FIELDS, &[]);
static SINGLESTORE: Schema = Schema::open("SinglestoreCredentials", PARTIAL, &SQL_FIELDS, &[]);
static SNOWFLAKE: Schema = Schema::open("SnowflakeCredentials", PARTIAL, &SNOWFLAKE_FIELDS, &SNOWFLAKE_RULES);
static BIGQUERY: Schema = Schema::open("BigqueryCredentials", PARTIAL, &BIGQUERY_FIELDS, &[]);
static DATABRICKS: Schema = Schema::open("DatabricksCredentials", PARTIAL, &DATABRICKS_FIELDS, &[]);
static ELASTICSEARCH: Schema = Schema::open(
    "ElasticsearchCredentials",
    "Elasticsearch. `server_type` and `disableAuth` are confirmed.",
    &SEARCH_FIELDS,
    &SEARCH_RULES,
);
static OPENSEARCH: Schema = Schema::open(
    "OpensearchCredentials",
    "OpenSearch. `server_type` and `disableAuth` are confirmed.",
    &SEARCH_FIELDS,
    &SEARCH_RULES,
);
static MSSQL: Schema = Schema::open(
    "MssqlCredentials",
    "Microsoft SQL Server: `server` and `user` instead of `host` and `username`.",
    &MSSQL_FIELDS,
    &[],
);
static AWSS3: Schema = Schema::open("Awss3Credentials", PARTIAL, &AWSS3_FIELDS, &[]);
static CSV: Schema = Schema::open("CsvCredentials", PARTIAL, &[NAME], &[]);
static FIREBOLT: Schema = Schema::open("FireboltCredentials", PARTIAL, &FIREBOLT_FIELDS, &[]);
static ATHENA: Schema = Schema::open("AthenaCredentials", PARTIAL, &ATHENA_FIELDS, &[]);
static TRINO: Schema = Schema::open("TrinoCredentials", PARTIAL, &TRINO_FIELDS, &[]);

/// The credentials of a body whose `datasourceType` is missing or unknown: only `name` is checked.
pub static GENERIC: Schema =
    Schema::open("Credentials", "Credentials of any datasource type; every type requires `name`.", &[NAME], &[]);

const fn credentials(schema: &'static Schema) -> Field {
    Field::new("credentials", Type::Object(schema), "Connection credentials for this datasource type.")
        .required()
        .confirmed()
}

/// The 18 documented `datasourceType` values (exact, lowercase spellings), each with its credentials.
pub static VARIANTS: [Variant; 18] = [
    Variant { value: "snowflake", doc: "Snowflake", fields: &[credentials(&SNOWFLAKE)] },
    Variant { value: "postgres", doc: "PostgreSQL", fields: &[credentials(&POSTGRES)] },
    Variant { value: "redshift", doc: "Amazon Redshift", fields: &[credentials(&REDSHIFT)] },
    Variant { value: "cockroachdb", doc: "CockroachDB", fields: &[credentials(&COCKROACHDB)] },
    Variant { value: "mysql", doc: "MySQL", fields: &[credentials(&MYSQL)] },
    Variant { value: "mongodb", doc: "MongoDB", fields: &[credentials(&MONGODB)] },
    Variant { value: "clickhouse", doc: "ClickHouse", fields: &[credentials(&CLICKHOUSE)] },
    Variant { value: "singlestore", doc: "SingleStore", fields: &[credentials(&SINGLESTORE)] },
    Variant { value: "bigquery", doc: "Google BigQuery", fields: &[credentials(&BIGQUERY)] },
    Variant { value: "databricks", doc: "Databricks", fields: &[credentials(&DATABRICKS)] },
    Variant { value: "elasticsearch", doc: "Elasticsearch", fields: &[credentials(&ELASTICSEARCH)] },
    Variant { value: "opensearch", doc: "OpenSearch", fields: &[credentials(&OPENSEARCH)] },
    Variant { value: "mssql", doc: "Microsoft SQL Server", fields: &[credentials(&MSSQL)] },
    Variant { value: "awss3", doc: "Amazon S3", fields: &[credentials(&AWSS3)] },
    Variant { value: "csv", doc: "CSV files", fields: &[credentials(&CSV)] },
    Variant { value: "firebolt", doc: "Firebolt", fields: &[credentials(&FIREBOLT)] },
    Variant { value: "athena", doc: "Amazon Athena", fields: &[credentials(&ATHENA)] },
    Variant { value: "trino", doc: "Trino", fields: &[credentials(&TRINO)] },
];
