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
//!
//! The crate is layered; each layer imports only the ones above it, and no modules import each
//! other in a circle (both checked by `tests/layers.rs`):
//!
//! - [`schema`]: the description language, every body as data, and the endpoint table;
//! - [`engine`]: the rule engine, values, issues, messages and paths;
//! - [`http`]: request building, redaction, responses;
//! - [`gen`]: describe, JSON Schema and TypeScript, generated at build time;
//! - `wasm`: the binding the npm package calls (wasm32 only).
//!
//! The old flat paths (`workspace_requests::issue`, `::endpoints`, `::request`, …) stay as
//! re-exports. See ARCHITECTURE.md for how data flows between them.

pub mod engine;
#[cfg(feature = "json")]
pub mod gen;
pub mod http;
pub mod schema;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(feature = "json")]
pub use engine::json;
pub use engine::{issue, jsontext, message, path, secrets, suggest, validate, value};
#[cfg(feature = "json")]
pub use gen::{describe, json_schema, typescript};
pub use http::{request, response};
pub use schema::endpoints;

pub use engine::issue::{Code, Detail, Found, Issue, Report, Severity, Sink};
#[cfg(feature = "json")]
pub use engine::json::{validate_json, validate_json_with, JsonError};
pub use engine::validate::{validate_into, validate_with, MAX_DEPTH, MAX_FINDINGS, MAX_VALUES};
pub use engine::value::{Kind, Value, MAX_KEY_LEN};
pub use schema::endpoints::{endpoint, Api, DocumentedError, Endpoint, ENDPOINTS};
pub use schema::ValidationOptions;
