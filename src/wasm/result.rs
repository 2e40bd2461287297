//! Results handed back to JavaScript as plain objects.

use wasm_bindgen::JsValue;

use super::js::{key_js, with_key};
use crate::issue::{Issue, Report};

fn set(o: &js_sys::Object, k: &'static str, v: &JsValue) {
    // Setting a data property on a fresh plain object cannot throw.
    let _ = with_key(k, |k| js_sys::Reflect::set(o, k, v));
}

fn list(items: &[Issue]) -> js_sys::Array {
    items
        .iter()
        .map(|i| {
            let o = js_sys::Object::new();
            set(&o, "path", &JsValue::from_str(&i.path));
            set(&o, "code", &key_js(i.code.as_str()));
            set(&o, "message", &JsValue::from_str(&i.message));
            set(&o, "apiCode", &key_js(i.api_code));
            JsValue::from(o)
        })
        .collect()
}

/// `{ok, issues, warnings}`.
pub fn to_js(report: &Report) -> JsValue {
    let o = js_sys::Object::new();
    set(&o, "ok", &JsValue::from_bool(report.ok()));
    set(&o, "issues", &list(&report.issues));
    set(&o, "warnings", &list(&report.warnings));
    o.into()
}
