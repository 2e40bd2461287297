//! Hostile input: whatever a caller passes, validation never panics, never hangs, and answers
//! with a short, clear report whose paths are JSON Pointers into the body.
//!
//! Only the public API is used. Section by section:
//! 1. bodies that are no object at all;
//! 2. any JSON value at any place of a valid body (and every place deleted);
//! 3. deep nesting, as text and as a value;
//! 4. odd keys (prototype names, empty, `/` and `~`, non-ASCII, very long);
//! 5. a JavaScript-like value (`undefined`, non-JSON values, holes, objects that contain themselves);
//! 6. the library still validates a valid body afterwards.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use serde_json::{json, Value as J};
use workspace_requests::issue::{Detail, Severity, Sink};
use workspace_requests::path::Path;
use workspace_requests::schema::Field;
use workspace_requests::{
    endpoint, validate, validate_into, validate_json, validate_with, Code, Endpoint, Issue, Kind, Report,
    ValidationOptions, Value, ENDPOINTS, MAX_DEPTH,
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The longest message any finding may have (a hostile value must never be echoed in full).
const MAX_MESSAGE: usize = 2_000;

fn ep(id: &str) -> &'static Endpoint {
    endpoint(id).unwrap_or_else(|| panic!("endpoint {id} exists"))
}

fn sharepoint_datasource() -> J {
    json!({
        "type": "sharepoint",
        "name": "sp",
        "credentials": {"client_id": "c", "client_secret": "s", "tenant_id": "t"},
        "filter_criteria": {"folder_path": "Docs", "recursive": true}
    })
}

fn postgres_datasource() -> J {
    json!({
        "datasourceType": "postgres",
        "credentials": {
            "name": "pg", "host": "h", "port": 5432, "username": "u",
            "password": "p", "database": "d", "schema": "public"
        },
        "tenancySettings": {
            "tenancyLevel": "TABLE", "clientColumnType": "STRING", "schemaName": "public",
            "tableName": "t", "tableClientNameColumn": "c", "tablePrimaryKeyColumn": "id"
        }
    })
}

/// A body every endpoint accepts without issue or warning.
fn valid_body(id: &str) -> J {
    match id {
        "databrain.createWorkspace" | "databrain.updateWorkspace" => {
            json!({"name": "Sales", "connectionType": "DATASOURCE", "datasourceName": "pg"})
        }
        "databrain.createDatasource" | "databrain.updateDatasource" => postgres_datasource(),
        "paradigm.updateWorkspace" => json!({
            "name": "W",
            "description": null,
            "members": {"users": [{"id": 1, "role": "owner"}], "groups": [{"id": 2}]},
            "datasource": sharepoint_datasource()
        }),
        "paradigm.testDatasource" => sharepoint_datasource(),
        other => panic!("no valid example for {other}"),
    }
}

/// RFC 6901: `""`, or `/`-separated tokens in which `~` is only ever followed by `0` or `1`.
fn is_pointer(p: &str) -> bool {
    if p.is_empty() {
        return true;
    }
    if !p.starts_with('/') {
        return false;
    }
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
            return false;
        }
    }
    true
}

/// Escapes one key as a JSON Pointer token.
fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Checks one finding's shape: a JSON Pointer, a non-empty, short message, the endpoint's API code.
fn check_issue(i: &Issue, ep: &Endpoint, ctx: &str) {
    assert!(is_pointer(&i.path), "{ctx}: path {:?} is no JSON Pointer", i.path);
    assert!(!i.message.trim().is_empty(), "{ctx}: empty message at {:?}", i.path);
    assert!(
        i.message.chars().count() <= MAX_MESSAGE,
        "{ctx}: message at {:?} has {} chars",
        i.path,
        i.message.chars().count()
    );
    assert!(i.api_code.is_none() || i.api_code == Some(ep.body_error), "{ctx}: api code at {:?}", i.path);
}

/// Checks every finding, and, when the body is known, that every path names a value of the body
/// or a key missing from an object of the body.
fn check_report(report: &Report, ep: &Endpoint, body: Option<&J>, ctx: &str) {
    assert!(report.issues.iter().all(|i| i.api_code == Some(ep.body_error)), "{ctx}: an issue has the body error code");
    assert!(report.warnings.iter().all(|w| w.api_code.is_none()), "{ctx}: a warning has no API code");
    for i in report.issues.iter().chain(&report.warnings) {
        check_issue(i, ep, ctx);
        let Some(body) = body else { continue };
        if body.pointer(&i.path).is_some() {
            continue;
        }
        let cut = i.path.rfind('/').unwrap_or_else(|| panic!("{ctx}: {:?} names nothing in the body", i.path));
        let parent = body.pointer(&i.path[..cut]);
        assert!(
            parent.is_some_and(J::is_object),
            "{ctx}: {:?} names neither a value of the body nor a key of one of its objects (issue: {i:?})",
            i.path
        );
    }
}

/// The single issue of a report, which must have this code and path.
fn only_issue<'r>(report: &'r Report, code: Code, path: &str, ctx: &str) -> &'r Issue {
    assert_eq!(report.issues.len(), 1, "{ctx}: expected exactly one issue, got {:#?}", report.issues);
    let i = &report.issues[0];
    assert_eq!(i.code, code, "{ctx}: code of {i:?}");
    assert_eq!(i.code.as_str(), code.as_str());
    assert_eq!(i.path, path, "{ctx}: path of {i:?}");
    i
}

/// Every JSON Pointer of a value below the root: every object member and array element.
fn locations(v: &J, prefix: &str, out: &mut Vec<String>) {
    match v {
        J::Object(m) => {
            for (k, child) in m {
                let p = format!("{prefix}/{}", token(k));
                out.push(p.clone());
                locations(child, &p, out);
            }
        }
        J::Array(a) => {
            for (n, child) in a.iter().enumerate() {
                let p = format!("{prefix}/{n}");
                out.push(p.clone());
                locations(child, &p, out);
            }
        }
        _ => {}
    }
}

/// Removes the value at `pointer` (a member, or an array element).
fn delete(body: &mut J, pointer: &str) {
    let cut = pointer.rfind('/').expect("a location below the root");
    let last = pointer[cut + 1..].replace("~1", "/").replace("~0", "~");
    match body.pointer_mut(&pointer[..cut]).expect("parent exists") {
        J::Object(m) => {
            m.remove(&last).expect("member exists");
        }
        J::Array(a) => {
            a.remove(last.parse::<usize>().expect("an index"));
        }
        _ => panic!("parent of {pointer} holds nothing"),
    }
}

/// `[[[…]]]` nested `depth` levels, as text.
fn nested_arrays_text(depth: usize) -> String {
    let mut s = String::with_capacity(depth * 2);
    s.push_str(&"[".repeat(depth));
    s.push_str(&"]".repeat(depth));
    s
}

/// `{"a":{"a":…{}}}` nested `depth` levels, as text.
fn nested_objects_text(depth: usize) -> String {
    let mut s = String::with_capacity(depth * 6);
    s.push_str(&"{\"a\":".repeat(depth - 1));
    s.push_str("{}");
    s.push_str(&"}".repeat(depth - 1));
    s
}

/// A serde value nested `depth` arrays deep, built without recursion.
fn nested_arrays_value(depth: usize) -> J {
    let mut v = J::Array(vec![]);
    for _ in 1..depth {
        v = J::Array(vec![v]);
    }
    v
}

/// Drops a value of any depth without recursing (serde_json's drop recurses).
fn drop_flat(v: J) {
    let mut stack = vec![v];
    while let Some(mut v) = stack.pop() {
        match &mut v {
            J::Array(a) => stack.append(a),
            J::Object(m) => {
                let keys: Vec<String> = m.keys().cloned().collect();
                for k in keys {
                    if let Some(child) = m.remove(&k) {
                        stack.push(child);
                    }
                }
            }
            _ => {}
        }
    }
}

/// `"/credentials/deep"` followed by `n` times `/0`.
fn deep_path(n: usize) -> String {
    format!("/credentials/deep{}", "/0".repeat(n))
}

fn assert_valid(id: &str) {
    let report = validate(ep(id), &&valid_body(id));
    assert!(report.ok(), "{id}: {:#?}", report.issues);
    assert!(report.warnings.is_empty(), "{id}: {:#?}", report.warnings);
}

// ---------------------------------------------------------------------------------------------
// 1. Bodies that are no object
// ---------------------------------------------------------------------------------------------

#[test]
fn non_object_bodies_give_one_invalid_type_at_root() {
    let bodies =
        [json!(null), json!(true), json!(false), json!(0), json!(-1.5), json!("x"), json!(""), json!([]), json!([{}])];
    for e in &ENDPOINTS {
        for body in &bodies {
            let ctx = format!("{} with body {body}", e.id);
            let report = validate(e, &body);
            let i = only_issue(&report, Code::InvalidType, "", &ctx);
            assert_eq!(i.code.as_str(), "invalid_type");
            assert!(report.warnings.is_empty(), "{ctx}: {:#?}", report.warnings);
            check_report(&report, e, Some(body), &ctx);

            // The same through the text entry point.
            let text = serde_json::to_string(body).unwrap();
            let from_text = validate_json(e.id, &text).expect("valid JSON");
            assert_eq!(from_text, report, "{ctx}: text and value disagree");
        }
    }
    assert_valid("databrain.createWorkspace");
}

#[test]
fn non_json_texts_are_errors_not_panics() {
    let texts = ["", " ", "{", "}", "[", "{\"a\":}", "nul", "\"unterminated", "{\"a\":1,}", "\u{0}", "1e99999", "[1,]"];
    for e in &ENDPOINTS {
        for text in texts {
            match validate_json(e.id, text) {
                Err(err) => assert!(!err.to_string().is_empty()),
                Ok(report) => check_report(&report, e, None, &format!("{} with text {text:?}", e.id)),
            }
        }
    }
    let unknown = validate_json("no.such.endpoint", "{}").unwrap_err();
    assert!(unknown.to_string().contains("databrain.createWorkspace"), "{unknown}");
}

// ---------------------------------------------------------------------------------------------
// 2. Any JSON at any place
// ---------------------------------------------------------------------------------------------

#[test]
fn valid_examples_are_valid() {
    for e in &ENDPOINTS {
        assert_valid(e.id);
    }
}

/// The values put at every place of a valid body. The 10 000-deep array is handled apart.
fn hostile_values() -> Vec<(&'static str, J)> {
    vec![
        ("null", json!(null)),
        ("true", json!(true)),
        ("false", json!(false)),
        ("0", json!(0)),
        ("-1", json!(-1)),
        ("1.5", json!(1.5)),
        ("1e308", json!(1e308)),
        ("-0.0", json!(-0.0)),
        ("empty string", json!("")),
        ("1M-char string", J::String("x".repeat(1_000_000))),
        ("odd string", json!("\u{0}\u{202e}é😀")),
        ("[]", json!([])),
        ("[null]", json!([null])),
        ("{}", json!({})),
        ("prototype keys", json!({"__proto__": 1, "": 2, "constructor": {}})),
    ]
}

#[test]
fn any_json_at_any_place_never_panics_and_reports_clearly() {
    let started = Instant::now();
    let values = hostile_values();
    let deep = nested_arrays_text(10_000);
    let long_run = "x".repeat(1_000);
    let mut checked = 0usize;
    for e in &ENDPOINTS {
        let base = valid_body(e.id);
        let mut places = Vec::new();
        locations(&base, "", &mut places);
        assert!(!places.is_empty());
        for place in &places {
            // Every hostile value in turn.
            for (name, v) in &values {
                let ctx = format!("{} with {place} = {name}", e.id);
                let mut body = base.clone();
                *body.pointer_mut(place).expect("place exists") = v.clone();
                let report = validate(e, &&body);
                check_report(&report, e, Some(&body), &ctx);
                for i in report.issues.iter().chain(&report.warnings) {
                    assert!(!i.message.contains(&long_run), "{ctx}: the long string is echoed at {:?}", i.path);
                }
                // The text entry point agrees (skip re-serialising the 1M-char string, for speed).
                if *name != "1M-char string" {
                    let text = serde_json::to_string(&body).unwrap();
                    let from_text = validate_json(e.id, &text).expect("serialised JSON parses");
                    assert_eq!(from_text, report, "{ctx}: text and value disagree");
                }
                checked += 1;
            }

            // Deleting the place.
            let ctx = format!("{} without {place}", e.id);
            let mut body = base.clone();
            delete(&mut body, place);
            let report = validate(e, &&body);
            check_report(&report, e, Some(&body), &ctx);
            checked += 1;

            // A 10 000-deep array: as text, so no deep serde value is ever built or dropped.
            let ctx = format!("{} with {place} = 10 000-deep array", e.id);
            let mut body = base.clone();
            *body.pointer_mut(place).expect("place exists") = json!("@@DEEP@@");
            let text = serde_json::to_string(&body).unwrap();
            assert_eq!(text.matches("\"@@DEEP@@\"").count(), 1);
            let text = text.replace("\"@@DEEP@@\"", &deep);
            let report = validate_json(e.id, &text).expect("deep text is handled before parsing");
            let i = only_issue(&report, Code::InvalidValue, "", &ctx);
            assert!(i.message.contains(&MAX_DEPTH.to_string()), "{ctx}: {i:?}");
            check_report(&report, e, None, &ctx);
            checked += 1;
        }
    }
    assert!(checked > 1_000, "only {checked} variants checked");
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    assert_valid("paradigm.updateWorkspace");
}

#[test]
fn hostile_values_at_known_places_give_the_expected_issue() {
    // A few places checked exactly, so the sweep above is backed by precise expectations.
    let cases: &[(&str, &str, J, Code)] = &[
        ("databrain.createWorkspace", "/name", json!([{"x": "y"}]), Code::InvalidType),
        ("databrain.createWorkspace", "/name", json!(""), Code::TooShort),
        ("databrain.createWorkspace", "/connectionType", json!("\u{0}\u{202e}é😀"), Code::InvalidEnum),
        ("databrain.createDatasource", "/credentials/port", json!(1e308), Code::InvalidValue),
        ("databrain.createDatasource", "/credentials/port", json!(-0.0), Code::InvalidValue),
        ("databrain.createDatasource", "/credentials/port", json!(1.5), Code::InvalidValue),
        ("databrain.createDatasource", "/credentials/port", json!([null]), Code::InvalidType),
        ("databrain.createDatasource", "/tenancySettings/tableName", json!(null), Code::InvalidType),
        ("paradigm.updateWorkspace", "/name", J::String("é".repeat(1_000_000)), Code::TooLong),
        ("paradigm.updateWorkspace", "/members/users/0/id", json!(1e308), Code::InvalidValue),
        ("paradigm.updateWorkspace", "/members/users/0/id", json!(-1), Code::InvalidValue),
        ("paradigm.updateWorkspace", "/members/groups/0", json!(null), Code::InvalidType),
        ("paradigm.updateWorkspace", "/datasource/credentials/client_secret", json!(""), Code::TooShort),
        ("paradigm.testDatasource", "/filter_criteria/recursive", json!("true"), Code::InvalidType),
    ];
    for (id, place, v, code) in cases {
        let e = ep(id);
        let mut body = valid_body(id);
        *body.pointer_mut(place).unwrap() = v.clone();
        let report = validate(e, &&body);
        let ctx = format!("{id} with {place} replaced");
        let i = only_issue(&report, *code, place, &ctx);
        assert!(i.message.chars().count() < 300, "{ctx}: {i:?}");
        check_report(&report, e, Some(&body), &ctx);
    }
    // The secret is never echoed, whatever it holds.
    let mut body = valid_body("paradigm.testDatasource");
    body["credentials"]["client_secret"] = json!(["hunter2-secret"]);
    let report = validate(ep("paradigm.testDatasource"), &&body);
    let i = only_issue(&report, Code::InvalidType, "/credentials/client_secret", "secret");
    assert!(!i.message.contains("hunter2"), "{i:?}");
}

// ---------------------------------------------------------------------------------------------
// 3. Deep nesting
// ---------------------------------------------------------------------------------------------

fn with_deep_credentials_key(inner: &str) -> String {
    let mut body = postgres_datasource();
    body["credentials"]["deep"] = json!("@@DEEP@@");
    let text = serde_json::to_string(&body).unwrap();
    text.replace("\"@@DEEP@@\"", inner)
}

#[test]
fn text_nested_100_000_levels_is_one_issue_at_root() {
    for (shape, inner) in [("arrays", nested_arrays_text(100_000)), ("objects", nested_objects_text(100_000))] {
        let text = with_deep_credentials_key(&inner);
        for id in ["databrain.createDatasource", "databrain.updateDatasource"] {
            let report = validate_json(id, &text).unwrap_or_else(|err| panic!("{shape}: {err}"));
            let i = only_issue(&report, Code::InvalidValue, "", shape);
            assert_eq!(i.code.as_str(), "invalid_value");
            assert!(report.warnings.is_empty(), "{shape}: {:#?}", report.warnings);
            check_report(&report, ep(id), None, shape);
        }
    }
    // Unclosed brackets are too deep before they are bad JSON; either way no panic.
    let report = validate_json("databrain.createDatasource", &"[".repeat(100_000)).unwrap();
    only_issue(&report, Code::InvalidValue, "", "unclosed");
    // A body that is itself 100 000 levels deep, for every endpoint.
    for e in &ENDPOINTS {
        let report = validate_json(e.id, &nested_objects_text(100_000)).unwrap();
        only_issue(&report, Code::InvalidValue, "", e.id);
    }
    assert_valid("databrain.createDatasource");
}

#[test]
fn brackets_inside_strings_do_not_count_as_nesting() {
    let mut body = postgres_datasource();
    body["credentials"]["password"] = J::String("[{".repeat(50_000));
    body["credentials"]["note"] = J::String("\\\"[[[[\\\"".repeat(10_000));
    let text = serde_json::to_string(&body).unwrap();
    let report = validate_json("databrain.createDatasource", &text).unwrap();
    assert!(report.ok(), "{:#?}", report.issues);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
}

#[test]
fn depth_limit_boundary_is_exact() {
    // credentials is at depth 1 and `deep` at depth 2, so the k-th of k nested arrays lies at
    // depth k + 1: 63 arrays stay within MAX_DEPTH (64), the 64th is one level too deep.
    assert_eq!(MAX_DEPTH, 64);
    let e = ep("databrain.createDatasource");
    let within = with_deep_credentials_key(&nested_arrays_text(MAX_DEPTH - 1));
    let report = validate_json(e.id, &within).unwrap();
    assert!(report.ok(), "{:#?}", report.issues);

    let past = with_deep_credentials_key(&nested_arrays_text(MAX_DEPTH));
    // As text, the pre-scan refuses it outright…
    let report = validate_json(e.id, &past).unwrap();
    only_issue(&report, Code::InvalidValue, "", "text one level too deep");
    // …and parsed normally, the engine reports the first array past the limit.
    let value: J = serde_json::from_str(&past).unwrap();
    let report = validate(e, &&value);
    only_issue(&report, Code::InvalidValue, &deep_path(MAX_DEPTH - 1), "value one level too deep");
    check_report(&report, e, Some(&value), "value one level too deep");
}

#[test]
fn value_nested_past_max_depth_in_open_credentials_is_one_issue() {
    let e = ep("databrain.createDatasource");
    for (shape, inner) in
        [("arrays", nested_arrays_text(MAX_DEPTH + 10)), ("objects", nested_objects_text(MAX_DEPTH + 10))]
    {
        let text = with_deep_credentials_key(&inner);
        let value: J = serde_json::from_str(&text).unwrap();
        let report = validate(e, &&value);
        assert_eq!(report.issues.len(), 1, "{shape}: {:#?}", report.issues);
        let i = &report.issues[0];
        assert_eq!(i.code, Code::InvalidValue, "{shape}: {i:?}");
        assert!(i.path.starts_with("/credentials/deep/"), "{shape}: {i:?}");
        // The path names the first container past the limit: 65 segments in all.
        assert_eq!(i.path.matches('/').count(), MAX_DEPTH + 1, "{shape}: {i:?}");
        assert!(value.pointer(&i.path).is_some_and(|v| v.is_array() || v.is_object()), "{shape}: {i:?}");
        assert!(i.message.contains("64"), "{shape}: {i:?}");
        check_report(&report, e, Some(&value), shape);
    }
}

#[test]
fn value_nested_100_000_levels_is_walked_only_to_the_limit() {
    // A deep serde value built and dropped without recursion, given to the engine directly.
    let e = ep("databrain.createDatasource");
    let mut body = postgres_datasource();
    body["credentials"]["deep"] = nested_arrays_value(100_000);
    let report = validate(e, &&body);
    only_issue(&report, Code::InvalidValue, &deep_path(MAX_DEPTH - 1), "100 000 deep value");
    assert!(report.warnings.is_empty());
    drop_flat(body);

    // Several deep keys: the first one found too deep ends the walk, one issue in all.
    let mut body = postgres_datasource();
    for k in ["deep", "deeper", "deepest"] {
        body["credentials"][k] = nested_arrays_value(10_000);
    }
    let report = validate(e, &&body);
    assert_eq!(report.issues.len(), 1, "{:#?}", report.issues);
    assert!(report.issues[0].path.starts_with("/credentials/deep"), "{:?}", report.issues[0]);
    drop_flat(body);

    // The same under a field of type Any (BigQuery's service-account key).
    let mut body = json!({"datasourceType": "bigquery", "credentials": {"name": "bq"}});
    body["credentials"]["serviceAccountKey"] = nested_arrays_value(100_000);
    let report = validate(e, &&body);
    only_issue(
        &report,
        Code::InvalidValue,
        &format!("/credentials/serviceAccountKey{}", "/0".repeat(MAX_DEPTH - 1)),
        "deep Any",
    );
    drop_flat(body);
    assert_valid("databrain.createDatasource");
}

// ---------------------------------------------------------------------------------------------
// 4. Odd keys
// ---------------------------------------------------------------------------------------------

fn odd_keys() -> Vec<(String, String)> {
    let long = "k".repeat(100_000);
    vec![
        ("__proto__".into(), "/__proto__".into()),
        (String::new(), "/".into()),
        ("constructor".into(), "/constructor".into()),
        ("a/b~c".into(), "/a~1b~0c".into()),
        ("~1".into(), "/~01".into()),
        ("/".into(), "/~1".into()),
        ("пароль".into(), "/пароль".into()),
        ("\u{0}\u{202e}".into(), "/\u{0}\u{202e}".into()),
        // A key longer than MAX_KEY_LEN is cut to it in the path (never copied whole).
        (long.clone(), format!("/{}", &long[..workspace_requests::MAX_KEY_LEN])),
    ]
}

#[test]
fn odd_keys_in_strict_objects_are_unknown_fields_at_escaped_pointers() {
    for (key, pointer) in odd_keys() {
        let shown = key.chars().take(20).collect::<String>();
        // Top level of a closed body: an issue in strict mode, a warning by default.
        let e = ep("databrain.createWorkspace");
        let mut body = valid_body(e.id);
        body[key.as_str()] = json!(1);
        let report = validate_with(e, &&body, ValidationOptions::STRICT);
        let i = only_issue(&report, Code::UnknownField, &pointer, &shown);
        assert_eq!(i.code.as_str(), "unknown_field");
        assert!(i.message.chars().count() < 500, "{shown:?}: {} chars", i.message.chars().count());
        check_report(&report, e, Some(&body), &shown);
        let report = validate(e, &&body);
        assert!(report.ok(), "{shown:?}: {report:#?}");
        assert_eq!(report.warnings.len(), 1, "{shown:?}: {report:#?}");
        assert_eq!((report.warnings[0].code, report.warnings[0].path.as_str()), (Code::UnknownField, pointer.as_str()));
        check_report(&report, e, Some(&body), &shown);

        // Nested closed objects of Paradigm, with a hostile value under the key.
        let e = ep("paradigm.updateWorkspace");
        let mut body = valid_body(e.id);
        body["members"]["users"][0][key.as_str()] = json!({"__proto__": {"polluted": true}});
        let report = validate_with(e, &&body, ValidationOptions::STRICT);
        let i = only_issue(&report, Code::UnknownField, &format!("/members/users/0{pointer}"), &shown);
        assert!(i.message.chars().count() < 500, "{shown:?}: {} chars", i.message.chars().count());
        check_report(&report, e, Some(&body), &shown);
        let report = validate(e, &&body);
        assert!(report.ok() && report.warnings.len() == 1, "{shown:?}: {report:#?}");
        check_report(&report, e, Some(&body), &shown);
    }
    // Nothing was polluted: a fresh object has no such key.
    assert_valid("databrain.createWorkspace");
    assert_valid("paradigm.updateWorkspace");
}

#[test]
fn odd_keys_in_open_credentials_pass() {
    let e = ep("databrain.createDatasource");
    let mut all = postgres_datasource();
    for (key, _) in odd_keys() {
        let mut body = postgres_datasource();
        body["credentials"][key.as_str()] = json!({"__proto__": 1, "": [], "constructor": {}});
        all["credentials"][key.as_str()] = json!(true);
        let report = validate(e, &&body);
        let shown = key.chars().take(20).collect::<String>();
        assert!(report.ok(), "{shown:?}: {:#?}", report.issues);
        assert!(report.warnings.is_empty(), "{shown:?}: {:#?}", report.warnings);
    }
    let report = validate(e, &&all);
    assert!(report.ok(), "{:#?}", report.issues);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
}

#[test]
fn near_miss_keys_in_open_credentials_warn_at_escaped_pointers() {
    let e = ep("databrain.createDatasource");
    let mut body = postgres_datasource();
    body["credentials"]["pasword"] = json!("x");
    // `pasword` next to `password` is another key; without `password`, it is a near miss.
    if let Some(c) = body["credentials"].as_object_mut() {
        c.remove("password");
    }
    let report = validate(e, &&body);
    assert!(report.ok(), "{:#?}", report.issues);
    let found: Vec<(&str, Code)> = report.warnings.iter().map(|w| (w.path.as_str(), w.code)).collect();
    assert_eq!(found, [("/credentials/password", Code::Required), ("/credentials/pasword", Code::UnknownField)]);
}

// ---------------------------------------------------------------------------------------------
// 5. A JavaScript-like value
// ---------------------------------------------------------------------------------------------

/// A live JavaScript value: shared, mutable, possibly containing itself.
#[derive(Clone)]
struct Js(Rc<RefCell<Node>>);

enum Node {
    Undefined,
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    /// A function, symbol or BigInt.
    Other,
    /// `len` may exceed `items`; missing and `None` items are holes.
    Arr {
        len: usize,
        items: Vec<Option<Js>>,
    },
    Obj(Vec<(String, Js)>),
}

impl Js {
    fn new(node: Node) -> Js {
        Js(Rc::new(RefCell::new(node)))
    }
    fn undefined() -> Js {
        Js::new(Node::Undefined)
    }
    fn other() -> Js {
        Js::new(Node::Other)
    }
    fn num(n: f64) -> Js {
        Js::new(Node::Num(n))
    }
    fn from_json(v: &J) -> Js {
        Js::new(match v {
            J::Null => Node::Null,
            J::Bool(b) => Node::Bool(*b),
            J::Number(n) => Node::Num(n.as_f64().unwrap_or(f64::NAN)),
            J::String(s) => Node::Str(s.clone()),
            J::Array(a) => Node::Arr { len: a.len(), items: a.iter().map(|x| Some(Js::from_json(x))).collect() },
            J::Object(m) => Node::Obj(m.iter().map(|(k, x)| (k.clone(), Js::from_json(x))).collect()),
        })
    }
    /// Sets (or adds) a property of an object.
    fn set(&self, key: &str, value: Js) {
        let mut node = self.0.borrow_mut();
        let Node::Obj(entries) = &mut *node else { panic!("set on a non-object") };
        match entries.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => entries.push((key.to_string(), value)),
        }
    }
    /// The property `key` (panics when absent: test set-up only).
    fn prop(&self, key: &str) -> Js {
        let node = self.0.borrow();
        let Node::Obj(entries) = &*node else { panic!("prop of a non-object") };
        entries.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).expect("property exists")
    }
    fn elem(&self, i: usize) -> Js {
        match &*self.0.borrow() {
            Node::Arr { items, .. } => items[i].clone().expect("no hole"),
            _ => panic!("elem of a non-array"),
        }
    }
    /// Breaks every cycle through this value, so the test does not leak.
    fn clear(&self) {
        *self.0.borrow_mut() = Node::Null;
    }
}

impl Value for Js {
    fn kind(&self) -> Kind {
        match &*self.0.borrow() {
            Node::Undefined => Kind::Undefined,
            Node::Null => Kind::Null,
            Node::Bool(_) => Kind::Bool,
            Node::Num(_) => Kind::Number,
            Node::Str(_) => Kind::String,
            Node::Other => Kind::Other,
            Node::Arr { .. } => Kind::Array,
            Node::Obj(_) => Kind::Object,
        }
    }
    // Deliberately returns `undefined` properties as `Some`, as a careless binding might: the
    // engine must treat them as missing anyway.
    fn get(&self, key: &'static str) -> Option<Self> {
        match &*self.0.borrow() {
            Node::Obj(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()),
            _ => None,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match &*self.0.borrow() {
            Node::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn as_f64(&self) -> Option<f64> {
        match &*self.0.borrow() {
            Node::Num(n) => Some(*n),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        match &*self.0.borrow() {
            Node::Str(s) => Some(Cow::Owned(s.clone())),
            _ => None,
        }
    }
    fn array_len(&self) -> usize {
        match &*self.0.borrow() {
            Node::Arr { len, .. } => *len,
            _ => 0,
        }
    }
    fn at(&self, index: usize) -> Option<Self> {
        match &*self.0.borrow() {
            Node::Arr { len, items } if index < *len => items.get(index).cloned().flatten(),
            _ => None,
        }
    }
    fn key_count(&self) -> usize {
        match &*self.0.borrow() {
            Node::Obj(entries) => entries.len(),
            _ => 0,
        }
    }
    fn entries(&self, start: usize, count: usize) -> Vec<(String, Self)> {
        match &*self.0.borrow() {
            Node::Obj(entries) => entries.iter().skip(start).take(count).cloned().collect(),
            _ => Vec::new(),
        }
    }
}

fn js_body(id: &str) -> Js {
    Js::from_json(&valid_body(id))
}

#[test]
fn js_valid_bodies_are_valid() {
    for e in &ENDPOINTS {
        let report = validate(e, &js_body(e.id));
        assert!(report.ok(), "{}: {:#?}", e.id, report.issues);
        assert!(report.warnings.is_empty(), "{}: {:#?}", e.id, report.warnings);
    }
}

#[test]
fn js_undefined_counts_as_missing() {
    let e = ep("databrain.createWorkspace");
    let body = Js::from_json(&json!({"connectionType": "MULTI_DATASOURCE"}));
    body.set("name", Js::undefined());
    let report = validate(e, &body);
    let i = only_issue(&report, Code::Required, "/name", "name undefined");
    assert_eq!(i.code.as_str(), "required");
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);

    // An undefined optional property is simply absent.
    let body = js_body(e.id);
    body.set("llmName", Js::undefined());
    body.set("isEnableMetricSummary", Js::undefined());
    let report = validate(e, &body);
    assert!(report.ok(), "{:#?}", report.issues);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);

    // A conditionally required property that is undefined is missing too.
    let body = js_body(e.id);
    body.set("datasourceName", Js::undefined());
    let report = validate(e, &body);
    only_issue(&report, Code::Required, "/datasourceName", "datasourceName undefined");

    // Undefined credentials of a datasource: required.
    let e = ep("databrain.createDatasource");
    let body = js_body(e.id);
    body.set("credentials", Js::undefined());
    let report = validate(e, &body);
    only_issue(&report, Code::Required, "/credentials", "credentials undefined");

    // An undefined discriminator: required, and its siblings are still checked generically.
    let e = ep("paradigm.testDatasource");
    let body = js_body(e.id);
    body.set("type", Js::undefined());
    let report = validate(e, &body);
    only_issue(&report, Code::Required, "/type", "type undefined");
}

#[test]
fn js_undefined_body_is_required_at_root() {
    for e in &ENDPOINTS {
        let report = validate(e, &Js::undefined());
        let i = only_issue(&report, Code::Required, "", e.id);
        assert!(i.message.contains("body"), "{i:?}");
        let report = validate(e, &Js::other());
        only_issue(&report, Code::InvalidType, "", e.id);
        check_report(&report, e, None, e.id);
    }
}

#[test]
fn js_non_json_values_are_invalid_types() {
    let e = ep("databrain.createWorkspace");
    for field in ["name", "connectionType", "datasourceName"] {
        let body = js_body(e.id);
        body.set(field, Js::other());
        let report = validate(e, &body);
        let i = only_issue(&report, Code::InvalidType, &format!("/{field}"), field);
        assert!(i.message.contains("not JSON"), "{i:?}");
    }
    // In an array of strings, as an element.
    let body = js_body(e.id);
    body.set(
        "aiCopilotLlms",
        Js::new(Node::Arr { len: 2, items: vec![Some(Js::from_json(&json!("gpt"))), Some(Js::other())] }),
    );
    let report = validate(e, &body);
    only_issue(&report, Code::InvalidType, "/aiCopilotLlms/1", "other in array");

    // Numbers that JSON cannot hold, when a binding calls them numbers.
    let e = ep("databrain.createDatasource");
    for n in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN_POSITIVE, -0.0] {
        let body = js_body(e.id);
        body.prop("credentials").set("port", Js::num(n));
        let report = validate(e, &body);
        let i = only_issue(&report, Code::InvalidValue, "/credentials/port", &format!("port {n}"));
        assert!(i.message.chars().count() < 200, "{i:?}");
        // Where a string is expected, the same values are wrong types.
        let body = js_body(e.id);
        body.prop("credentials").set("host", Js::num(n));
        let report = validate(e, &body);
        let i = only_issue(&report, Code::InvalidType, "/credentials/host", &format!("host {n}"));
        assert!(!i.message.is_empty());
    }
    // And where a datasource type is expected.
    let body = js_body(e.id);
    body.set("datasourceType", Js::other());
    let report = validate(e, &body);
    only_issue(&report, Code::InvalidType, "/datasourceType", "other type");

    // Paradigm member ids: a symbol, NaN, a huge number.
    let e = ep("paradigm.updateWorkspace");
    for (v, code) in [
        (Js::other(), Code::InvalidType),
        (Js::num(f64::NAN), Code::InvalidValue),
        (Js::num(1e300), Code::InvalidValue),
    ] {
        let body = js_body(e.id);
        body.prop("members").prop("users").elem(0).set("id", v);
        let report = validate(e, &body);
        only_issue(&report, code, "/members/users/0/id", "member id");
    }
}

#[test]
fn js_array_holes_and_undefined_elements_are_reported() {
    let e = ep("databrain.createWorkspace");
    for (len, items) in [
        (3, vec![Some(Js::from_json(&json!("gpt"))), None, Some(Js::from_json(&json!("claude")))]),
        (3, vec![Some(Js::from_json(&json!("gpt"))), Some(Js::undefined()), Some(Js::from_json(&json!("claude")))]),
        (2, vec![Some(Js::from_json(&json!("gpt")))]),
    ] {
        let body = js_body(e.id);
        body.set("aiCopilotLlms", Js::new(Node::Arr { len, items }));
        let report = validate(e, &body);
        let i = only_issue(&report, Code::InvalidType, "/aiCopilotLlms/1", "hole");
        assert!(i.message.contains("nothing"), "{i:?}");
    }
    // Holes in an array the schema does not describe are skipped.
    let e = ep("databrain.createDatasource");
    let body = js_body(e.id);
    body.prop("credentials").set("extra", Js::new(Node::Arr { len: 1_000, items: vec![] }));
    let report = validate(e, &body);
    assert!(report.ok(), "{:#?}", report.issues);
}

#[test]
fn js_object_containing_itself_in_open_credentials_is_one_issue() {
    let e = ep("databrain.createDatasource");
    let body = js_body(e.id);
    let credentials = body.prop("credentials");
    credentials.set("self", credentials.clone());
    let started = Instant::now();
    let report = validate(e, &body);
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    assert_eq!(report.issues.len(), 1, "{:#?}", report.issues);
    let i = &report.issues[0];
    assert_eq!(i.code, Code::InvalidValue, "{i:?}");
    assert_eq!(i.path, format!("/credentials{}", "/self".repeat(MAX_DEPTH)), "{i:?}");
    assert!(i.message.contains("refers to itself"), "{i:?}");
    check_issue(i, e, "self");
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    credentials.clear();
}

#[test]
fn js_wide_self_reference_terminates_quickly() {
    let e = ep("databrain.createDatasource");
    let body = js_body(e.id);
    let obj = Js::from_json(&json!({}));
    for k in ["a", "b", "c", "d", "e", "f", "g", "h"] {
        obj.set(k, obj.clone());
    }
    // An array that holds itself, many times over, as well.
    let arr = Js::new(Node::Arr { len: 0, items: vec![] });
    *arr.0.borrow_mut() = Node::Arr { len: 8, items: vec![Some(arr.clone()); 8] };
    body.prop("credentials").set("wide", obj.clone());
    body.prop("credentials").set("wider", arr.clone());
    let started = Instant::now();
    let report = validate(e, &body);
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    assert_eq!(report.issues.len(), 1, "{:#?}", report.issues);
    assert_eq!(report.issues[0].code, Code::InvalidValue);
    assert!(report.issues[0].path.starts_with("/credentials/wide"), "{:?}", report.issues[0]);

    // The same value under a field of type Any.
    let body = Js::from_json(&json!({"datasourceType": "bigquery", "credentials": {"name": "bq"}}));
    body.prop("credentials").set("serviceAccountKey", arr.clone());
    let started = Instant::now();
    let report = validate(e, &body);
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    only_issue(
        &report,
        Code::InvalidValue,
        &format!("/credentials/serviceAccountKey{}", "/0".repeat(MAX_DEPTH - 1)),
        "array holding itself",
    );

    // Under Paradigm's open credentials of an unknown datasource type.
    let e = ep("paradigm.testDatasource");
    let body = Js::from_json(&json!({"type": "dropbox", "name": "x", "credentials": {}}));
    body.prop("credentials").set("loop", obj.clone());
    let report = validate(e, &body);
    assert_eq!(report.issues.len(), 2, "{:#?}", report.issues);
    assert_eq!((report.issues[0].path.as_str(), report.issues[0].code), ("/type", Code::InvalidEnum));
    assert_eq!(report.issues[1].code, Code::InvalidValue);
    assert_eq!(report.issues[1].path, format!("/credentials/loop{}", "/a".repeat(MAX_DEPTH - 1)));
    obj.clear();
    arr.clear();
}

#[test]
fn js_self_reference_in_strict_objects_is_not_walked() {
    // A member that contains itself under an unknown key: in strict mode reported, never walked;
    // by default a warning, and walked to the depth limit (it cannot be sent).
    let e = ep("paradigm.updateWorkspace");
    let body = js_body(e.id);
    let user = body.prop("members").prop("users").elem(0);
    user.set("self", user.clone());
    let report = validate_with(e, &body, ValidationOptions::STRICT);
    only_issue(&report, Code::UnknownField, "/members/users/0/self", "member self");
    let report = validate(e, &body);
    assert_eq!(report.issues.len(), 1, "{report:#?}");
    assert_eq!(report.issues[0].code, Code::InvalidValue);
    assert!(report.issues[0].path.starts_with("/members/users/0/self/self/self"), "{report:#?}");
    assert_eq!(report.warnings.len(), 1, "{report:#?}");
    user.clear();
    // …and under `id`, which must be an integer.
    let body = js_body(e.id);
    let user = body.prop("members").prop("users").elem(0);
    user.set("id", user.clone());
    let report = validate(e, &body);
    only_issue(&report, Code::InvalidType, "/members/users/0/id", "member id is itself");
    user.clear();

    // A users array that contains itself: its element is an array, not a member object.
    let body = js_body(e.id);
    let members = body.prop("members");
    let users = members.prop("users");
    *users.0.borrow_mut() = Node::Arr { len: 1, items: vec![Some(users.clone())] };
    let report = validate(e, &body);
    only_issue(&report, Code::InvalidType, "/members/users/0", "users holding itself");
    users.clear();

    // A body that contains itself as its datasource: every level is strict, each is checked once.
    let body = js_body(e.id);
    body.set("datasource", body.clone());
    let started = Instant::now();
    let report = validate(e, &body);
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    assert!(!report.ok());
    for i in &report.issues {
        check_issue(i, e, "body as datasource");
        assert!(i.path.starts_with("/datasource/"), "{i:?}");
    }
    body.clear();

    // A Databrain datasource whose credentials are the body itself (postgres credentials are
    // open, so the body's own keys are walked and the loop through `credentials` is cut).
    let e = ep("databrain.createDatasource");
    let body = js_body(e.id);
    body.set("credentials", body.clone());
    let started = Instant::now();
    let report = validate(e, &body);
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    let deep: Vec<&Issue> = report.issues.iter().filter(|i| i.code == Code::InvalidValue).collect();
    assert_eq!(deep.len(), 1, "{:#?}", report.issues);
    assert!(deep[0].path.starts_with("/credentials/credentials/"), "{:?}", deep[0]);
    assert!(report.issues.iter().any(|i| i.path == "/credentials/name" && i.code == Code::Required));
    for i in report.issues.iter().chain(&report.warnings) {
        check_issue(i, e, "body as credentials");
    }
    body.clear();
}

/// Counts findings, and gives up (by panicking) past a bound, so a runaway validation ends.
struct Bounded {
    findings: usize,
    bound: usize,
}

impl Sink for Bounded {
    fn push(&mut self, _: Severity, _: &Path, _: Code, _: Option<&Field>, _: Detail) {
        self.findings += 1;
        assert!(self.findings <= self.bound, "more than {} findings", self.bound);
    }
}

#[test]
fn a_sparse_array_under_an_unknown_key_is_one_bounded_issue() {
    // `new Array(2 ** 32 - 1)` under an open credentials key: every hole counts as a value read,
    // so the walk stops at MAX_VALUES with one issue instead of running for minutes.
    let e = ep("databrain.createDatasource");
    let body = Js::from_json(&json!({"datasourceType": "csv", "credentials": {"name": "c"}}));
    body.prop("credentials").set("x", Js::new(Node::Arr { len: u32::MAX as usize, items: vec![] }));
    let t0 = Instant::now();
    let report = validate(e, &body);
    assert!(t0.elapsed() < Duration::from_secs(10), "bounded time: {:?}", t0.elapsed());
    let i = only_issue(&report, Code::InvalidValue, "", "sparse array");
    assert_eq!(
        i.message,
        format!(
            "The body holds more than {} values (array holes included); the rest was not checked.",
            workspace_requests::MAX_VALUES
        )
    );
}

#[test]
fn a_body_with_more_values_than_the_limit_is_one_issue() {
    let e = ep("paradigm.updateWorkspace");
    let users: Vec<J> = (0..(workspace_requests::MAX_VALUES / 2 + 10)).map(|_| json!({"id": 1})).collect();
    let body = json!({"members": {"users": users}});
    let report = validate(e, &&body);
    only_issue(&report, Code::InvalidValue, "", "huge list");
    assert!(report.warnings.is_empty());
    // Just under it, a large valid list is valid.
    let users: Vec<J> = (0..100_000).map(|i| json!({"id": i + 1})).collect();
    assert!(validate(e, &&json!({"members": {"users": users}})).ok());
}

#[test]
fn js_huge_sparse_array_gives_a_bounded_report() {
    let body = js_body("databrain.createWorkspace");
    body.set("aiCopilotLlms", Js::new(Node::Arr { len: u32::MAX as usize, items: vec![] }));
    let mut sink = Bounded { findings: 0, bound: 100_000 };
    validate_into(ep("databrain.createWorkspace").body, &body, Default::default(), &mut sink);
    assert_eq!(sink.findings, workspace_requests::MAX_FINDINGS + 1, "the cap, then one finding saying so");
}

#[test]
fn js_undefined_unknown_key_is_not_reported() {
    let e = ep("databrain.createWorkspace");
    let body = js_body(e.id);
    body.set("extra", Js::undefined());
    let report = validate(e, &body);
    assert!(report.ok(), "{:#?}", report.issues);
    // An undefined near miss in open credentials is not "sent as is" either.
    let e = ep("databrain.createDatasource");
    let body = js_body(e.id);
    body.prop("credentials").set("pasword", Js::undefined());
    let report = validate(e, &body);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
}

#[test]
fn messages_hold_no_bidi_controls() {
    let bidi = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let e = ep("databrain.createWorkspace");
    let mut body = valid_body(e.id);
    body["connectionType"] = json!("\u{202e}ECRUOSATAD");
    body["\u{202e}eman"] = json!(1);
    let report = validate(e, &&body);
    assert_eq!(report.issues.len() + report.warnings.len(), 2, "{report:#?}");
    for i in report.issues.iter().chain(&report.warnings) {
        assert!(!i.message.contains(bidi), "{:?}", i.message);
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Still working
// ---------------------------------------------------------------------------------------------

#[test]
fn library_still_works_after_hostile_input() {
    // A burst of hostile input in this thread first…
    for e in &ENDPOINTS {
        let _ = validate(e, &&json!(null));
        let _ = validate_json(e.id, &nested_arrays_text(50_000));
        let _ = validate_json(e.id, "{\"__proto__\":{\"polluted\":true}}");
        let cyclic = js_body(e.id);
        cyclic.set("loop", cyclic.clone());
        let _ = validate(e, &cyclic);
        cyclic.clear();
    }
    // …then every valid body is still valid, as a value, as text and as a JS value.
    for e in &ENDPOINTS {
        assert_valid(e.id);
        let text = serde_json::to_string(&valid_body(e.id)).unwrap();
        let report = validate_json(e.id, &text).unwrap();
        assert!(report.ok() && report.warnings.is_empty(), "{}: {report:#?}", e.id);
        let report = validate(e, &js_body(e.id));
        assert!(report.ok() && report.warnings.is_empty(), "{}: {report:#?}", e.id);
        assert!(!report.to_json_string().contains("polluted"));
    }
}
