//! Prints the package's shared JS module (`pkg/api.js`, and `pkg/cjs/api.cjs` for CommonJS):
//! `endpoints()`, `describe()` and `jsonSchema()` as plain JavaScript over data generated from the
//! schemas (so the wasm validator carries none of it), and `bind(check)`, which builds `validate`
//! and `validateMany` over the wasm export `check(endpointIndex, body, strict)`.
//!
//! ```sh
//! cargo run --quiet --example js_api -- esm > pkg/api.js
//! cargo run --quiet --example js_api -- cjs > pkg/cjs/api.cjs
//! ```

use serde_json::{json, Map, Value};
use workspace_requests::{describe::describe, json_schema::json_schema_with, ValidationOptions, ENDPOINTS};

/// The error classes of js/client.js, exported in the module's format.
fn error_exports(cjs: bool) -> String {
    const CLASSES: [&str; 6] =
        ["ValidationError", "ApiError", "NetworkError", "TimeoutError", "AbortError", "ResponseError"];
    if cjs {
        CLASSES.iter().map(|c| format!("exports.{c} = {c};\n")).collect()
    } else {
        format!("export {{ {} }};\n", CLASSES.join(", "))
    }
}

fn main() {
    let cjs = match std::env::args().nth(1).as_deref() {
        Some("esm") => false,
        Some("cjs") => true,
        _ => {
            eprintln!("usage: js_api esm|cjs");
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
    let texts = |f: &dyn Fn(&workspace_requests::Endpoint) -> Value| -> Value {
        let m: Map<String, Value> =
            ENDPOINTS.iter().map(|e| (e.id.to_string(), Value::from(f(e).to_string()))).collect();
        Value::Object(m)
    };
    let endpoints = Value::from(Value::Array(list).to_string());
    let descriptions = texts(&describe);
    let schemas = texts(&|e| json_schema_with(e, ValidationOptions::default()));
    let strict_schemas = texts(&|e| json_schema_with(e, ValidationOptions::STRICT));
    let export =
        |name: &str| if cjs { format!("exports.{name} = function {name}") } else { format!("export function {name}") };
    print!(
        r#"// Generated from the Rust schemas by `cargo run --example js_api`. Do not edit.
{strict}
const ENDPOINTS = {endpoints};
const DESCRIPTIONS = {descriptions};
const SCHEMAS = {schemas};
const STRICT_SCHEMAS = {strict_schemas};
// Endpoint ids in the order of the Rust ENDPOINTS table: the index is what the wasm `check` takes.
const IDS = JSON.parse(ENDPOINTS).map((e) => e.id);
const INDEX = new Map(IDS.map((id, i) => [id, i]));
const own = Object.prototype.hasOwnProperty;
const UNREADABLE = Symbol("unreadable");

// One call into the wasm module at a time. A getter, Proxy trap or toJSON of a body runs while the
// module is reading it; calling the package again from there would re-enter the module mid-call,
// so that inner call is refused with a TypeError (which the reading code catches like any error of
// a getter: the outer call goes on and reports that value as unreadable).
let busy = false;
function reentered(what) {{
  return new TypeError(`workspace-requests: ${{what}} was called from inside a value it was reading (a getter, a Proxy trap or toJSON); call it afterwards`);
}}

function unknown(endpoint) {{
  const shown = typeof endpoint === "string"
    ? JSON.stringify(endpoint.length > 40 ? endpoint.slice(0, 40) + "…" : endpoint)
    : "a value that is no string";
  return new TypeError(`unknown endpoint id ${{shown}}; known ids: ${{IDS.join(", ")}}`);
}}

function entry(table, endpoint) {{
  if (typeof endpoint === "string" && own.call(table, endpoint)) return table[endpoint];
  throw unknown(endpoint);
}}

function endpointIndex(endpoint) {{
  const i = INDEX.get(endpoint);
  if (i === undefined) throw unknown(endpoint);
  return i;
}}

/**
 * `strict` from the options of validate, validateMany and jsonSchema (`{{ strict?: boolean }}`): a
 * mistyped or unknown option is a TypeError, never silently the default.
 */
function strictOption(options, what) {{
  if (options === undefined || options === null) return false;
  if (typeof options !== "object") throw new TypeError(`${{what}}: options must be an object such as {{ strict: true }}`);
  for (const key of Object.keys(options)) {{
    if (key !== "strict") throw new TypeError(`${{what}}: unknown option ${{JSON.stringify(key.slice(0, 40))}}; known: strict`);
  }}
  const strict = options.strict;
  if (strict === undefined) return false;
  if (typeof strict !== "boolean") throw new TypeError(`${{what}}: options.strict must be a boolean`);
  return strict;
}}

/**
 * The package's functions over a wasm module's exports: `validate` and `validateMany` over
 * `check(endpointIndex, body)`, which answers `undefined` for a body with neither issues nor
 * warnings (the common case builds no result in wasm), and the request builder and clients of
 * js/client.js. `guard` runs first on every call (the browser entry checks that init() has run).
 */
{bind_fn}(wasm, guard = () => {{}}) {{
  const check = wasm.check;
  function validate(endpoint, body, options) {{
    guard();
    const strict = options === undefined ? false : strictOption(options, "validate");
    const index = endpointIndex(endpoint);
    if (busy) throw reentered("validate");
    busy = true;
    let result;
    try {{
      result = check(index, body, strict);
    }} finally {{
      busy = false;
    }}
    return result === undefined ? {{ ok: true, issues: [], warnings: [] }} : result;
  }}
  function validateMany(endpoint, bodies, options) {{
    guard();
    const index = endpointIndex(endpoint);
    const strict = strictOption(options, "validateMany");
    if (!Array.isArray(bodies)) throw new TypeError("validateMany expects an array of bodies");
    if (busy) throw reentered("validateMany");
    busy = true;
    try {{
      const results = new Array(bodies.length);
      for (let n = 0; n < bodies.length; n++) {{
        let body;
        try {{ body = bodies[n]; }} catch (_) {{ body = UNREADABLE; }}
        const result = check(index, body, strict);
        results[n] = result === undefined ? {{ ok: true, issues: [], warnings: [] }} : result;
      }}
      return results;
    }} finally {{
      busy = false;
    }}
  }}
  return {{ validate, validateMany, ...requests(wasm, guard, validate) }};
}}

{client}
{exports}
/** `[{{id, api, method, path, summary}}]` of every endpoint. */
{endpoints_fn}() {{
  return JSON.parse(ENDPOINTS);
}}

/** The endpoint's schema as plain data: enough for a UI to render a form. */
{describe_fn}(endpoint) {{
  return JSON.parse(entry(DESCRIPTIONS, endpoint));
}}

/** A JSON Schema (2020-12) accepting what `validate` accepts for the endpoint, in the same mode. */
{schema_fn}(endpoint, options) {{
  return JSON.parse(entry(strictOption(options, "jsonSchema") ? STRICT_SCHEMAS : SCHEMAS, endpoint));
}}
"#,
        strict = if cjs { "\"use strict\";\n" } else { "" },
        endpoints_fn = export("endpoints"),
        describe_fn = export("describe"),
        schema_fn = export("jsonSchema"),
        bind_fn = export("bind"),
        client = include_str!("../js/client.js"),
        exports = error_exports(cjs),
    );
}
