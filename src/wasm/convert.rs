//! The boundary's conversions, in one place: binding errors (`From` impls from the core's errors
//! to one [`BindingError`], and from that to the JS `TypeError` / `RangeError`), and the serde
//! helpers that read options and write the built request and the send result.
//!
//! Values that cross here are off the validation hot path; `check` reads bodies itself (`js.rs`).

#[cfg(feature = "client")]
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

#[cfg(feature = "client")]
use crate::http::options::describe_error;
use crate::http::options::OptionError;
use crate::http::request::RequestError;
use crate::schema::endpoints::{Endpoint, ENDPOINTS};

/// Every error the binding throws.
#[derive(Debug)]
pub enum BindingError {
    /// A bad argument: thrown as a `TypeError` with this message.
    Type(String),
    /// An endpoint index out of range (the package's JS maps ids to indices, so only a bug).
    Range(&'static str),
}

impl From<RequestError> for BindingError {
    fn from(e: RequestError) -> Self {
        BindingError::Type(e.to_string())
    }
}

impl From<OptionError> for BindingError {
    fn from(e: OptionError) -> Self {
        BindingError::Type(e.to_string())
    }
}

#[cfg(feature = "client")]
impl From<serde_path_to_error::Error<serde_wasm_bindgen::Error>> for BindingError {
    fn from(e: serde_path_to_error::Error<serde_wasm_bindgen::Error>) -> Self {
        BindingError::Type(describe_error(&e))
    }
}

#[cfg(feature = "client")]
impl From<serde_wasm_bindgen::Error> for BindingError {
    fn from(e: serde_wasm_bindgen::Error) -> Self {
        BindingError::Type(format!("workspace-requests: a value could not be converted: {e}"))
    }
}

impl From<BindingError> for JsValue {
    fn from(e: BindingError) -> Self {
        match e {
            BindingError::Type(message) => js_sys::TypeError::new(&message).into(),
            BindingError::Range(message) => js_sys::RangeError::new(message).into(),
        }
    }
}

/// `ENDPOINTS[index]`.
pub fn endpoint(index: u32) -> Result<&'static Endpoint, BindingError> {
    usize::try_from(index)
        .ok()
        .and_then(|i| ENDPOINTS.get(i))
        .ok_or(BindingError::Range("workspace-requests: no endpoint at this index"))
}

#[cfg(feature = "client")]
/// Reads options (a plain copy the JS side made, so no getter runs here). `undefined` and `null`
/// read as `{}`, so a struct whose fields are all optional has its defaults.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, BindingError> {
    let value = if value.is_undefined() || value.is_null() { js_sys::Object::new().into() } else { value };
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(BindingError::Type("options must be an object".to_string()));
    }
    Ok(serde_path_to_error::deserialize(AllKeys(serde_wasm_bindgen::Deserializer::from(value)))?)
}

/// serde-wasm-bindgen reads a struct's declared keys only, so `deny_unknown_fields` never sees
/// the others; read the options object as a map instead, all keys (nested objects already are:
/// they come through `deserialize_any`).
#[cfg(feature = "client")]
struct AllKeys<D>(D);

#[cfg(feature = "client")]
impl<'de, D: serde::Deserializer<'de>> serde::Deserializer<'de> for AllKeys<D> {
    type Error = D::Error;
    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(feature = "client")]
/// Writes a value as plain JS data: structs and maps as objects, `None` left out.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, BindingError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))?)
}

/// A JS value carried through serde untouched (a body text, an answer's JSON).
#[cfg(feature = "client")]
#[derive(Debug, Clone, PartialEq)]
pub struct Preserved<T: wasm_bindgen::JsCast>(pub T);

#[cfg(feature = "client")]
impl<T: wasm_bindgen::JsCast> Serialize for Preserved<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_wasm_bindgen::preserve::serialize(&self.0, s)
    }
}
