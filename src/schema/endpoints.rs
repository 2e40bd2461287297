//! The endpoints, with the ids used everywhere (Rust, JS, the CLI example).

use crate::schema::{databrain_datasource, databrain_workspace, paradigm, Schema};

/// Which API an endpoint belongs to: its base URL, auth and error envelope differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    Databrain,
    Paradigm,
}

impl Api {
    /// The cloud base URL, which clients use unless given another (a self-hosted one).
    pub const fn base_url(self) -> &'static str {
        match self {
            Api::Databrain => "https://api.usedatabrain.com",
            Api::Paradigm => "https://api.lighton.ai",
        }
    }
}

/// What a success answer holds, as the docs show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Success {
    /// `{"data": {"name": …}, "error": null}` (Databrain's workspace endpoints): the data is `data`.
    DataName,
    /// `{"name": …}` (Databrain's datasource endpoints).
    Name,
    /// Paradigm's workspace object, with its integer `id`.
    Workspace,
    /// The outcome of a test: any JSON, or nothing.
    Any,
}

/// A documented error answer of an endpoint: a row of its errors table (not the JS `ApiError`,
/// which is what a client throws when the API answers one of these).
#[derive(Debug, Clone, Copy)]
pub struct DocumentedError {
    /// Databrain's `error.code`, or Paradigm's `error` string.
    pub code: &'static str,
    pub status: u16,
    pub doc: &'static str,
}

#[derive(Debug)]
pub struct Endpoint {
    pub id: &'static str,
    pub api: Api,
    pub method: &'static str,
    /// The path, with `{id}` where a path parameter goes.
    pub path: &'static str,
    pub summary: &'static str,
    pub body: &'static Schema,
    /// The error code the API answers for a body that breaks the schema.
    pub body_error: &'static str,
    pub errors: &'static [DocumentedError],
    pub success: Success,
}

const fn e(code: &'static str, status: u16, doc: &'static str) -> DocumentedError {
    DocumentedError { code, status, doc }
}

const CREATE_WORKSPACE_ERRORS: &[DocumentedError] = &CREATE_WORKSPACE_ERRORS_TABLE;
const CREATE_WORKSPACE_ERRORS_TABLE: [DocumentedError; 9] = [
    e("INVALID_REQUEST_BODY", 400, "Missing or invalid parameters"),
    e("WORKSPACE_NAME_ALREADY_EXISTS", 400, "Workspace name already exists"),
    e("INVALID_DATASOURCE_NAME", 400, "Datasource not found"),
    e("INVALID_DATAMART_NAME", 400, "Datamart not found"),
    e("INVALID_LLM_NAME", 400, "Invalid LLM name provided"),
    e("INVALID_AI_COPILOT_LLMS", 400, "Invalid AI Copilot LLM list"),
    e("INVALID_THEME_NAME", 400, "Invalid theme name provided"),
    e("INVALID_DATA_APP_API_KEY", 401, "Invalid API key"),
    e("INTERNAL_SERVER_ERROR", 500, "Server error"),
];

/// The update page lists the same codes, but a missing workspace instead of a taken name.
const UPDATE_WORKSPACE_ERRORS: &[DocumentedError] =
    &replace(CREATE_WORKSPACE_ERRORS_TABLE, 1, e("WORKSPACE_DOES_NOT_EXIST", 400, "Workspace not found"));

/// `table` with entry `i` replaced.
const fn replace<const N: usize>(
    mut table: [DocumentedError; N],
    i: usize,
    entry: DocumentedError,
) -> [DocumentedError; N] {
    table[i] = entry;
    table
}

const UPDATE_DATASOURCE_ERRORS: &[DocumentedError] = &[
    e("INVALID_REQUEST_BODY", 400, "Missing required fields or invalid credential structure"),
    e("DATASOURCE_NAME_ERROR", 400, "Datasource not found"),
    e("CREDENTIAL_TEST_FAILED", 400, "Connection test failed"),
    e("AUTHENTICATION_ERROR", 401, "Invalid or missing service token"),
    e("DATASOURCE_NOT_FOUND", 404, "The specified datasource does not exist"),
    e("SCHEMA_CACHE_FAILED", 500, "Schema caching failed"),
    e("TENANCY_SETTINGS_CREATE_FAILED", 500, "Failed to create tenancy settings for the datasource"),
    e("TENANCY_SETTINGS_UPDATE_FAILED", 500, "Failed to update existing tenancy settings"),
    e("INTERNAL_SERVER_ERROR", 500, "Server error occurred"),
];

const CREATE_DATASOURCE_ERRORS: &[DocumentedError] = &[
    e("INVALID_REQUEST_BODY", 400, "Missing required fields or invalid credential structure"),
    e("DATASOURCE_NAME_ERROR", 400, "Datasource name already exists"),
    e("CREDENTIAL_TEST_FAILED", 400, "Connection test failed"),
    e("AUTHENTICATION_ERROR", 401, "Invalid or missing service token"),
    e("SCHEMA_CACHE_FAILED", 500, "Schema caching failed"),
    e("CREATE_DATASOURCE_FAILED", 500, "Internal error during datasource creation"),
    e("INTERNAL_SERVER_ERROR", 500, "Server error occurred"),
];

/// Paradigm v3 answers `{code, error, detail, doc_url}`; `error` is the machine code. The docs name
/// `bad_request` and `validation_error`; the others follow the same convention (reference §5.4).
const PARADIGM_ERRORS: &[DocumentedError] = &[
    e(
        "bad_request",
        400,
        "Business rule violated (e.g. changing the datasource type, or credentials the source rejects)",
    ),
    e("unauthorized", 401, "Missing or invalid token"),
    e("forbidden", 403, "Not allowed, or no such workspace"),
    e("not_found", 404, "No such workspace"),
    e("conflict", 409, "The datasource is locked: a sync succeeded already or is in flight"),
    e("validation_error", 422, "One or more fields failed validation"),
];

pub static ENDPOINTS: [Endpoint; 6] = [
    Endpoint {
        id: "databrain.createWorkspace",
        api: Api::Databrain,
        method: "POST",
        path: "/api/v2/workspace",
        summary: "Create a workspace",
        body: &databrain_workspace::CREATE_WORKSPACE,
        body_error: "INVALID_REQUEST_BODY",
        errors: CREATE_WORKSPACE_ERRORS,
        success: Success::DataName,
    },
    Endpoint {
        id: "databrain.updateWorkspace",
        api: Api::Databrain,
        method: "PUT",
        path: "/api/v2/workspace",
        summary: "Update a workspace's connection and AI settings",
        body: &databrain_workspace::UPDATE_WORKSPACE,
        body_error: "INVALID_REQUEST_BODY",
        errors: UPDATE_WORKSPACE_ERRORS,
        success: Success::DataName,
    },
    Endpoint {
        id: "databrain.createDatasource",
        api: Api::Databrain,
        method: "POST",
        path: "/api/v2/datasource",
        summary: "Create a datasource",
        body: &databrain_datasource::DATASOURCE_BODY,
        body_error: "INVALID_REQUEST_BODY",
        errors: CREATE_DATASOURCE_ERRORS,
        success: Success::Name,
    },
    Endpoint {
        id: "databrain.updateDatasource",
        api: Api::Databrain,
        method: "PUT",
        path: "/api/v2/datasource",
        summary: "Update a datasource's credentials and tenancy settings",
        body: &databrain_datasource::DATASOURCE_BODY,
        body_error: "INVALID_REQUEST_BODY",
        errors: UPDATE_DATASOURCE_ERRORS,
        success: Success::Name,
    },
    Endpoint {
        id: "paradigm.updateWorkspace",
        api: Api::Paradigm,
        method: "PATCH",
        path: "/api/v3/workspaces/{id}",
        summary: "Update a workspace (alpha): rename, describe, set members, convert to or edit a synced workspace",
        body: &paradigm::UPDATE_WORKSPACE,
        body_error: "validation_error",
        errors: PARADIGM_ERRORS,
        success: Success::Workspace,
    },
    Endpoint {
        id: "paradigm.testDatasource",
        api: Api::Paradigm,
        method: "POST",
        path: "/api/v3/workspaces/{id}/datasource/test",
        summary: "Test datasource credentials without persisting anything (alpha)",
        body: &paradigm::DATASOURCE,
        body_error: "validation_error",
        errors: PARADIGM_ERRORS,
        success: Success::Any,
    },
];

/// The code of a 429 answer that names no documented code, for both APIs: Databrain documents
/// its per-IP rate limit and the status, but no code; Paradigm documents neither.
pub const TOO_MANY_REQUESTS: &str = "TOO_MANY_REQUESTS";

/// The endpoint with this id.
pub fn endpoint(id: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.id == id)
}
