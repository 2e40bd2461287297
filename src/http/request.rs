//! Building requests: URL, headers, the body with secrets redacted, and a curl command.
//!
//! Pure functions over [`Value`], so the wasm binding and native callers share them. Sending is
//! the binding's job (`src/wasm/client.rs`).

use crate::engine::secrets::{looks_like_key_material, looks_secret};
use crate::engine::value::{Kind, Value};
use crate::schema::endpoints::{Api, Endpoint};
use crate::schema::{Field, Schema, Type};

pub const DATABRAIN_BASE_URL: &str = Api::Databrain.base_url();
pub const PARADIGM_BASE_URL: &str = Api::Paradigm.base_url();

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

/// A request ready to send (what `buildRequest` returns): the URL, the headers in order and the
/// body as JSON text. `B` is how the body text is held (a JS string in the binding, so that it
/// never crosses into wasm memory; a `String` natively).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "types", derive(tsify::Tsify))]
// In TypeScript `BuiltRequestData`: the package's `BuiltRequest<E>` narrows it per endpoint.
#[cfg_attr(feature = "types", tsify(rename = "BuiltRequestData"))]
pub struct BuiltRequest<B> {
    /// The endpoint the request is for (`toCurl` and `redactRequest` find secret fields from it).
    pub endpoint: &'static str,
    pub method: &'static str,
    /// The absolute URL: the base URL (or the API's default) and the endpoint's path.
    pub url: String,
    /// `Authorization: Bearer <token>`, `Content-Type` and `Accept: application/json`, then the
    /// caller's extra headers (`headers` option).
    #[serde(serialize_with = "header_map")]
    #[cfg_attr(feature = "types", tsify(type = "Record<string, string>"))]
    pub headers: Vec<(std::borrow::Cow<'static, str>, String)>,
    /// The body as JSON text.
    pub body: B,
}

impl<B> BuiltRequest<B> {
    /// The same request with another body.
    pub fn with_body<C>(self, body: C) -> BuiltRequest<C> {
        BuiltRequest { endpoint: self.endpoint, method: self.method, url: self.url, headers: self.headers, body }
    }
}

/// Headers as one object, in order.
fn header_map<S: serde::Serializer>(
    headers: &[(std::borrow::Cow<'static, str>, String)],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(headers.iter().map(|(k, v)| (k, v)))
}

/// The request for `ep`: URL from the base and id, the token's headers, the caller's `extra`
/// headers (checked by `ExtraHeaders::check`: never `Authorization`), and `body`. An extra
/// header named like one of ours (`Accept`, `Content-Type`, any case) replaces it in place.
pub fn build<B>(
    ep: &'static Endpoint,
    base: Option<&str>,
    id: Option<f64>,
    token_: &str,
    extra: &[(String, String)],
    body: B,
) -> Result<BuiltRequest<B>, RequestError> {
    let token_ = token(token_)?;
    let url = url(ep, base, id)?;
    let mut all: Vec<(std::borrow::Cow<'static, str>, String)> =
        headers(token_).into_iter().map(|(k, v)| (std::borrow::Cow::Borrowed(k), v)).collect();
    for (name, value) in extra {
        match all.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            Some(slot) => *slot = (std::borrow::Cow::Owned(name.clone()), value.clone()),
            None => all.push((std::borrow::Cow::Owned(name.clone()), value.clone())),
        }
    }
    Ok(BuiltRequest { endpoint: ep.id, method: ep.method, url, headers: all, body })
}

/// The default base URL of an API.
pub fn default_base_url(api: Api) -> &'static str {
    api.base_url()
}

/// Checks a base URL and trims its trailing slashes: `https://bi.example.com/databrain/` gives
/// `https://bi.example.com/databrain`, to which the endpoint's path is appended.
pub fn base_url(base: &str) -> Result<&str, RequestError> {
    // A URL with user info is refused without being shown: it holds a password.
    let credentials = || {
        RequestError::BaseUrl(
            "must not hold credentials (user:password@host): both APIs authenticate with the token".to_string(),
        )
    };
    let lower = base.get(..8).unwrap_or(base).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        base.get(8..)
    } else if lower.starts_with("http://") {
        base.get(7..)
    } else if base.contains('@') {
        return Err(credentials());
    } else {
        return Err(RequestError::BaseUrl(format!(
            "must start with http:// or https://, found {}",
            crate::engine::text::quote(base)
        )));
    };
    let rest = rest.unwrap_or("");
    let host = rest.split(['/', '\\']).next().unwrap_or("");
    if host.contains('@') {
        return Err(credentials());
    }
    if host.is_empty() {
        return Err(RequestError::BaseUrl("has no host".to_string()));
    }
    if base.contains(['?', '#']) {
        return Err(RequestError::BaseUrl("must not have a query or a fragment".to_string()));
    }
    if base.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(RequestError::BaseUrl("must not contain spaces or control characters".to_string()));
    }
    // URL parsers disagree on `\` (WHATWG reads it as `/` in http URLs): `https://u\p@host` could
    // mean user info or a path. A base URL has no use for one.
    if base.contains('\\') {
        return Err(RequestError::BaseUrl("must not contain a backslash".to_string()));
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

/// Authentication schemes whose name an `Authorization` preview keeps (`Bearer <redacted>`).
const AUTH_SCHEMES: [&str; 10] =
    ["bearer", "basic", "token", "digest", "apikey", "api-key", "negotiate", "ntlm", "dpop", "aws4-hmac-sha256"];

/// Whether a header carries credentials: `Authorization`, `Proxy-Authorization`, `Cookie`,
/// `Set-Cookie`, and any name that looks secret (`X-Api-Key`, `X-Auth-Token`, ...).
pub fn secret_header(name: &str) -> bool {
    ["authorization", "proxy-authorization", "cookie", "set-cookie"].iter().any(|h| name.eq_ignore_ascii_case(h))
        || looks_secret(name)
}

/// A header's value as it may be shown: every credential header reads [`REDACTED`];
/// `Authorization` and `Proxy-Authorization` keep a known scheme word (`Bearer <redacted>`,
/// `Token <redacted>`), and a bare token is hidden whole. Other headers are unchanged.
pub fn redact_header(name: &str, value: &str) -> String {
    if !secret_header(name) {
        return value.to_string();
    }
    let auth = name.eq_ignore_ascii_case("authorization") || name.eq_ignore_ascii_case("proxy-authorization");
    match value.trim_start().split_once(' ') {
        Some((scheme, _)) if auth && AUTH_SCHEMES.iter().any(|s| scheme.eq_ignore_ascii_case(s)) => {
            format!("{scheme} {REDACTED}")
        }
        _ => REDACTED.to_string(),
    }
}

/// A URL as it may be shown: user info (`https://user:pw@host`) reads [`REDACTED`]. Only `/` ends
/// the authority here: a password may hold a raw `?` or `#` (the URL is then malformed, but the
/// preview must not show it).
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else { return url.to_string() };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '\\']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}://{REDACTED}@{}", &url[..scheme_end], &rest[at + 1..]),
        None => url.to_string(),
    }
}

/// The body as JSON text, with every value that may be secret replaced by [`REDACTED`] unless
/// `reveal`:
/// - inside a credentials object (`Schema::credentials`), every value except those of keys the
///   schema (for the variant the body selects) knows not to be secret, holding a plain value;
/// - elsewhere, secret fields, and keys the schema does not define whose name looks secret or is
///   a near miss of a secret field;
/// - anywhere, a string where an object or array belongs (a double-encoded `credentials`) and a
///   string that looks like key material.
///
/// Serialises as `JSON.stringify` does: keys whose values JSON cannot hold are left out, such
/// array elements become `null`.
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

/// Whether a shape holds an object or an array.
fn container(shape: Option<Shape>) -> bool {
    match shape {
        Some(Shape::Object(_)) => true,
        Some(Shape::Type(t)) => match t {
            Type::Array(_) | Type::Object(_) | Type::Any => true,
            Type::Nullable(inner) => matches!(inner, Type::Array(_) | Type::Object(_) | Type::Any),
            _ => false,
        },
        None => false,
    }
}

/// Whether a field's type is a plain value (string, number, boolean), as a credentials preview
/// may show it.
fn plain(ty: &Type) -> bool {
    match ty {
        Type::Str { .. } | Type::Enum(_) | Type::Tag | Type::Bool | Type::Int { .. } | Type::Port => true,
        Type::Nullable(inner) => plain(inner),
        _ => false,
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
        Kind::String => {
            let text = v.as_str().unwrap_or_default();
            if !reveal && (container(shape) || looks_like_key_material(&text)) {
                write_string(out, REDACTED);
            } else {
                write_string(out, &text);
            }
        }
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
            // (A preview: a key longer than MAX_KEY_LEN shows cut.)
            let mut entries = Vec::new();
            loop {
                let chunk = v.entries(entries.len(), 64);
                if chunk.is_empty() {
                    break;
                }
                entries.extend(chunk);
            }
            for (key, value) in entries {
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
                let credentials = schema.is_some_and(|s| s.credentials);
                let secret = match field {
                    // Inside credentials, only a known non-secret key holding a plain value shows.
                    Some(f) if credentials => f.secret || !plain(&f.ty) || !is_plain(&value),
                    Some(f) => f.secret,
                    None if credentials => true,
                    // Unknown keys: a secret-looking name, or a near miss of a secret field.
                    None => {
                        looks_secret(&key)
                            || schema.is_some_and(|s| {
                                crate::engine::suggest::suggest(&key, s.fields_for(variant).map(|f| f.name))
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

fn is_plain<V: Value>(v: &V) -> bool {
    matches!(v.kind(), Kind::String | Kind::Number | Kind::Bool | Kind::Null)
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

/// A curl command for a request, one option per line. With `token_variable` set (the redacted
/// preview), an `Authorization: Bearer …` header reads the token from that environment variable,
/// every other credential header (see [`redact_header`]) and the URL's user info read
/// [`REDACTED`]; without it, everything is shown as given.
pub fn curl(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&str>,
    token_variable: Option<&str>,
) -> String {
    let url = if token_variable.is_some() { redact_url(url) } else { url.to_string() };
    let mut lines = vec![format!("curl --request {}", shell_quote(method)), format!("  --url {}", shell_quote(&url))];
    for (name, value) in headers {
        let bearer = value.trim_start().get(..7).is_some_and(|s| s.eq_ignore_ascii_case("bearer "));
        let line = match token_variable {
            Some(var) if name.eq_ignore_ascii_case("authorization") && bearer => {
                // Double quotes so the shell expands the variable; the name is a fixed identifier.
                format!("  --header \"{name}: Bearer ${{{var}}}\"")
            }
            Some(_) => format!("  --header {}", shell_quote(&format!("{name}: {}", redact_header(name, value)))),
            None => format!("  --header {}", shell_quote(&format!("{name}: {value}"))),
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
    use crate::schema::endpoints::endpoint;
    use serde_json::json;

    fn ep(id: &str) -> &'static Endpoint {
        endpoint(id).expect("endpoint")
    }

    #[test]
    fn extra_headers_follow_ours_and_replace_accept_or_content_type_in_place() {
        let extra = vec![
            ("X-Request-Id".to_string(), "r1".to_string()),
            ("accept".to_string(), "application/problem+json".to_string()),
        ];
        let r = build(ep("databrain.createWorkspace"), None, None, "t0k", &extra, ()).expect("built");
        let names: Vec<&str> = r.headers.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(names, ["Authorization", "Content-Type", "accept", "X-Request-Id"]);
        assert_eq!(r.headers[0].1, "Bearer t0k");
        assert_eq!(r.headers[2].1, "application/problem+json");
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
    fn credentials_show_only_keys_known_not_to_be_secret() {
        let schema = ep("databrain.updateDatasource").body;
        let body = json!({"datasourceType": "postgres", "credentials": {"name": "p", "host": "h", "port": 5432, "password": "hunter2", "pasword": "typo-secret", "note": "kept?", "dsn": "postgres://u:pw@h/db", "database": {"nested": "x"}}});
        let text = body_text(Some(schema), &&body, false);
        for hidden in ["hunter2", "typo-secret", "kept?", "u:pw", "nested"] {
            assert!(!text.contains(hidden), "{hidden} in {text}");
        }
        assert!(text.contains("\"password\":\"<redacted>\"") && text.contains("\"note\":\"<redacted>\""), "{text}");
        assert!(
            text.contains("\"host\":\"h\"") && text.contains("\"name\":\"p\"") && text.contains("\"port\":5432"),
            "{text}"
        );
        assert!(text.contains("\"datasourceType\":\"postgres\""), "{text}");
        let shown = body_text(Some(schema), &&body, true);
        assert!(shown.contains("hunter2") && shown.contains("kept?"));
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(parsed["credentials"]["port"], 5432);
        // An unknown type: only `name` is known.
        let body = json!({"datasourceType": "oracle", "credentials": {"name": "o", "host": "h", "keyfile": "k"}});
        let text = body_text(Some(schema), &&body, false);
        assert_eq!(
            text,
            r#"{"credentials":{"host":"<redacted>","keyfile":"<redacted>","name":"o"},"datasourceType":"oracle"}"#
        );
        // Paradigm: a key of another type's credentials (service_account_file with sharepoint).
        let p = ep("paradigm.updateWorkspace").body;
        let body = json!({"datasource": {"type": "sharepoint", "name": "S", "credentials": {"client_id": "c", "client_secret": "s3cr3t", "tenant_id": "t", "service_account_file": "{\"private_key\":\"pk\"}"}}});
        let text = body_text(Some(p), &&body, false);
        assert!(!text.contains("s3cr3t") && !text.contains("pk") && text.contains("\"client_id\":\"c\""), "{text}");
        // Without a schema, names decide (and a `credentials` object is hidden whole).
        let text = body_text(
            None,
            &&json!({"apiKey": "k", "user": "u", "list": [1, "two", null], "credentials": {"a": 1}}),
            false,
        );
        // (serde_json's map sorts keys; a JS object keeps its own order.)
        assert_eq!(text, r#"{"apiKey":"<redacted>","credentials":"<redacted>","list":[1,"two",null],"user":"u"}"#);
    }

    #[test]
    fn strings_in_object_slots_and_key_material_are_redacted() {
        let schema = ep("databrain.updateDatasource").body;
        let body = json!({"datasourceType": "postgres", "credentials": "{\"password\":\"hunter2\"}", "tenancySettings": {"tenancyLevel": "TABLE", "schemaName": "-----BEGIN PRIVATE KEY-----abc"}});
        let text = body_text(Some(schema), &&body, false);
        assert!(!text.contains("hunter2") && !text.contains("BEGIN"), "{text}");
        let p = ep("paradigm.updateWorkspace").body;
        let text = body_text(Some(p), &&json!({"members": "[{\"token\":\"t0ps3cret\"}]", "name": "N"}), false);
        assert_eq!(text, r#"{"members":"<redacted>","name":"N"}"#);
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
        assert_eq!(redact_header("Authorization", "bearer s3cret"), "bearer <redacted>");
        assert_eq!(redact_header("authorization", "Basic dXNlcjpwYXNz"), "Basic <redacted>");
        assert_eq!(redact_header("Authorization", "Token s3cret"), "Token <redacted>");
        assert_eq!(redact_header("Proxy-Authorization", "s3cret"), "<redacted>");
        assert_eq!(redact_header("Authorization", " s3cret"), "<redacted>");
        assert_eq!(redact_header("Authorization", "s3cret and more"), "<redacted>", "no scheme: all of it");
        for name in ["Cookie", "set-cookie", "X-Api-Key", "api-key", "X-Auth-Token", "X-Access-Token", "X-Session-Id"] {
            assert_eq!(redact_header(name, "s3cret"), "<redacted>", "{name}");
        }
        assert_eq!(redact_header("Content-Type", "application/json"), "application/json");
        assert_eq!(redact_header("Accept", "application/json"), "application/json");
    }

    #[test]
    fn curl_hides_every_credential_header_and_user_info() {
        let headers: Vec<(String, String)> = [
            ("Authorization", "Token s3cret-a"),
            ("Cookie", "sid=s3cret-b"),
            ("X-Api-Key", "s3cret-c"),
            ("Accept", "application/json"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let c = curl("PUT", "https://user:s3cret-d@x/api", &headers, None, Some("DATABRAIN_TOKEN"));
        assert!(!c.contains("s3cret"), "{c}");
        assert!(c.contains("'Authorization: Token <redacted>'") && c.contains("'Accept: application/json'"), "{c}");
        assert!(c.contains("'https://<redacted>@x/api'"), "{c}");
        let bearer = vec![("authorization".to_string(), "bearer t".to_string())];
        let c = curl("PUT", "https://x", &bearer, None, Some("DATABRAIN_TOKEN"));
        assert!(c.contains("\"authorization: Bearer ${DATABRAIN_TOKEN}\""), "{c}");
        assert_eq!(redact_url("https://x/a@b"), "https://x/a@b");
        assert_eq!(redact_url("http://u@h:1/p?q=@"), "http://<redacted>@h:1/p?q=@");
        assert_eq!(redact_url("https://u:p#w?d@h/x"), "https://<redacted>@h/x", "a raw # or ? in the password");
    }

    #[test]
    fn base_urls_with_credentials_are_refused_unshown() {
        let cw = ep("databrain.createWorkspace");
        for base in
            ["https://user:hunter2@bi.example.com", "https://hunter2@bi.example.com/x", "user:hunter2@bi.example.com"]
        {
            let e = url(cw, Some(base), None).expect_err("refused");
            let text = e.to_string();
            assert!(!text.contains("hunter2"), "{text}");
            assert!(text.contains("must not hold credentials"), "{text}");
        }
        assert!(url(cw, Some("https://bi.example.com/p@th"), None).is_ok(), "an @ in the path is no user info");
        let e = url(cw, Some("https://u\\hunter2@bi.example.com"), None).expect_err("a backslash");
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }
}
