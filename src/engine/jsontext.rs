//! A JSON syntax check without building values: is a text exactly one JSON object (RFC 8259, as
//! `JSON.parse` reads it)? Used for `service_account_file`, so the validator needs no JSON parser.
//! Iterative (a counter, not recursion), so any nesting depth is safe.

/// Why a text is not a JSON object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotObject {
    Invalid,
    Array,
    String,
    Scalar,
}

impl NotObject {
    /// The end of "must be a JSON-encoded object, but ...".
    pub fn reason(self) -> &'static str {
        match self {
            NotObject::Invalid => "it is not valid JSON",
            NotObject::Array => "it encodes an array",
            NotObject::String => "it encodes a string",
            NotObject::Scalar => "it encodes a single value",
        }
    }
    /// The name in an issue's params (`encodes`), stable like the codes.
    pub fn name(self) -> &'static str {
        match self {
            NotObject::Invalid => "invalid_json",
            NotObject::Array => "array",
            NotObject::String => "string",
            NotObject::Scalar => "scalar",
        }
    }
}

/// `Ok(())` when `text` is one JSON object (surrounded by optional whitespace).
pub fn check_object(text: &str) -> Result<(), NotObject> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    let first = b.get(i).copied();
    i = value(b, i).ok_or(NotObject::Invalid)?;
    if skip_ws(b, i) != b.len() {
        return Err(NotObject::Invalid);
    }
    match first {
        Some(b'{') => Ok(()),
        Some(b'[') => Err(NotObject::Array),
        Some(b'"') => Err(NotObject::String),
        _ => Err(NotObject::Scalar),
    }
}

/// Whether `text` is exactly one JSON value (surrounded by optional whitespace), as `JSON.parse`
/// reads it. The binding checks this before calling `JSON.parse`, so that text which is not JSON
/// never takes the exception path (whose error value would hold a table slot).
pub fn is_json(text: &str) -> bool {
    let b = text.as_bytes();
    let start = skip_ws(b, 0);
    value(b, start).is_some_and(|end| skip_ws(b, end) == b.len())
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Parses one value starting at `i` (after whitespace); returns the index after it.
fn value(b: &[u8], start: usize) -> Option<usize> {
    // What each open container expects next.
    #[derive(Clone, Copy, PartialEq)]
    enum Open {
        Array,
        Object,
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut i = skip_ws(b, start);
    loop {
        // A value (or the end of an empty container).
        match b.get(i)? {
            b'{' => {
                i = skip_ws(b, i + 1);
                if b.get(i) == Some(&b'}') {
                    i += 1;
                } else {
                    stack.push(Open::Object);
                    i = string(b, i)?;
                    i = skip_ws(b, i);
                    if b.get(i) != Some(&b':') {
                        return None;
                    }
                    i = skip_ws(b, i + 1);
                    continue;
                }
            }
            b'[' => {
                i = skip_ws(b, i + 1);
                if b.get(i) == Some(&b']') {
                    i += 1;
                } else {
                    stack.push(Open::Array);
                    continue;
                }
            }
            b'"' => i = string(b, i)?,
            b't' => i = literal(b, i, b"true")?,
            b'f' => i = literal(b, i, b"false")?,
            b'n' => i = literal(b, i, b"null")?,
            _ => i = number(b, i)?,
        }
        // After a value: close containers or move to the next element.
        loop {
            let Some(&top) = stack.last() else { return Some(i) };
            i = skip_ws(b, i);
            match (b.get(i)?, top) {
                (b',', Open::Array) => {
                    i = skip_ws(b, i + 1);
                    break;
                }
                (b',', Open::Object) => {
                    i = string(b, skip_ws(b, i + 1))?;
                    i = skip_ws(b, i);
                    if b.get(i) != Some(&b':') {
                        return None;
                    }
                    i = skip_ws(b, i + 1);
                    break;
                }
                (b']', Open::Array) | (b'}', Open::Object) => {
                    stack.pop();
                    i += 1;
                }
                _ => return None,
            }
        }
    }
}

fn literal(b: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    (b.get(i..i + word.len())? == word).then_some(i + word.len())
}

fn string(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let mut i = i + 1;
    loop {
        match *b.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => {
                i += 1;
                match *b.get(i)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 1,
                    b'u' => {
                        let hex = b.get(i + 1..i + 5)?;
                        if !hex.iter().all(u8::is_ascii_hexdigit) {
                            return None;
                        }
                        i += 5;
                    }
                    _ => return None,
                }
            }
            0x00..=0x1f => return None,
            _ => i += 1,
        }
    }
}

fn number(b: &[u8], mut i: usize) -> Option<usize> {
    let digits = |b: &[u8], mut i: usize| {
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        (i > start).then_some(i)
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i)? {
        b'0' => i += 1,
        b'1'..=b'9' => i = digits(b, i)?,
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        i = digits(b, i + 1)?;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(b, i)?;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_json_takes_any_one_value() {
        for t in ["{}", " [1, 2] ", "\"s\"", "1e400", "null", "\"\\ud800\"", "-0.5"] {
            assert!(is_json(t), "{t}");
        }
        for t in ["", " ", "{", "1 2", "'a'", "[1,]", "nul", "\u{feff}{}"] {
            assert!(!is_json(t), "{t:?}");
        }
    }

    #[test]
    fn objects_pass() {
        for t in [
            "{}",
            " { } ",
            r#"{"type":"service_account","private_key":"-----BEGIN\nKEY-----","n":[1,-2.5e+3,0,true,false,null,{"a":[]}]}"#,
            r#"{"\u00e9\"\\\/\b\f\n\r\t":"x"}"#,
            "{\"k\":\"é😀\"}",
        ] {
            assert_eq!(check_object(t), Ok(()), "{t}");
        }
    }

    #[test]
    fn everything_else_fails_with_its_reason() {
        assert_eq!(check_object("[1]"), Err(NotObject::Array));
        assert_eq!(check_object("\"{}\""), Err(NotObject::String));
        assert_eq!(check_object("12"), Err(NotObject::Scalar));
        assert_eq!(check_object("null"), Err(NotObject::Scalar));
        for t in [
            "",
            " ",
            "{",
            "}",
            "{,}",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "{a:1}",
            "{'a':1}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":.5}",
            "{\"a\":+1}",
            "{\"a\":1e}",
            "{\"a\":tru}",
            "{\"a\":\"\n\"}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\u12\"}",
            "{} {}",
            "{}x",
            "{\"a\":[1,]}",
            "{\"a\":[1 2]}",
            "{\"a\":NaN}",
            "{\"a\":Infinity}",
            "{\"a\":1]",
            "[}",
        ] {
            assert_eq!(check_object(t), Err(NotObject::Invalid), "{t:?}");
        }
    }

    #[test]
    fn deep_nesting_is_safe() {
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(1_000_000), "]".repeat(1_000_000));
        assert_eq!(check_object(&deep), Ok(()));
        let open = format!("{{\"a\":{}", "[".repeat(1_000_000));
        assert_eq!(check_object(&open), Err(NotObject::Invalid));
    }

    #[test]
    fn lone_surrogate_escapes_pass_as_in_json_parse() {
        assert_eq!(check_object("{\"a\":\"\\ud800\"}"), Ok(()));
    }

    #[test]
    fn agrees_with_serde_json() {
        let samples = [
            "{\"a\":1}",
            "{\"a\":[{}]}",
            "{\"a\":-0}",
            "{\"a\":1E5}",
            "{\"a\":-}",
            "{\"\":0}",
            "\u{feff}{}",
            "{\"a\":\"\u{7f}\"}",
        ];
        for t in samples {
            let ours = check_object(t).is_ok();
            let serde = matches!(serde_json::from_str::<serde_json::Value>(t), Ok(serde_json::Value::Object(_)));
            assert_eq!(ours, serde, "{t:?}");
        }
    }
}
