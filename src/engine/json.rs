//! Validating a body given as JSON text (the CLI example, and any caller holding a string).
//!
//! The text is read by [`parse`], which accepts exactly what `JSON.parse` accepts and builds what
//! it builds: numbers past the f64 range become infinite (a value JSON cannot send, as in the
//! wasm binding), escaped lone surrogates become U+FFFD, keys keep their order, and a repeated key
//! keeps its first place and its last value. So the native entry point and the npm package judge
//! the same text the same way.

use crate::engine::issue::{Code, Detail, Report, Severity, Sink};
use crate::engine::message::ReportSink;
use crate::engine::path::Path;
use crate::engine::validate::{validate_with, MAX_DEPTH};
use crate::engine::value::{Kind, Value};
use crate::schema::endpoints::{endpoint, Endpoint};
use crate::schema::ValidationOptions;
use std::borrow::Cow;

/// Why a text could not be validated at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    UnknownEndpoint(String),
    /// The text is not JSON; the message says where.
    Syntax(String),
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JsonError::UnknownEndpoint(id) => {
                let ids: Vec<&str> = crate::schema::endpoints::ENDPOINTS.iter().map(|e| e.id).collect();
                write!(f, "unknown endpoint id {}; known ids: {}", crate::engine::text::quote(id), ids.join(", "))
            }
            JsonError::Syntax(m) => write!(f, "the body is not valid JSON: {m}"),
        }
    }
}

impl std::error::Error for JsonError {}

/// A JSON value as `JSON.parse` builds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// Infinite for a number past the f64 range (`1e400`).
    Number(f64),
    String(String),
    Array(Vec<Json>),
    /// Keys in order; each key once.
    Object(Vec<(String, Json)>),
}

/// How deeply arrays and objects nest in a JSON text (0 for a scalar). Never fails: text that
/// is not JSON still gets a number, and the parser reports the syntax error afterwards.
pub fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Parses a JSON text as `JSON.parse` does. Texts nested deeper than `MAX_DEPTH + 1` levels are
/// refused (the caller checks [`nesting_depth`] first and reports them as an issue instead).
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut p = Parser { b: text.as_bytes(), text, i: 0 };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i < p.b.len() {
        return Err(p.error("unexpected text after the JSON value"));
    }
    Ok(v)
}

struct Parser<'t> {
    b: &'t [u8],
    text: &'t str,
    i: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> JsonError {
        let before = self.text.get(..self.i).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        JsonError::Syntax(format!("{what} at line {line} column {column}"))
    }

    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn literal(&mut self, word: &[u8], v: Json) -> Result<Json, JsonError> {
        if self.b.get(self.i..self.i + word.len()) == Some(word) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH + 1 {
            return Err(self.error("nested too deeply"));
        }
        match self.b.get(self.i) {
            None => Err(self.error("unexpected end of text")),
            Some(b'n') => self.literal(b"null", Json::Null),
            Some(b't') => self.literal(b"true", Json::Bool(true)),
            Some(b'f') => self.literal(b"false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    self.ws();
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(self.error("expected ',' or ']'")),
                    }
                }
            }
            Some(b'{') => {
                self.i += 1;
                let mut entries: Vec<(String, Json)> = Vec::new();
                let mut index: Option<std::collections::HashMap<String, usize>> = None;
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(Json::Object(entries));
                }
                loop {
                    self.ws();
                    if self.b.get(self.i) != Some(&b'"') {
                        return Err(self.error("expected a key (a string)"));
                    }
                    let key = self.string()?;
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return Err(self.error("expected ':'"));
                    }
                    self.i += 1;
                    self.ws();
                    let v = self.value(depth + 1)?;
                    // A repeated key keeps its first place and takes the last value, as in JS.
                    // Small objects are searched; larger ones get an index.
                    let at = match &mut index {
                        Some(map) => map.get(&key).copied(),
                        None => entries.iter().position(|(k, _)| *k == key),
                    };
                    match at.and_then(|at| entries.get_mut(at)) {
                        Some(slot) => slot.1 = v,
                        None => {
                            if let Some(map) = &mut index {
                                map.insert(key.clone(), entries.len());
                            }
                            entries.push((key, v));
                            if index.is_none() && entries.len() > 16 {
                                index = Some(entries.iter().enumerate().map(|(n, (k, _))| (k.clone(), n)).collect());
                            }
                        }
                    }
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Json::Object(entries));
                        }
                        _ => return Err(self.error("expected ',' or '}'")),
                    }
                }
            }
            Some(_) => Err(self.error("expected a JSON value")),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.i;
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match self.b.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("expected a digit")),
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.error("expected a digit after '.'"));
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        // The grammar is checked; Rust reads it as JS does (correctly rounded, ±∞ past the range).
        let text = self.text.get(start..self.i).unwrap_or("0");
        text.parse::<f64>().map(Json::Number).map_err(|_| self.error("expected a number"))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.b.get(self.i..self.i + 4).ok_or_else(|| self.error("expected four hex digits"))?;
        let mut n = 0u32;
        for &d in digits {
            let v = char::from(d).to_digit(16).ok_or_else(|| self.error("expected four hex digits"))?;
            n = n * 16 + v;
        }
        self.i += 4;
        Ok(n)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.i += 1; // the opening quote
        let mut out = String::new();
        loop {
            let start = self.i;
            while self.b.get(self.i).is_some_and(|&c| c != b'"' && c != b'\\' && c >= 0x20) {
                self.i += 1;
            }
            // Runs between quotes and escapes are whole UTF-8 sequences of the input.
            out.push_str(self.text.get(start..self.i).unwrap_or(""));
            match self.b.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.b.get(self.i) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4()?;
                            let c = if (0xd800..0xdc00).contains(&hi) && self.b.get(self.i..self.i + 2) == Some(b"\\u")
                            {
                                let save = self.i;
                                self.i += 2;
                                let lo = self.hex4()?;
                                if (0xdc00..0xe000).contains(&lo) {
                                    char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))
                                } else {
                                    // A lone high surrogate; the next escape is read on its own.
                                    self.i = save;
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            // What a Rust string cannot hold (a lone surrogate) reads as U+FFFD,
                            // as the wasm binding reads such a JS string.
                            out.push(c.unwrap_or('\u{fffd}'));
                            continue;
                        }
                        _ => return Err(self.error("invalid escape in a string")),
                    };
                    out.push(c);
                    self.i += 1;
                }
                Some(_) => return Err(self.error("control character in a string (escape it)")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }
}

impl Value for &Json {
    fn kind(&self) -> Kind {
        match self {
            Json::Null => Kind::Null,
            Json::Bool(_) => Kind::Bool,
            // JSON.stringify sends a non-finite number as null: not the number it was.
            Json::Number(n) if !n.is_finite() => Kind::Other,
            Json::Number(_) => Kind::Number,
            Json::String(_) => Kind::String,
            Json::Array(_) => Kind::Array,
            Json::Object(_) => Kind::Object,
        }
    }
    fn get(&self, key: &'static str) -> Option<Self> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        match self {
            Json::String(s) => Some(Cow::Borrowed(s)),
            _ => None,
        }
    }
    fn array_len(&self) -> usize {
        match self {
            Json::Array(a) => a.len(),
            _ => 0,
        }
    }
    fn at(&self, index: usize) -> Option<Self> {
        match self {
            Json::Array(a) => a.get(index),
            _ => None,
        }
    }
    fn key_count(&self) -> usize {
        match self {
            Json::Object(entries) => entries.len(),
            _ => 0,
        }
    }
    fn entries(&self, start: usize, count: usize) -> Vec<(String, Self)> {
        match self {
            Json::Object(entries) => {
                entries.iter().skip(start).take(count).map(|(k, v)| (crate::engine::value::bounded_key(k), v)).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// Validates a JSON text for the endpoint `id`, in the default mode.
///
/// A text nested deeper than [`MAX_DEPTH`] gets one `invalid_value` issue at `""` without being
/// parsed, so no input can exhaust the stack.
pub fn validate_json(id: &str, text: &str) -> Result<Report, JsonError> {
    validate_json_with(id, text, ValidationOptions::default())
}

/// [`validate_json`] with options (`strict`).
pub fn validate_json_with(id: &str, text: &str, options: ValidationOptions) -> Result<Report, JsonError> {
    let ep = endpoint(id).ok_or_else(|| JsonError::UnknownEndpoint(id.to_string()))?;
    validate_json_for(ep, text, options)
}

/// [`validate_json`] for an endpoint already looked up.
pub fn validate_json_for(ep: &Endpoint, text: &str, options: ValidationOptions) -> Result<Report, JsonError> {
    if nesting_depth(text) > MAX_DEPTH + 1 {
        let mut sink = ReportSink { report: Report::default(), api_code: ep.body_error };
        sink.push(Severity::Issue, &Path::new(), Code::InvalidValue, None, Detail::TooDeep { limit: MAX_DEPTH });
        return Ok(sink.report);
    }
    let value = parse(text)?;
    Ok(validate_with(ep, &&value, options))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_ignores_brackets_in_strings() {
        assert_eq!(nesting_depth("1"), 0);
        assert_eq!(nesting_depth(r#"{"a":[{"b":"[[[{"}]}"#), 3);
        assert_eq!(nesting_depth(r#"["\"[[["]"#), 1);
        assert_eq!(nesting_depth("]]]{"), 1);
    }

    #[test]
    fn reads_what_json_parse_reads() {
        assert_eq!(parse("1e400"), Ok(Json::Number(f64::INFINITY)));
        assert_eq!(parse("-1e400"), Ok(Json::Number(f64::NEG_INFINITY)));
        assert_eq!(parse(r#""\ud83d""#), Ok(Json::String("\u{fffd}".into())));
        assert_eq!(parse(r#""\ud83d\ude00""#), Ok(Json::String("😀".into())));
        assert_eq!(parse(r#""\ud83dx\ude00""#), Ok(Json::String("\u{fffd}x\u{fffd}".into())));
        assert_eq!(parse(r#""\ud83d\u0041""#), Ok(Json::String("\u{fffd}A".into())));
        assert_eq!(
            parse(" [1, -0.5e-3, true, null, \"é\\n\"] "),
            Ok(Json::Array(vec![
                Json::Number(1.0),
                Json::Number(-0.0005),
                Json::Bool(true),
                Json::Null,
                Json::String("é\n".into()),
            ]))
        );
        let dup = parse(r#"{"b":1,"a":2,"b":3}"#);
        assert_eq!(dup, Ok(Json::Object(vec![("b".into(), Json::Number(3.0)), ("a".into(), Json::Number(2.0))])));
        let many: String = (0..40).map(|i| format!("\"k{}\":{i},", i % 20)).collect();
        let Ok(Json::Object(entries)) = parse(&format!("{{{}\"end\":0}}", many)) else { panic!("object") };
        assert_eq!(entries.len(), 21);
        assert_eq!(entries[0], ("k0".to_string(), Json::Number(20.0)));
    }

    #[test]
    fn refuses_what_json_parse_refuses() {
        for bad in [
            "",
            " ",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "-",
            "[1,]",
            "{\"a\":1,}",
            "{'a':1}",
            "\"\t\"",
            "\"\\x\"",
            "\"\\u12\"",
            "nul",
            "[1 2]",
            "{\"a\" 1}",
            "1 2",
            "\u{feff}{}",
            "NaN",
            "Infinity",
            "[",
            "\"abc",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} must not parse");
        }
        assert_eq!(
            parse("{\n  \"a\": ,\n}"),
            Err(JsonError::Syntax("expected a JSON value at line 2 column 8".into()))
        );
    }
}
