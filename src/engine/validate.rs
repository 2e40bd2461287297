//! The rule engine: walks a body along its schema and reports every problem it finds.
//!
//! Generic over [`Value`], so the same code validates a `serde_json::Value` natively and a live
//! JavaScript object in the wasm binding. It only descends where the schema has something to say;
//! keys the schema does not define are walked just far enough to enforce [`MAX_DEPTH`].

use crate::engine::issue::{Code, Detail, Expect, Found, Hidden, Report, Severity, Sink};
use crate::engine::message::ReportSink;
use crate::engine::path::{Path, Seg};
use crate::engine::secrets::{looks_like_key_material, looks_secret};
use crate::engine::suggest::suggest;
use crate::engine::text::quote;
use crate::engine::value::{Kind, Value};
use crate::schema::endpoints::Endpoint;
use crate::schema::{policy, same_name, Cond, Field, Level, Lit, Options, Req, Rule, Schema, Type, ValidationOptions};

/// Values nested deeper than this many levels are reported (`invalid_value`) instead of walked:
/// this bounds the stack whatever the input, and turns a JavaScript object that contains itself
/// into one clear issue.
pub const MAX_DEPTH: usize = 64;

/// A body may hold at most this many values (every object, array, element and array hole counts,
/// under known and unknown keys alike); past it, one `invalid_value` issue at `""` says so and
/// nothing more is read. Time and memory per call stay bounded whatever the body, a sparse
/// `new Array(2 ** 32 - 1)` included.
pub const MAX_VALUES: usize = 1_000_000;

/// Keys and array elements are read in chunks of this many (a binding answers a chunk per call).
const CHUNK: usize = 64;

/// A report holds at most this many findings (issues and warnings), then one more saying so: a
/// 10^6-element array of wrong values, or a sparse JS array of length 2^32 - 1, stays cheap.
pub const MAX_FINDINGS: usize = 1000;

/// Validates `body` against an endpoint's schema, in the default mode (unknown keys of closed
/// objects are warnings).
pub fn validate<V: Value>(endpoint: &Endpoint, body: &V) -> Report {
    validate_with(endpoint, body, ValidationOptions::default())
}

/// Validates `body` against an endpoint's schema with `options` (`strict`: unknown keys of closed
/// objects are issues).
pub fn validate_with<V: Value>(endpoint: &Endpoint, body: &V, options: ValidationOptions) -> Report {
    let mut sink = ReportSink { report: Report::default(), api_code: endpoint.body_error };
    validate_into(endpoint.body, body, options, &mut sink);
    sink.report
}

/// Validates `body` against `schema`, sending every finding to `sink`.
pub fn validate_into<V: Value, S: Sink>(schema: &'static Schema, body: &V, options: ValidationOptions, sink: &mut S) {
    let mut cx = Cx {
        path: Path::new(),
        key: None,
        sink,
        values: MAX_VALUES,
        over: false,
        walk_done: false,
        findings: 0,
        options,
    };
    match body.kind() {
        Kind::Object => cx.object(schema, body, true),
        Kind::Undefined => cx.push(true, Code::Required, None, Detail::Missing { when: None }),
        _ => {
            let found = found_of(body, None, true);
            cx.push(true, Code::InvalidType, None, Detail::WrongType { expected: Expect::Object, found });
        }
    }
}

struct Cx<'s, S: Sink> {
    path: Path,
    /// The key of the field being checked, not yet pushed on `path`: a scalar field's check
    /// needs it only for a finding, so it joins the path only then ([`Cx::push`]), or when the
    /// walk descends into its value ([`Cx::descend`]).
    key: Option<&'static str>,
    sink: &'s mut S,
    /// Values the body may still hold (see [`MAX_VALUES`]); `over` once it held more.
    values: usize,
    over: bool,
    /// Set when a walk met a value nested too deeply: no unknown key is walked after it.
    walk_done: bool,
    findings: usize,
    options: ValidationOptions,
}

/// The result of a condition: a sibling that is present but invalid makes it unknown, and a rule
/// with an unknown condition is skipped (its sibling already has an issue of its own).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tri {
    True,
    False,
    Unknown,
}

/// Reads a property, treating `undefined` as absent.
fn prop<V: Value>(obj: &V, key: &'static str) -> Option<V> {
    obj.get(key).filter(|v| v.kind() != Kind::Undefined)
}

/// What a message may say about a value found (for `field`, if any; `container`: where an object
/// or array belongs): its kind, and a short preview only when nothing about it can be a secret.
/// Never previewed: values of secret fields and of fields whose name looks secret; a string where
/// an object or array belongs (a double-encoded `credentials` holds the password); a string that
/// looks like key material (a private key or token pasted into the wrong field).
fn found_of<V: Value>(v: &V, field: Option<&Field>, container: bool) -> Found {
    let kind = v.kind();
    let secret = field.is_some_and(field_secret);
    let none = |hidden| Found { kind, preview: None, hidden };
    // The hint that a string holds JSON text reveals nothing of it, so it is given even for a
    // secret-looking key (`credentials`).
    if kind == Kind::String && container {
        let json = v.as_str().is_some_and(|t| matches!(t.trim_start().as_bytes().first(), Some(b'{' | b'[')));
        return none(json.then_some(Hidden::JsonText));
    }
    if secret {
        return none(None);
    }
    match kind {
        Kind::String => match v.as_str() {
            Some(text) => found_text(&text),
            None => none(None),
        },
        Kind::Number => Found { kind, preview: v.number_text(), hidden: None },
        Kind::Bool => Found { kind, preview: v.as_bool().map(|b| b.to_string()), hidden: None },
        _ => none(None),
    }
}

/// What a message may say about a string found, not secret by its field: a short quote, unless
/// it looks like key material.
fn found_text(text: &str) -> Found {
    if looks_like_key_material(text) {
        return Found { kind: Kind::String, preview: None, hidden: Some(Hidden::KeyMaterial) };
    }
    Found { kind: Kind::String, preview: Some(quote(text)), hidden: None }
}

/// Whether a message may never show a value of `field`.
fn field_secret(field: &Field) -> bool {
    field.secret || name_looks_secret(field.name)
}

thread_local! {
    /// [`looks_secret`] of the schema's field names met so far, by the name's address (schema
    /// names are static): each name is folded and searched once per process, not per finding.
    static SECRET_NAMES: std::cell::RefCell<Vec<(usize, bool)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// [`looks_secret`] of a schema field's name, remembered.
fn name_looks_secret(name: &'static str) -> bool {
    let id = name.as_ptr() as usize;
    SECRET_NAMES.with(|cache| {
        let mut cache = cache.borrow_mut();
        match cache.binary_search_by_key(&id, |(k, _)| *k) {
            Ok(at) => cache.get(at).is_some_and(|(_, secret)| *secret),
            Err(at) => {
                let secret = looks_secret(name);
                cache.insert(at, (id, secret));
                secret
            }
        }
    })
}

/// Whether a type holds an object or an array (or anything): a string found there is never quoted.
fn expects_container(ty: &Type) -> bool {
    match ty {
        Type::Object(_) | Type::Array(_) | Type::Any => true,
        Type::Nullable(inner) => expects_container(inner),
        _ => false,
    }
}

/// How a wrong-type message names the expected type.
fn expected(ty: &Type) -> Expect {
    match ty {
        Type::Str { .. } | Type::Enum(_) | Type::Tag => Expect::Str,
        Type::Bool => Expect::Bool,
        Type::Int { .. } => Expect::Int,
        Type::Port => Expect::Port,
        Type::Array(_) => Expect::Array,
        Type::Object(_) => Expect::Object,
        Type::JsonObjectString => Expect::JsonText,
        Type::Nullable(_) => Expect::StrOrNull,
        Type::Any => Expect::Json,
    }
}

impl<S: Sink> Cx<'_, S> {
    /// Sends a finding at the current path. `issue` is false for warnings.
    fn push(&mut self, issue: bool, code: Code, field: Option<&Field>, detail: Detail) {
        if self.full() {
            return;
        }
        self.findings += 1;
        let severity = if issue { Severity::Issue } else { Severity::Warning };
        match self.key {
            Some(k) => {
                self.path.push(Seg::Key(k));
                self.sink.push(severity, &self.path, code, field, detail);
                self.path.pop();
            }
            None => self.sink.push(severity, &self.path, code, field, detail),
        }
        if self.full() {
            let detail = Detail::TooMany { limit: MAX_FINDINGS };
            self.sink.push(Severity::Issue, &Path::new(), Code::InvalidValue, None, detail);
        }
    }

    /// Whether the report holds [`MAX_FINDINGS`] already (walking on would only find what is
    /// dropped), or the body holds more than [`MAX_VALUES`].
    fn full(&self) -> bool {
        self.findings >= MAX_FINDINGS || self.over
    }

    /// Counts `n` values read; `false` (after one issue saying so) once the body holds more than
    /// [`MAX_VALUES`].
    fn count(&mut self, n: usize) -> bool {
        if self.over {
            return false;
        }
        if self.values < n {
            self.over = true;
            let detail = Detail::TooLarge { limit: MAX_VALUES };
            self.sink.push(Severity::Issue, &Path::new(), Code::InvalidValue, None, detail);
            return false;
        }
        self.values -= n;
        true
    }

    fn object<V: Value>(&mut self, schema: &'static Schema, obj: &V, issues: bool) {
        let variant = schema.union.and_then(|u| {
            let tag = prop(obj, u.tag)?;
            let position = tag.str_position(schema.tag_options())??;
            u.variants.get(position)
        });
        // Each key is read once, all at once; the rules below look at these reads.
        let mut read = obj.read_fields(schema, variant);
        for (_, value) in read.iter_mut() {
            if value.as_ref().is_some_and(|v| v.kind() == Kind::Undefined) {
                *value = None;
            }
        }
        let mut present = 0usize;
        let sent = |name: &str| read.iter().any(|(f, v)| v.is_some() && same_name(f.name, name));
        for (field, value) in &read {
            let issue = issues && policy::field_level(field) == Level::Issue;
            self.key = Some(field.name);
            match value {
                None => match field.req {
                    Req::Required => self.push(issue, Code::Required, Some(field), Detail::Missing { when: None }),
                    // Not when a forbidden key stands in for it: that key's issue names this one.
                    Req::Expected if !read.iter().any(|(f, v)| v.is_some() && f.req == Req::Forbidden(field.name)) => {
                        self.push(false, Code::Required, Some(field), Detail::Expected)
                    }
                    Req::Expected | Req::Optional | Req::Forbidden(_) => {}
                },
                Some(v) => {
                    present += 1;
                    if let Req::Forbidden(instead) = field.req {
                        // Next to the key to use, it is only redundant.
                        let redundant = sent(instead);
                        self.push(
                            issue && !redundant,
                            Code::NotAllowed,
                            Some(field),
                            Detail::UseInstead { instead, redundant },
                        );
                    } else {
                        self.value(schema, field, &field.ty, v, issue);
                    }
                }
            }
            self.key = None;
        }
        for rule in schema.rules {
            self.rule(schema, rule, &read, issues);
        }
        if obj.key_count() > present {
            self.unknown_keys(schema, obj, &read, issues);
        }
    }

    fn rule<V: Value>(
        &mut self,
        schema: &'static Schema,
        rule: &Rule,
        read: &[(&'static Field, Option<V>)],
        issues: bool,
    ) {
        let when = *rule.cond();
        let (truth, sibling) = eval(schema, &when, read);
        let fires = match rule {
            Rule::RequiredWhen { .. } => truth == Tri::True,
            Rule::OnlyWhen { .. } => truth == Tri::False,
        };
        if !fires {
            return;
        }
        for name in rule.fields() {
            let Some((field, value)) = read.iter().find(|(f, _)| same_name(f.name, name)) else { continue };
            let issue = issues && policy::rule_level(rule, field) == Level::Issue;
            match *rule {
                Rule::RequiredWhen { .. } if value.is_none() => {
                    self.path.push(Seg::Key(field.name));
                    self.push(issue, Code::Required, Some(field), Detail::Missing { when: Some(when) });
                    self.path.pop();
                }
                Rule::OnlyWhen { .. } if value.is_some() => {
                    let actual = match sibling {
                        Some((f, Some(v))) => found_of(v, Some(f), expects_container(&f.ty)),
                        _ => Found { kind: Kind::Undefined, preview: None, hidden: None },
                    };
                    // The documented default asks for what the API does anyway: a warning.
                    let at_default = value.as_ref().is_some_and(|v| field.default.is_some_and(|d| equals(v, d)));
                    self.path.push(Seg::Key(field.name));
                    self.push(
                        issue && !at_default,
                        Code::NotAllowed,
                        Some(field),
                        Detail::NotAllowedUnless { when, actual, at_default },
                    );
                    self.path.pop();
                }
                _ => {}
            }
        }
    }

    fn unknown_keys<V: Value>(
        &mut self,
        schema: &'static Schema,
        obj: &V,
        read: &[(&'static Field, Option<V>)],
        issues: bool,
    ) {
        // Suggest only keys the object does not hold already (`Password` next to `password` is
        // another key, not a typo of it).
        let names = || read.iter().filter(|(_, v)| v.is_none()).map(|(f, _)| f.name);
        self.each_entry(obj, Some(schema), |cx, key, v| {
            if cx.full() {
                return true;
            }
            // Not a known key, nor one whose value is `undefined` (JSON.stringify drops it).
            if schema.field(&key).is_none() && v.kind() != Kind::Undefined {
                cx.unknown_key(schema, key, &v, names(), issues);
            }
            false
        });
    }

    /// Calls `f` with each own entry of `obj` (with `unknown`, those `unknown` may not define),
    /// read [`CHUNK`] at a time, until it returns `true`; returns whether it did.
    fn each_entry<V: Value>(
        &mut self,
        obj: &V,
        unknown: Option<&'static Schema>,
        mut f: impl FnMut(&mut Self, String, V) -> bool,
    ) -> bool {
        let mut start = 0;
        loop {
            let chunk = match unknown {
                Some(schema) => obj.unknown_entries(schema, start, CHUNK),
                None => obj.entries(start, CHUNK),
            };
            if chunk.is_empty() {
                return false;
            }
            start += chunk.len();
            for (key, v) in chunk {
                if f(self, key, v) {
                    return true;
                }
            }
        }
    }

    /// Calls `f` with the index of each element of `array` (`None` for a hole or an element that
    /// cannot be read), read [`CHUNK`] at a time, until it returns `true`; returns whether it did.
    fn each_item<V: Value>(&mut self, array: &V, mut f: impl FnMut(&mut Self, usize, Option<&V>) -> bool) -> bool {
        let len = array.array_len();
        let mut chunk = Vec::with_capacity(CHUNK.min(len));
        let mut start = 0;
        while start < len {
            chunk.clear();
            array.items(start, CHUNK, &mut chunk);
            if chunk.is_empty() {
                break;
            }
            for (offset, elem) in chunk.iter().enumerate() {
                if f(self, start + offset, elem.as_ref()) {
                    return true;
                }
            }
            start += chunk.len();
        }
        false
    }

    fn unknown_key<V: Value>(
        &mut self,
        schema: &'static Schema,
        key: String,
        v: &V,
        names: impl Iterator<Item = &'static str>,
        issues: bool,
    ) {
        let suggestion = suggest(&key, names);
        let level = policy::unknown_key(schema, self.options, suggestion.is_some());
        let key_confirmed =
            suggestion.and_then(|s| schema.field(s)).is_some_and(|f| policy::field_level(f) == Level::Issue);
        self.path.push(Seg::Owned(key));
        let detail = Detail::Unknown { suggestion, keys: schema.keys, level, key_confirmed, known: schema.fields };
        match level {
            Some(Level::Issue) => {
                if self.count(1) {
                    self.push(issues, Code::UnknownField, None, detail);
                }
            }
            Some(Level::Warning) => {
                self.push(false, Code::UnknownField, None, detail);
                self.walk(v);
            }
            None => {
                self.walk(v);
            }
        }
        self.path.pop();
    }

    /// Checks one present value against its type. `issue` is false where problems are warnings.
    fn value<V: Value>(&mut self, schema: &'static Schema, field: &Field, ty: &Type, v: &V, issue: bool) {
        if !self.count(1) {
            return;
        }
        let kind = v.kind();
        let wrong_type = |cx: &mut Self| {
            let found = found_of(v, Some(field), expects_container(ty));
            cx.push(issue, Code::InvalidType, Some(field), Detail::WrongType { expected: expected(ty), found });
        };
        match ty {
            Type::Str { min, max } => {
                if kind != Kind::String {
                    return wrong_type(self);
                }
                if *min > 0 && v.str_is_empty() == Some(true) {
                    self.push(issue, Code::TooShort, Some(field), Detail::Empty);
                }
                if let Some(max) = max {
                    let len = v.str_chars().unwrap_or(0);
                    if len > *max as usize {
                        self.push(issue, Code::TooLong, Some(field), Detail::TooLong { max: *max, len });
                    }
                }
            }
            Type::Enum(_) | Type::Tag => {
                let options = schema.options(ty).unwrap_or(Options::Choices(&[]));
                match v.str_position(options) {
                    None => wrong_type(self),
                    Some(Some(_)) => {}
                    Some(None) => {
                        // The string's text is read once, for the preview and the suggestion.
                        let text = if field_secret(field) { None } else { v.as_str() };
                        let found = match &text {
                            Some(t) => found_text(t),
                            None => found_of(v, Some(field), false),
                        };
                        // No suggestion from a value the message may not show.
                        let suggestion =
                            found.preview.as_ref().and_then(|_| text.as_ref().and_then(|s| suggest(s, options.iter())));
                        let choices = options.iter().collect();
                        self.push(
                            issue,
                            Code::InvalidEnum,
                            Some(field),
                            Detail::NotInEnum { choices, found, suggestion },
                        );
                    }
                }
            }
            Type::Bool => {
                if kind != Kind::Bool {
                    wrong_type(self);
                }
            }
            Type::Int { min, max } => self.integer(field, v, *min, *max, issue, wrong_type),
            Type::Port => {
                let digits = kind == Kind::String
                    && v.as_str()
                        .is_some_and(|s| !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit()));
                if digits {
                    self.push(false, Code::InvalidType, Some(field), Detail::NumericString);
                } else {
                    self.integer(field, v, 1, 65535, issue, wrong_type);
                }
            }
            Type::Array(item) => {
                if kind != Kind::Array {
                    return wrong_type(self);
                }
                let key = self.descend();
                if !self.too_deep(issue) {
                    self.items(schema, field, item, v, issue);
                }
                self.ascend(key);
            }
            Type::Object(inner) => {
                if kind != Kind::Object {
                    return wrong_type(self);
                }
                let key = self.descend();
                if !self.too_deep(issue) {
                    self.object(inner, v, issue);
                }
                self.ascend(key);
            }
            Type::JsonObjectString => {
                let Some(text) = v.as_str() else { return wrong_type(self) };
                if text.is_empty() {
                    return self.push(issue, Code::TooShort, Some(field), Detail::Empty);
                }
                let Err(not) = crate::engine::jsontext::check_object(&text) else { return };
                self.push(issue, Code::InvalidValue, Some(field), Detail::NotJsonObject { not });
            }
            Type::Nullable(inner) => {
                if kind != Kind::Null {
                    if let Type::Str { .. } = inner {
                        if kind != Kind::String {
                            return wrong_type(self);
                        }
                    }
                    self.value(schema, field, inner, v, issue);
                }
            }
            Type::Any => {
                let key = self.descend();
                self.walk(v);
                self.ascend(key);
            }
        }
    }

    /// Checks each element of an array against the item type.
    fn items<V: Value>(&mut self, schema: &'static Schema, field: &Field, item: &Type, v: &V, issue: bool) {
        self.each_item(v, |cx, index, elem| {
            if cx.full() {
                return true;
            }
            cx.path.push(Seg::Index(index));
            match elem {
                Some(elem) => cx.value(schema, field, item, elem, issue),
                None if !cx.count(1) => {}
                None => cx.push(
                    issue,
                    Code::InvalidType,
                    Some(field),
                    Detail::WrongType {
                        expected: expected(item),
                        found: Found { kind: Kind::Undefined, preview: None, hidden: None },
                    },
                ),
            }
            cx.path.pop();
            false
        });
    }

    fn integer<V: Value>(
        &mut self,
        field: &Field,
        v: &V,
        min: i64,
        max: i64,
        issue: bool,
        wrong_type: impl FnOnce(&mut Self),
    ) {
        let Some(n) = v.as_f64().filter(|_| v.kind() == Kind::Number) else { return wrong_type(self) };
        let found = || found_of(v, Some(field), false);
        if !n.is_finite() || n.fract() != 0.0 {
            self.push(issue, Code::InvalidValue, Some(field), Detail::NotInteger { found: found() });
        } else if n < min as f64 || n > max as f64 {
            self.push(issue, Code::InvalidValue, Some(field), Detail::OutOfRange { min, max, found: found() });
        }
    }

    /// Puts the pending key of the current field on the path, to walk into its value; returns it
    /// for [`Cx::ascend`].
    fn descend(&mut self) -> Option<&'static str> {
        let key = self.key.take();
        if let Some(k) = key {
            self.path.push(Seg::Key(k));
        }
        key
    }

    /// Undoes [`Cx::descend`].
    fn ascend(&mut self, key: Option<&'static str>) {
        if key.is_some() {
            self.path.pop();
        }
        self.key = key;
    }

    /// Reports the current value when it lies deeper than [`MAX_DEPTH`]; `true` if it did.
    fn too_deep(&mut self, issue: bool) -> bool {
        if self.path.depth() > MAX_DEPTH {
            self.push(issue, Code::InvalidValue, None, Detail::TooDeep { limit: MAX_DEPTH });
            true
        } else {
            false
        }
    }

    /// Walks a value no schema describes, to enforce [`MAX_DEPTH`] and to find what JSON cannot hold
    /// (a BigInt, a function, a value that could not be read). Stops at the first value too deep (a
    /// self-containing object would otherwise be walked forever), and, with everything else, once
    /// the body holds more than [`MAX_VALUES`] (holes of sparse arrays included). Returns `true`
    /// when the walk must stop.
    fn walk<V: Value>(&mut self, v: &V) -> bool {
        if self.walk_done || self.full() || !self.count(1) {
            return true;
        }
        match v.kind() {
            Kind::Array | Kind::Object if self.too_deep(true) => {
                self.walk_done = true;
                return true;
            }
            Kind::Other => {
                let found = Found { kind: Kind::Other, preview: None, hidden: None };
                self.push(true, Code::InvalidType, None, Detail::WrongType { expected: Expect::Json, found });
            }
            Kind::Array | Kind::Object if !v.readable() => {
                let found = Found { kind: Kind::Other, preview: None, hidden: None };
                self.push(true, Code::InvalidType, None, Detail::WrongType { expected: Expect::Json, found });
            }
            // A hole counts as a value read: it is one step of the walk.
            Kind::Array => {
                return self.each_item(v, |cx, index, elem| match elem {
                    Some(elem) => {
                        cx.path.push(Seg::Index(index));
                        let stop = cx.walk(elem);
                        cx.path.pop();
                        stop
                    }
                    None => !cx.count(1),
                });
            }
            Kind::Object => {
                return self.each_entry(v, None, |cx, key, elem| {
                    cx.path.push(Seg::Owned(key));
                    let stop = cx.walk(&elem);
                    cx.path.pop();
                    stop
                });
            }
            _ => {}
        }
        false
    }
}

/// Evaluates a condition on a sibling among an object's reads; also returns the sibling (for a
/// message that says what it is).
fn eval<'r, V: Value>(
    schema: &'static Schema,
    cond: &Cond,
    read: &'r [(&'static Field, Option<V>)],
) -> (Tri, Option<&'r (&'static Field, Option<V>)>) {
    let (name, lit, negate) = match *cond {
        Cond::Eq(f, l) => (f, l, false),
        Cond::Ne(f, l) => (f, l, true),
    };
    let sibling = read.iter().find(|(f, _)| same_name(f.name, name));
    let def = sibling.map(|(f, _)| *f);
    let equal = match (sibling.and_then(|(_, v)| v.as_ref()), lit) {
        // A missing sibling takes its documented default; without one the rule is skipped (a
        // missing `tenancyLevel` is one issue, not one more per TABLE field).
        (None, _) => def.and_then(|f| f.default).map(|d| d == lit),
        (Some(v), Lit::Bool(b)) => v.as_bool().map(|x| x == b),
        (Some(v), Lit::Str(s)) => match def.and_then(|f| schema.options(&f.ty)) {
            // A value outside the sibling's enum makes the condition unknown.
            Some(options) => match v.str_position(options) {
                Some(Some(i)) => Some(options.get(i) == Some(s)),
                _ => None,
            },
            None => v.as_str().map(|x| x == s),
        },
    };
    let truth = match equal {
        None => Tri::Unknown,
        Some(eq) if eq != negate => Tri::True,
        Some(_) => Tri::False,
    };
    (truth, sibling)
}

/// Whether a value is the literal.
fn equals<V: Value>(v: &V, lit: Lit) -> bool {
    match lit {
        Lit::Bool(b) => v.as_bool() == Some(b),
        Lit::Str(s) => v.as_str().is_some_and(|x| x == s),
    }
}
