//! The measurement layout: what a generated reader writes for a body, and how the engine reads
//! it back.
//!
//! The fast path of the wasm binding does not hand the engine live JavaScript values. At build
//! time `src/gen/readers.rs` turns each schema into straight-line JavaScript (a *reader*) that
//! reads every known field once, measures it, and writes the measurements into one flat `f64`
//! buffer in wasm memory; then one call into wasm runs the engine over that buffer
//! (`src/wasm/fast.rs`). The reader measures; it never judges. This module is the contract
//! between the two: which measurement each type gets ([`measure`]), the kind codes
//! ([`kind_code`], [`kind_of`]), the cells of a block and how many a body can use ([`cells`]).
//!
//! A *cell pair* describes one value: `kind code, payload`. Its index `c` (of the kind cell) is
//! also where the reader keeps a string, an object, an array or a value JSON cannot hold (`V[c]`),
//! for what a measurement cannot answer (a message's preview, a key list, a walk); a number, a
//! boolean, null and `undefined` are wholly in their cells.
//!
//! - payload of a string: its UTF-16 length ([`Measure::Length`], [`Measure::Plain`]), its
//!   length in code points when that can exceed the maximum ([`Measure::CodePoints`]: the UTF-16
//!   length otherwise, which bounds it), or its index among the allowed values, -1 for none
//!   ([`Measure::Options`]);
//! - of a number: the number; of a boolean: 0 or 1; of `undefined`, null, anything else: 0;
//! - of an object the reader walked ([`Measure::Object`]): the index of its *object block*:
//!   `own enumerable key count, variant index (-1: none), where its keys the schema does not
//!   define start in the reader's key list (-1: more than [`UNKNOWN_KEYS`], not listed), how
//!   many there are, then one cell pair per base field of its schema`, in order, each measured
//!   for the variant in force. The key list holds each such key (cut to
//!   [`MAX_KEY_LEN`](crate::engine::value::MAX_KEY_LEN)) followed by its value;
//! - of an object or array in a field of any type ([`Measure::Tree`]): how many values it holds,
//!   itself included, when it is a tree of JSON values at most [`TREE_DEPTH`] containers deep and
//!   [`TREE_VALUES`] values large, read as the engine's walk reads it (own enumerable keys, every
//!   element); -1 otherwise (the engine then walks it itself);
//! - of an array the reader walked ([`Measure::Array`], at most [`ARRAY_ITEMS`] elements): the
//!   index of its *array block*: `length, then one cell pair per element`; -1 for a longer array
//!   (the engine reads that one through the generic path).
//!
//! Cell pair 0 describes the body itself; its block starts at cell 2.

use crate::engine::value::Kind;
use crate::schema::{Options, Schema, Type};

/// Arrays of at most this many elements are measured by the reader; longer ones are read by the
/// generic path.
pub const ARRAY_ITEMS: usize = 64;

/// Where the body's own block starts (cells 0 and 1 describe the body).
pub const ROOT_BLOCK: usize = 2;

/// Cells before the field pairs of an object block: key count, variant index, first unknown
/// key, unknown key count.
pub const OBJECT_HEADER: usize = 4;

/// A reader lists at most this many keys of an object that its schema does not define; an
/// object with more is listed by the generic reader.
pub const UNKNOWN_KEYS: usize = 64;

/// A value of any type is measured as a tree ([`Measure::Tree`]) at most this many containers
/// deep...
pub const TREE_DEPTH: usize = 16;

/// ...and at most this many values large.
pub const TREE_VALUES: usize = 1024;

/// What a reader measures of a value of a type (with `owner`, the schema whose field it is: a
/// discriminator's values are its variants).
#[derive(Debug, Clone, Copy)]
pub enum Measure {
    /// Kind and the plain payload only (a string's UTF-16 length).
    Plain,
    /// A string's UTF-16 length (enough to tell empty from not).
    Length,
    /// A string's length in code points where its UTF-16 length exceeds this maximum (the UTF-16
    /// length, which bounds it, otherwise).
    CodePoints(u32),
    /// A string's index among these values.
    Options(Options),
    /// An object of this schema, walked into a block.
    Object(&'static Schema),
    /// An array of this item type, walked into a block.
    Array(&'static Type),
    /// A value of any type: an object's or array's size as a tree of JSON values (see above);
    /// anything else as [`Measure::Plain`].
    Tree,
}

/// The measurement of a value of `ty` (a field's type, an array's item type; null aside).
pub fn measure(ty: &'static Type, owner: &'static Schema) -> Measure {
    match ty {
        Type::Str { max: Some(max), .. } => Measure::CodePoints(*max),
        Type::Str { max: None, .. } => Measure::Length,
        Type::Enum(_) | Type::Tag => owner.options(ty).map_or(Measure::Plain, Measure::Options),
        Type::Object(schema) => Measure::Object(schema),
        Type::Array(item) => Measure::Array(item),
        Type::Nullable(inner) => measure(inner, owner),
        Type::Any => Measure::Tree,
        Type::Bool | Type::Int { .. } | Type::Port | Type::JsonObjectString => Measure::Plain,
    }
}

/// The kind codes the readers write (and the generic path's JS helper returns).
pub fn kind_code(kind: Kind) -> u32 {
    match kind {
        Kind::Undefined => 0,
        Kind::Null => 1,
        Kind::Bool => 2,
        Kind::Number => 3,
        Kind::String => 4,
        Kind::Array => 5,
        Kind::Object => 6,
        Kind::Other => 7,
    }
}

/// The kind of a code; anything unknown is [`Kind::Other`].
pub fn kind_of(code: u32) -> Kind {
    match code {
        0 => Kind::Undefined,
        1 => Kind::Null,
        2 => Kind::Bool,
        3 => Kind::Number,
        4 => Kind::String,
        5 => Kind::Array,
        6 => Kind::Object,
        _ => Kind::Other,
    }
}

/// The most cells a block of `schema` and everything measured under it can use, over every
/// variant.
pub fn cells(schema: &'static Schema) -> usize {
    let most = schema
        .variants_and_base()
        .map(|v| schema.fields_for(v).map(|f| under(measure(&f.ty, schema), schema)).sum::<usize>())
        .max()
        .unwrap_or(0);
    OBJECT_HEADER + 2 * schema.fields.len() + most
}

/// The cells of the blocks under a value measured as `m`.
fn under(m: Measure, owner: &'static Schema) -> usize {
    match m {
        Measure::Object(schema) => cells(schema),
        Measure::Array(item) => 1 + ARRAY_ITEMS * (2 + under(measure(item, owner), owner)),
        _ => 0,
    }
}

/// The most cells a body of `schema` can use (the body's pair and its blocks).
pub fn body_cells(schema: &'static Schema) -> usize {
    ROOT_BLOCK + cells(schema)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::endpoints::ENDPOINTS;

    #[test]
    fn kind_codes_round_trip() {
        for k in [
            Kind::Undefined,
            Kind::Null,
            Kind::Bool,
            Kind::Number,
            Kind::String,
            Kind::Array,
            Kind::Object,
            Kind::Other,
        ] {
            assert_eq!(kind_of(kind_code(k)), k);
        }
        assert_eq!(kind_of(99), Kind::Other);
    }

    #[test]
    fn every_body_fits_a_small_buffer() {
        for e in &ENDPOINTS {
            let n = body_cells(e.body);
            assert!(n > ROOT_BLOCK + OBJECT_HEADER && n < 100_000, "{}: {n} cells", e.id);
        }
    }
}
