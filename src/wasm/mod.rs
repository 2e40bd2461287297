//! The wasm binding: `#[wasm_bindgen]` exports over the core, for the npm package.
//!
//! Thin by design: look the endpoint up, read the body through [`js::Js`], hand results back as
//! plain JS objects. Nothing here panics on user input; a bad endpoint id is a `TypeError`.
//! `endpoints()`, `describe()` and `jsonSchema()` are static data, generated at build time from the
//! same schemas (`examples/introspect.rs`), so the wasm module carries only the validator.

mod js;
mod result;

use wasm_bindgen::prelude::*;

use crate::endpoints::{Endpoint, ENDPOINTS};
pub use js::Js;

/// The endpoint named by a JS string, found without copying the string into wasm.
fn lookup(id: &JsValue) -> Result<&'static Endpoint, JsValue> {
    thread_local! {
        static IDS: JsValue = ENDPOINTS.iter().map(|e| JsValue::from_str(e.id)).collect::<js_sys::Array>().into();
    }
    let found = IDS.with(|ids| usize::try_from(js::index_of(ids, id)).ok()).and_then(|i| ENDPOINTS.get(i));
    found.ok_or_else(|| {
        let ids: Vec<&str> = ENDPOINTS.iter().map(|e| e.id).collect();
        let shown = match id.as_string() {
            Some(s) => crate::message::quote(&s),
            None => "a value that is no string".to_string(),
        };
        js_sys::TypeError::new(&format!("unknown endpoint id {shown}; known ids: {}", ids.join(", "))).into()
    })
}

/// `validate(endpoint, body)`: every problem of `body`, never throwing for any body.
#[wasm_bindgen(js_name = validate, skip_typescript)]
pub fn validate(endpoint: JsValue, body: JsValue) -> Result<JsValue, JsValue> {
    let ep = lookup(&endpoint)?;
    Ok(result::to_js(&crate::validate(ep, &Js::new(body))))
}

/// `validateMany(endpoint, bodies)`: one result per element of an array, in one call.
#[wasm_bindgen(js_name = validateMany, skip_typescript)]
pub fn validate_many(endpoint: JsValue, bodies: JsValue) -> Result<JsValue, JsValue> {
    use crate::value::{Kind, Value};
    let ep = lookup(&endpoint)?;
    let list = Js::new(bodies);
    if list.kind() != Kind::Array {
        return Err(js_sys::TypeError::new("validateMany expects an array of bodies").into());
    }
    let out = js_sys::Array::new();
    for i in 0..list.array_len() {
        let report = match list.at(i) {
            Some(body) => crate::validate(ep, &body),
            None => crate::validate(ep, &Js::new(JsValue::UNDEFINED)),
        };
        out.push(&result::to_js(&report));
    }
    Ok(out.into())
}
