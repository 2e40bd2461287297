//! The rule engine: it walks a body through the [`Value`](value::Value) trait against a schema and
//! sends every finding to a [`Sink`](issue::Sink).
//!
//! Modules, leaves first: [`text`] (quoting, numbers: imports nothing), [`secrets`] (which keys
//! and values must never be shown), [`jsontext`] (is a string JSON text?), [`suggest`] (nearest
//! known name), [`path`] (JSON Pointers), [`value`] (how the engine reads any value), [`issue`]
//! (codes, details, reports), [`message`] (the text of a finding), [`params`] (its structured data), [`validate`] (the walk and the
//! rules), [`layout`] (the cells the fast path's readers measure into), [`clean`] (the proof, over
//! those cells, that a body has nothing to report), [`json`] (the native JSON reader the CLI and
//! `validate_json` use).

pub mod clean;
pub mod issue;
#[cfg(feature = "json")]
pub mod json;
pub mod jsontext;
pub mod layout;
pub mod message;
pub mod params;
pub mod path;
pub mod secrets;
pub mod suggest;
pub mod text;
pub mod validate;
pub mod value;

pub use validate::{validate, validate_into, validate_with, MAX_DEPTH, MAX_FINDINGS, MAX_VALUES};
