//! Results handed back to JavaScript as plain objects, a whole result in one call.

use wasm_bindgen::JsValue;

use super::js::report;
use crate::engine::issue::{Code, Issue, Report};
use crate::schema::endpoints::ENDPOINTS;

thread_local! {
    /// The issue codes, in [`Code::ALL`] order, as JS strings.
    static CODES: JsValue = Code::ALL.iter().map(|c| JsValue::from_str(c.as_str())).collect::<js_sys::Array>().into();
    /// The endpoints' body error codes, in endpoint order, as JS strings.
    static APIS: JsValue = ENDPOINTS.iter().map(|e| JsValue::from_str(e.body_error)).collect::<js_sys::Array>().into();
}

fn utf16_len(s: &str) -> u32 {
    let n = if s.is_ascii() { s.len() } else { s.encode_utf16().count() };
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn index<T: PartialEq>(list: impl IntoIterator<Item = T>, x: T) -> u32 {
    list.into_iter().position(|y| y == x).and_then(|i| u32::try_from(i).ok()).unwrap_or(0)
}

/// `{ok, issues, warnings}`.
pub fn to_js(report_: &Report) -> JsValue {
    let mut text = String::new();
    let mut meta = Vec::with_capacity(5 * (report_.issues.len() + report_.warnings.len()));
    let mut add = |severity: u32, i: &Issue| {
        text.push_str(&i.path);
        text.push_str(&i.message);
        meta.extend([
            severity,
            utf16_len(&i.path),
            utf16_len(&i.message),
            index(Code::ALL, i.code),
            // Warnings have no API code: the JS side writes null for them.
            i.api_code.map_or(0, |code| index(ENDPOINTS.iter().map(|e| e.body_error), code)),
        ]);
    };
    report_.issues.iter().for_each(|i| add(0, i));
    report_.warnings.iter().for_each(|i| add(1, i));
    CODES.with(|codes| APIS.with(|apis| report(&text, &meta, codes, apis)))
}
