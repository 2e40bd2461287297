//! Building and sending requests from JavaScript. The JS side (`js/client.js`) turns what these
//! return into the package's error classes, and owns timeouts, caller signals and retries.

use gloo_net::http::{Method, RequestBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::js::Js;
use super::result;
use crate::http::request::{self, RequestError};
use crate::http::response::{classify, Body, Outcome};
use crate::schema::endpoints::{Endpoint, ENDPOINTS};

fn endpoint(index: u32) -> Result<&'static Endpoint, JsValue> {
    usize::try_from(index)
        .ok()
        .and_then(|i| ENDPOINTS.get(i))
        .ok_or_else(|| js_sys::RangeError::new("workspace-requests: no endpoint at this index").into())
}

fn type_error(e: RequestError) -> JsValue {
    js_sys::TypeError::new(&e.to_string()).into()
}

fn set(o: &js_sys::Object, k: &str, v: &JsValue) {
    // Setting a data property on a fresh plain object cannot throw.
    let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), v);
}

fn get(o: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

/// `build(endpointIndex, body, token, baseUrl, id, strict, text)`: `{invalid: result}` when the
/// body has issues (nothing else is done), else the request `{endpoint, method, url, headers,
/// body}`. `text` is the body's JSON text, which `body` was parsed from (js/client.js serialises
/// once, so that what is validated is what is sent). Throws a `TypeError` for a bad token, base
/// URL or id.
#[wasm_bindgen(js_name = build, skip_typescript)]
pub fn build(
    index: u32,
    body: JsValue,
    token: JsValue,
    base_url: JsValue,
    id: JsValue,
    strict: bool,
    text: JsValue,
) -> Result<JsValue, JsValue> {
    let ep = endpoint(index)?;
    let token = token.as_string().ok_or_else(|| type_error(RequestError::Token("must be a string")))?;
    let token = request::token(&token).map_err(type_error)?;
    let base = match base_url.as_string() {
        Some(b) => Some(b),
        None if base_url.is_undefined() || base_url.is_null() => None,
        None => return Err(type_error(RequestError::BaseUrl("must be a string".to_string()))),
    };
    let id = match id.as_f64() {
        Some(n) => Some(n),
        None if id.is_undefined() || id.is_null() => None,
        None => return Err(type_error(RequestError::InvalidId(super::js::describe_kind(&id).to_string()))),
    };
    let url = request::url(ep, base.as_deref(), id).map_err(type_error)?;
    let report = crate::validate_with(ep, &Js::new(body.clone()), crate::ValidationOptions { strict });
    super::js::end_validation();
    if !report.ok() {
        let out = js_sys::Object::new();
        set(&out, "invalid", &result::to_js(&report));
        return Ok(out.into());
    }
    // Kept as a JS string: the text never crosses into wasm memory.
    let text = match text.dyn_into::<js_sys::JsString>() {
        Ok(t) => t,
        Err(_) => js_sys::JSON::stringify(&body)
            .map_err(|_| js_sys::TypeError::new("the body cannot be serialised as JSON"))?,
    };
    let headers = js_sys::Object::new();
    for (name, value) in request::headers(token) {
        set(&headers, name, &JsValue::from_str(&value));
    }
    let out = js_sys::Object::new();
    set(&out, "endpoint", &JsValue::from_str(ep.id));
    set(&out, "method", &JsValue::from_str(ep.method));
    set(&out, "url", &JsValue::from_str(&url));
    set(&out, "headers", &headers);
    set(&out, "body", &text);
    Ok(out.into())
}

/// The headers of a request object, in order, as name/value pairs.
fn header_pairs(req: &JsValue) -> Vec<(String, String)> {
    let headers = get(req, "headers");
    if !headers.is_object() {
        return Vec::new();
    }
    js_sys::Object::entries(headers.unchecked_ref())
        .iter()
        .filter_map(|pair| {
            let pair: js_sys::Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

/// The body of a request object: as sent when `reveal`, else with every secret value (found from
/// the request's endpoint schema, and by key name) replaced by `<redacted>`.
fn request_body(req: &JsValue, ep: Option<&'static Endpoint>, reveal: bool) -> Result<Option<String>, JsValue> {
    Ok(match get(req, "body") {
        b if b.is_undefined() || b.is_null() => None,
        b => match b.as_string() {
            None => return Err(js_sys::TypeError::new("request.body must be a string").into()),
            Some(text) if reveal => Some(text),
            Some(text) => Some(match crate::engine::jsontext::is_json(&text).then(|| js_sys::JSON::parse(&text)) {
                Some(Ok(parsed)) => {
                    let out = request::body_text(ep.map(|e| e.body), &Js::new(parsed), false);
                    super::js::end_validation();
                    out
                }
                // Not JSON: nothing to tell secrets apart in; show none of it.
                _ => request::REDACTED.to_string(),
            }),
        },
    })
}

fn request_endpoint(req: &JsValue) -> Option<&'static Endpoint> {
    get(req, "endpoint").as_string().and_then(|id| crate::schema::endpoints::endpoint(&id))
}

fn required_string(req: &JsValue, key: &str) -> Result<String, JsValue> {
    get(req, key).as_string().ok_or_else(|| js_sys::TypeError::new(&format!("request.{key} must be a string")).into())
}

/// `curl(request, reveal)`: a curl command for a request object. Secrets (the token, and the
/// body's secret fields, found from the request's endpoint schema) are replaced unless `reveal`.
#[wasm_bindgen(js_name = curl, skip_typescript)]
pub fn curl(req: JsValue, reveal: bool) -> Result<String, JsValue> {
    let method = required_string(&req, "method")?;
    let url = required_string(&req, "url")?;
    let ep = request_endpoint(&req);
    let body = request_body(&req, ep, reveal)?;
    let api = ep.map_or(crate::schema::endpoints::Api::Databrain, |e| e.api);
    let variable = (!reveal).then(|| request::token_variable(api));
    Ok(request::curl(&method, &url, &header_pairs(&req), body.as_deref(), variable))
}

/// `redact(request)`: a copy of a request object safe to show or log: the `Authorization` value
/// after its scheme, and every secret value of the body, read `<redacted>`.
#[wasm_bindgen(js_name = redact, skip_typescript)]
pub fn redact(req: JsValue) -> Result<JsValue, JsValue> {
    let method = required_string(&req, "method")?;
    let url = required_string(&req, "url")?;
    let ep = request_endpoint(&req);
    let body = request_body(&req, ep, false)?;
    let headers = js_sys::Object::new();
    for (name, value) in header_pairs(&req) {
        set(&headers, &name, &JsValue::from_str(&request::redact_header(&name, &value)));
    }
    let out = js_sys::Object::new();
    if let Some(ep) = ep {
        set(&out, "endpoint", &JsValue::from_str(ep.id));
    }
    set(&out, "method", &JsValue::from_str(&method));
    set(&out, "url", &JsValue::from_str(&request::redact_url(&url)));
    set(&out, "headers", &headers);
    if let Some(b) = body {
        set(&out, "body", &JsValue::from_str(&b));
    }
    Ok(out.into())
}

/// The origin of a redirect target (`https://host:port`), as a message may show it: no path, no
/// query, no user info (either may hold a token).
fn origin_of(location: &str) -> String {
    let Some(scheme_end) = location.find("://") else { return "another path".to_string() };
    let rest = &location[scheme_end + 3..];
    let authority = &rest[..rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len())];
    let host = authority.rsplit('@').next().unwrap_or("");
    format!("{}://{}", &location[..scheme_end], crate::engine::text::quote(host).trim_matches('"'))
}

fn outcome(kind: &str) -> js_sys::Object {
    let o = js_sys::Object::new();
    set(&o, "kind", &JsValue::from_str(kind));
    o
}

/// `send(endpointIndex, request, signal)`: sends a built request with gloo-net and resolves to
/// `{kind: "ok", status, data}`, `{kind: "api", status, code, message, body}`, `{kind: "response",
/// status, message, body}`, `{kind: "network", message}` or `{kind: "aborted"}`. Never rejects.
/// The signal must be one the caller cannot abort with a non-Error reason (gloo-net traps on
/// those): `js/client.js` always passes its own.
#[wasm_bindgen(js_name = send, skip_typescript)]
pub async fn send(index: u32, req: JsValue, signal: web_sys::AbortSignal) -> Result<JsValue, JsValue> {
    let ep = endpoint(index)?;
    let url = get(&req, "url").as_string().unwrap_or_default();
    let method = match ep.method {
        "POST" => Method::POST,
        "PUT" => Method::PUT,
        "PATCH" => Method::PATCH,
        _ => Method::GET,
    };
    // Redirects are never followed: the body and the token go to the configured base URL only.
    let mut builder =
        RequestBuilder::new(&url).method(method).abort_signal(Some(&signal)).redirect(web_sys::RequestRedirect::Manual);
    for (name, value) in header_pairs(&req) {
        builder = builder.header(&name, &value);
    }
    let body = get(&req, "body").as_string().unwrap_or_default();
    let request = match builder.body(body) {
        Ok(r) => r,
        Err(e) => {
            let o = outcome("network");
            set(&o, "message", &JsValue::from_str(&e.to_string()));
            return Ok(o.into());
        }
    };
    let failed = |e: gloo_net::Error| -> JsValue {
        if signal.aborted() {
            return outcome("aborted").into();
        }
        let o = outcome("network");
        set(&o, "message", &JsValue::from_str(&e.to_string()));
        o.into()
    };
    let response = match request.send().await {
        Ok(r) => r,
        Err(e) => return Ok(failed(e)),
    };
    let status = response.status();
    // A browser hides a redirect it did not follow behind status 0 (an "opaqueredirect" answer).
    if status == 0 {
        let o = outcome("network");
        let message = "the server answered with a redirect, which is not followed (the body and the token are sent to the base URL only)";
        set(&o, "message", &JsValue::from_str(message));
        return Ok(o.into());
    }
    if (300..400).contains(&status) {
        let target = response.headers().get("location").map(|l| origin_of(&l)).unwrap_or_default();
        let o = outcome("api");
        set(&o, "code", &JsValue::from_str(&format!("HTTP_{status}")));
        let message = format!(
            "{}: the server answered {status}, a redirect{}; redirects are not followed, so that the body and the token go to the base URL only",
            ep.id,
            if target.is_empty() { String::new() } else { format!(" to {target}") }
        );
        set(&o, "message", &JsValue::from_str(&message));
        set(&o, "body", &JsValue::NULL);
        set(&o, "status", &JsValue::from_f64(f64::from(status)));
        return Ok(o.into());
    }
    let text = match response.text().await {
        Ok(t) => t,
        Err(e) => return Ok(failed(e)),
    };
    let parsed = if crate::engine::jsontext::is_json(&text) { js_sys::JSON::parse(&text).ok() } else { None };
    let body = match &parsed {
        Some(v) => Body::Json(Js::new(v.clone())),
        None if text.trim().is_empty() => Body::Empty,
        None => Body::NotJson,
    };
    let verdict = classify(ep, status, &body);
    super::js::end_validation();
    let raw = parsed.unwrap_or_else(|| if text.is_empty() { JsValue::NULL } else { JsValue::from_str(&text) });
    let o = match verdict {
        Outcome::Ok { data } => {
            let o = outcome("ok");
            let value = match data {
                Some(key) => get(&raw, key),
                None if raw.is_null() => JsValue::NULL,
                None => raw.clone(),
            };
            set(&o, "data", &value);
            o
        }
        Outcome::Api { code, message } => {
            let o = outcome("api");
            set(&o, "code", &JsValue::from_str(&code));
            set(&o, "message", &JsValue::from_str(&message));
            set(&o, "body", &raw);
            o
        }
        Outcome::Response { message } => {
            let o = outcome("response");
            set(&o, "message", &JsValue::from_str(&message));
            set(&o, "body", &raw);
            o
        }
    };
    set(&o, "status", &JsValue::from_f64(f64::from(status)));
    Ok(o.into())
}
