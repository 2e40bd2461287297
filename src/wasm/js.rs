//! Reading a live JavaScript value for the rule engine, without converting it: the generic
//! reader. The fast path (`fast.rs`) reads what a generated reader measured and asks this one
//! only what the measurements cannot answer; a body that is no object, or whose reading threw,
//! is read by it alone (`check`).
//!
//! Every access goes through a small JS helper that catches exceptions, so a Proxy whose traps
//! throw, a revoked Proxy or a getter that throws reads as a value that is not JSON instead of
//! unwinding through wasm. Only own enumerable properties count, as in `JSON.stringify`.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use crate::engine::layout::kind_of;
use crate::engine::value::{Kind, Value};
use crate::schema::Options;

#[wasm_bindgen(inline_js = r#"
const THREW = Symbol("unreadable");
const isOwn = Object.prototype.propertyIsEnumerable;
export function kind(v) {
  try {
    switch (typeof v) {
      case "undefined": return 0;
      case "boolean": return 2;
      case "number": return Number.isFinite(v) ? 3 : 7;
      case "string": return 4;
      case "object": return v === null ? 1 : Array.isArray(v) ? 5 : 6;
      default: return 7;
    }
  } catch (_) { return 7; }
}
export function prop(o, k) {
  try { return isOwn.call(o, k) ? o[k] : undefined; } catch (_) { return THREW; }
}
export function item(a, i) {
  try { return a[i]; } catch (_) { return THREW; }
}
export function length(a) {
  try { const n = a.length; return typeof n === "number" && n >= 0 ? Math.min(n, 4294967295) >>> 0 : 0; } catch (_) { return 0; }
}
export function indexOf(list, v) {
  return typeof v === "string" ? list.indexOf(v) : -2;
}
export function strLength(v) {
  return typeof v === "string" ? v.length : -1;
}
export function codePoints(v) {
  if (typeof v !== "string") return -1;
  let n = v.length;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < v.length) {
      const d = v.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; }
    }
  }
  return n;
}
// Array elements are measured in chunks into a scratch buffer: for element i, out[2i] gets the
// kind code and out[2i+1] a payload (a string's UTF-16 length, a number's value, a boolean as 0
// or 1).
let memory = null, f64 = new Float64Array(0);
export function setMemory(m) {
  memory = m;
}
// `out` is an index into the wasm memory seen as f64s (a view made again when memory grows).
function measure(out, i, v) {
  const k = kind(v);
  let p = 0;
  if (k === 4) {
    p = v.length;
  } else if (k === 3) {
    p = v;
  } else if (k === 2) {
    p = v ? 1 : 0;
  }
  out[2 * i] = k;
  out[2 * i + 1] = p;
}
// Measures elements start..start+count of an array. Returns how many it measured.
export function scanItems(a, start, count, at) {
  if (f64.buffer !== memory.buffer) f64 = new Float64Array(memory.buffer);
  let n;
  try { n = Math.min(a.length, start + count) - start; } catch (_) { return 0; }
  const out = f64.subarray(at);
  for (let i = 0; i < n; i++) {
    let v;
    try { v = a[start + i]; } catch (_) { v = THREW; }
    measure(out, i, v);
  }
  return n > 0 ? n : 0;
}
// Params objects by a 60-bit hash of their JSON text (computed in wasm, two 30-bit halves) and
// its length: each text parsed once, deep-frozen (they are readonly in the types) and shared by
// every finding with the same text, since a rule at a schema site gives the same params each
// time. JSON.parse per finding was a third of an invalid body's time, and comparing the text on a
// hit (startsWith) a fifth. Bounded: cleared at 4096 entries.
const PARAMS = new Map();
function frozen(v) {
  if (v !== null && typeof v === "object") {
    for (const k of Object.keys(v)) frozen(v[k]);
    Object.freeze(v);
  }
  return v;
}
function paramsAt(text, at, len, lo, hi) {
  const hit = PARAMS.get(lo);
  if (hit !== undefined && hit.hi === hi && hit.len === len) return hit.params;
  if (PARAMS.size >= 4096) PARAMS.clear();
  const params = frozen(JSON.parse(text.slice(at, at + len)));
  PARAMS.set(lo, { hi, len, params });
  return params;
}
// Builds a whole result in one call: `text` holds every path, message and params (JSON text) back
// to back; `meta` holds, per finding, its severity (0 issue, 1 warning), the UTF-16 lengths of its
// path and message, the indices of its code in `codes` and API code in `apis`, the UTF-16 length
// of its params, and their hash (two halves).
export function report(text, meta, codes, apis) {
  const issues = [], warnings = [];
  let at = 0;
  for (let i = 0; i + 7 < meta.length; i += 8) {
    const path = text.slice(at, at += meta[i + 1]);
    const message = text.slice(at, at += meta[i + 2]);
    const params = paramsAt(text, at, meta[i + 5], meta[i + 6], meta[i + 7]);
    at += meta[i + 5];
    if (meta[i] === 0) issues.push({ path, code: codes[meta[i + 3]], message, apiCode: apis[meta[i + 4]], params });
    else warnings.push({ path, code: codes[meta[i + 3]], message, apiCode: null, params });
  }
  return { ok: issues.length === 0, issues, warnings };
}
export function numberText(v) {
  return String(v);
}
export function readable(o) {
  try { Object.keys(o); return Array.isArray(o) ? typeof o.length === "number" : true; } catch (_) { return false; }
}
export function keyCount(o) {
  try { return Object.keys(o).length; } catch (_) { return 0; }
}
// Own enumerable keys start..start+count of `o` with their values, flat: [k0, v0, k1, v1, ...].
// The key list is taken once per object and kept until its last chunk (or the end of the
// validation), so reading an object in chunks costs one Object.keys. A key longer than `maxKey`
// UTF-16 units is cut to it: a 10 MB key is never copied into wasm.
const KEYS_OF = new Map();
export function entries(o, start, count, maxKey) {
  let keys = start === 0 ? undefined : KEYS_OF.get(o);
  if (keys === undefined) {
    try { keys = Object.keys(o); } catch (_) { keys = []; }
    KEYS_OF.set(o, keys);
  }
  const end = Math.min(keys.length, start + count);
  const out = [];
  for (let i = start; i < end; i++) {
    const k = keys[i];
    let v;
    try { v = o[k]; } catch (_) { v = THREW; }
    out.push(k.length > maxKey ? k.slice(0, maxKey) : k, v);
  }
  if (end >= keys.length) KEYS_OF.delete(o);
  return out;
}
export function endEntries() {
  KEYS_OF.clear();
}
// A string's UTF-8 (a lone surrogate as U+FFFD), written into wasm memory at byte `at`, at most
// `cap` bytes: one native copy, where wasm-bindgen's own string passing loops over the units.
const encoder = new TextEncoder();
let u8 = new Uint8Array(0);
export function utf8Into(v, at, cap) {
  if (u8.buffer !== memory.buffer) u8 = new Uint8Array(memory.buffer);
  return encoder.encodeInto(v, u8.subarray(at, at + cap)).written;
}
"#)]
extern "C" {
    fn kind(v: &JsValue) -> u32;
    fn prop(o: &JsValue, k: &JsValue) -> JsValue;
    fn item(a: &JsValue, i: u32) -> JsValue;
    fn length(a: &JsValue) -> u32;
    #[wasm_bindgen(js_name = entries)]
    fn entries_js(o: &JsValue, start: u32, count: u32, max_key: u32) -> js_sys::Array;
    #[wasm_bindgen(js_name = endEntries)]
    fn end_entries();
    #[wasm_bindgen(js_name = keyCount)]
    fn key_count(o: &JsValue) -> u32;
    #[wasm_bindgen(js_name = indexOf)]
    fn index_of(list: &JsValue, v: &JsValue) -> i32;
    #[wasm_bindgen(js_name = strLength)]
    fn str_length(v: &JsValue) -> i32;
    #[wasm_bindgen(js_name = codePoints)]
    fn code_points(v: &JsValue) -> i32;
    #[wasm_bindgen(js_name = numberText)]
    fn number_text(v: &JsValue) -> String;
    #[wasm_bindgen(js_name = scanItems)]
    fn scan_items(a: &JsValue, start: u32, count: u32, at: u32) -> u32;
    #[wasm_bindgen(js_name = setMemory)]
    fn set_memory(memory: &JsValue);
    #[wasm_bindgen(js_name = utf8Into)]
    fn utf8_into(v: &JsValue, at: u32, cap: u32) -> u32;
    #[wasm_bindgen(js_name = readable)]
    fn readable_js(o: &JsValue) -> bool;
    pub fn report(text: &str, meta: &[u32], codes: &JsValue, apis: &JsValue) -> JsValue;
}

/// A cache of JS values made once from static data, looked up by the data's address.
struct Cache(RefCell<Vec<(usize, JsValue)>>);

impl Cache {
    const fn new() -> Cache {
        Cache(RefCell::new(Vec::new()))
    }
    /// Calls `f` with the value cached under `id`, making it first if needed. `f` must not reach
    /// the same cache again (the borrow is held while it runs).
    fn with<R>(&self, id: usize, make: impl FnOnce() -> JsValue, f: impl FnOnce(&JsValue) -> R) -> R {
        let mut list = self.0.borrow_mut();
        let at = match list.binary_search_by_key(&id, |(k, _)| *k) {
            Ok(at) => at,
            Err(at) => {
                list.insert(at, (id, make()));
                at
            }
        };
        match list.get(at) {
            Some((_, js)) => f(js),
            None => f(&JsValue::UNDEFINED),
        }
    }
}

thread_local! {
    /// Schema keys as JS strings (keys are `&'static str`: the address identifies them).
    static KEYS: Cache = const { Cache::new() };
    /// Enum values as JS arrays (see [`Options::id`]).
    static OPTIONS: Cache = const { Cache::new() };
}

/// Calls `f` with the JS string of a schema key, converting it only the first time. `f` must not
/// reach this cache again.
pub fn with_key<R>(k: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    KEYS.with(|c| c.with(k.as_ptr() as usize, || JsValue::from_str(k), f))
}

fn options_js(options: Options) -> JsValue {
    OPTIONS.with(|c| {
        c.with(options.id(), || options.iter().map(JsValue::from_str).collect::<js_sys::Array>().into(), JsValue::clone)
    })
}

thread_local! {
    /// Where [`scan_items`] writes (kind, payload) pairs; reused by every call. `None` until the JS helper
    /// has been given the wasm memory.
    static SCRATCH: RefCell<Option<Vec<f64>>> = const { RefCell::new(None) };
}

thread_local! {
    /// The arrays whose elements the current validation has measured: a measured element keeps
    /// only an index here (reading its value again if a message needs its text).
    static PARENTS: RefCell<Vec<JsValue>> = const { RefCell::new(Vec::new()) };
}

fn register(obj: &JsValue) -> u32 {
    PARENTS.with(|list| {
        let mut list = list.borrow_mut();
        list.push(obj.clone());
        u32::try_from(list.len() - 1).unwrap_or(u32::MAX)
    })
}

/// A number as JavaScript's `String(n)` writes it.
pub fn number_text_of(n: f64) -> String {
    number_text(&JsValue::from_f64(n))
}

/// Forgets the objects of the validation that just ended (the [`Js`] values that pointed at them
/// are gone).
pub fn end_validation() {
    PARENTS.with(|list| list.borrow_mut().clear());
    if ENTRIES_USED.with(|u| u.replace(false)) {
        end_entries();
    }
}

thread_local! {
    /// Whether the current validation listed an object's keys (its key lists are cached in JS
    /// until the end).
    static ENTRIES_USED: Cell<bool> = const { Cell::new(false) };
}

thread_local! {
    /// Whether the JS helpers were given the wasm memory (once, on first need).
    static MEMORY_GIVEN: Cell<bool> = const { Cell::new(false) };
}

fn give_memory() {
    if !MEMORY_GIVEN.with(Cell::get) {
        set_memory(&wasm_bindgen::memory());
        MEMORY_GIVEN.with(|g| g.set(true));
    }
}

/// The text of a JS string (`None` for anything else), copied by `TextEncoder.encodeInto` into a
/// buffer of the most UTF-8 bytes it can take (three per UTF-16 unit).
pub fn text(v: &JsValue) -> Option<String> {
    let units = usize::try_from(str_length(v)).ok()?;
    let mut buf = vec![0u8; units.checked_mul(3)?];
    give_memory();
    let at = u32::try_from(buf.as_mut_ptr() as usize).ok()?;
    let written = utf8_into(v, at, u32::try_from(buf.len()).ok()?);
    buf.truncate(usize::try_from(written).unwrap_or(0));
    String::from_utf8(buf).ok()
}

/// Zeroes `2 * n` cells of the scratch buffer, lets `measure` fill them from JS (it gets their
/// address as an index into memory seen as f64s), then calls `f` with them and its answer.
fn with_scratch<R>(n: usize, measure: impl FnOnce(u32) -> u32, f: impl FnOnce(&[f64], u32) -> R) -> R {
    SCRATCH.with(|cell| {
        let mut slot = cell.borrow_mut();
        give_memory();
        let buf = slot.get_or_insert_with(Vec::new);
        buf.clear();
        buf.resize(2 * n, 0.0);
        // Vec<f64> is 8-aligned.
        let at = u32::try_from(buf.as_ptr() as usize / 8).unwrap_or(0);
        let answer = measure(at);
        f(buf, answer)
    })
}

/// Where a value's facts come from.
enum Src {
    /// A handle to the value itself.
    Handle(JsValue),
    /// A scalar array element measured by [`scan_items`].
    Item { parent: u32, index: u32, payload: f64 },
}

/// A JavaScript value as the rule engine sees it.
pub struct Js {
    kind: Kind,
    src: Src,
    /// Its index among the validation's registered parents, once registered: an array read in
    /// many chunks takes one table slot, not one per chunk.
    parent: Cell<Option<u32>>,
}

impl Js {
    pub fn new(value: JsValue) -> Js {
        Js::handle_of(kind_of(kind(&value)), value)
    }

    fn handle_of(kind: Kind, value: JsValue) -> Js {
        Js { kind, src: Src::Handle(value), parent: Cell::new(None) }
    }

    /// The value itself (read again for a measured element).
    fn handle(&self) -> Cow<'_, JsValue> {
        match &self.src {
            Src::Handle(v) => Cow::Borrowed(v),
            Src::Item { parent, index, .. } => {
                Cow::Owned(PARENTS.with(|list| match list.borrow().get(*parent as usize) {
                    Some(array) => item(array, *index),
                    None => JsValue::UNDEFINED,
                }))
            }
        }
    }

    /// This value's index among the registered parents, registering it the first time.
    fn registered(&self, value: &JsValue) -> u32 {
        match self.parent.get() {
            Some(at) => at,
            None => {
                let at = register(value);
                self.parent.set(Some(at));
                at
            }
        }
    }

    /// The payload of a measured element of kind `want`.
    fn payload(&self, want: Kind) -> Option<f64> {
        match &self.src {
            Src::Item { payload, .. } if self.kind == want => Some(*payload),
            _ => None,
        }
    }
}

impl Value for Js {
    fn kind(&self) -> Kind {
        self.kind
    }
    fn get(&self, k: &'static str) -> Option<Self> {
        if self.kind != Kind::Object {
            return None;
        }
        Some(Js::new(with_key(k, |k| prop(&self.handle(), k)))).filter(|v| v.kind != Kind::Undefined)
    }
    fn as_bool(&self) -> Option<bool> {
        match self.payload(Kind::Bool) {
            Some(p) => Some(p != 0.0),
            None => self.handle().as_bool(),
        }
    }
    fn as_f64(&self) -> Option<f64> {
        if self.kind != Kind::Number {
            return None;
        }
        match self.payload(Kind::Number) {
            Some(p) => Some(p),
            None => self.handle().as_f64(),
        }
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        if self.kind != Kind::String {
            return None;
        }
        text(&self.handle()).map(Cow::Owned)
    }
    fn number_text(&self) -> Option<String> {
        (self.kind == Kind::Number).then(|| number_text(&self.handle()))
    }
    fn str_chars(&self) -> Option<usize> {
        usize::try_from(code_points(&self.handle())).ok()
    }
    fn str_is_empty(&self) -> Option<bool> {
        match self.payload(Kind::String) {
            Some(p) => Some(p == 0.0),
            _ => usize::try_from(str_length(&self.handle())).ok().map(|n| n == 0),
        }
    }
    fn str_position(&self, options: Options) -> Option<Option<usize>> {
        if self.kind != Kind::String {
            return None;
        }
        let list = options_js(options);
        Some(usize::try_from(index_of(&list, &self.handle())).ok())
    }
    fn readable(&self) -> bool {
        !matches!(self.kind, Kind::Object | Kind::Array) || readable_js(&self.handle())
    }
    fn array_len(&self) -> usize {
        if self.kind == Kind::Array {
            length(&self.handle()) as usize
        } else {
            0
        }
    }
    fn at(&self, index: usize) -> Option<Self> {
        let i = u32::try_from(index).ok()?;
        (self.kind == Kind::Array).then(|| Js::new(item(&self.handle(), i)))
    }
    fn items(&self, start: usize, count: usize, out: &mut Vec<Option<Self>>) {
        let (Ok(first), Ok(n)) = (u32::try_from(start), u32::try_from(count)) else { return };
        if self.kind != Kind::Array {
            return;
        }
        let array = self.handle();
        let parent = self.registered(&array);
        let base = out.len();
        let mut containers = Vec::new();
        with_scratch(
            count,
            |at| scan_items(&array, first, n, at),
            |cells, measured| {
                for i in 0..measured {
                    let kind = kind_of(cells.get(2 * i as usize).copied().unwrap_or(0.0) as u32);
                    let payload = cells.get(2 * i as usize + 1).copied().unwrap_or(0.0);
                    let index = first.saturating_add(i);
                    out.push(Some(match kind {
                        Kind::Object | Kind::Array | Kind::Other | Kind::Undefined => {
                            containers.push(out.len());
                            Js::handle_of(kind, JsValue::UNDEFINED)
                        }
                        _ => Js { kind, src: Src::Item { parent, index, payload }, parent: Cell::new(None) },
                    }));
                }
            },
        );
        // Handles for elements walked further, taken once the scratch buffer is released.
        for at in containers {
            let index = first.saturating_add(u32::try_from(at - base).unwrap_or(u32::MAX));
            if let Some(Some(js)) = out.get_mut(at) {
                js.src = Src::Handle(item(&array, index));
            }
        }
    }
    fn key_count(&self) -> usize {
        if self.kind != Kind::Object {
            return 0;
        }
        key_count(&self.handle()) as usize
    }
    fn entries(&self, start: usize, count: usize) -> Vec<(String, Self)> {
        if self.kind != Kind::Object {
            return Vec::new();
        }
        let (Ok(start), Ok(count)) = (u32::try_from(start), u32::try_from(count)) else { return Vec::new() };
        let max_key = u32::try_from(crate::engine::value::MAX_KEY_LEN).unwrap_or(u32::MAX);
        ENTRIES_USED.with(|u| u.set(true));
        let flat = entries_js(&self.handle(), start, count, max_key);
        let n = flat.length() / 2;
        (0..n).filter_map(|i| Some((text(&flat.get(2 * i))?, Js::new(flat.get(2 * i + 1))))).collect()
    }
}
