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
    let r = validate(
        "databrain.createWorkspace",
        js(r#"{"name":"Sales","connectionType":"DATASOURCE","datasourceName":"pg"}"#),
    );
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
        js(
            r#"{"datasourceType":"elasticsearch","credentials":{"name":"e","server_type":"open-cloud","cloudId":"c","disableAuth":true},"tenancySettings":{"tenancyLevel":"TABLE"}}"#,
        ),
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
        js(&format!(
            r#"{{"name":"{}","members":{{"users":[{{"id":1.5,"role":"admin"}}]}},"extra":1}}"#,
            "é".repeat(101)
        )),
        &[
            ("/name", "too_long"),
            ("/members/users/0/id", "invalid_value"),
            ("/members/users/0/role", "invalid_enum"),
            ("/extra", "unknown_field"),
        ],
    );
    let r = validate(
        "databrain.createDatasource",
        js(r#"{"datasourceType":"mysql","credentials":{"name":"m","pasword":"x"}}"#),
    );
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
    let trap: JsValue =
        func("", "return new Proxy(['a', 'b'], { get(t, k) { if (k === '1') throw new Error('x'); return t[k]; } })")
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
    let err = JsValue::from(wasm::check(99, Object::new().into(), false).expect_err("no endpoint 99"));
    assert!(err.is_instance_of::<js_sys::RangeError>());
}

#[wasm_bindgen_test]
fn the_instance_keeps_working_after_hostile_input() {
    proxies_and_getters_that_throw_are_unreadable_values();
    values_json_cannot_hold_are_reported_not_thrown();
    a_body_containing_itself_is_one_issue();
    for _ in 0..1000 {
        let r = validate(
            "databrain.createWorkspace",
            js(r#"{"name":"Sales","connectionType":"DATAMART","datamartName":"m"}"#),
        );
        assert_eq!(get(&r, "ok").as_bool(), Some(true));
    }
}

/// The message of a thrown `TypeError` (the binding's errors convert to one).
fn type_error(e: wasm::convert::BindingError) -> String {
    let e = JsValue::from(e);
    assert!(e.is_instance_of::<js_sys::TypeError>(), "a TypeError: {e:?}");
    get(&e, "message").as_string().unwrap_or_default()
}

#[wasm_bindgen_test]
fn client_options_are_read_by_serde_with_defaults_and_clear_type_errors() {
    let config = wasm::client::client_options(js(r#"{"token":"t","retry":true,"timeoutMs":100}"#)).expect("valid");
    let read = |k: &str| get(&config, k);
    assert_eq!((read("retries").as_f64(), read("backoffMs").as_f64()), (Some(2.0), Some(200.0)));
    assert_eq!((read("timeoutMs").as_f64(), read("strict").as_bool()), (Some(100.0), Some(false)));
    assert!(read("baseUrl").is_undefined() && !Reflect::has(&config, &"baseUrl".into()).unwrap_or(true));
    let bad = [
        (r#"{"token":"t","timeoutMS":5}"#, "options: unknown field `timeoutMS`, expected one of"),
        (r#"{"token":"t","retry":{"retries":"3"}}"#, "options.retry.retries: found a string, expected a number"),
        (r#"{"token":"t","retry":{"retries":-1}}"#, "options.retry.retries must be a whole number >= 0"),
        (r#"{"token":"t","retry":{"backof":1}}"#, "options.retry: unknown field `backof`"),
        (r#"{"token":"t","strict":"yes"}"#, "options.strict: found a string, expected a boolean"),
        (r#"{"token":"t","timeoutMs":0}"#, "options.timeoutMs must be a positive number"),
        (r#"{"token":""}"#, "options.token is empty"),
        (r#"{"token":5}"#, "options.token: found a number, expected a string"),
        (r#"{"baseUrl":"https://x.example"}"#, "options: missing field `token`"),
        (r#""hunter2""#, "options must be an object"),
        (r#"["t"]"#, "options must be an object"),
    ];
    for (options, says) in bad {
        let message = type_error(wasm::client::client_options(js(options)).expect_err(options));
        assert!(message.starts_with(says), "{options}: {message}");
        assert!(!message.contains("hunter2"), "{message}");
    }
    assert!(type_error(wasm::client::client_options(JsValue::UNDEFINED).expect_err("none")).contains("token"));
}

#[wasm_bindgen_test]
fn build_and_curl_options_reject_unknown_keys() {
    let read = wasm::client::build_options(js(r#"{"token":"t","id":5}"#)).expect("valid");
    assert_eq!((get(&read, "id").as_f64(), get(&read, "strict").as_bool()), (Some(5.0), Some(false)));
    let message = type_error(wasm::client::build_options(js(r#"{"token":"t","baseURL":"x"}"#)).expect_err("unknown"));
    assert!(message.starts_with("options: unknown field `baseURL`"), "{message}");
    let read = wasm::client::curl_options(js(r#"{"revealSecrets":true,"tokenVariable":"CI_TOKEN"}"#)).expect("valid");
    assert_eq!((get(&read, "reveal").as_bool(), get(&read, "variable").as_string()), (Some(true), Some("CI_TOKEN".into())));
    let read = wasm::client::curl_options(JsValue::UNDEFINED).expect("none");
    assert_eq!((get(&read, "reveal").as_bool(), get(&read, "variable").is_undefined()), (Some(false), true));
    let message = type_error(wasm::client::curl_options(js(r#"{"tokenVariable":"$(rm -rf)"}"#)).expect_err("not a name"));
    assert_eq!(message, "options.tokenVariable must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
    let message = type_error(wasm::client::curl_options(js(r#"{"reveal":true}"#)).expect_err("unknown"));
    assert!(message.starts_with("options: unknown field `reveal`"), "{message}");
    let message = type_error(wasm::client::call_options(js(r#"{"signal":1}"#)).expect_err("not a signal"));
    assert_eq!(message, "options.signal must be an AbortSignal");
    let message = type_error(wasm::client::call_options(js(r#"{"signl":1}"#)).expect_err("unknown"));
    assert!(message.starts_with("options: unknown field `signl`"), "{message}");
    assert!(wasm::client::call_options(JsValue::UNDEFINED).is_ok_and(|s| s.is_undefined()));
}

#[wasm_bindgen_test]
fn the_built_request_is_plain_data_with_the_body_text_as_given() {
    let index =
        workspace_requests::ENDPOINTS.iter().position(|e| e.id == "databrain.createWorkspace").expect("endpoint");
    let text = r#"{"name":"Sales","connectionType":"MULTI_DATASOURCE"}"#;
    let built =
        wasm::client::build(index as u32, js(text), js(r#"{"token":"t0k"}"#), JsValue::from_str(text)).expect("built");
    assert_eq!(get(&built, "url").as_string().as_deref(), Some("https://api.usedatabrain.com/api/v2/workspace"));
    assert_eq!(get(&built, "method").as_string().as_deref(), Some("POST"));
    assert_eq!(get(&built, "body").as_string().as_deref(), Some(text));
    let headers = get(&built, "headers");
    // A plain object (serde-wasm-bindgen would write a Map by default), in order.
    assert_eq!(Object::get_prototype_of(&headers), Object::get_prototype_of(&Object::new()));
    let names: Vec<String> =
        Object::keys(headers.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect();
    assert_eq!(names, ["Authorization", "Content-Type", "Accept"]);
    assert_eq!(get(&headers, "Authorization").as_string().as_deref(), Some("Bearer t0k"));
    // Invalid: the report, nothing built.
    let invalid = wasm::client::build(index as u32, js("{}"), js(r#"{"token":"t0k"}"#), JsValue::from_str("{}"));
    assert!(get(&invalid.expect("report"), "invalid").is_object());
    // A bad option is a TypeError whatever the body.
    let message = type_error(
        wasm::client::build(index as u32, js("{}"), js(r#"{"token":"t0k","id":3}"#), JsValue::from_str("{}"))
            .expect_err("id"),
    );
    assert_eq!(message, "Databrain endpoints take no id");
}

#[wasm_bindgen_test]
fn send_results_serialise_as_tagged_plain_objects_keeping_the_answer() {
    use workspace_requests::response::Sent;
    let answer = js(r#"{"error":"not_found","detail":"no such workspace"}"#);
    let sent = Sent::Api {
        status: 404,
        code: "not_found".into(),
        message: "no such workspace".into(),
        body: wasm::convert::Preserved(answer.clone()),
        headers: wasm::convert::Preserved(JsValue::NULL),
        server_code: None,
        doc_url: Some("https://developers.lighton.ai/errors#not_found".into()),
    };
    let out = wasm::convert::to_js(&sent).expect("serialised");
    assert_eq!(get(&out, "kind").as_string().as_deref(), Some("api"));
    assert_eq!(get(&out, "status").as_f64(), Some(404.0));
    assert!(get(&out, "serverCode").is_null_or_undefined(), "no undocumented code (errors.js makes it null)");
    assert!(Object::is(&get(&out, "body"), &answer), "the answer is the same object, not a copy");
    assert_eq!(get(&out, "docUrl").as_string().as_deref(), Some("https://developers.lighton.ai/errors#not_found"));
    let aborted = wasm::convert::to_js(&Sent::<wasm::convert::Preserved<JsValue>>::Aborted).expect("serialised");
    assert_eq!(JSON::stringify(&aborted).ok().and_then(|s| s.as_string()).as_deref(), Some(r#"{"kind":"aborted"}"#));
}
