//! The options of the package's request functions, as serde structs: the clients' constructor
//! (`ClientOptions`), `buildRequest` (`BuildOptions`) and `toCurl` (`CurlOptions`). The binding
//! reads them with serde-wasm-bindgen, so an unknown key (`timeoutMS`) or a mistyped value
//! (`retries: "3"`) is a clear error naming the option, never silently the default; their
//! TypeScript comes from the same structs (tsify, printed by `gen types`).
//!
//! Each struct's `check` then applies the value rules serde cannot say (a non-empty token, a
//! timeout timers can hold) and gives the normalised form the JS side works with.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::http::request::{self, RequestError};

/// The longest delay timers hold (2^31 - 1 ms, about 24.8 days); a larger one fires at once.
pub const MAX_TIMER_MS: f64 = 2_147_483_647.0;
/// Retries when `retry: true` or `retry: {}`.
pub const DEFAULT_RETRIES: u32 = 2;
/// The first back-off when `retry` gives none (it doubles on each retry).
pub const DEFAULT_BACKOFF_MS: f64 = 200.0;
/// The longest wait a rate-limited answer may ask for before it is retried, when `retry` gives
/// none: two minutes, the window of Databrain's documented per-IP limiter (self-hosted
/// `RATE_LIMIT`, reference §1.5). A longer `Retry-After` is not waited for: the `ApiError` is
/// thrown with its `retryAfter`.
pub const DEFAULT_MAX_WAIT_MS: f64 = 120_000.0;

/// How a client connects: `new DatabrainClient(options)`, `new ParadigmClient(options)`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "types", derive(tsify::Tsify))]
pub struct ClientOptions {
    /// The bearer token (Databrain: a service token; Paradigm: an API key).
    pub token: String,
    /// The API's base URL: `https://api.usedatabrain.com` (Databrain) and `https://api.lighton.ai`
    /// (Paradigm) by default; a self-hosted URL may carry a path prefix and a trailing slash.
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional))]
    pub base_url: Option<String>,
    /// Give up on an answer after this many milliseconds (`TimeoutError`); at most 2147483647.
    /// No timeout by default.
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional, type = "number"))]
    pub timeout_ms: Option<Number>,
    /// Retry: `true` for 2 retries from 200 ms, or `{ retries, backoffMs, maxWaitMs }`. A 429
    /// (rate limited: refused before it was processed) is retried for every method, after the
    /// wait its `Retry-After`, `RateLimit-Reset` or `X-RateLimit-Reset` header asks for (at most
    /// `maxWaitMs`); a network error or a 5xx answer only for idempotent requests (PUT): POST and
    /// PATCH may have been processed.
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional, type = "boolean | RetryOptions"))]
    pub retry: Option<Retry>,
    /// Validate in strict mode: unknown keys of documented objects are issues (see `validate`).
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional))]
    pub strict: Option<bool>,
    /// Extra request headers (a tracing id, a proxy's header). `Authorization` is refused: the
    /// token is set by `token` only. A `Content-Type` or `Accept` here replaces the client's.
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional, type = "Record<string, string>"))]
    pub headers: Option<ExtraHeaders>,
    /// The fetch to send with (a test double, undici's with a proxy agent, an instrumented one);
    /// `globalThis.fetch` by default. It is called with a `Request` and must resolve to a
    /// `Response`.
    #[serde(default)]
    #[cfg_attr(
        feature = "types",
        tsify(optional, type = "(input: GlobalInstance<\"Request\">) => Promise<GlobalInstance<\"Response\">>")
    )]
    pub fetch: Option<Function>,
    /// Called before each attempt with a redacted copy of the request (token and secret body
    /// values read `<redacted>`) and the attempt number (0 first); awaited.
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional, type = "(request: RequestEvent) => void | Promise<void>"))]
    pub on_request: Option<Function>,
    /// Called after each answer with a redacted copy of it (status, headers, body text with
    /// secret-looking values read `<redacted>`) and the attempt number; awaited.
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional, type = "(response: ResponseEvent) => void | Promise<void>"))]
    pub on_response: Option<Function>,
}

/// An option that is a JS function (`fetch`, `onRequest`, `onResponse`): declared here so that its
/// doc line and type have one home, but read by js/clients.js, which takes it out of the options
/// before the rest crosses into wasm (a function has no serde form). Anything found here is
/// ignored.
#[derive(Debug)]
pub struct Function;

impl<'de> Deserialize<'de> for Function {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de::IgnoredAny::deserialize(d).map(|_| Function)
    }
}

/// `headers`: name/value pairs in the order given.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct ExtraHeaders(#[serde(serialize_with = "pairs")] pub Vec<(String, String)>);

fn pairs<S: serde::Serializer>(headers: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(headers.iter().map(|(k, v)| (k, v)))
}

impl<'de> Deserialize<'de> for ExtraHeaders {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct HeadersVisitor;
        impl<'de> Visitor<'de> for HeadersVisitor {
            type Value = ExtraHeaders;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of header names to string values")
            }
            fn visit_unit<E: de::Error>(self) -> Result<ExtraHeaders, E> {
                Ok(ExtraHeaders::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ExtraHeaders, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    out.push((k, v));
                }
                Ok(ExtraHeaders(out))
            }
        }
        d.deserialize_map(HeadersVisitor)
    }
}

/// Whether `name` is an HTTP header name (RFC 9110 `token`).
fn header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

impl ExtraHeaders {
    /// Checks each name and value: a header name, a value without control characters (no header
    /// injection), and no `Authorization` (the token is set by `token` only). Messages name the
    /// header, never its value.
    pub fn check(&self, option: &'static str) -> Result<(), OptionError> {
        for (name, value) in &self.0 {
            if !header_name(name) {
                return Err(OptionError::Header(option, name.clone(), "is not a header name"));
            }
            if name.eq_ignore_ascii_case("authorization") {
                return Err(OptionError::Header(
                    option,
                    name.clone(),
                    "cannot be set here: the token option sets it, so that no header replaces the token by accident",
                ));
            }
            if value.chars().any(|c| (c < ' ' && c != '\t') || c == '\u{7f}') {
                return Err(OptionError::Header(option, name.clone(), "has a control character in its value"));
            }
            // fetch's Headers hold byte strings: a character past U+00FF cannot be sent as is.
            if value.chars().any(|c| u32::from(c) > 0xff) {
                return Err(OptionError::Header(
                    option,
                    name.clone(),
                    "has a character fetch cannot send (past U+00FF); percent-encode it",
                ));
            }
        }
        Ok(())
    }
}

/// `retry: { retries, backoffMs, maxWaitMs }`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "types", derive(tsify::Tsify))]
pub struct RetryOptions {
    /// How many times to retry (a whole number, default 2).
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional, type = "number"))]
    pub retries: Option<Number>,
    /// The first back-off in milliseconds (default 200); it doubles on each retry.
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional, type = "number"))]
    pub backoff_ms: Option<Number>,
    /// The longest wait a 429's headers may ask for (default 120000, Databrain's documented
    /// two-minute window); a longer one is not waited for: the `ApiError` is thrown, with its
    /// `retryAfter`.
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional, type = "number"))]
    pub max_wait_ms: Option<Number>,
}

/// A JS number (serde's own messages would say `f64`); `number` in TypeScript.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Number(pub f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Number, E> {
                Ok(Number(n))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Number, E> {
                Ok(Number(n as f64))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Number, E> {
                Ok(Number(n as f64))
            }
        }
        d.deserialize_f64(NumberVisitor)
    }
}

/// `retry`: a boolean, or the policy.
#[derive(Debug)]
pub enum Retry {
    Enabled(bool),
    Policy(RetryOptions),
}

impl<'de> Deserialize<'de> for Retry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RetryVisitor;
        impl<'de> Visitor<'de> for RetryVisitor {
            type Value = Retry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a boolean or { retries, backoffMs, maxWaitMs }")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Retry, E> {
                Ok(Retry::Enabled(b))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Retry, E> {
                Ok(Retry::Enabled(false))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Retry, A::Error> {
                RetryOptions::deserialize(de::value::MapAccessDeserializer::new(map)).map(Retry::Policy)
            }
        }
        d.deserialize_any(RetryVisitor)
    }
}

/// `buildRequest(endpoint, body, options)`: where and as whom to send.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "types", derive(tsify::Tsify))]
pub struct BuildOptions {
    /// The bearer token (Databrain: a service token; Paradigm: an API key).
    pub token: String,
    /// The API's base URL: `https://api.usedatabrain.com` (Databrain) and `https://api.lighton.ai`
    /// (Paradigm) by default; a self-hosted URL may carry a path prefix and a trailing slash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "types", tsify(optional))]
    pub base_url: Option<String>,
    /// The Paradigm workspace id (an integer); Databrain endpoints take none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "types", tsify(optional, type = "number"))]
    pub id: Option<Number>,
    /// Validate in strict mode: unknown keys of documented objects are issues (see `validate`).
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional))]
    pub strict: Option<bool>,
    /// Extra request headers, after the client's; `Authorization` is refused (see
    /// `ClientOptions.headers`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "types", tsify(optional, type = "Record<string, string>"))]
    pub headers: Option<ExtraHeaders>,
}

/// `toCurl(request, options)`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "types", derive(tsify::Tsify))]
pub struct CurlOptions {
    /// Show the token and the body's secret values as they are (default `false`: redacted).
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional))]
    pub reveal_secrets: Option<bool>,
    /// The environment variable the redacted command reads the token from (default
    /// `DATABRAIN_TOKEN` or `PARADIGM_TOKEN`, by the request's API): a shell name
    /// (`[A-Za-z_][A-Za-z0-9_]*`).
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional))]
    pub token_variable: Option<String>,
}

impl CurlOptions {
    /// `(reveal, the token variable the caller chose)`, checked.
    pub fn check(self) -> Result<(bool, Option<String>), OptionError> {
        if let Some(v) = &self.token_variable {
            let mut bytes = v.bytes();
            let first = bytes.next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
            if !first || !bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return Err(OptionError::Invalid(
                    "tokenVariable",
                    "an environment variable name ([A-Za-z_][A-Za-z0-9_]*)",
                ));
            }
        }
        Ok((self.reveal_secrets.unwrap_or(false), self.token_variable))
    }
}

/// What a client works with: `ClientOptions` checked, defaults filled in.
#[derive(Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "types", derive(tsify::Tsify))]
pub struct ClientConfig {
    pub token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "types", tsify(optional))]
    pub base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "types", tsify(optional))]
    pub timeout_ms: Option<f64>,
    pub retries: u32,
    pub backoff_ms: f64,
    pub max_wait_ms: f64,
    pub strict: bool,
    #[cfg_attr(feature = "types", tsify(type = "Record<string, string>"))]
    pub headers: ExtraHeaders,
}

/// A value serde cannot reject by type alone.
#[derive(Debug, PartialEq)]
pub enum OptionError {
    /// `(option, what it must be)`.
    Invalid(&'static str, &'static str),
    Request(RequestError),
    /// `(option, header name, what is wrong)`.
    Header(&'static str, String, &'static str),
}

impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptionError::Invalid(name, what) => write!(f, "options.{name} must be {what}"),
            OptionError::Request(e) => write!(f, "options.{e}"),
            OptionError::Header(option, name, what) => {
                write!(f, "options.{option}: the header {} {what}", crate::engine::text::quote(name))
            }
        }
    }
}

impl std::error::Error for OptionError {}

impl From<RequestError> for OptionError {
    fn from(e: RequestError) -> Self {
        OptionError::Request(e)
    }
}

fn whole(n: f64) -> bool {
    n.is_finite() && n.fract() == 0.0
}

impl ClientOptions {
    /// Checks the values and fills in the defaults.
    pub fn check(self) -> Result<ClientConfig, OptionError> {
        request::token(&self.token)?;
        if let Some(Number(t)) = self.timeout_ms {
            if !(t > 0.0 && t <= MAX_TIMER_MS) {
                return Err(OptionError::Invalid("timeoutMs", "a positive number of milliseconds, at most 2147483647"));
            }
        }
        let headers = self.headers.unwrap_or_default();
        headers.check("headers")?;
        let (retries, backoff_ms, max_wait_ms) = match self.retry {
            None | Some(Retry::Enabled(false)) => (0, 0.0, DEFAULT_MAX_WAIT_MS),
            Some(Retry::Enabled(true)) => (DEFAULT_RETRIES, DEFAULT_BACKOFF_MS, DEFAULT_MAX_WAIT_MS),
            Some(Retry::Policy(p)) => {
                let retries = match p.retries.map(|n| n.0) {
                    None => DEFAULT_RETRIES,
                    Some(n) if whole(n) && (0.0..=f64::from(u32::MAX)).contains(&n) => n as u32,
                    Some(_) => return Err(OptionError::Invalid("retry.retries", "a whole number >= 0")),
                };
                let backoff = p.backoff_ms.map_or(DEFAULT_BACKOFF_MS, |n| n.0);
                if !(0.0..=MAX_TIMER_MS).contains(&backoff) {
                    return Err(OptionError::Invalid("retry.backoffMs", "a number from 0 to 2147483647"));
                }
                let max_wait = p.max_wait_ms.map_or(DEFAULT_MAX_WAIT_MS, |n| n.0);
                if !(0.0..=MAX_TIMER_MS).contains(&max_wait) {
                    return Err(OptionError::Invalid("retry.maxWaitMs", "a number from 0 to 2147483647"));
                }
                (retries, backoff, max_wait)
            }
        };
        Ok(ClientConfig {
            token: self.token,
            base_url: self.base_url,
            timeout_ms: self.timeout_ms.map(|n| n.0),
            retries,
            backoff_ms,
            max_wait_ms,
            strict: self.strict.unwrap_or(false),
            headers,
        })
    }
}

/// A serde error about options, as a message: the option's path first (`options.retry.retries`),
/// and never the value that was found (it may be a secret put in the wrong place).
pub fn describe_error<E: std::fmt::Display>(e: &serde_path_to_error::Error<E>) -> String {
    let inner = e.inner().to_string();
    // serde-wasm-bindgen's errors are JS errors, which print as `Error: …`.
    let inner = hide_found(inner.strip_prefix("Error: ").unwrap_or(&inner));
    let mut path: Vec<String> = e.path().iter().map(ToString::to_string).collect();
    // serde's path to an unknown key ends at that key, which the message names already.
    if inner.starts_with("unknown field") {
        path.pop();
    }
    if path.is_empty() {
        format!("options: {inner}")
    } else {
        format!("options.{}: {inner}", path.join("."))
    }
}

/// serde's `invalid type: string "hunter2", expected …` without the value: `invalid type: a string,
/// expected …` (likewise for numbers and characters).
fn hide_found(message: &str) -> String {
    let Some(rest) = message.strip_prefix("invalid type: ").or_else(|| message.strip_prefix("invalid value: ")) else {
        return message.to_string();
    };
    let Some((found, expected)) = rest.split_once(", expected ") else { return message.to_string() };
    let kind = found.split([' ', '`', '"']).next().unwrap_or("value");
    let kind = match kind {
        "string" | "character" => "a string",
        "integer" | "floating" => "a number",
        "boolean" => "a boolean",
        "map" => "an object",
        "sequence" => "an array",
        "unit" | "null" | "undefined" => "nothing",
        _ => "another value",
    };
    format!("found {kind}, expected {expected}")
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::*;

    fn client(v: serde_json::Value) -> Result<ClientConfig, String> {
        let parsed: ClientOptions = serde_path_to_error::deserialize(v).map_err(|e| describe_error(&e))?;
        parsed.check().map_err(|e| e.to_string())
    }

    #[test]
    fn client_options_fill_defaults_and_check_values() {
        let c = client(serde_json::json!({"token": "t", "retry": true})).expect("valid");
        assert_eq!((c.retries, c.backoff_ms, c.strict, c.timeout_ms), (2, 200.0, false, None));
        let c = client(serde_json::json!({"token": "t", "retry": {"retries": 0}, "timeoutMs": 5})).expect("valid");
        assert_eq!((c.retries, c.backoff_ms, c.timeout_ms), (0, 200.0, Some(5.0)));
        assert_eq!(client(serde_json::json!({"token": " "})).err().as_deref(), Some("options.token is empty"));
        let too_long = client(serde_json::json!({"token": "t", "timeoutMs": 2_147_483_648.0_f64}));
        assert!(too_long.is_err_and(|e| e.starts_with("options.timeoutMs must be")));
        let fraction = client(serde_json::json!({"token": "t", "retry": {"retries": 1.5}}));
        assert_eq!(fraction.err().as_deref(), Some("options.retry.retries must be a whole number >= 0"));
        let c = client(serde_json::json!({"token": "t", "retry": {"maxWaitMs": 5000}})).expect("valid");
        assert_eq!((c.retries, c.max_wait_ms), (2, 5000.0));
        assert_eq!(client(serde_json::json!({"token": "t"})).expect("valid").max_wait_ms, DEFAULT_MAX_WAIT_MS);
        let e = client(serde_json::json!({"token": "t", "retry": {"maxWaitMs": -1}})).expect_err("negative");
        assert_eq!(e, "options.retry.maxWaitMs must be a number from 0 to 2147483647");
    }

    #[test]
    fn extra_headers_keep_order_and_never_replace_the_token() {
        let c = client(serde_json::json!({"token": "t", "headers": {"X-Trace": "a", "Accept": "b"}})).expect("valid");
        // (serde_json's map sorts keys; from JS they keep the caller's order.)
        assert_eq!(
            c.headers.0,
            vec![("Accept".to_string(), "b".to_string()), ("X-Trace".to_string(), "a".to_string())]
        );
        for name in ["Authorization", "authorization", "AUTHORIZATION"] {
            let e = client(serde_json::json!({"token": "t", "headers": {name: "Bearer other"}})).expect_err("refused");
            assert!(e.starts_with(&format!("options.headers: the header \"{name}\" cannot be set here")), "{e}");
            assert!(!e.contains("other"), "{e}");
        }
        let e = client(serde_json::json!({"token": "t", "headers": {"X-A": "v\r\nX-Injected: 1"}})).expect_err("crlf");
        assert_eq!(e, "options.headers: the header \"X-A\" has a control character in its value");
        let e = client(serde_json::json!({"token": "t", "headers": {"X-A": "s€cret"}})).expect_err("not latin-1");
        assert!(
            e.starts_with("options.headers: the header \"X-A\" has a character fetch cannot send") && !e.contains('€'),
            "{e}"
        );
        assert!(
            client(serde_json::json!({"token": "t", "headers": {"X-A": "café"}})).is_ok(),
            "Latin-1 is a byte string"
        );
        let e = client(serde_json::json!({"token": "t", "headers": {"bad name": "v"}})).expect_err("name");
        assert_eq!(e, "options.headers: the header \"bad name\" is not a header name");
        let e = client(serde_json::json!({"token": "t", "headers": {"X-A": 5}})).expect_err("mistyped");
        assert!(e.starts_with("options.headers") && e.contains("expected a string"), "{e}");
        // The function options are JS's to read: whatever reaches serde is ignored.
        assert!(client(serde_json::json!({"token": "t", "fetch": {}, "onRequest": 1, "onResponse": null})).is_ok());
    }

    #[test]
    fn unknown_and_mistyped_options_name_the_option_not_the_value() {
        let e = client(serde_json::json!({"token": "t", "timeoutMS": 5})).expect_err("unknown");
        assert!(e.starts_with("options: unknown field `timeoutMS`, expected one of"), "{e}");
        let e = client(serde_json::json!({"token": "t", "retry": {"retries": "3"}})).expect_err("mistyped");
        assert_eq!(e, "options.retry.retries: found a string, expected a number");
        let e = client(serde_json::json!({"token": "t", "baseUrl": 5})).expect_err("mistyped");
        assert_eq!(e, "options.baseUrl: found a number, expected a string");
        let e = client(serde_json::json!({"token": "t", "retry": "hunter2"})).expect_err("mistyped");
        assert!(!e.contains("hunter2") && e.contains("expected a boolean or { retries, backoffMs, maxWaitMs }"), "{e}");
        let e = client(serde_json::json!({"baseUrl": "https://x"})).expect_err("missing");
        assert_eq!(e, "options: missing field `token`");
    }
}
