//! Prints the package's introspection module: `endpoints()`, `describe()` and `jsonSchema()` as
//! plain JavaScript over data generated from the schemas, so the wasm validator carries none of it.
//!
//! ```sh
//! cargo run --quiet --example introspect -- esm > pkg/introspection.js
//! cargo run --quiet --example introspect -- cjs > pkg/cjs/introspection.cjs
//! ```

use serde_json::{json, Map, Value};
use workspace_requests::{describe::describe, json_schema::json_schema, ENDPOINTS};

fn main() {
    let cjs = match std::env::args().nth(1).as_deref() {
        Some("esm") => false,
        Some("cjs") => true,
        _ => {
            eprintln!("usage: introspect esm|cjs");
            std::process::exit(2);
        }
    };
    let list: Vec<Value> = ENDPOINTS
        .iter()
        .map(|e| {
            json!({"id": e.id, "api": workspace_requests::describe::api_name(e.api), "method": e.method,
                   "path": e.path, "summary": e.summary})
        })
        .collect();
    // Each entry is kept as JSON text and parsed per call, so every caller gets a fresh copy.
    let texts = |f: fn(&workspace_requests::Endpoint) -> Value| -> Value {
        let m: Map<String, Value> =
            ENDPOINTS.iter().map(|e| (e.id.to_string(), Value::from(f(e).to_string()))).collect();
        Value::Object(m)
    };
    let endpoints = Value::from(Value::Array(list).to_string());
    let descriptions = texts(describe);
    let schemas = texts(json_schema);
    let export =
        |name: &str| if cjs { format!("exports.{name} = function {name}") } else { format!("export function {name}") };
    print!(
        r#"// Generated from the Rust schemas by `cargo run --example introspect`. Do not edit.
{strict}
const ENDPOINTS = {endpoints};
const DESCRIPTIONS = {descriptions};
const SCHEMAS = {schemas};
const IDS = Object.keys(DESCRIPTIONS);
const own = Object.prototype.hasOwnProperty;

function entry(table, endpoint) {{
  if (typeof endpoint === "string" && own.call(table, endpoint)) return table[endpoint];
  const shown = typeof endpoint === "string"
    ? JSON.stringify(endpoint.length > 40 ? endpoint.slice(0, 40) + "…" : endpoint)
    : "a value that is no string";
  throw new TypeError(`unknown endpoint id ${{shown}}; known ids: ${{IDS.join(", ")}}`);
}}

/** `[{{id, api, method, path, summary}}]` of every endpoint. */
{endpoints_fn}() {{
  return JSON.parse(ENDPOINTS);
}}

/** The endpoint's schema as plain data: enough for a UI to render a form. */
{describe_fn}(endpoint) {{
  return JSON.parse(entry(DESCRIPTIONS, endpoint));
}}

/** A JSON Schema (2020-12) equivalent to `validate` for the endpoint. */
{schema_fn}(endpoint) {{
  return JSON.parse(entry(SCHEMAS, endpoint));
}}
"#,
        strict = if cjs { "\"use strict\";\n" } else { "" },
        endpoints_fn = export("endpoints"),
        describe_fn = export("describe"),
        schema_fn = export("jsonSchema"),
    );
}
