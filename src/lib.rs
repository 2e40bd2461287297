//! # workspace-requests
//!
//! Every request body of Databrain's v2 workspace and datasource endpoints and LightOn Paradigm's v3
//! workspace endpoint, as data ([`schema`]), and a rule engine ([`validate()`]) that reports every
//! problem at once with a JSON Pointer path, a stable code, a message and the API's error code.
//!
//! This crate is the pure core: no wasm imports, plain `cargo test`. The engine reads values
//! through the [`Value`] trait, implemented here for `serde_json::Value`.
//!
//! ```
//! use workspace_requests::{endpoint, validate};
//! let body = serde_json::json!({"name": "Sales", "connectionType": "DATASOURCE"});
//! let report = validate(endpoint("databrain.createWorkspace").unwrap(), &&body);
//! assert!(!report.ok());
//! assert_eq!(report.issues[0].path, "/datasourceName");
//! assert_eq!(report.issues[0].code.as_str(), "required");
//! ```

#[cfg(feature = "json")]
pub mod describe;
pub mod endpoints;
pub mod issue;
#[cfg(feature = "json")]
pub mod json;
#[cfg(feature = "json")]
pub mod json_schema;
pub mod jsontext;
pub mod message;
pub mod path;
pub mod request;
pub mod response;
pub mod schema;
pub mod secrets;
pub mod suggest;
#[cfg(feature = "json")]
pub mod typescript;
pub mod validate;
pub mod value;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use endpoints::{endpoint, Api, ApiError, Endpoint, ENDPOINTS};
pub use issue::{Code, Detail, Found, Issue, Report, Severity, Sink};
#[cfg(feature = "json")]
pub use json::{validate_json, validate_json_with, JsonError};
pub use schema::ValidationOptions;
pub use validate::{validate, validate_into, validate_with, MAX_DEPTH, MAX_FINDINGS, MAX_VALUES};
pub use value::MAX_KEY_LEN;
pub use value::{Kind, Value};
