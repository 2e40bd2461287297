//! Building requests: URL, headers, the body with secrets redacted, and a curl command.
//!
//! Pure functions over [`Value`], so the wasm binding and native callers share them. Sending is
//! the binding's job (`src/wasm/client.rs`).

use crate::endpoints::{Api, Endpoint};
use crate::schema::{Field, Schema, Type};
use crate::value::{Kind, Value};

pub const DATABRAIN_BASE_URL: &str = "https://api.usedatabrain.com";
pub const PARADIGM_BASE_URL: &str = "https://api.lighton.ai";

/// What stands in for a secret value in a redacted body.
pub const REDACTED: &str = "<redacted>";

/// The largest workspace id JavaScript holds exactly (2^53 - 1).
const MAX_ID: f64 = 9_007_199_254_740_991.0;

/// Why a request cannot be built (the body aside: that is validation's report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// The base URL is not an absolute http(s) URL without query or fragment.
    BaseUrl(String),
    /// A Paradigm endpoint needs the workspace id.
    MissingId,
    /// The id is not an integer from 1 to 2^53 - 1 (the message says what it is).
    InvalidId(String),
    /// A Databrain endpoint was given an id it has no place for.
    UnexpectedId,
    /// The token is missing, empty, or holds characters a header cannot.
    Token(&'static str),
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::BaseUrl(why) => write!(f, "baseUrl {why}"),
            RequestError::MissingId => f.write_str("this endpoint needs the workspace id (an integer)"),
            RequestError::InvalidId(found) => {
                write!(f, "the workspace id must be an integer from 1 to 9007199254740991, found {found}")
            }
            RequestError::UnexpectedId => f.write_str("Databrain endpoints take no id"),
            RequestError::Token(why) => write!(f, "token {why}"),
        }
    }
}

impl std::error::Error for RequestError {}

/// The default base URL of an API.
pub fn default_base_url(api: Api) -> &'static str {
    match api {
        Api::Databrain => DATABRAIN_BASE_URL,
        Api::Paradigm => PARADIGM_BASE_URL,
    }
}

/// Checks a base URL and trims its trailing slashes: `https://bi.example.com/databrain/` gives
/// `https://bi.example.com/databrain`, to which the endpoint's path is appended.
pub fn base_url(base: &str) -> Result<&str, RequestError> {
    let lower = base.get(..8).unwrap_or(base).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        base.get(8..)
    } else if lower.starts_with("http://") {
        base.get(7..)
    } else {
        return Err(RequestError::BaseUrl(format!(
            "must start with http:// or https://, found {}",
            crate::message::quote(base)
        )));
    };
    let rest = rest.unwrap_or("");
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err(RequestError::BaseUrl("has no host".to_string()));
    }
    if base.contains(['?', '#']) {
        return Err(RequestError::BaseUrl("must not have a query or a fragment".to_string()));
    }
    if base.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(RequestError::BaseUrl("must not contain spaces or control characters".to_string()));
    }
    Ok(base.trim_end_matches('/'))
}

/// The full URL of a request: base (or the API's default) + path, with the Paradigm workspace id.
pub fn url(ep: &Endpoint, base: Option<&str>, id: Option<f64>) -> Result<String, RequestError> {
    let base = base_url(base.unwrap_or(default_base_url(ep.api)))?;
    let has_id = ep.path.contains("{id}");
    let path = match (has_id, id) {
        (true, None) => return Err(RequestError::MissingId),
        (true, Some(n)) if !(n.is_finite() && n.fract() == 0.0 && (1.0..=MAX_ID).contains(&n)) => {
            return Err(RequestError::InvalidId(describe_number(n)));
        }
        (true, Some(n)) => ep.path.replace("{id}", &format!("{}", n as u64)),
        (false, Some(_)) => return Err(RequestError::UnexpectedId),
        (false, None) => ep.path.to_string(),
    };
    Ok(format!("{base}{path}"))
}

/// A number for a message, without float formatting (which would cost the wasm module ~14 kB).
fn describe_number(n: f64) -> String {
    if n.is_nan() {
        "NaN".to_string()
    } else if n.is_infinite() {
        (if n > 0.0 { "Infinity" } else { "-Infinity" }).to_string()
    } else if n.fract() != 0.0 {
        "a fractional number".to_string()
    } else if n.abs() < 1e18 {
        format!("{}", n as i64)
    } else {
        "a number out of range".to_string()
    }
}

/// Checks a bearer token: non-empty, and nothing a header line cannot hold.
pub fn token(t: &str) -> Result<&str, RequestError> {
    if t.trim().is_empty() {
        return Err(RequestError::Token("is empty"));
    }
    if t.chars().any(|c| c.is_control() || !c.is_ascii()) {
        return Err(RequestError::Token("must be printable ASCII (no line breaks)"));
    }
    Ok(t)
}

/// The request headers, in order.
pub fn headers(token: &str) -> [(&'static str, String); 3] {
    [
        ("Authorization", format!("Bearer {token}")),
        ("Content-Type", "application/json".to_string()),
        ("Accept", "application/json".to_string()),
    ]
}

/// A header's value as it may be shown: the credentials of `Authorization` (and
/// `Proxy-Authorization`) read [`REDACTED`] after their scheme word; other headers are unchanged.
pub fn redact_header(name: &str, value: &str) -> String {
    if !name.eq_ignore_ascii_case("authorization") && !name.eq_ignore_ascii_case("proxy-authorization") {
        return value.to_string();
    }
    match value.split_once(' ') {
        Some((scheme, _)) if !scheme.is_empty() => format!("{scheme} {REDACTED}"),
        _ => REDACTED.to_string(),
    }
}

/// Whether a key the schema does not define looks like it holds a secret (`pasword`, `apiKey`,
/// `client_secret`): such values are redacted too.
pub fn looks_secret(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["pass", "pwd", "secret", "token", "private", "credential", "apikey", "api_key", "accesskey", "access_key"]
        .iter()
        .any(|w| k.contains(w))
        || k.ends_with("key")
}

/// The body as JSON text, with every secret value replaced by [`REDACTED`] unless `reveal`.
/// Secret fields come from the schema (and the variant the body selects); keys the schema does
/// not define are redacted when their name looks secret. Serialises as `JSON.stringify` does:
/// keys whose values JSON cannot hold are left out, such array elements become `null`.
pub fn body_text<V: Value>(schema: Option<&'static Schema>, body: &V, reveal: bool) -> String {
    let mut out = String::with_capacity(256);
    write_value(&mut out, body, schema.map(Shape::Object), reveal, 0);
    out
}

/// What the schema says about the value being written.
#[derive(Clone, Copy)]
enum Shape {
    Object(&'static Schema),
    Type(&'static Type),
}

fn field_shape(f: &'static Field) -> Option<Shape> {
    match &f.ty {
        Type::Object(s) => Some(Shape::Object(s)),
        Type::Array(_) | Type::Nullable(_) => Some(Shape::Type(&f.ty)),
        _ => None,
    }
}

fn write_value<V: Value>(out: &mut String, v: &V, shape: Option<Shape>, reveal: bool, depth: usize) {
    if depth > crate::MAX_DEPTH + 1 {
        out.push_str("null");
        return;
    }
    match v.kind() {
        Kind::Null | Kind::Undefined | Kind::Other => out.push_str("null"),
        Kind::Bool => out.push_str(if v.as_bool() == Some(true) { "true" } else { "false" }),
        Kind::Number => out.push_str(&v.number_text().unwrap_or_else(|| "null".to_string())),
        Kind::String => write_string(out, &v.as_str().unwrap_or_default()),
        Kind::Array => {
            let item = match shape {
                Some(Shape::Type(Type::Array(item))) => match item {
                    Type::Object(s) => Some(Shape::Object(s)),
                    t => Some(Shape::Type(t)),
                },
                _ => None,
            };
            out.push('[');
            let mut chunk = Vec::new();
            let len = v.array_len();
            let mut start = 0;
            while start < len {
                chunk.clear();
                v.items(start, 64, &mut chunk);
                if chunk.is_empty() {
                    break;
                }
                for (offset, elem) in chunk.iter().enumerate() {
                    if start + offset > 0 {
                        out.push(',');
                    }
                    match elem {
                        Some(e) => write_value(out, e, item, reveal, depth + 1),
                        None => out.push_str("null"),
                    }
                }
                start += chunk.len();
            }
            out.push(']');
        }
        Kind::Object => {
            let schema = match shape {
                Some(Shape::Object(s)) => Some(s),
                Some(Shape::Type(Type::Nullable(Type::Object(s)))) => Some(*s),
                _ => None,
            };
            let variant = schema.and_then(|s| {
                let tag = s.union?.tag;
                let t = v.get(tag)?;
                let i = t.str_position(s.tag_options())??;
                s.union?.variants.get(i)
            });
            out.push('{');
            let mut first = true;
            for (key, value) in v.entries() {
                if matches!(value.kind(), Kind::Undefined | Kind::Other) {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                write_string(out, &key);
                out.push(':');
                let field = schema.and_then(|s| s.fields_for(variant).find(|f| f.name == key));
                let secret = match field {
                    Some(f) => f.secret,
                    // Unknown keys: a secret-looking name, or a near miss of a secret field.
                    None => {
                        looks_secret(&key)
                            || schema.is_some_and(|s| {
                                crate::suggest::suggest(&key, s.fields_for(variant).map(|f| f.name))
                                    .and_then(|near| s.fields_for(variant).find(|f| f.name == near))
                                    .is_some_and(|f| f.secret)
                            })
                    }
                };
                if secret && !reveal {
                    write_string(out, REDACTED);
                } else {
                    write_value(out, &value, field.and_then(field_shape), reveal, depth + 1);
                }
            }
            out.push('}');
        }
    }
}

/// A JSON string literal, escaped as `JSON.stringify` escapes it.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A word quoted for a POSIX shell: everything inside single quotes, each `'` as `'\''`.
pub fn shell_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// The environment variable a redacted curl command reads the token from.
pub fn token_variable(api: Api) -> &'static str {
    match api {
        Api::Databrain => "DATABRAIN_TOKEN",
        Api::Paradigm => "PARADIGM_TOKEN",
    }
}

/// A curl command for a request, one option per line. `headers` are sent as given, except that
/// with `token_variable` set, an `Authorization: Bearer …` header reads the token from that
/// environment variable instead of showing it.
pub fn curl(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&str>,
    token_variable: Option<&str>,
) -> String {
    let mut lines = vec![format!("curl --request {}", shell_quote(method)), format!("  --url {}", shell_quote(url))];
    for (name, value) in headers {
        let line = match token_variable {
            Some(var) if name.eq_ignore_ascii_case("authorization") && value.starts_with("Bearer ") => {
                // Double quotes so the shell expands the variable; the name is a fixed identifier.
                format!("  --header \"{name}: Bearer ${{{var}}}\"")
            }
            _ => format!("  --header {}", shell_quote(&format!("{name}: {value}"))),
        };
        lines.push(line);
    }
    if let Some(b) = body {
        lines.push(format!("  --data {}", shell_quote(b)));
    }
    lines.join(" \\\n")
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::*;
    use crate::endpoints::endpoint;
    use serde_json::json;

    fn ep(id: &str) -> &'static Endpoint {
        endpoint(id).expect("endpoint")
    }

    #[test]
    fn urls_join_base_and_path() {
        let cw = ep("databrain.createWorkspace");
        assert_eq!(url(cw, None, None).as_deref(), Ok("https://api.usedatabrain.com/api/v2/workspace"));
        for base in [
            "https://bi.example.com/databrain",
            "https://bi.example.com/databrain/",
            "https://bi.example.com/databrain//",
        ] {
            assert_eq!(url(cw, Some(base), None).as_deref(), Ok("https://bi.example.com/databrain/api/v2/workspace"));
        }
        assert_eq!(
            url(cw, Some("http://127.0.0.1:8787"), None).as_deref(),
            Ok("http://127.0.0.1:8787/api/v2/workspace")
        );
        let pw = ep("paradigm.updateWorkspace");
        assert_eq!(url(pw, None, Some(42.0)).as_deref(), Ok("https://api.lighton.ai/api/v3/workspaces/42"));
        let pt = ep("paradigm.testDatasource");
        assert_eq!(
            url(pt, Some("https://paradigm.acme.internal/"), Some(7.0)).as_deref(),
            Ok("https://paradigm.acme.internal/api/v3/workspaces/7/datasource/test")
        );
    }

    #[test]
    fn bad_bases_and_ids_are_errors() {
        let cw = ep("databrain.createWorkspace");
        assert!(matches!(url(cw, Some("api.usedatabrain.com"), None), Err(RequestError::BaseUrl(_))));
        assert!(matches!(url(cw, Some("ftp://x"), None), Err(RequestError::BaseUrl(_))));
        assert!(matches!(url(cw, Some("https://"), None), Err(RequestError::BaseUrl(_))));
        assert!(matches!(url(cw, Some("https://x/?a=1"), None), Err(RequestError::BaseUrl(_))));
        assert!(matches!(url(cw, Some("https://x/a b"), None), Err(RequestError::BaseUrl(_))));
        assert_eq!(url(cw, None, Some(1.0)), Err(RequestError::UnexpectedId));
        let pw = ep("paradigm.updateWorkspace");
        assert_eq!(url(pw, None, None), Err(RequestError::MissingId));
        for bad in [0.0, -1.0, 1.5, f64::NAN, f64::INFINITY, 9_007_199_254_740_992.0] {
            assert!(matches!(url(pw, None, Some(bad)), Err(RequestError::InvalidId(_))), "{bad}");
        }
        assert!(url(pw, None, Some(9_007_199_254_740_991.0)).is_ok());
    }

    #[test]
    fn tokens_must_fit_a_header() {
        assert_eq!(token("abc"), Ok("abc"));
        assert!(token("").is_err());
        assert!(token("  ").is_err());
        assert!(token("a\r\nX-Evil: 1").is_err());
        assert!(token("é").is_err());
    }

    #[test]
    fn secrets_are_redacted_by_schema_and_by_name() {
        let schema = ep("databrain.updateDatasource").body;
        let body = json!({"datasourceType": "postgres", "credentials": {"name": "p", "host": "h", "port": 5432, "password": "hunter2", "pasword": "typo-secret", "note": "kept"}});
        let text = body_text(Some(schema), &&body, false);
        assert!(!text.contains("hunter2") && !text.contains("typo-secret"), "{text}");
        assert!(text.contains("\"password\":\"<redacted>\"") && text.contains("\"note\":\"kept\""), "{text}");
        let shown = body_text(Some(schema), &&body, true);
        assert!(shown.contains("hunter2"));
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(parsed["credentials"]["port"], 5432);
        let p = ep("paradigm.updateWorkspace").body;
        let body = json!({"datasource": {"type": "sharepoint", "name": "S", "credentials": {"client_id": "c", "client_secret": "s3cr3t", "tenant_id": "t"}}});
        let text = body_text(Some(p), &&body, false);
        assert!(!text.contains("s3cr3t") && text.contains("\"client_id\":\"c\""), "{text}");
        // Without a schema, names decide.
        let text = body_text(None, &&json!({"apiKey": "k", "user": "u", "list": [1, "two", null]}), false);
        // (serde_json's map sorts keys; a JS object keeps its own order.)
        assert_eq!(text, r#"{"apiKey":"<redacted>","list":[1,"two",null],"user":"u"}"#);
    }

    #[test]
    fn strings_escape_as_json_stringify_does() {
        let mut out = String::new();
        write_string(&mut out, "a\"b\\c\n\u{1}é'");
        assert_eq!(out, "\"a\\\"b\\\\c\\n\\u0001é'\"");
    }

    #[test]
    fn shell_quoting_survives_any_value() {
        for s in ["plain", "it's", "'", "''", "$(rm -rf /)", "`x`", "a\nb", "\"$HOME\"", "\\", "é 😀", ""] {
            let out = std::process::Command::new("sh").arg("-c").arg(format!("printf %s {}", shell_quote(s))).output();
            let Ok(out) = out else { return };
            assert_eq!(String::from_utf8_lossy(&out.stdout), s);
        }
    }

    #[test]
    fn curl_reads_the_token_from_the_environment() {
        let headers = vec![
            ("Authorization".to_string(), "Bearer tok".to_string()),
            ("Content-Type".to_string(), "application/json".to_string()),
        ];
        let c =
            curl("POST", "https://x/api/v2/workspace", &headers, Some("{\"name\":\"it's\"}"), Some("DATABRAIN_TOKEN"));
        assert_eq!(
            c,
            "curl --request 'POST' \\\n  --url 'https://x/api/v2/workspace' \\\n  --header \"Authorization: Bearer ${DATABRAIN_TOKEN}\" \\\n  --header 'Content-Type: application/json' \\\n  --data '{\"name\":\"it'\\''s\"}'"
        );
        assert!(!c.contains("tok\""));
        let shown = curl("POST", "https://x", &headers, None, None);
        assert!(shown.contains("'Authorization: Bearer tok'"));
    }

    #[test]
    fn authorization_headers_keep_only_their_scheme() {
        assert_eq!(redact_header("Authorization", "Bearer s3cret"), "Bearer <redacted>");
        assert_eq!(redact_header("authorization", "Basic dXNlcjpwYXNz"), "Basic <redacted>");
        assert_eq!(redact_header("Proxy-Authorization", "s3cret"), "<redacted>");
        assert_eq!(redact_header("Authorization", " s3cret"), "<redacted>");
        assert_eq!(redact_header("Content-Type", "application/json"), "application/json");
    }
}
