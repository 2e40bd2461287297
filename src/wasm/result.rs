//! Results handed back to JavaScript as plain objects, a whole result in one call.

use wasm_bindgen::JsValue;

use super::js::report;
use crate::engine::issue::{Code, Detail, Severity, Sink};
#[cfg(feature = "client")]
use crate::engine::issue::{Issue, Report};
use crate::engine::message::render;
use crate::engine::path::Path;
use crate::schema::endpoints::{Endpoint, ENDPOINTS};
use crate::schema::{Field, ValidationOptions};

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

/// `{ok, issues, warnings}` of a report already made (the clients' build step).
#[cfg(feature = "client")]
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

/// A sink that writes each finding's path and message straight into one text, with its entry in
/// `meta`: what [`report`] takes, without a [`Report`] in between.
pub struct TextSink {
    text: String,
    meta: Vec<u32>,
    api: u32,
}

impl TextSink {
    pub fn new(ep: &Endpoint) -> TextSink {
        let api = index(ENDPOINTS.iter().map(|e| e.body_error), ep.body_error);
        TextSink { text: String::new(), meta: Vec::new(), api }
    }

    /// `undefined` when nothing was found, else `{ok, issues, warnings}`.
    pub fn finish(self) -> JsValue {
        if self.meta.is_empty() {
            return JsValue::UNDEFINED;
        }
        CODES.with(|codes| APIS.with(|apis| report(&self.text, &self.meta, codes, apis)))
    }
}

impl Sink for TextSink {
    fn push(&mut self, severity: Severity, path: &Path, code: Code, field: Option<&Field>, detail: Detail) {
        let pointer = path.pointer();
        let message = render(path, code, field, &detail);
        self.text.push_str(&pointer);
        self.text.push_str(&message);
        let issue = severity == Severity::Issue;
        self.meta.extend([
            u32::from(!issue),
            utf16_len(&pointer),
            utf16_len(&message),
            index(Code::ALL, code),
            // Warnings have no API code: the JS side writes null for them.
            if issue { self.api } else { 0 },
        ]);
    }
}

/// Validates `body` for `ep` into a JS result (`undefined` when nothing was found).
pub fn check<V: crate::engine::value::Value>(ep: &Endpoint, body: &V, options: ValidationOptions) -> JsValue {
    let mut sink = TextSink::new(ep);
    crate::engine::validate_into(ep.body, body, options, &mut sink);
    sink.finish()
}
