//! Results handed back to JavaScript as plain objects, a whole result in one call.

use wasm_bindgen::JsValue;

use super::js::report;
use crate::engine::issue::{Code, Detail, Severity, Sink};
use crate::engine::message::render_into;
use crate::engine::params::params_into;
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

/// 60 bits of FNV-1a (64) over the bytes, as two 30-bit halves (small integers in JS): the key
/// `report` caches a params object under, with the text's length. Comparing the text itself in
/// JS cost more than parsing it; with at most 4096 entries cached, a new text meets a false hit
/// with a chance of 4096 / 2^60 (docs/decisions.md).
fn text_hash(s: &str) -> [u32; 2] {
    let h = s.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    // Truncations to 30 bits each: the masks make them exact.
    [(h & 0x3fff_ffff) as u32, ((h >> 34) & 0x3fff_ffff) as u32]
}

fn index<T: PartialEq>(list: impl IntoIterator<Item = T>, x: T) -> u32 {
    list.into_iter().position(|y| y == x).and_then(|i| u32::try_from(i).ok()).unwrap_or(0)
}

/// A sink that writes each finding's path, message and params straight into one text, with its entry in
/// `meta`: what [`report`] takes, without a [`Report`] in between.
pub struct TextSink {
    text: String,
    meta: Vec<u32>,
    api: u32,
    /// Whether an issue (not only warnings) was found.
    issues: bool,
}

impl TextSink {
    pub fn new(ep: &Endpoint) -> TextSink {
        // APIS lists each endpoint's code in table order: the endpoint's own position names it.
        let api = ENDPOINTS.iter().position(|e| std::ptr::eq(e, ep)).and_then(|i| u32::try_from(i).ok()).unwrap_or(0);
        TextSink { text: String::with_capacity(512), meta: Vec::with_capacity(40), api, issues: false }
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
        // The pointer and the message are written straight into the text, back to back.
        let start = self.text.len();
        path.pointer_into(&mut self.text);
        let middle = self.text.len();
        render_into(&mut self.text, path, code, field, &detail);
        let end = self.text.len();
        params_into(&mut self.text, &detail);
        let issue = severity == Severity::Issue;
        self.issues |= issue;
        self.meta.extend([
            u32::from(!issue),
            utf16_len(self.text.get(start..middle).unwrap_or("")),
            utf16_len(self.text.get(middle..end).unwrap_or("")),
            index(Code::ALL, code),
            // Warnings have no API code: the JS side writes null for them.
            if issue { self.api } else { 0 },
            utf16_len(self.text.get(end..).unwrap_or("")),
        ]);
        self.meta.extend(text_hash(self.text.get(end..).unwrap_or("")));
    }
}

/// Validates `body` for `ep` into a JS result (`undefined` when nothing was found), and whether
/// it found an issue.
pub fn check<V: crate::engine::value::Value>(ep: &Endpoint, body: &V, options: ValidationOptions) -> (JsValue, bool) {
    let mut sink = TextSink::new(ep);
    crate::engine::validate_into(ep.body, body, options, &mut sink);
    // The generic reader's state of this validation (arrays it registered, key lists) goes now.
    super::js::end_validation();
    let issues = sink.issues;
    (sink.finish(), issues)
}
