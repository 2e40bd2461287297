//! The wasm binding: `#[wasm_bindgen]` exports over the core, for the npm package.
//!
//! Thin by design: judge the body the fast path's reader measured ([`fast`], `checkFast`) or read
//! it through the generic reader ([`js::Js`], `check`), hand results back as plain JS objects.
//! Nothing here panics on user input. Endpoint ids are mapped to indices in JS.
//! `endpoints()`, `describe()` and `jsonSchema()` are static data, generated at build time from the
//! same schemas (`src/bin/gen.rs`), so the wasm module carries only the validator.

#[cfg(feature = "client")]
pub mod client;
pub mod convert;
mod fast;
mod js;
mod result;

use wasm_bindgen::prelude::*;

/// `check(endpointIndex, body, strict)`: every problem of `body` for `ENDPOINTS[endpointIndex]` as
/// `{ok, issues, warnings}`, or `undefined` when there is none at all. Never throws for any body.
/// The package's `validate` maps endpoint ids to indices, its options to `strict`, and
/// `undefined` to a clean result in JS (js/validate.js).
#[wasm_bindgen(js_name = check, skip_typescript)]
pub fn check(index: u32, body: JsValue, strict: bool) -> Result<JsValue, convert::BindingError> {
    let ep = convert::endpoint(index)?;
    // Through the fast path's value type, delegating every read to the generic reader: the
    // engine is compiled once, for one value type.
    let (found, _) = result::check(ep, &fast::Fast::generic(body), crate::ValidationOptions { strict });
    Ok(found)
}
