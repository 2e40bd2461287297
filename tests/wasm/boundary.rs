// The JS↔wasm boundary, shared by `wasm_node.rs` (Node) and `wasm_browser.rs` (headless Chrome):
// live JS values of every kind go through the exported functions, which must answer with a report
// (or a TypeError for an unknown endpoint), never a trap, and keep working afterwards.

use js_sys::{Array, Function, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use workspace_requests::wasm;

fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

fn set(o: &JsValue, key: &str, v: &JsValue) {
    Reflect::set(o, &JsValue::from_str(key), v).expect("set");
}

/// `[(path, code)]` of a result's issues (or warnings).
fn pairs(result: &JsValue, list: &str) -> Vec<(String, String)> {
    Array::from(&get(result, list))
        .iter()
        .map(|i| (get(&i, "path").as_string().unwrap_or_default(), get(&i, "code").as_string().unwrap_or_default()))
        .collect()
}

/// The export `check` for the endpoint `id` in strict mode (unknown keys of closed objects are
/// issues), with `undefined` (nothing found) as an empty result.
fn validate(id: &str, body: JsValue) -> JsValue {
    validate_in(id, body, true)
}

fn validate_in(id: &str, body: JsValue, strict: bool) -> JsValue {
    let index = workspace_requests::ENDPOINTS.iter().position(|e| e.id == id).expect("endpoint") as u32;
    let result = wasm::check(index, body, strict).expect("known endpoint");
    if result.is_undefined() {
        return js(r#"{"ok":true,"issues":[],"warnings":[]}"#);
    }
    result
}

fn issues(id: &str, body: JsValue) -> Vec<(String, String)> {
    pairs(&validate(id, body), "issues")
}

fn expect(id: &str, body: JsValue, expected: &[(&str, &str)]) {
    let got = issues(id, body);
    let want: Vec<(String, String)> = expected.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect();
    assert_eq!(got, want);
}

/// A function whose body is `code` (made with the Function constructor).
fn func(args: &str, code: &str) -> Function {
    Function::new_with_args(args, code)
}

#[wasm_bindgen_test]
fn results_are_plain_objects() {
    let r = validate("databrain.createWorkspace", js(r#"{"name":"Sales","connectionType":"DATASOURCE","datasourceName":"pg"}"#));
    assert_eq!(get(&r, "ok").as_bool(), Some(true));
    assert_eq!(Array::from(&get(&r, "issues")).length(), 0);
    assert_eq!(Array::from(&get(&r, "warnings")).length(), 0);
    let r = validate("databrain.createWorkspace", js(r#"{"name":"Sales","connectionType":"DATASOURCE"}"#));
    assert_eq!(get(&r, "ok").as_bool(), Some(false));
    let issue = Array::from(&get(&r, "issues")).get(0);
    assert_eq!(get(&issue, "path").as_string().as_deref(), Some("/datasourceName"));
    assert_eq!(get(&issue, "code").as_string().as_deref(), Some("required"));
    assert_eq!(get(&issue, "apiCode").as_string().as_deref(), Some("INVALID_REQUEST_BODY"));
    assert_eq!(
        get(&issue, "message").as_string().as_deref(),
        Some("datasourceName is required when connectionType is \"DATASOURCE\".")
    );
}

#[wasm_bindgen_test]
fn the_default_mode_warns_about_unknown_keys_with_no_api_code() {
    let body = r#"{"name":"W","connectionType":"MULTI_DATASOURCE","colour":"red"}"#;
    let r = validate_in("databrain.createWorkspace", js(body), false);
    assert_eq!(get(&r, "ok").as_bool(), Some(true));
    assert_eq!(pairs(&r, "warnings"), [("/colour".to_string(), "unknown_field".to_string())]);
    let warning = Array::from(&get(&r, "warnings")).get(0);
    assert!(get(&warning, "apiCode").is_null(), "a warning has apiCode null");
    let r = validate_in("databrain.createWorkspace", js(body), true);
    assert_eq!(get(&r, "ok").as_bool(), Some(false));
    let issue = Array::from(&get(&r, "issues")).get(0);
    assert_eq!(get(&issue, "apiCode").as_string().as_deref(), Some("INVALID_REQUEST_BODY"));
}

#[wasm_bindgen_test]
fn every_rule_reads_through_js_values() {
    expect(
        "databrain.updateDatasource",
        js(r#"{"datasourceType":"elasticsearch","credentials":{"name":"e","server_type":"open-cloud","cloudId":"c","disableAuth":true},"tenancySettings":{"tenancyLevel":"TABLE"}}"#),
        &[
            ("/credentials/disableAuth", "not_allowed"),
            ("/tenancySettings/clientColumnType", "required"),
            ("/tenancySettings/schemaName", "required"),
            ("/tenancySettings/tableName", "required"),
            ("/tenancySettings/tableClientNameColumn", "required"),
            ("/tenancySettings/tablePrimaryKeyColumn", "required"),
        ],
    );
    expect(
        "paradigm.updateWorkspace",
        js(&format!(r#"{{"name":"{}","members":{{"users":[{{"id":1.5,"role":"admin"}}]}},"extra":1}}"#, "é".repeat(101))),
        &[("/name", "too_long"), ("/members/users/0/id", "invalid_value"), ("/members/users/0/role", "invalid_enum"), ("/extra", "unknown_field")],
    );
    let r = validate("databrain.createDatasource", js(r#"{"datasourceType":"mysql","credentials":{"name":"m","pasword":"x"}}"#));
    assert_eq!(pairs(&r, "warnings"), [("/credentials/pasword".to_string(), "unknown_field".to_string())]);
}

#[wasm_bindgen_test]
fn values_json_cannot_hold_are_reported_not_thrown() {
    let non_json: [JsValue; 6] = [
        JsValue::UNDEFINED,
        JsValue::NULL,
        js_sys::Symbol::for_("s").into(),
        js_sys::BigInt::from(7).into(),
        func("", "return 1").into(),
        JsValue::from_f64(f64::NAN),
    ];
    for (n, v) in non_json.into_iter().enumerate() {
        let expected = if n == 0 { "required" } else { "invalid_type" };
        expect("paradigm.testDatasource", v.clone(), &[("", expected)]);
        let body = js(r#"{"name":"W","connectionType":"MULTI_DATASOURCE"}"#);
        set(&body, "themeName", &v);
        let expected: &[(&str, &str)] = if n == 0 { &[] } else { &[("/themeName", "invalid_type")] };
        expect("databrain.createWorkspace", body, expected);
    }
    // Infinity is no JSON number either.
    let body = js(r#"{"datasourceType":"postgres","credentials":{"name":"p"}}"#);
    set(&get(&body, "credentials"), "port", &JsValue::from_f64(f64::INFINITY));
    let r = validate("databrain.updateDatasource", body);
    assert!(pairs(&r, "issues").contains(&("/credentials/port".to_string(), "invalid_type".to_string())));
}

#[wasm_bindgen_test]
fn a_body_containing_itself_is_one_issue() {
    let creds = js(r#"{"name":"p"}"#);
    set(&creds, "self", &creds);
    let body = Object::new();
    set(&body, "datasourceType", &JsValue::from_str("postgres"));
    set(&body, "credentials", &creds);
    let got = issues("databrain.updateDatasource", body.into());
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].0.starts_with("/credentials/self/self/"), "{got:?}");
    assert_eq!(got[0].1, "invalid_value");
    // At the top of a strict body, the self-reference is just an unknown key.
    let top = js(r#"{"name":"W","connectionType":"MULTI_DATAMART"}"#);
    set(&top, "me", &top);
    expect("databrain.createWorkspace", top, &[("/me", "unknown_field")]);
}

#[wasm_bindgen_test]
fn proxies_and_getters_that_throw_are_unreadable_values() {
    let throwing = func("", "throw new Error('boom')");
    let handler = Object::new();
    for trap in ["get", "ownKeys", "has", "getOwnPropertyDescriptor"] {
        set(&handler, trap, &throwing);
    }
    // Every property read throws: each field the schema reads is a value that cannot be read.
    let proxy = js_sys::Proxy::new(&Object::new(), &handler);
    let got = issues("databrain.createWorkspace", proxy.into());
    assert_eq!(got.len(), 11, "{got:?}");
    assert!(got.iter().all(|(_, code)| code == "invalid_type"), "{got:?}");
    assert_eq!(got[0], ("/name".to_string(), "invalid_type".to_string()));

    let revocable = js_sys::Proxy::revocable(&Object::new(), &Object::new());
    let revoke: Function = get(&revocable, "revoke").unchecked_into();
    revoke.call0(&JsValue::NULL).expect("revoke");
    expect("databrain.createWorkspace", get(&revocable, "proxy"), &[("", "invalid_type")]);

    let creds = js(r#"{"name":"p"}"#);
    let descriptor = Object::new();
    set(&descriptor, "get", &throwing);
    set(&descriptor, "enumerable", &JsValue::TRUE);
    let target: Object = creds.clone().unchecked_into();
    Object::define_property(&target, &JsValue::from_str("host"), &descriptor);
    let body = Object::new();
    set(&body, "datasourceType", &JsValue::from_str("postgres"));
    set(&body, "credentials", &creds);
    let got = issues("databrain.updateDatasource", body.into());
    assert_eq!(got, [("/credentials/host".to_string(), "invalid_type".to_string())]);
}

#[wasm_bindgen_test]
fn arrays_are_read_in_chunks_whatever_they_hold() {
    // 200 names, one of them wrong: the chunked reads find exactly that one.
    let list = Array::new();
    for i in 0..200 {
        list.push(&if i == 150 { JsValue::from_f64(3.0) } else { JsValue::from_str("gpt") });
    }
    let body = js(r#"{"name":"W","connectionType":"MULTI_DATASOURCE"}"#);
    set(&body, "aiCopilotLlms", &list);
    expect("databrain.createWorkspace", body, &[("/aiCopilotLlms/150", "invalid_type")]);
    // A sparse array of length 2^32 - 1: holes are values that are missing; the report stops at
    // its cap instead of walking four billion elements.
    let sparse: JsValue = func("", "return new Array(4294967295)").call0(&JsValue::NULL).expect("array");
    let body = js(r#"{"name":"W","connectionType":"MULTI_DATASOURCE"}"#);
    set(&body, "aiCopilotLlms", &sparse);
    let got = issues("databrain.createWorkspace", body);
    assert_eq!(got.len(), workspace_requests::MAX_FINDINGS + 1);
    assert_eq!(got[0], ("/aiCopilotLlms/0".to_string(), "invalid_type".to_string()));
    // Elements whose getters throw are unreadable values.
    let trap: JsValue = func("", "return new Proxy(['a', 'b'], { get(t, k) { if (k === '1') throw new Error('x'); return t[k]; } })")
        .call0(&JsValue::NULL)
        .expect("proxy");
    let body = js(r#"{"name":"W","connectionType":"MULTI_DATASOURCE"}"#);
    set(&body, "aiCopilotLlms", &trap);
    expect("databrain.createWorkspace", body, &[("/aiCopilotLlms/1", "invalid_type")]);
}

#[wasm_bindgen_test]
fn only_own_keys_count_as_json_stringify_sends() {
    let proto = js(r#"{"name":"W","connectionType":"MULTI_DATASOURCE"}"#);
    let proto: Object = proto.unchecked_into();
    let inherited: Object = Object::create(&proto);
    expect("databrain.createWorkspace", inherited.into(), &[("/name", "required"), ("/connectionType", "required")]);
    let body = js(r#"{"name":"W","connectionType":"MULTI_DATASOURCE"}"#);
    set(&body, "extra", &JsValue::UNDEFINED);
    expect("databrain.createWorkspace", body, &[]);
}

#[wasm_bindgen_test]
fn check_answers_undefined_for_a_clean_body_and_throws_for_a_bad_index() {
    let clean = wasm::check(0, js(r#"{"name":"W","connectionType":"MULTI_DATASOURCE"}"#), false).expect("index 0");
    assert!(clean.is_undefined());
    let err = wasm::check(99, Object::new().into(), false).expect_err("no endpoint 99");
    assert!(err.is_instance_of::<js_sys::RangeError>());
}

#[wasm_bindgen_test]
fn the_instance_keeps_working_after_hostile_input() {
    proxies_and_getters_that_throw_are_unreadable_values();
    values_json_cannot_hold_are_reported_not_thrown();
    a_body_containing_itself_is_one_issue();
    for _ in 0..1000 {
        let r = validate("databrain.createWorkspace", js(r#"{"name":"Sales","connectionType":"DATAMART","datamartName":"m"}"#));
        assert_eq!(get(&r, "ok").as_bool(), Some(true));
    }
}
