//! Databrain `PUT /api/v2/datasource` (seed 003) and `POST /api/v2/datasource` (reference §4): one
//! body, whose `credentials` schema is chosen by `datasourceType`, plus optional `tenancySettings`.

use super::databrain_credentials::{GENERIC, VARIANTS};
use super::model::{Choice, Cond, Field, Level, Lit, Rule, Schema, Type};

const TENANCY_LEVELS: &[Choice] = &[
    Choice::new("TABLE", "Client mapping is stored in a specific table (most common)."),
    Choice::new("DATABASE", "Each client has a separate database instance."),
];

const CLIENT_COLUMN_TYPES: &[Choice] = &[
    Choice::new("NUMBER", "The client identifier column holds numbers."),
    Choice::new("STRING", "The client identifier column holds strings."),
];

/// The keys that only mean something for TABLE tenancy.
const TABLE_FIELDS: &[&str] =
    &["clientColumnType", "schemaName", "tableName", "tableClientNameColumn", "tablePrimaryKeyColumn"];
const TENANCY_IS_TABLE: Cond = Cond::Eq("tenancyLevel", Lit::Str("TABLE"));

pub static TENANCY_SETTINGS: Schema = Schema::closed(
    "TenancySettings",
    "Multi-tenant configuration: how each client's data is isolated. Omit to leave tenancy settings unchanged (update) or to create the datasource without them (create).",
    &[
        Field::new("tenancyLevel", Type::Enum(TENANCY_LEVELS), "Tenancy level. Required whenever tenancySettings is provided.")
            .required()
            .confirmed(),
        Field::new("clientColumnType", Type::Enum(CLIENT_COLUMN_TYPES), "Data type of the client identifier column.").confirmed(),
        Field::text("schemaName", "Schema name where the client mapping table is located.").non_empty().confirmed(),
        Field::text("tableName", "Name of the table that contains client mapping information.").non_empty().confirmed(),
        Field::text("tableClientNameColumn", "Column name in the mapping table that stores the client identifier.")
            .non_empty()
            .confirmed(),
        Field::text("tablePrimaryKeyColumn", "Primary-key column of the mapping table.").non_empty().confirmed(),
    ],
    &[
        Rule::RequiredWhen { fields: TABLE_FIELDS, when: TENANCY_IS_TABLE },
        // Whether the API rejects or ignores them under DATABASE is not documented: warn.
        Rule::OnlyWhen { fields: TABLE_FIELDS, when: TENANCY_IS_TABLE, level: Level::Warning },
    ],
);

pub static DATASOURCE_BODY: Schema = Schema::closed(
    "DatabrainDatasourceBody",
    "A datasource: its type, its credentials (whose keys depend on the type; every type requires `name`) and optional tenancy settings.",
    &[
        Field::new("datasourceType", Type::Tag, "The type of datasource. On update it must match the existing datasource's type.")
            .required()
            .confirmed(),
        Field::new("credentials", Type::Object(&GENERIC), "Connection credentials; the structure depends on datasourceType.")
            .required()
            .confirmed(),
        Field::new("tenancySettings", Type::Object(&TENANCY_SETTINGS), "Optional multi-tenant configuration.").confirmed(),
    ],
    &[],
)
.with_union("datasourceType", &VARIANTS);
