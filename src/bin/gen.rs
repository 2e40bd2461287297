//! The build step that turns the schemas into the npm package's data (never its code): run by
//! `scripts/build-pkg.sh`.
//!
//! ```sh
//! cargo run --quiet --bin gen -- data  > pkg/data.js     # endpoints, the timers' limit
//! cargo run --quiet --bin gen -- described > pkg/described.js # descriptions, JSON Schemas
//! cargo run --quiet --bin gen -- types > pkg/types.d.ts  # request-body types, ids, codes
//! cargo run --quiet --bin gen -- readers > pkg/readers.js # the fast path's readers
//! ```
//!
//! `data` is a small ES module that every entry loads: `ENDPOINTS` (`[{id, api, method, path,
//! summary}]`) and `MAX_TIMER_MS`. `described` is the large one (about 260 kB), which only
//! `describe()` and `jsonSchema()` need: Node's ESM entries load it on their first call, so that
//! a script that only validates never parses it. Each entry is kept as JSON text and parsed per
//! call by js/introspect.js, so every caller gets a fresh copy: `DESCRIPTIONS` (`{id:
//! describe()}`), `SCHEMAS` and `STRICT_SCHEMAS` (`{id: jsonSchema()}` in each mode).

use serde_json::{json, Map, Value};
use workspace_requests::describe::{api_name, describe};
use workspace_requests::json_schema::json_schema_with;
use workspace_requests::{Endpoint, ValidationOptions, ENDPOINTS};

/// `{id: JSON text}` for every endpoint, in table order.
fn texts(f: &dyn Fn(&Endpoint) -> Value) -> String {
    let m: Map<String, Value> = ENDPOINTS.iter().map(|e| (e.id.to_string(), Value::from(f(e).to_string()))).collect();
    Value::Object(m).to_string()
}

/// `describe()`'s data with each variant's `fieldsInForce` as positions instead of copies (a base
/// field: its index in the object's `fields`; one of the variant's: `-1 -` its index in the
/// variant's `fields`), so that each field is written once; js/introspect.js puts the fields back.
fn positions_in_force(node: &mut Value) {
    match node {
        Value::Array(items) => items.iter_mut().for_each(positions_in_force),
        Value::Object(m) => {
            m.values_mut().for_each(positions_in_force);
            let base = m.get("fields").and_then(Value::as_array).cloned().unwrap_or_default();
            let variants = m.get_mut("union").and_then(|u| u.get_mut("variants")).and_then(Value::as_array_mut);
            for v in variants.into_iter().flatten() {
                let own = v.get("fields").and_then(Value::as_array).cloned().unwrap_or_default();
                let Some(in_force) = v.get_mut("fieldsInForce").and_then(Value::as_array_mut) else { continue };
                for f in in_force.iter_mut() {
                    let at = match own.iter().position(|o| o == f) {
                        Some(j) => -1 - j as i64,
                        None => base.iter().position(|b| b == f).map_or(i64::MIN, |i| i as i64),
                    };
                    assert!(at != i64::MIN, "a field in force is neither the variant's nor the object's");
                    *f = Value::from(at);
                }
            }
        }
        _ => {}
    }
}

fn data() -> String {
    let list: Vec<Value> = ENDPOINTS
        .iter()
        .map(|e| json!({"id": e.id, "api": api_name(e.api), "method": e.method, "path": e.path, "summary": e.summary}))
        .collect();
    format!(
        "// Generated from the Rust schemas by `cargo run --bin gen -- data`. Do not edit.\n\
         export const ENDPOINTS = {};\n\
         // The longest delay timers hold: the clients' timeout and back-off are at most this.\n\
         export const MAX_TIMER_MS = {};\n",
        Value::from(Value::Array(list).to_string()),
        workspace_requests::http::options::MAX_TIMER_MS,
    )
}

fn described() -> String {
    format!(
        "// Generated from the Rust schemas by `cargo run --bin gen -- described`. Do not edit.\n\
         export const DESCRIPTIONS = {};\n\
         export const SCHEMAS = {};\n\
         export const STRICT_SCHEMAS = {};\n\
         export const OPENAPI = {};\n",
        texts(&|e| {
            let mut d = describe(e);
            positions_in_force(&mut d);
            d
        }),
        texts(&|e| json_schema_with(e, ValidationOptions::default())),
        texts(&|e| json_schema_with(e, ValidationOptions::STRICT)),
        Value::from(workspace_requests::gen::openapi::openapi(env!("CARGO_PKG_VERSION")).to_string()),
    )
}

/// The TypeScript of the structs that cross the boundary off the hot path, from tsify: client
/// options, `buildRequest`'s and `toCurl`'s options, the built request and the send result.
fn boundary_types() -> String {
    use tsify::Tsify;
    use workspace_requests::http::{options, request::BuiltRequest, response::Sent};
    let decls = [
        options::ClientOptions::DECL,
        options::RetryOptions::DECL,
        options::BuildOptions::DECL,
        options::CurlOptions::DECL,
        options::ClientConfig::DECL,
        BuiltRequest::<()>::DECL,
        Sent::<()>::DECL,
    ];
    let mut out = String::from(
        "\n// The boundary's structs, from their Rust definitions (src/http) by tsify.\n\nimport type { GlobalInstance, RequestEvent, ResponseEvent } from \"./index.js\";\n\n",
    );
    for d in decls {
        out.push_str(d);
        out.push_str("\n\n");
    }
    out
}

fn main() {
    let out = match std::env::args().nth(1).as_deref() {
        Some("data") => data(),
        Some("described") => described(),
        Some("readers") => workspace_requests::gen::readers::readers(),
        Some("types") => workspace_requests::typescript::declarations() + &boundary_types(),
        _ => {
            eprintln!("usage: gen data|described|types|readers");
            std::process::exit(2);
        }
    };
    print!("{out}");
}
