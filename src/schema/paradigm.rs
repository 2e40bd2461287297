//! LightOn Paradigm `PATCH /api/v3/workspaces/{id}` and `POST /api/v3/workspaces/{id}/datasource/test`
//! (seed 004, reference §5). Every key is documented: every object closes in strict mode, except
//! the credential objects, which stay open (an unknown key there is always a warning).

use super::model::{Choice, Field, Lit, Schema, Type, Variant};

/// The largest integer a JavaScript number holds exactly (2^53 - 1): ids beyond it cannot be sent
/// intact from JavaScript.
const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

const ROLES: &[Choice] = &[
    Choice::new("owner", "Owner of the workspace."),
    Choice::new("editor", "Can edit the workspace."),
    Choice::new("viewer", "Can view the workspace (the default)."),
];

pub static MEMBER: Schema = Schema::closed(
    "ParadigmMember",
    "A user or group with a role in the workspace.",
    &[
        Field::new(
            "id",
            Type::Int { min: 1, max: MAX_SAFE_INTEGER },
            "The user's id (in `users`) or the group's id (in `groups`).",
        )
        .required()
        .confirmed(),
        Field::new("role", Type::Enum(ROLES), "Role in the workspace; defaults to viewer if not specified.")
            .confirmed()
            .default(Lit::Str("viewer")),
    ],
    &[],
);

const MEMBER_LIST: Type = Type::Array(&Type::Object(&MEMBER));

pub static MEMBERS: Schema = Schema::closed(
    "ParadigmMembers",
    "Members with roles. REPLACES all existing members.",
    &[
        Field::new("users", MEMBER_LIST, "Users and their roles.").confirmed(),
        Field::new("groups", MEMBER_LIST, "Groups and their roles.").confirmed(),
    ],
    &[],
);

const REQUIRED_TEXT: Type = Type::Str { min: 1, max: None };

const fn required(name: &'static str, doc: &'static str) -> Field {
    Field::new(name, REQUIRED_TEXT, doc).required().confirmed()
}

const fn recursive() -> Field {
    Field::new("recursive", Type::Bool, "Also import sub-folders (optional).").confirmed()
}

static GOOGLEDRIVE_CREDENTIALS: Schema = Schema::closed(
    "GoogledriveCredentials",
    "Google Drive service-account credentials.",
    &[Field::new("service_account_file", Type::JsonObjectString, "JSON string of the service account key file.")
        .required()
        .secret()
        .confirmed()],
    &[],
)
.credentials();
static GOOGLEDRIVE_FILTER: Schema = Schema::closed(
    "GoogledriveFilterCriteria",
    "Which Google Drive folder to import.",
    &[required("folder_id", "Id of the Drive folder to import."), recursive()],
    &[],
);
static SHAREPOINT_CREDENTIALS: Schema = Schema::closed(
    "SharepointCredentials",
    "Microsoft SharePoint app credentials. If both site_id and site_name are omitted, the root site is used.",
    &[
        required("client_id", "Azure app (client) id."),
        required("client_secret", "Azure app client secret.").secret(),
        required("tenant_id", "Azure tenant id."),
        Field::text("site_id", "SharePoint site id (optional).").confirmed(),
        Field::text("site_name", "SharePoint site name (optional).").confirmed(),
    ],
    &[],
)
.credentials();
static SHAREPOINT_FILTER: Schema = Schema::closed(
    "SharepointFilterCriteria",
    "Which SharePoint folder to import.",
    &[Field::text("folder_path", "Folder path, relative to the site.").required().confirmed(), recursive()],
    &[],
);
static SERVICENOW_CREDENTIALS: Schema = Schema::closed(
    "ServicenowCredentials",
    "ServiceNow instance credentials.",
    &[
        required("instance_url", "URL of the ServiceNow instance."),
        required("username", "ServiceNow user."),
        required("password", "Password of the ServiceNow user.").secret(),
    ],
    &[],
)
.credentials();
static SERVICENOW_FILTER: Schema = Schema::closed(
    "ServicenowFilterCriteria",
    "Which ServiceNow documents to import.",
    &[required("doc_type", "Document type to import, e.g. \"knowledge\".")],
    &[],
);
static WEBSCRAPPER_CREDENTIALS: Schema =
    Schema::closed("WebscrapperCredentials", "No credentials are required.", &[], &[]).credentials();
static WEBSCRAPPER_FILTER: Schema = Schema::closed(
    "WebscrapperFilterCriteria",
    "Where the crawl starts.",
    &[required("start_url", "URL the crawl starts from.")],
    &[],
);

/// `credentials` of a datasource whose `type` is missing or unknown: its keys pass unchecked (the
/// `type` has its own issue) and every value is redacted in previews.
static UNKNOWN_TYPE_CREDENTIALS: Schema =
    Schema::open("ParadigmUnknownTypeCredentials", "Depends on the datasource type.", &[], &[]);
/// `filter_criteria` of a datasource whose `type` is missing or unknown.
static UNKNOWN_TYPE_FILTER: Schema = Schema {
    credentials: false,
    ..Schema::open("ParadigmUnknownTypeFilterCriteria", "Depends on the datasource type.", &[], &[])
};

const fn credentials(schema: &'static Schema, required: bool) -> Field {
    let f = Field::new("credentials", Type::Object(schema), "Credentials for this datasource type.").confirmed();
    if required {
        f.required()
    } else {
        f
    }
}

const fn filter_criteria(schema: &'static Schema) -> Field {
    Field::new("filter_criteria", Type::Object(schema), "What to import for this datasource type.")
        .required()
        .confirmed()
}

static VARIANTS: [Variant; 4] = [
    Variant {
        value: "googledrive",
        doc: "Google Drive",
        fields: &[credentials(&GOOGLEDRIVE_CREDENTIALS, true), filter_criteria(&GOOGLEDRIVE_FILTER)],
    },
    Variant {
        value: "sharepoint",
        doc: "Microsoft SharePoint",
        fields: &[credentials(&SHAREPOINT_CREDENTIALS, true), filter_criteria(&SHAREPOINT_FILTER)],
    },
    Variant {
        value: "servicenow",
        doc: "ServiceNow",
        fields: &[credentials(&SERVICENOW_CREDENTIALS, true), filter_criteria(&SERVICENOW_FILTER)],
    },
    Variant {
        value: "webscrapper",
        doc: "Web scraper (the API spells it with a double \"p\")",
        fields: &[credentials(&WEBSCRAPPER_CREDENTIALS, false), filter_criteria(&WEBSCRAPPER_FILTER)],
    },
];

pub static DATASOURCE: Schema = Schema::closed(
    "ParadigmDatasource",
    "Datasource configuration used to populate a synced workspace. Credentials are validated against the external source before persistence.",
    &[
        Field::new("type", Type::Tag, "Datasource type. Immutable once the workspace is synced.").required().confirmed(),
        required("name", "Datasource display name."),
        Field::new("credentials", Type::Object(&UNKNOWN_TYPE_CREDENTIALS), "Credentials; keys depend on type.").confirmed(),
        Field::new("filter_criteria", Type::Object(&UNKNOWN_TYPE_FILTER), "What to import; keys depend on type.").confirmed(),
    ],
    &[],
)
.with_union("type", &VARIANTS);

const DESCRIPTION: Type = Type::Str { min: 0, max: None };

pub static UPDATE_WORKSPACE: Schema = Schema::closed(
    "ParadigmUpdateWorkspaceBody",
    "Partially update a SHARED workspace: rename, describe, replace members, or convert it to (or edit) a synced workspace's datasource.",
    &[
        Field::new("name", Type::Str { min: 1, max: Some(100) }, "Workspace name (max 100 characters, cannot be empty). Workspace OWNER only.")
            .confirmed(),
        Field::new("description", Type::Nullable(&DESCRIPTION), "Workspace description. Send empty string or null to clear.")
            .confirmed(),
        Field::new("members", Type::Object(&MEMBERS), "Members with roles. REPLACES all existing members.").confirmed(),
        Field::new("datasource", Type::Object(&DATASOURCE), "Datasource configuration to convert this workspace into a read-only synced workspace, or to edit it before its first successful sync. Cannot be undone.")
            .confirmed(),
    ],
    &[],
);
