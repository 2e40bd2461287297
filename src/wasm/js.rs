//! Reading a live JavaScript value for the rule engine, without converting it.
//!
//! Every access goes through a small JS helper that catches exceptions, so a Proxy whose traps
//! throw, a revoked Proxy or a getter that throws reads as a value that is not JSON instead of
//! unwinding through wasm. Only own enumerable properties count, as in `JSON.stringify`.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::prelude::*;

use crate::schema::Options;
use crate::value::{Kind, Value};

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
export function keys(o) {
  try { return Object.keys(o); } catch (_) { return []; }
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
export function keyCount(o) {
  try { return Object.keys(o).length; } catch (_) { return 0; }
}
"#)]
extern "C" {
    fn kind(v: &JsValue) -> u32;
    fn prop(o: &JsValue, k: &JsValue) -> JsValue;
    fn item(a: &JsValue, i: u32) -> JsValue;
    fn length(a: &JsValue) -> u32;
    fn keys(o: &JsValue) -> js_sys::Array;
    #[wasm_bindgen(js_name = keyCount)]
    fn key_count(o: &JsValue) -> u32;
    #[wasm_bindgen(js_name = indexOf)]
    pub fn index_of(list: &JsValue, v: &JsValue) -> i32;
    #[wasm_bindgen(js_name = strLength)]
    fn str_length(v: &JsValue) -> i32;
    #[wasm_bindgen(js_name = codePoints)]
    fn code_points(v: &JsValue) -> i32;
}

thread_local! {
    /// Schema keys as JS strings, made once: keys are `&'static str`, so the address identifies them.
    static KEYS: RefCell<HashMap<(usize, usize), JsValue>> = RefCell::new(HashMap::new());
    /// Enum values as JS arrays, made once per list (see [`Options::id`]).
    static OPTIONS: RefCell<HashMap<usize, JsValue>> = RefCell::new(HashMap::new());
}

/// Calls `f` with the JS string of a schema key, converting it only the first time. `f` must not
/// reach this cache again (the borrow is held while it runs).
pub fn with_key<R>(k: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    KEYS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let js = cache.entry((k.as_ptr() as usize, k.len())).or_insert_with(|| JsValue::from_str(k));
        f(js)
    })
}

/// The JS string of a schema key (a handle to the cached one).
pub fn key_js(k: &'static str) -> JsValue {
    with_key(k, JsValue::clone)
}

/// Calls `f` with a JS array of an enum's values, converting it only the first time.
pub fn with_options<R>(options: Options, f: impl FnOnce(&JsValue) -> R) -> R {
    OPTIONS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let js = cache
            .entry(options.id())
            .or_insert_with(|| options.iter().map(JsValue::from_str).collect::<js_sys::Array>().into());
        f(js)
    })
}

/// A JavaScript value as the rule engine sees it.
pub struct Js {
    value: JsValue,
    kind: Kind,
}

impl Js {
    pub fn new(value: JsValue) -> Js {
        let kind = match kind(&value) {
            0 => Kind::Undefined,
            1 => Kind::Null,
            2 => Kind::Bool,
            3 => Kind::Number,
            4 => Kind::String,
            5 => Kind::Array,
            6 => Kind::Object,
            _ => Kind::Other,
        };
        Js { value, kind }
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
        Some(Js::new(with_key(k, |k| prop(&self.value, k)))).filter(|v| v.kind != Kind::Undefined)
    }
    fn as_bool(&self) -> Option<bool> {
        self.value.as_bool()
    }
    fn as_f64(&self) -> Option<f64> {
        if self.kind == Kind::Number {
            self.value.as_f64()
        } else {
            None
        }
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        self.value.as_string().map(Cow::Owned)
    }
    fn str_chars(&self) -> Option<usize> {
        usize::try_from(code_points(&self.value)).ok()
    }
    fn str_is_empty(&self) -> Option<bool> {
        usize::try_from(str_length(&self.value)).ok().map(|n| n == 0)
    }
    fn str_position(&self, options: Options) -> Option<Option<usize>> {
        if self.kind != Kind::String {
            return None;
        }
        let i = with_options(options, |list| index_of(list, &self.value));
        Some(usize::try_from(i).ok())
    }
    fn array_len(&self) -> usize {
        if self.kind == Kind::Array {
            length(&self.value) as usize
        } else {
            0
        }
    }
    fn at(&self, index: usize) -> Option<Self> {
        let i = u32::try_from(index).ok()?;
        (self.kind == Kind::Array).then(|| Js::new(item(&self.value, i)))
    }
    fn key_count(&self) -> usize {
        if self.kind == Kind::Object {
            key_count(&self.value) as usize
        } else {
            0
        }
    }
    fn entries(&self) -> Vec<(String, Self)> {
        if self.kind != Kind::Object {
            return Vec::new();
        }
        keys(&self.value)
            .iter()
            .filter_map(|k| {
                let name = k.as_string()?;
                Some((name, Js::new(prop(&self.value, &k))))
            })
            .collect()
    }
}
