//! Messages: name the field, say what was expected and what was found, list allowed values and
//! suggest the nearest known name. Secret values never reach this module (see [`Found`]).

use crate::engine::issue::{Code, Detail, Found, Hidden, Issue, Report, Severity, Sink};
use crate::engine::path::Path;
use crate::engine::text::quote;
use crate::engine::value::Kind;
use crate::schema::{Cond, Field, Keys, Level, Lit};

fn lit(l: &Lit) -> String {
    match l {
        Lit::Str(s) => quote(s),
        Lit::Bool(b) => b.to_string(),
    }
}

fn found(f: &Found) -> String {
    match (&f.preview, f.kind) {
        (_, Kind::Undefined) => "nothing".to_string(),
        (None, Kind::String) if f.hidden == Some(Hidden::JsonText) => {
            "a string holding JSON text (send the value itself, not its JSON encoding)".to_string()
        }
        (None, Kind::String) if f.hidden == Some(Hidden::KeyMaterial) => {
            "a string (not shown: it looks like a key or token)".to_string()
        }
        (Some(p), Kind::String | Kind::Number | Kind::Bool) if f.kind != Kind::String => p.clone(),
        (Some(p), Kind::String) => format!("the string {p}"),
        (_, kind) => kind.noun().to_string(),
    }
}

/// What a sibling's value is, for "but X is Y".
fn actual(f: &Found) -> String {
    match (&f.preview, f.kind) {
        (_, Kind::Undefined) => "missing".to_string(),
        (Some(p), _) => p.clone(),
        (None, kind) => kind.noun().to_string(),
    }
}

/// The display name of a sibling of the value at `path`.
fn sibling(path: &Path, name: &str) -> String {
    path.display_sibling(name)
}

fn cond_text(path: &Path, c: &Cond) -> String {
    match c {
        Cond::Eq(f, l) => format!("{} is {}", sibling(path, f), lit(l)),
        Cond::Ne(f, l) => format!("{} is not {}", sibling(path, f), lit(l)),
    }
}

fn list(choices: &[&str]) -> String {
    choices.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ")
}

/// The message for one finding.
pub fn render(path: &Path, _code: Code, _field: Option<&Field>, detail: &Detail) -> String {
    let name = path.display();
    match detail {
        Detail::Missing { when: None } => format!("{name} is required."),
        Detail::Missing { when: Some(Cond::Ne(f, l)) } => {
            format!("{name} is required unless {} is {}.", sibling(path, f), lit(l))
        }
        Detail::Missing { when: Some(c) } => format!("{name} is required when {}.", cond_text(path, c)),
        Detail::Expected => format!(
            "{name} is missing; the docs list it for this datasource type, and the API's connection test is likely to fail without it."
        ),
        Detail::WrongType { expected, found: f } => format!("{name} must be {expected}, found {}.", found(f)),
        Detail::NotInEnum { choices, found: f, suggestion } => {
            let mut m = format!("{name} must be one of {}; found {}.", list(choices), found(f));
            if let Some(s) = suggestion {
                m.push_str(&format!(" Did you mean {}?", quote(s)));
            }
            m
        }
        Detail::Empty => format!("{name} cannot be empty."),
        Detail::TooLong { max, len } => format!("{name} must be at most {max} characters, found {len}."),
        Detail::Unknown { suggestion, keys, level, key_confirmed, known } => {
            let closed = *keys == Keys::Closed;
            let mut m = match (keys, level) {
                (Keys::Closed, Some(Level::Issue)) => format!("{name} is not a field of this object (strict mode)."),
                (Keys::Closed, _) => {
                    format!("{name} is not a field the docs define for this object; the API may ignore or reject it.")
                }
                (Keys::Open, _) => format!("{name} is not a key the docs list here; it is sent as is."),
            };
            if let Some(s) = suggestion {
                m.push_str(&format!(" Did you mean {}?", sibling(path, s)));
                if !key_confirmed {
                    m.push_str(" (The docs do not confirm that name either.)");
                }
            } else if closed && known.is_empty() {
                m.push_str(" This object takes no fields.");
            } else if known.is_empty() {
                m.push_str(" The docs list no keys for it.");
            } else if closed {
                let names: Vec<&str> = known.iter().map(|f| f.name).collect();
                m.push_str(&format!(" Known fields: {}.", names.join(", ")));
            }
            m
        }
        Detail::NotAllowedUnless { when: Cond::Ne(f, l), .. } => {
            format!("{name} is not used when {} is {}; the API may reject or ignore it.", sibling(path, f), lit(l))
        }
        Detail::NotAllowedUnless { when, actual: a, at_default } => {
            let mut m = format!(
                "{name} is only valid when {}, but {} is {}.",
                cond_text(path, when),
                sibling(path, when.field()),
                actual(a)
            );
            if *at_default {
                m.push_str(" It holds its documented default, so the API likely ignores it; leave it out.");
            }
            m
        }
        Detail::UseInstead { instead, redundant: false } => {
            format!("{name} is not used for this datasource type: send {} instead.", sibling(path, instead))
        }
        Detail::UseInstead { instead, redundant: true } => {
            format!("{name} is not used for this datasource type and is redundant next to {}; leave it out.", sibling(path, instead))
        }
        Detail::OutOfRange { min, max, found: f } => {
            format!("{name} must be between {min} and {max}, found {}.", found(f))
        }
        Detail::NotInteger { found: f } => format!("{name} must be a whole number, found {}.", found(f)),
        Detail::NumericString => format!(
            "{name} is a string of digits; the docs send a number (e.g. 5432). The API may not convert it."
        ),
        Detail::NotJsonObject { reason } => {
            format!("{name} must be a JSON-encoded object (the key file's contents as a string), but {reason}.")
        }
        Detail::TooLarge { limit } => {
            format!("The body holds more than {limit} values (array holes included); the rest was not checked.")
        }
        Detail::TooMany { limit } => {
            format!("The body has more than {limit} problems; only the first {limit} are reported.")
        }
        Detail::TooDeep { limit } => {
            format!("{name} nests more than {limit} levels deep (or refers to itself); it cannot be sent.")
        }
    }
}

/// Collects findings into a [`Report`] with rendered messages.
pub struct ReportSink {
    pub report: Report,
    pub api_code: &'static str,
}

impl Sink for ReportSink {
    fn push(&mut self, severity: Severity, path: &Path, code: Code, field: Option<&Field>, detail: Detail) {
        let api_code = (severity == Severity::Issue).then_some(self.api_code);
        let issue = Issue { path: path.pointer(), code, message: render(path, code, field, &detail), api_code };
        match severity {
            Severity::Issue => self.report.issues.push(issue),
            Severity::Warning => self.report.warnings.push(issue),
        }
    }
}
