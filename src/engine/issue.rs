//! What validation finds: issues (the API would reject the body) and warnings (it may not).

use crate::engine::path::Path;
use crate::engine::value::Kind;
use crate::schema::{Choice, Cond, Field, Keys, Level};

/// The stable code of a problem. The strings are part of the public API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// Missing (`undefined` counts as missing).
    Required,
    /// The wrong JSON type (`null` is a value, wrong wherever the docs do not allow it).
    InvalidType,
    /// A string outside the allowed set.
    InvalidEnum,
    /// Empty where a non-empty value is required.
    TooShort,
    TooLong,
    /// A key a strict schema does not define (or, as a warning, a near miss of a known key).
    UnknownField,
    /// A defined key that this combination of values forbids.
    NotAllowed,
    /// Any other constraint.
    InvalidValue,
}

impl Code {
    pub const ALL: [Code; 8] = [
        Code::Required,
        Code::InvalidType,
        Code::InvalidEnum,
        Code::TooShort,
        Code::TooLong,
        Code::UnknownField,
        Code::NotAllowed,
        Code::InvalidValue,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Required => "required",
            Code::InvalidType => "invalid_type",
            Code::InvalidEnum => "invalid_enum",
            Code::TooShort => "too_short",
            Code::TooLong => "too_long",
            Code::UnknownField => "unknown_field",
            Code::NotAllowed => "not_allowed",
            Code::InvalidValue => "invalid_value",
        }
    }
}

/// Whether a finding is an issue or a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Issue,
    Warning,
}

/// What was found where a value was expected, as far as a message may tell.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub kind: Kind,
    /// A short, escaped preview of the value; `None` whenever the value could hold a secret.
    pub preview: Option<String>,
    /// Why a string is not previewed, where the message says so.
    pub hidden: Option<Hidden>,
}

/// Why a message does not show a string it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// JSON text where an object or array is expected: the value was encoded twice.
    JsonText,
    /// It looks like a key or token (`-----BEGIN`, a long base64 or hex run).
    KeyMaterial,
}

/// The type a value should have had, for a message ("must be a string") and for its params.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Str,
    Bool,
    Int,
    Port,
    Array,
    Object,
    /// A string holding a JSON-encoded object.
    JsonText,
    StrOrNull,
    /// Any JSON value (the body holds something JSON cannot).
    Json,
}

impl Expect {
    /// The phrase of a message: "must be a string".
    pub fn phrase(self) -> &'static str {
        match self {
            Expect::Str => "a string",
            Expect::Bool => "a boolean",
            Expect::Int => "an integer",
            Expect::Port => "a port number (an integer from 1 to 65535)",
            Expect::Array => "an array",
            Expect::Object => "an object",
            Expect::JsonText => "a string holding a JSON object",
            Expect::StrOrNull => "a string or null",
            Expect::Json => "a JSON value",
        }
    }
    /// The name in an issue's params (`expected`), stable like the codes.
    pub fn name(self) -> &'static str {
        match self {
            Expect::Str => "string",
            Expect::Bool => "boolean",
            Expect::Int => "integer",
            Expect::Port => "port",
            Expect::Array => "array",
            Expect::Object => "object",
            Expect::JsonText => "json_text",
            Expect::StrOrNull => "string_or_null",
            Expect::Json => "json",
        }
    }
}

/// Everything a message needs, kept apart from the text so a binding can render it lazily.
#[derive(Debug, Clone)]
pub enum Detail {
    /// A required key is missing; `when` is the condition that made it required.
    Missing {
        when: Option<Cond>,
    },
    /// A key whose absence the docs' examples suggest is a mistake (warning only).
    Expected,
    WrongType {
        expected: Expect,
        found: Found,
    },
    NotInEnum {
        choices: Vec<&'static str>,
        found: Found,
        suggestion: Option<&'static str>,
    },
    Empty,
    TooLong {
        max: u32,
        len: usize,
    },
    /// A key the schema does not define; `level` is what the severity policy made of it.
    Unknown {
        suggestion: Option<&'static str>,
        keys: Keys,
        level: Option<Level>,
        key_confirmed: bool,
        known: &'static [Field],
    },
    /// `when` must hold for the key to be sent; `actual` describes the sibling's value;
    /// `at_default` says the key holds its documented default (so the API likely ignores it).
    NotAllowedUnless {
        when: Cond,
        actual: Found,
        at_default: bool,
    },
    /// The key is never sent for this schema; `instead` names the key to use, and `redundant`
    /// says that key is sent too.
    UseInstead {
        instead: &'static str,
        redundant: bool,
    },
    OutOfRange {
        min: i64,
        max: i64,
        found: Found,
    },
    NotInteger {
        found: Found,
    },
    /// A numeric string where a number is documented.
    NumericString,
    NotJsonObject {
        not: crate::engine::jsontext::NotObject,
    },
    TooDeep {
        limit: usize,
    },
    /// The report reached its size limit; what follows is not reported.
    TooMany {
        limit: usize,
    },
    /// The body holds more values than the engine reads; the rest is not checked.
    TooLarge {
        limit: usize,
    },
}

/// One problem: where, what, and the documented API error code it corresponds to.
#[derive(Clone, PartialEq, Eq)]
pub struct Issue {
    /// A JSON Pointer into the body (`""` for the body itself).
    pub path: String,
    pub code: Code,
    pub message: String,
    /// The error code the API answers for it; `None` for a warning (not an error the API is
    /// known to answer).
    pub api_code: Option<&'static str>,
    /// The finding's structured data as JSON text (written by `engine/params.rs`): what a UI
    /// needs to write the message in its own words. Never a value of the body.
    pub params: String,
}

impl std::fmt::Debug for Issue {
    // Messages never hold secret values, so the derived shape is safe; spelled out to keep it so.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} ({}): {}", self.path, self.code.as_str(), self.api_code.unwrap_or("-"), self.message)
    }
}

/// The result of validating one body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub issues: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

impl Report {
    /// `true` when the API should accept the body: no issues (warnings do not count).
    pub fn ok(&self) -> bool {
        self.issues.is_empty()
    }

    #[cfg(feature = "json")]
    /// The report as one JSON object: `{"ok", "issues", "warnings"}`, each finding
    /// `{"path", "code", "message", "apiCode", "params"}`, keys in that order.
    pub fn to_json_string(&self) -> String {
        fn push_str(out: &mut String, s: &str) {
            out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string()));
        }
        fn push_list(out: &mut String, items: &[Issue]) {
            out.push('[');
            for (n, i) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push_str("{\"path\":");
                push_str(out, &i.path);
                out.push_str(",\"code\":");
                push_str(out, i.code.as_str());
                out.push_str(",\"message\":");
                push_str(out, &i.message);
                out.push_str(",\"apiCode\":");
                match i.api_code {
                    Some(code) => push_str(out, code),
                    None => out.push_str("null"),
                }
                out.push_str(",\"params\":");
                out.push_str(&i.params);
                out.push('}');
            }
            out.push(']');
        }
        let mut out = String::from(if self.ok() { "{\"ok\":true,\"issues\":" } else { "{\"ok\":false,\"issues\":" });
        push_list(&mut out, &self.issues);
        out.push_str(",\"warnings\":");
        push_list(&mut out, &self.warnings);
        out.push('}');
        out
    }
}

/// Where the engine sends what it finds. [`Report`] renders messages at once; a binding may keep
/// the structured detail and render later.
pub trait Sink {
    fn push(&mut self, severity: Severity, path: &Path, code: Code, field: Option<&Field>, detail: Detail);
}

/// Allowed values of an enum, for a message.
pub fn choice_values(choices: &[Choice]) -> Vec<&'static str> {
    choices.iter().map(|c| c.value).collect()
}
