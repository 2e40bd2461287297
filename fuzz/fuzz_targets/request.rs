//! Request building from arbitrary input: base URLs, ids and tokens are checked without panicking,
//! and a redacted body (any JSON, any endpoint's schema) is always JSON, shell-quoted curl commands
//! are built for any header, and no redacted preview shows a base URL's user info.
#![no_main]

use libfuzzer_sys::fuzz_target;
use workspace_requests::json::parse;
use workspace_requests::request::{base_url, body_text, curl, redact_header, redact_url, token, url};
use workspace_requests::ENDPOINTS;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let ep = &ENDPOINTS[usize::from(pick) % ENDPOINTS.len()];
    let text = String::from_utf8_lossy(rest);
    // Fields separated by a 0x1f byte: base URL, token, id, header name, header value, body.
    let mut parts = text.split('\u{1f}');
    let base = parts.next().unwrap_or("");
    let tok = parts.next().unwrap_or("");
    let id = parts.next().and_then(|s| s.parse::<f64>().ok());
    let name = parts.next().unwrap_or("Authorization");
    let value = parts.next().unwrap_or("");
    let body = parts.next().unwrap_or("{}");
    let _ = token(tok);
    if let Ok(u) = url(ep, Some(base), id) {
        assert!(!u.contains('@') || !u.split('/').nth(2).unwrap_or("").contains('@'), "user info accepted: {u}");
    }
    let _ = base_url(base);
    // The shown authority (up to the first '/') never holds user info but the placeholder.
    let shown = redact_url(base);
    let authority = |u: &str| u.split_once("://").map(|(_, r)| r.split(['/', '\\']).next().unwrap_or("").to_string());
    if let Some(a) = authority(&shown) {
        if let Some(at) = a.rfind('@') {
            assert_eq!(&a[..at], "<redacted>", "{shown}");
        }
    }
    let _ = redact_header(name, value);
    if let Ok(v) = parse(body) {
        for reveal in [false, true] {
            let out = body_text(Some(ep.body), &&v, reveal);
            assert!(workspace_requests::jsontext::is_json(&out), "{out}");
        }
        let headers = vec![(name.to_string(), value.to_string())];
        let c = curl(ep.method, base, &headers, Some(body), Some("DATABRAIN_TOKEN"));
        assert!(c.starts_with("curl --request "));
    }
});
