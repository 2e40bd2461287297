//! An issue's params: the structured data of a finding, as one JSON object, so that a UI can
//! write the message in its own words (`{"rule":"enum","allowed":[…],"found":"string"}`).
//!
//! `rule` names the check that fired (finer than the code: `invalid_value` is a range, a whole
//! number, JSON text or a depth); the other keys depend on it and are listed in `js/index.d.ts`
//! (`IssueParams`). Params hold schema data, kinds and counts only, never a value of the body,
//! so they are as safe to show or log as the codes.

use std::fmt::Write;

use crate::engine::issue::Detail;
use crate::schema::{Cond, Field, Keys, Lit};

type Out<'a> = &'a mut String;

/// A JSON string. Schema names need no escape; anything else is escaped as JSON requires.
fn string(out: Out, s: &str) {
    out.push('"');
    // Schema names and kinds need no escape: written whole.
    if !s.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out.push_str(s);
        out.push('"');
        return;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `,"key":` (every key but `rule` follows another).
fn key(out: Out, k: &str) {
    out.push_str(",\"");
    out.push_str(k);
    out.push_str("\":");
}

fn str_field(out: Out, k: &str, v: &str) {
    key(out, k);
    string(out, v);
}

fn num_field(out: Out, k: &str, n: impl std::fmt::Display) {
    key(out, k);
    let _ = write!(out, "{n}");
}

fn bool_field(out: Out, k: &str, b: bool) {
    key(out, k);
    out.push_str(if b { "true" } else { "false" });
}

fn lit(out: Out, l: &Lit) {
    match l {
        Lit::Str(s) => string(out, s),
        Lit::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
    }
}

/// `"when":{"field":"connectionType","equals":"DATASOURCE"}` (or `notEquals`).
fn when(out: Out, c: &Cond) {
    key(out, "when");
    let (f, l, op) = match c {
        Cond::Eq(f, l) => (f, l, "equals"),
        Cond::Ne(f, l) => (f, l, "notEquals"),
    };
    out.push_str("{\"field\":");
    string(out, f);
    out.push_str(",\"");
    out.push_str(op);
    out.push_str("\":");
    lit(out, l);
    out.push('}');
}

fn names<'a>(out: Out, k: &str, list: impl Iterator<Item = &'a str>) {
    key(out, k);
    out.push('[');
    for (i, s) in list.enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, s);
    }
    out.push(']');
}

/// The params of one finding, appended to `out` as one JSON object.
pub fn params_into(out: Out, detail: &Detail) {
    let rule = |out: Out, r: &str| {
        out.push_str("{\"rule\":\"");
        out.push_str(r);
        out.push('"');
    };
    match detail {
        Detail::Missing { when: None } => rule(out, "required"),
        Detail::Missing { when: Some(c) } => {
            rule(out, "required_when");
            when(out, c);
        }
        Detail::Expected => rule(out, "expected"),
        Detail::WrongType { expected, found } => {
            rule(out, "type");
            str_field(out, "expected", expected.name());
            str_field(out, "found", found.kind.name());
        }
        Detail::NotInEnum { choices, found, suggestion } => {
            rule(out, "enum");
            names(out, "allowed", choices.iter().copied());
            str_field(out, "found", found.kind.name());
            if let Some(s) = suggestion {
                str_field(out, "suggestion", s);
            }
        }
        Detail::Empty => {
            rule(out, "empty");
            num_field(out, "minimum", 1);
        }
        Detail::TooLong { max, len } => {
            rule(out, "length");
            num_field(out, "maximum", max);
            num_field(out, "length", len);
        }
        Detail::Unknown { suggestion, keys, known, .. } => {
            rule(out, "unknown_key");
            bool_field(out, "sent", *keys == Keys::Open);
            if let Some(s) = suggestion {
                str_field(out, "suggestion", s);
            }
            names(out, "known", known.iter().map(|f: &Field| f.name));
        }
        Detail::NotAllowedUnless { when: c, actual, at_default } => {
            rule(out, "only_when");
            when(out, c);
            str_field(out, "siblingFound", actual.kind.name());
            bool_field(out, "atDefault", *at_default);
        }
        Detail::UseInstead { instead, redundant } => {
            rule(out, "use_instead");
            str_field(out, "instead", instead);
            bool_field(out, "redundant", *redundant);
        }
        Detail::OutOfRange { min, max, found } => {
            rule(out, "range");
            num_field(out, "minimum", min);
            num_field(out, "maximum", max);
            str_field(out, "found", found.kind.name());
        }
        Detail::NotInteger { found } => {
            rule(out, "integer");
            str_field(out, "found", found.kind.name());
        }
        Detail::NumericString => {
            rule(out, "numeric_string");
            str_field(out, "expected", "port");
            str_field(out, "found", "string");
        }
        Detail::NotJsonObject { not } => {
            rule(out, "json_text");
            str_field(out, "encodes", not.name());
        }
        Detail::TooDeep { limit } => {
            rule(out, "depth");
            num_field(out, "maximum", limit);
        }
        Detail::TooMany { limit } => {
            rule(out, "too_many");
            num_field(out, "maximum", limit);
        }
        Detail::TooLarge { limit } => {
            rule(out, "too_large");
            num_field(out, "maximum", limit);
        }
    }
    out.push('}');
}

/// [`params_into`] as its own string.
pub fn params(detail: &Detail) -> String {
    let mut out = String::with_capacity(48);
    params_into(&mut out, detail);
    out
}
