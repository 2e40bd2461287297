//! Building and sending requests from JavaScript. The JS side (`js/clients.js`) turns what these
//! return into the package's error classes, and owns timeouts, caller signals and retries.

use gloo_net::http::{Method, RequestBuilder};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert::{endpoint, from_js, to_js, BindingError, Preserved};
use super::js::Js;
use super::result;
use crate::http::options::{BuildOptions, ClientOptions, CurlOptions, Number};
use crate::http::request;
use crate::http::response::{classify, Body, Sent};
use crate::schema::endpoints::Endpoint;

fn set(o: &js_sys::Object, k: &str, v: &JsValue) {
    // Setting a data property on a fresh plain object cannot throw.
    let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), v);
}

fn get(o: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

/// `clientOptions(options)`: a client's options (`ClientOptions`), checked, with the defaults
/// filled in: `{token, baseUrl?, timeoutMs?, retries, backoffMs, strict}`. Throws a `TypeError`
/// naming an unknown or mistyped option.
#[wasm_bindgen(js_name = clientOptions, skip_typescript)]
pub fn client_options(options: JsValue) -> Result<JsValue, BindingError> {
    if options.is_undefined() || options.is_null() {
        return Err(BindingError::Type("options must be an object with a token".to_string()));
    }
    let config = from_js::<ClientOptions>(options)?.check()?;
    to_js(&config)
}

/// `buildOptions(options)`: `buildRequest`'s options (`BuildOptions`) as read, with `strict`
/// filled in. The values are checked by `build`.
#[wasm_bindgen(js_name = buildOptions, skip_typescript)]
pub fn build_options(options: JsValue) -> Result<JsValue, BindingError> {
    if options.is_undefined() || options.is_null() {
        return Err(BindingError::Type("options must be an object with a token".to_string()));
    }
    let mut read: BuildOptions = from_js(options)?;
    read.strict = Some(read.strict.unwrap_or(false));
    to_js(&read)
}

/// `curlOptions(options)`: `toCurl`'s options (`CurlOptions`) checked: `{reveal, variable}`.
#[wasm_bindgen(js_name = curlOptions, skip_typescript)]
pub fn curl_options(options: JsValue) -> Result<JsValue, BindingError> {
    let (reveal, variable) = from_js::<CurlOptions>(options)?.check()?;
    let out = js_sys::Object::new();
    set(&out, "reveal", &JsValue::from_bool(reveal));
    set(&out, "variable", &variable.map_or(JsValue::UNDEFINED, |v| JsValue::from_str(&v)));
    Ok(out.into())
}

/// A client call's options: `{ signal?: AbortSignal }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CallOptions {
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    signal: JsValue,
}

/// `callOptions(options)`: the caller's `AbortSignal`, or `undefined`.
#[wasm_bindgen(js_name = callOptions, skip_typescript)]
pub fn call_options(options: JsValue) -> Result<JsValue, BindingError> {
    let signal = from_js::<CallOptions>(options)?.signal;
    if signal.is_undefined() || signal.has_type::<web_sys::AbortSignal>() {
        Ok(signal)
    } else {
        Err(BindingError::Type("options.signal must be an AbortSignal".to_string()))
    }
}

/// `build(endpointIndex, body, options, text)`: `{invalid: result}` when the body has issues
/// (nothing else is done), else the request (`BuiltRequest`). `options` are `BuildOptions`;
/// `text` is the body's JSON text, which `body` was parsed from (js/request.js serialises once,
/// so that what is validated is what is sent). Throws a `TypeError` for a bad token, base URL or
/// id.
#[wasm_bindgen(js_name = build, skip_typescript)]
pub fn build(index: u32, body: JsValue, options: JsValue, text: JsValue) -> Result<JsValue, BindingError> {
    let ep = endpoint(index)?;
    let options: BuildOptions = from_js(options)?;
    let strict = options.strict.unwrap_or(false);
    let extra = options.headers.unwrap_or_default();
    extra.check("headers")?;
    // Checked before the body, so that a bad token or URL is reported whatever the body is.
    let request =
        request::build(ep, options.base_url.as_deref(), options.id.map(|Number(n)| n), &options.token, &extra.0, ())?;
    // The engine over the generic reader, through the fast path's value type (compiled once).
    let (found, issues) =
        result::check(ep, &super::fast::Fast::generic(body.clone()), crate::ValidationOptions { strict });
    if issues {
        let out = js_sys::Object::new();
        set(&out, "invalid", &found);
        return Ok(out.into());
    }
    // Kept as a JS string: the text never crosses into wasm memory.
    let text = match text.dyn_into::<js_sys::JsString>() {
        Ok(t) => t,
        Err(_) => js_sys::JSON::stringify(&body)
            .map_err(|_| BindingError::Type("the body cannot be serialised as JSON".to_string()))?,
    };
    to_js(&request.with_body(Preserved(text)))
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
fn request_body(req: &JsValue, ep: Option<&'static Endpoint>, reveal: bool) -> Result<Option<String>, BindingError> {
    Ok(match get(req, "body") {
        b if b.is_undefined() || b.is_null() => None,
        b => match b.as_string() {
            None => return Err(BindingError::Type("request.body must be a string".to_string())),
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

fn required_string(req: &JsValue, key: &str) -> Result<String, BindingError> {
    get(req, key).as_string().ok_or_else(|| BindingError::Type(format!("request.{key} must be a string")))
}

/// `curl(request, reveal, variable)`: a curl command for a request object. Secrets (the token,
/// and the body's secret fields, found from the request's endpoint schema) are replaced unless
/// `reveal`; the token by `$variable` (else the API's `DATABRAIN_TOKEN` / `PARADIGM_TOKEN`).
#[wasm_bindgen(js_name = curl, skip_typescript)]
pub fn curl(req: JsValue, reveal: bool, variable: Option<String>) -> Result<String, BindingError> {
    let method = required_string(&req, "method")?;
    let url = required_string(&req, "url")?;
    let ep = request_endpoint(&req);
    let body = request_body(&req, ep, reveal)?;
    let api = ep.map_or(crate::schema::endpoints::Api::Databrain, |e| e.api);
    let variable = variable.unwrap_or_else(|| request::token_variable(api).to_string());
    let variable = (!reveal).then_some(variable.as_str());
    Ok(request::curl(&method, &url, &header_pairs(&req), body.as_deref(), variable))
}

/// `redact(request)`: a copy of a request object safe to show or log: the `Authorization` value
/// after its scheme, and every secret value of the body, read `<redacted>`.
#[wasm_bindgen(js_name = redact, skip_typescript)]
pub fn redact(req: JsValue) -> Result<JsValue, BindingError> {
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

/// `send(endpointIndex, request, signal, fetch)`: sends a built request and resolves to the send
/// result (`Sent`: `{kind: "ok", status, data, body, headers}`, `{kind: "api", status, code,
/// message, body, headers, serverCode, docUrl}`, `{kind: "response", status, message, body,
/// headers}`, `{kind: "network", message, cause}` or `{kind: "aborted"}`). Never rejects for an
/// answer or a failure to get one.
///
/// gloo-net builds the `Request` and reads the `Response`; `fetch` (the client's `fetch` option,
/// else `globalThis.fetch`) carries it. Calling it here rather than through gloo-net's `send`
/// keeps what it rejects with (`cause`, where Node's `ECONNREFUSED` is), and a rejection that is
/// not an Error, or a resolution that is not a Response, is a network failure, never a trap.
#[wasm_bindgen(js_name = send, skip_typescript)]
pub async fn send(
    index: u32,
    req: JsValue,
    signal: web_sys::AbortSignal,
    fetch: js_sys::Function,
) -> Result<JsValue, BindingError> {
    let ep = endpoint(index)?;
    to_js(&sent(ep, &req, &signal, &fetch).await)
}

type Answer = Sent<Preserved<JsValue>>;

fn network(message: impl Into<String>, cause: JsValue) -> Answer {
    Sent::Network { message: message.into(), cause: Preserved(cause) }
}

/// A rejection's message: an Error's own (`fetch failed`), else what kind of value it was.
fn rejection_message(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => match get(e, "message").as_string() {
            Some(m) => m,
            None => format!(
                "fetch rejected with {}",
                if e.is_string() { "a string" } else { "a value that is not an Error" }
            ),
        },
    }
}

/// Whether `v` can be read as a fetch `Response` (a custom fetch may answer another realm's or
/// library's Response class, so this checks the members the reading uses, not the class).
fn response_like(v: &JsValue) -> bool {
    v.is_object()
        && get(v, "status").as_f64().is_some()
        && get(v, "headers").is_object()
        && get(v, "text").is_function()
}

async fn sent(ep: &'static Endpoint, req: &JsValue, signal: &web_sys::AbortSignal, fetch: &js_sys::Function) -> Answer {
    let url = get(req, "url").as_string().unwrap_or_default();
    let method = match ep.method {
        "POST" => Method::POST,
        "PUT" => Method::PUT,
        "PATCH" => Method::PATCH,
        _ => Method::GET,
    };
    // The headers through web_sys, whose `append` reports a value fetch refuses (gloo-net's
    // `header` would throw from inside this future, where no caller can catch it).
    let headers = match web_sys::Headers::new() {
        Ok(h) => h,
        Err(e) => return network("the request headers could not be made", e),
    };
    for (name, value) in header_pairs(req) {
        if headers.append(&name, &value).is_err() {
            return network(
                format!("the header {} cannot be sent by fetch", crate::engine::text::quote(&name)),
                JsValue::NULL,
            );
        }
    }
    // Redirects are never followed: the body and the token go to the configured base URL only.
    let builder = RequestBuilder::new(&url)
        .method(method)
        .abort_signal(Some(signal))
        .redirect(web_sys::RequestRedirect::Manual)
        .headers(gloo_net::http::Headers::from_raw(headers));
    let body = get(req, "body").as_string().unwrap_or_default();
    let request: web_sys::Request = match builder.body(body) {
        Ok(r) => r.into(),
        Err(e) => return network(e.to_string(), JsValue::NULL),
    };
    let failed = |e: JsValue| if signal.aborted() { Sent::Aborted } else { network(rejection_message(&e), e) };
    let promise = match fetch.call1(&js_sys::global(), &request) {
        Ok(p) => js_sys::Promise::resolve(&p),
        Err(e) => return failed(e),
    };
    let raw_response = match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(r) if response_like(&r) => r.unchecked_into::<web_sys::Response>(),
        Ok(_) => return network("fetch resolved to something that is not a Response", JsValue::NULL),
        Err(e) => return failed(e),
    };
    let answer_headers: JsValue = raw_response.headers().into();
    let response = gloo_net::http::Response::from(raw_response);
    let status = response.status();
    // A browser hides a redirect it did not follow behind status 0 (an "opaqueredirect" answer).
    if status == 0 {
        return network(
            "the server answered with a redirect, which is not followed (the body and the token are sent to the base URL only)",
            JsValue::NULL,
        );
    }
    if (300..400).contains(&status) {
        let target = response.headers().get("location").map(|l| origin_of(&l)).unwrap_or_default();
        let message = format!(
            "{}: the server answered {status}, a redirect{}; redirects are not followed, so that the body and the token go to the base URL only",
            ep.id,
            if target.is_empty() { String::new() } else { format!(" to {target}") }
        );
        return Sent::Api {
            status,
            code: format!("HTTP_{status}"),
            message,
            body: Preserved(JsValue::NULL),
            headers: Preserved(answer_headers),
            server_code: None,
            doc_url: None,
        };
    }
    let text = match response.text().await {
        Ok(t) => t,
        Err(e) if signal.aborted() => {
            let _ = e;
            return Sent::Aborted;
        }
        Err(e) => return network(e.to_string(), JsValue::NULL),
    };
    let parsed = if crate::jsontext::is_json(&text) { js_sys::JSON::parse(&text).ok() } else { None };
    let body = match &parsed {
        Some(v) => Body::Json(Js::new(v.clone())),
        None if text.trim().is_empty() => Body::Empty,
        None => Body::NotJson,
    };
    let verdict = classify(ep, status, &body);
    super::js::end_validation();
    let raw = parsed.unwrap_or_else(|| if text.is_empty() { JsValue::NULL } else { JsValue::from_str(&text) });
    let data = |key: Option<&'static str>| {
        Preserved(match key {
            Some(key) => get(&raw, key),
            None => raw.clone(),
        })
    };
    Sent::answer(verdict, status, data, Preserved(raw.clone()), Preserved(answer_headers))
}
