//! The fast path: the engine over what a generated reader measured (`pkg/readers.js`, written by
//! `src/gen/readers.rs`), in one call per body.
//!
//! JavaScript reads the body once, with the reader of its endpoint, into a buffer of `f64` cells
//! in this module's memory (the layout is `src/engine/layout.rs`), then calls [`check_fast`].
//! [`Fast`] implements the engine's [`Value`] over those cells, so the rules, their order and
//! their messages are the engine's own, exactly as on the generic path. What the cells cannot
//! answer — a string's text for a message, the keys the schema does not know, a value of a field
//! of any type, an array longer than the reader measures — is asked of the value itself, kept by
//! the reader in its value list, through the generic reader ([`Js`]).

use std::borrow::Cow;
use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::convert;
use super::js::{self, Js};
use super::result;
use crate::engine::layout::{kind_of, measure, Measure, OBJECT_HEADER};
use crate::engine::value::{Kind, Value};
use crate::schema::{same_name, Field, Options, Schema, Type, Variant};

thread_local! {
    /// The cells the readers write (allocated once by [`fast_buffer`], never moved after).
    static CELLS: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
    /// The reader's value list: the value measured at each cell.
    static VALUES: RefCell<Option<js_sys::Array>> = const { RefCell::new(None) };
    /// The reader's key list: each key an object's schema does not define, then its value.
    static KEYS: RefCell<Option<js_sys::Array>> = const { RefCell::new(None) };
}

/// `fastBuffer(cells)`: makes the cell buffer (once; again only if more cells are asked for) and
/// returns its byte address in memory.
#[wasm_bindgen(js_name = fastBuffer, skip_typescript)]
pub fn fast_buffer(cells: u32) -> u32 {
    CELLS.with(|c| {
        let mut buf = c.borrow_mut();
        if buf.len() < cells as usize {
            *buf = vec![0.0; cells as usize];
        }
        u32::try_from(buf.as_ptr() as usize).unwrap_or(0)
    })
}

/// `fastMemory()`: this module's memory, for the readers' view of the cells.
#[wasm_bindgen(js_name = fastMemory, skip_typescript)]
pub fn fast_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// `fastValues(values, keys)`: the readers' value list and key list, given once.
#[wasm_bindgen(js_name = fastValues, skip_typescript)]
pub fn fast_values(values: js_sys::Array, keys: js_sys::Array) {
    VALUES.with(|v| *v.borrow_mut() = Some(values));
    KEYS.with(|k| *k.borrow_mut() = Some(keys));
}

/// Entry `i` of the reader's key list.
fn key_list(i: u32) -> JsValue {
    KEYS.with(|k| k.borrow().as_ref().map_or(JsValue::UNDEFINED, |list| list.get(i)))
}

thread_local! {
    /// The result of the last [`check_fast`] that found something, until [`fast_report`] takes it.
    static REPORT: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// `checkFast(endpointIndex, strict)`: judges the body the endpoint's reader just measured. 0:
/// neither issues nor warnings (what `check` answers with `undefined`); 1: `fastReport()` gives
/// the result; 2: no such endpoint (js/validate.js maps ids to indices, so never in practice).
/// A plain number, so that a clean body moves no value across the boundary.
#[wasm_bindgen(js_name = checkFast, skip_typescript)]
pub fn check_fast(index: u32, strict: bool) -> u32 {
    let Ok(ep) = convert::endpoint(index) else { return 2 };
    let found = CELLS.with(|c| {
        let cells = c.borrow();
        // Most bodies are clean: proven so over the cells, they need no walk and no result.
        let text = |at: usize| js::text(&value_at(u32::try_from(at).ok()?));
        if crate::engine::clean::clean(&cells, ep.body, &text) {
            return JsValue::UNDEFINED;
        }
        let body = Fast::at(&cells, 0, None, ep.body);
        result::check(ep, &body, crate::ValidationOptions { strict }).0
    });
    if found.is_undefined() {
        return 0;
    }
    REPORT.with(|r| *r.borrow_mut() = Some(found));
    1
}

/// `fastReport()`: the result of the last `checkFast` that answered 1.
#[wasm_bindgen(js_name = fastReport, skip_typescript)]
pub fn fast_report() -> JsValue {
    REPORT.with(|r| r.borrow_mut().take()).unwrap_or(JsValue::UNDEFINED)
}

#[inline]
fn cell(cells: &[f64], at: usize) -> f64 {
    cells.get(at).copied().unwrap_or(0.0)
}

/// The value the reader measured at cell `at`.
fn value_at(at: u32) -> JsValue {
    VALUES.with(|v| v.borrow().as_ref().map_or(JsValue::UNDEFINED, |list| list.get(at)))
}

/// A measured value: its cell pair, and how it was measured.
#[derive(Clone, Copy)]
pub struct Cell<'c> {
    cells: &'c [f64],
    at: u32,
    kind: Kind,
    /// The type it was measured for (`None`: the body, an object of `owner`).
    ty: Option<&'static Type>,
    /// The schema whose field it is (a discriminator's values are its variants).
    owner: &'static Schema,
}

impl Cell<'_> {
    #[inline]
    fn payload(&self) -> f64 {
        cell(self.cells, self.at as usize + 1)
    }

    #[inline]
    fn measure(&self) -> Measure {
        match self.ty {
            Some(ty) => measure(ty, self.owner),
            None => Measure::Object(self.owner),
        }
    }

    /// The index of its block: an object or array the reader walked.
    #[inline]
    fn block(&self) -> Option<usize> {
        let p = self.payload();
        match (self.kind, self.measure()) {
            (Kind::Object, Measure::Object(_)) | (Kind::Array, Measure::Array(_)) if p >= 0.0 => Some(p as usize),
            _ => None,
        }
    }
}

/// A value of the body as the engine sees it on the fast path.
pub enum Fast<'c> {
    Cell(Cell<'c>),
    /// A value the cells do not describe, read by the generic reader.
    Js(Box<Js>),
}

impl<'c> Fast<'c> {
    /// The value of the cell pair at `at`, measured as `measure`. An object or array the reader
    /// did not walk is read by the generic reader at once.
    #[inline]
    fn at(cells: &'c [f64], at: u32, ty: Option<&'static Type>, owner: &'static Schema) -> Fast<'c> {
        let kind = kind_of(cell(cells, at as usize) as u32);
        let c = Cell { cells, at, kind, ty, owner };
        match kind {
            Kind::Object | Kind::Array if c.block().is_none() => Fast::js_of(value_at(at)),
            _ => Fast::Cell(c),
        }
    }

    fn js_of(v: JsValue) -> Fast<'c> {
        Fast::Js(Box::new(Js::new(v)))
    }

    /// A value read by the generic reader only (the generic path: `check`).
    pub fn generic(v: JsValue) -> Fast<'static> {
        Fast::js_of(v)
    }

    fn cells(&self) -> &'c [f64] {
        match self {
            Fast::Cell(c) => c.cells,
            Fast::Js(_) => &[],
        }
    }

    /// Calls `f` with the value itself, for what its cells cannot answer.
    fn js<R>(&self, f: impl FnOnce(&Js) -> R) -> R {
        match self {
            Fast::Js(js) => f(js),
            Fast::Cell(c) => f(&Js::new(value_at(c.at))),
        }
    }

    /// The payload of a measured string, with how it was measured.
    fn string(&self) -> Option<(f64, Measure)> {
        match self {
            Fast::Cell(c) if c.kind == Kind::String => Some((c.payload(), c.measure())),
            _ => None,
        }
    }

    /// A walked object: its block and schema.
    fn object(&self) -> Option<(usize, &'static Schema)> {
        match self {
            Fast::Cell(c) if c.kind == Kind::Object => match c.measure() {
                Measure::Object(s) => Some((c.block()?, s)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The variant the reader measured a block for (`None`: the base fields).
    fn variant_of(cells: &[f64], block: usize, schema: &'static Schema) -> Option<&'static Variant> {
        let x = cell(cells, block + 1);
        if x < 0.0 {
            return None;
        }
        schema.union.and_then(|u| u.variants.get(x as usize))
    }

    /// The cell pair of base field `i` of an object block.
    fn field_at(block: usize, i: usize) -> u32 {
        u32::try_from(block + OBJECT_HEADER + 2 * i).unwrap_or(u32::MAX)
    }
}

fn same_variant(a: Option<&'static Variant>, b: Option<&'static Variant>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => std::ptr::eq(a, b),
        _ => false,
    }
}

impl Value for Fast<'_> {
    fn kind(&self) -> Kind {
        match self {
            Fast::Cell(c) => c.kind,
            Fast::Js(js) => js.kind(),
        }
    }
    fn get(&self, key: &'static str) -> Option<Self> {
        let Some((block, schema)) = self.object() else {
            return match self {
                Fast::Js(js) => js.get(key).map(|v| Fast::Js(Box::new(v))),
                Fast::Cell(_) => None,
            };
        };
        let Some(i) = schema.fields.iter().position(|f| same_name(f.name, key)) else {
            return self.js(|js| js.get(key)).map(|v| Fast::Js(Box::new(v)));
        };
        let cells = self.cells();
        let field = schema.fields_for(Fast::variant_of(cells, block, schema)).nth(i)?;
        let v = Fast::at(cells, Fast::field_at(block, i), Some(&field.ty), schema);
        (v.kind() != Kind::Undefined).then_some(v)
    }
    fn read_fields(
        &self,
        schema: &'static Schema,
        variant: Option<&'static Variant>,
    ) -> Vec<(&'static Field, Option<Self>)> {
        let cells = self.cells();
        match self.object() {
            Some((block, s)) if std::ptr::eq(s, schema) && same_variant(Fast::variant_of(cells, block, s), variant) => {
                schema
                    .fields_for(variant)
                    .enumerate()
                    .map(|(i, f)| {
                        let v = Fast::at(cells, Fast::field_at(block, i), Some(&f.ty), schema);
                        (f, (v.kind() != Kind::Undefined).then_some(v))
                    })
                    .collect()
            }
            _ => self
                .js(|js| js.read_fields(schema, variant))
                .into_iter()
                .map(|(f, v)| (f, v.map(|v| Fast::Js(Box::new(v)))))
                .collect(),
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match self {
            Fast::Cell(c) => (c.kind == Kind::Bool).then_some(c.payload() != 0.0),
            Fast::Js(js) => js.as_bool(),
        }
    }
    fn as_f64(&self) -> Option<f64> {
        match self {
            Fast::Cell(c) => (c.kind == Kind::Number).then_some(c.payload()),
            Fast::Js(js) => js.as_f64(),
        }
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        match self {
            // The reader kept the string itself: one copy, no other question asked of it.
            Fast::Cell(c) if c.kind == Kind::String => js::text(&value_at(c.at)).map(Cow::Owned),
            Fast::Cell(_) => None,
            Fast::Js(js) => js.as_str().map(|s| Cow::Owned(s.into_owned())),
        }
    }
    fn number_text(&self) -> Option<String> {
        match self {
            // A whole number below 10^15 reads the same in Rust as JavaScript's String(n) does.
            Fast::Cell(c) if c.kind == Kind::Number && c.payload().fract() == 0.0 && c.payload().abs() < 1e15 => {
                return Some(format!("{}", c.payload() as i64));
            }
            _ => {}
        }
        match self {
            // Any other number: as JavaScript's String(n) writes it.
            Fast::Cell(c) if c.kind == Kind::Number => Some(js::number_text_of(c.payload())),
            Fast::Cell(_) => None,
            Fast::Js(js) => js.number_text(),
        }
    }
    fn str_chars(&self) -> Option<usize> {
        match self.string() {
            Some((p, Measure::CodePoints(_))) => Some(p as usize),
            _ => self.js(|js| js.str_chars()),
        }
    }
    fn str_is_empty(&self) -> Option<bool> {
        match self.string() {
            Some((p, Measure::Plain | Measure::Length | Measure::CodePoints(_) | Measure::Tree)) => Some(p == 0.0),
            _ => self.js(|js| js.str_is_empty()),
        }
    }
    fn str_position(&self, options: Options) -> Option<Option<usize>> {
        match self.string() {
            Some((p, Measure::Options(o))) if o.id() == options.id() => Some((p >= 0.0).then_some(p as usize)),
            _ if self.kind() != Kind::String => None,
            _ => self.js(|js| js.str_position(options)),
        }
    }
    fn readable(&self) -> bool {
        match self {
            Fast::Cell(c) if !matches!(c.kind, Kind::Object | Kind::Array) => true,
            _ => self.js(|js| js.readable()),
        }
    }
    fn array_len(&self) -> usize {
        match self {
            Fast::Cell(c) if c.kind == Kind::Array => c.block().map_or(0, |b| cell(c.cells, b) as usize),
            Fast::Cell(_) => 0,
            Fast::Js(js) => js.array_len(),
        }
    }
    fn at(&self, index: usize) -> Option<Self> {
        self.js(|js| js.at(index)).map(|v| Fast::Js(Box::new(v)))
    }
    fn items(&self, start: usize, count: usize, out: &mut Vec<Option<Self>>) {
        match self {
            Fast::Cell(c) if c.kind == Kind::Array => {
                let (Measure::Array(item), Some(block)) = (c.measure(), c.block()) else { return };
                let len = cell(c.cells, block) as usize;
                for i in start..len.min(start.saturating_add(count)) {
                    let at = u32::try_from(block + 1 + 2 * i).unwrap_or(u32::MAX);
                    out.push(Some(Fast::at(c.cells, at, Some(item), c.owner)));
                }
            }
            Fast::Cell(_) => {}
            Fast::Js(js) => {
                let mut read = Vec::new();
                js.items(start, count, &mut read);
                out.extend(read.into_iter().map(|v| v.map(|v| Fast::Js(Box::new(v)))));
            }
        }
    }
    fn key_count(&self) -> usize {
        match self.object() {
            Some((block, _)) => cell(self.cells(), block) as usize,
            None if self.kind() == Kind::Object => self.js(|js| js.key_count()),
            None => 0,
        }
    }
    fn unknown_entries(&self, schema: &'static Schema, start: usize, count: usize) -> Vec<(String, Self)> {
        let listed = self.object().filter(|(_, s)| std::ptr::eq(*s, schema)).and_then(|(block, _)| {
            let cells = self.cells();
            let first = cell(cells, block + 2);
            (first >= 0.0).then(|| (first as usize, cell(cells, block + 3) as usize))
        });
        let Some((first, n)) = listed else { return self.entries(start, count) };
        (start..n.min(start.saturating_add(count)))
            .filter_map(|i| {
                let at = u32::try_from(first + 2 * i).ok()?;
                let key = js::text(&key_list(at))?;
                Some((key, Fast::js_of(key_list(at.saturating_add(1)))))
            })
            .collect()
    }
    fn entries(&self, start: usize, count: usize) -> Vec<(String, Self)> {
        if self.kind() != Kind::Object {
            return Vec::new();
        }
        self.js(|js| js.entries(start, count)).into_iter().map(|(k, v)| (k, Fast::Js(Box::new(v)))).collect()
    }
}
