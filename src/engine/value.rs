//! How the rule engine reads a value.
//!
//! The engine never converts a request body into Rust structs: it asks a [`Value`] for exactly what a
//! rule needs (a kind, one property, a string length, whether a string is one of an enum's values).
//! Natively that is a `serde_json::Value`; the wasm binding implements the same trait over a live
//! JavaScript object, so a field the schema never looks at is never read, and a string is only copied
//! into Rust when a message needs its text.

use std::borrow::Cow;

use crate::schema::{Field, Options, Schema, Variant};

/// Keys longer than this (in characters, or UTF-16 units for a JavaScript value) are cut to it in
/// paths and messages: a 10 MB key is never copied whole.
pub const MAX_KEY_LEN: usize = 1024;

/// A key as the engine may hold it: cut to [`MAX_KEY_LEN`] characters.
pub fn bounded_key(k: &str) -> String {
    k.chars().take(MAX_KEY_LEN).collect()
}

/// The JSON type of a value, plus the JavaScript values JSON cannot hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
    /// JavaScript `undefined` (treated as "missing" wherever a field is looked up).
    Undefined,
    /// Anything else a JavaScript caller can pass: a function, symbol, BigInt, or a non-finite number.
    Other,
}

impl Kind {
    /// The noun used in messages: "found a string".
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
            Kind::Undefined => "undefined",
            Kind::Other => "a value that is not JSON (or could not be read)",
        }
    }
    /// The name in an issue's params (`found`): `typeof`-like, with `null` and `array` apart.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "boolean",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Object => "object",
            Kind::Undefined => "undefined",
            Kind::Other => "other",
        }
    }
}

/// Read access to one value of a request body.
///
/// Implementations must never panic, whatever the value is. Methods that do not apply to the
/// value's kind return `None` (or 0).
pub trait Value: Sized {
    fn kind(&self) -> Kind;
    /// The property `key` of an object; `None` when absent, `undefined`, or when `self` is no object.
    fn get(&self, key: &'static str) -> Option<Self>;
    fn as_bool(&self) -> Option<bool>;
    fn as_f64(&self) -> Option<f64>;
    /// The text of a string. The only method that must copy for a foreign value.
    fn as_str(&self) -> Option<Cow<'_, str>>;
    /// A string's length in Unicode scalar values (what "max 100 characters" counts).
    fn str_chars(&self) -> Option<usize> {
        self.as_str().map(|s| s.chars().count())
    }
    /// A number as a message shows it (`5432`, `1.5`).
    fn number_text(&self) -> Option<String> {
        self.as_f64().map(crate::engine::text::number)
    }
    /// Whether a string is empty, without copying it.
    fn str_is_empty(&self) -> Option<bool> {
        self.str_chars().map(|n| n == 0)
    }
    /// The index of the string among `options` (exact, case-sensitive), `Some(None)` when it is a
    /// string that matches none, `None` when it is no string.
    fn str_position(&self, options: Options) -> Option<Option<usize>> {
        let s = self.as_str()?;
        Some(options.iter().position(|o| o == s))
    }
    /// The fields in force for `variant` of `schema`, each with its value (`None` where absent or
    /// `undefined`), read all at once (a binding may read them from a measurement).
    fn read_fields(
        &self,
        schema: &'static Schema,
        variant: Option<&'static Variant>,
    ) -> Vec<(&'static Field, Option<Self>)> {
        schema.fields_for(variant).map(|f| (f, self.get(f.name))).collect()
    }
    /// Whether an object or array can be read at all (a JS Proxy whose traps throw cannot, nor be
    /// sent: `JSON.stringify` would throw).
    fn readable(&self) -> bool {
        true
    }
    /// The length of an array (0 for anything else).
    fn array_len(&self) -> usize;
    fn at(&self, index: usize) -> Option<Self>;
    /// How many own enumerable keys an object has (0 for anything else). Used to skip the key scan
    /// when every key is one the schema defines.
    fn key_count(&self) -> usize;
    /// Elements `start..start + count` of an array (fewer at its end), appended to `out` (`None`
    /// for an element that cannot be read). Arrays are read in chunks, so a binding can read many
    /// elements per call.
    fn items(&self, start: usize, count: usize, out: &mut Vec<Option<Self>>) {
        let end = self.array_len().min(start.saturating_add(count));
        out.extend((start..end).map(|i| self.at(i)));
    }
    /// Own enumerable keys `start..start + count` of an object, in order, with their values (fewer at
    /// the end, none past it). The slow path: only called when an object holds keys the schema does
    /// not define; read in chunks so that no call copies more than a chunk. A key longer than
    /// [`MAX_KEY_LEN`] is cut to its first [`MAX_KEY_LEN`] characters (it is never copied whole).
    fn entries(&self, start: usize, count: usize) -> Vec<(String, Self)>;
    /// Like [`Value::entries`], for an object of `schema` whose keys the schema does not define:
    /// the engine skips the keys it defines, so a binding that already knows which keys those
    /// are may list only them, in the same order.
    fn unknown_entries(&self, schema: &'static Schema, start: usize, count: usize) -> Vec<(String, Self)> {
        let _ = schema;
        self.entries(start, count)
    }
}

#[cfg(feature = "json")]
impl Value for &serde_json::Value {
    fn kind(&self) -> Kind {
        match self {
            serde_json::Value::Null => Kind::Null,
            serde_json::Value::Bool(_) => Kind::Bool,
            serde_json::Value::Number(_) => Kind::Number,
            serde_json::Value::String(_) => Kind::String,
            serde_json::Value::Array(_) => Kind::Array,
            serde_json::Value::Object(_) => Kind::Object,
        }
    }
    fn get(&self, key: &'static str) -> Option<Self> {
        self.as_object().and_then(|m| m.get(key))
    }
    fn as_bool(&self) -> Option<bool> {
        serde_json::Value::as_bool(self)
    }
    fn as_f64(&self) -> Option<f64> {
        serde_json::Value::as_f64(self)
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        serde_json::Value::as_str(self).map(Cow::Borrowed)
    }
    fn str_is_empty(&self) -> Option<bool> {
        serde_json::Value::as_str(self).map(str::is_empty)
    }
    fn array_len(&self) -> usize {
        self.as_array().map_or(0, Vec::len)
    }
    fn at(&self, index: usize) -> Option<Self> {
        self.as_array().and_then(|a| a.get(index))
    }
    fn key_count(&self) -> usize {
        self.as_object().map_or(0, serde_json::Map::len)
    }
    fn entries(&self, start: usize, count: usize) -> Vec<(String, Self)> {
        self.as_object()
            .map(|m| m.iter().skip(start).take(count).map(|(k, v)| (bounded_key(k), v)).collect())
            .unwrap_or_default()
    }
}
