//! Generators over the schema data, run at build time (`src/bin/gen.rs`): [`describe`] (the
//! introspection data), [`json_schema`] (JSON Schema 2020-12), [`openapi`] (the OpenAPI 3.1 document) and
//! [`typescript`] (the request-body types). None of them is shipped in the wasm module.

pub mod describe;
pub mod json_schema;
pub mod openapi;
pub mod readers;
pub mod typescript;
