//! Reading a live JavaScript value for the rule engine, without converting it.
//!
//! Every access goes through a small JS helper that catches exceptions, so a Proxy whose traps
//! throw, a revoked Proxy or a getter that throws reads as a value that is not JSON instead of
//! unwinding through wasm. Only own enumerable properties count, as in `JSON.stringify`.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::prelude::*;

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
}

thread_local! {
    /// Schema keys as JS strings, made once: keys are `&'static str`, so the address identifies them.
    static KEYS: RefCell<HashMap<(usize, usize), JsValue>> = RefCell::new(HashMap::new());
}

fn key(k: &'static str) -> JsValue {
    KEYS.with(|cache| {
        cache.borrow_mut().entry((k.as_ptr() as usize, k.len())).or_insert_with(|| JsValue::from_str(k)).clone()
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
        Some(Js::new(prop(&self.value, &key(k)))).filter(|v| v.kind != Kind::Undefined)
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
