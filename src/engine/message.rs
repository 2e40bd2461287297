//! Messages: name the field, say what was expected and what was found, list allowed values and
//! suggest the nearest known name. Secret values never reach this module (see [`Found`]).

use crate::engine::issue::{Code, Detail, Found, Hidden, Issue, Report, Severity, Sink};
use crate::engine::path::Path;
use std::fmt::Write;

use crate::engine::text::quote_into;
use crate::engine::value::Kind;
use crate::schema::{Cond, Field, Keys, Level, Lit};

/// Writes a piece of a message into the message being written.
type Out<'a> = &'a mut String;

fn lit(out: Out, l: &Lit) {
    match l {
        Lit::Str(s) => quote_into(out, s),
        Lit::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
    }
}

fn found(out: Out, f: &Found) {
    match (&f.preview, f.kind) {
        (_, Kind::Undefined) => out.push_str("nothing"),
        (None, Kind::String) if f.hidden == Some(Hidden::JsonText) => {
            out.push_str("a string holding JSON text (send the value itself, not its JSON encoding)")
        }
        (None, Kind::String) if f.hidden == Some(Hidden::KeyMaterial) => {
            out.push_str("a string (not shown: it looks like a key or token)")
        }
        (Some(p), Kind::String | Kind::Number | Kind::Bool) if f.kind != Kind::String => out.push_str(p),
        (Some(p), Kind::String) => {
            out.push_str("the string ");
            out.push_str(p);
        }
        (_, kind) => out.push_str(kind.noun()),
    }
}

/// What a sibling's value is, for "but X is Y".
fn actual(out: Out, f: &Found) {
    match (&f.preview, f.kind) {
        (_, Kind::Undefined) => out.push_str("missing"),
        (Some(p), _) => out.push_str(p),
        (None, kind) => out.push_str(kind.noun()),
    }
}

/// "<sibling> is <lit>" or "<sibling> is not <lit>".
fn cond_text(out: Out, path: &Path, c: &Cond) {
    let (f, l, not) = match c {
        Cond::Eq(f, l) => (f, l, ""),
        Cond::Ne(f, l) => (f, l, " not"),
    };
    path.display_sibling_into(out, f);
    out.push_str(" is");
    out.push_str(not);
    out.push(' ');
    lit(out, l);
}

fn list(out: Out, choices: &[&str]) {
    for (i, c) in choices.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        quote_into(out, c);
    }
}

/// Appends a number in decimal digits.
fn number(out: Out, n: impl std::fmt::Display) {
    let _ = write!(out, "{n}");
}

/// The message for one finding.
pub fn render(path: &Path, code: Code, field: Option<&Field>, detail: &Detail) -> String {
    let mut out = String::with_capacity(96);
    render_into(&mut out, path, code, field, detail);
    out
}

/// [`render`], appended to `out`: the message is written in place, piece by piece, with no
/// string of its own.
pub fn render_into(out: Out, path: &Path, _code: Code, _field: Option<&Field>, detail: &Detail) {
    // Every message but those about the whole body starts with the value's name.
    if !matches!(detail, Detail::TooLarge { .. } | Detail::TooMany { .. }) {
        path.display_into(out);
    }
    match detail {
        Detail::Missing { when: None } => out.push_str(" is required."),
        Detail::Missing { when: Some(Cond::Ne(f, l)) } => {
            out.push_str(" is required unless ");
            path.display_sibling_into(out, f);
            out.push_str(" is ");
            lit(out, l);
            out.push('.');
        }
        Detail::Missing { when: Some(c) } => {
            out.push_str(" is required when ");
            cond_text(out, path, c);
            out.push('.');
        }
        Detail::Expected => out.push_str(
            " is missing; the docs list it for this datasource type, and the API's connection test is likely to fail without it.",
        ),
        Detail::WrongType { expected, found: f } => {
            out.push_str(" must be ");
            out.push_str(expected.phrase());
            out.push_str(", found ");
            found(out, f);
            out.push('.');
        }
        Detail::NotInEnum { choices, found: f, suggestion } => {
            out.push_str(" must be one of ");
            list(out, choices);
            out.push_str("; found ");
            found(out, f);
            out.push('.');
            if let Some(s) = suggestion {
                out.push_str(" Did you mean ");
                quote_into(out, s);
                out.push('?');
            }
        }
        Detail::Empty => out.push_str(" cannot be empty."),
        Detail::TooLong { max, len } => {
            out.push_str(" must be at most ");
            number(out, max);
            out.push_str(" characters, found ");
            number(out, len);
            out.push('.');
        }
        Detail::Unknown { suggestion, keys, level, key_confirmed, known } => {
            let closed = *keys == Keys::Closed;
            out.push_str(match (keys, level) {
                (Keys::Closed, Some(Level::Issue)) => " is not a field of this object (strict mode).",
                (Keys::Closed, _) => " is not a field the docs define for this object; the API may ignore or reject it.",
                (Keys::Open, _) => " is not a key the docs list here; it is sent as is.",
            });
            if let Some(s) = suggestion {
                out.push_str(" Did you mean ");
                path.display_sibling_into(out, s);
                out.push('?');
                if !key_confirmed {
                    out.push_str(" (The docs do not confirm that name either.)");
                }
            } else if closed && known.is_empty() {
                out.push_str(" This object takes no fields.");
            } else if known.is_empty() {
                out.push_str(" The docs list no keys for it.");
            } else if closed {
                out.push_str(" Known fields: ");
                for (i, f) in known.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(f.name);
                }
                out.push('.');
            }
        }
        Detail::NotAllowedUnless { when: Cond::Ne(f, l), .. } => {
            out.push_str(" is not used when ");
            path.display_sibling_into(out, f);
            out.push_str(" is ");
            lit(out, l);
            out.push_str("; the API may reject or ignore it.");
        }
        Detail::NotAllowedUnless { when, actual: a, at_default } => {
            out.push_str(" is only valid when ");
            cond_text(out, path, when);
            out.push_str(", but ");
            path.display_sibling_into(out, when.field());
            out.push_str(" is ");
            actual(out, a);
            out.push('.');
            if *at_default {
                out.push_str(" It holds its documented default, so the API likely ignores it; leave it out.");
            }
        }
        Detail::UseInstead { instead, redundant: false } => {
            out.push_str(" is not used for this datasource type: send ");
            path.display_sibling_into(out, instead);
            out.push_str(" instead.");
        }
        Detail::UseInstead { instead, redundant: true } => {
            out.push_str(" is not used for this datasource type and is redundant next to ");
            path.display_sibling_into(out, instead);
            out.push_str("; leave it out.");
        }
        Detail::OutOfRange { min, max, found: f } => {
            out.push_str(" must be between ");
            number(out, min);
            out.push_str(" and ");
            number(out, max);
            out.push_str(", found ");
            found(out, f);
            out.push('.');
        }
        Detail::NotInteger { found: f } => {
            out.push_str(" must be a whole number, found ");
            found(out, f);
            out.push('.');
        }
        Detail::NumericString => out.push_str(
            " is a string of digits; the docs send a number (e.g. 5432). The API may not convert it.",
        ),
        Detail::NotJsonObject { not } => {
            out.push_str(" must be a JSON-encoded object (the key file's contents as a string), but ");
            out.push_str(not.reason());
            out.push('.');
        }
        Detail::TooLarge { limit } => {
            out.push_str("The body holds more than ");
            number(out, limit);
            out.push_str(" values (array holes included); the rest was not checked.");
        }
        Detail::TooMany { limit } => {
            out.push_str("The body has more than ");
            number(out, limit);
            out.push_str(" problems; only the first ");
            number(out, limit);
            out.push_str(" are reported.");
        }
        Detail::TooDeep { limit } => {
            out.push_str(" nests more than ");
            number(out, limit);
            out.push_str(" levels deep (or refers to itself); it cannot be sent.");
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
        let message = render(path, code, field, &detail);
        let issue =
            Issue { path: path.pointer(), code, message, api_code, params: crate::engine::params::params(&detail) };
        match severity {
            Severity::Issue => self.report.issues.push(issue),
            Severity::Warning => self.report.warnings.push(issue),
        }
    }
}
