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
    /// Retry idempotent requests (PUT) after a network error or a 5xx answer: `true` for 2
    /// retries from 200 ms, or `{ retries, backoffMs }`. POST and PATCH are never retried.
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional, type = "boolean | RetryOptions"))]
    pub retry: Option<Retry>,
    /// Validate in strict mode: unknown keys of documented objects are issues (see `validate`).
    #[serde(default)]
    #[cfg_attr(feature = "types", tsify(optional))]
    pub strict: Option<bool>,
}

/// `retry: { retries, backoffMs }`.
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
                f.write_str("a boolean or { retries, backoffMs }")
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
    pub strict: bool,
}

/// A value serde cannot reject by type alone.
#[derive(Debug, PartialEq)]
pub enum OptionError {
    /// `(option, what it must be)`.
    Invalid(&'static str, &'static str),
    Request(RequestError),
}

impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptionError::Invalid(name, what) => write!(f, "options.{name} must be {what}"),
            OptionError::Request(e) => write!(f, "options.{e}"),
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
        let (retries, backoff_ms) = match self.retry {
            None | Some(Retry::Enabled(false)) => (0, 0.0),
            Some(Retry::Enabled(true)) => (DEFAULT_RETRIES, DEFAULT_BACKOFF_MS),
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
                (retries, backoff)
            }
        };
        Ok(ClientConfig {
            token: self.token,
            base_url: self.base_url,
            timeout_ms: self.timeout_ms.map(|n| n.0),
            retries,
            backoff_ms,
            strict: self.strict.unwrap_or(false),
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
        assert!(!e.contains("hunter2") && e.contains("expected a boolean or { retries, backoffMs }"), "{e}");
        let e = client(serde_json::json!({"baseUrl": "https://x"})).expect_err("missing");
        assert_eq!(e, "options: missing field `token`");
    }
}
