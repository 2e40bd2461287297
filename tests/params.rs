//! Every finding carries params: the structured data of its message (`src/engine/params.rs`), one
//! JSON object whose `rule` names the check. One body per rule, with the exact params.

mod common;
use common::{check, check_strict};
use serde_json::{json, Value as Json};
use workspace_requests::Report;

const WS: &str = "databrain.createWorkspace";
const DS: &str = "databrain.createDatasource";
const PD: &str = "paradigm.updateWorkspace";
const PT: &str = "paradigm.testDatasource";

/// The params of the one finding (issue or warning) at `path` with `code`, parsed.
#[track_caller]
fn params(report: &Report, path: &str, code: &str) -> Json {
    let all: Vec<_> =
        report.issues.iter().chain(&report.warnings).filter(|i| i.path == path && i.code.as_str() == code).collect();
    assert_eq!(all.len(), 1, "one {code} at {path} in {report:#?}");
    serde_json::from_str(&all[0].params).unwrap_or_else(|e| panic!("params are JSON ({e}): {}", all[0].params))
}

fn pg(port: Json) -> Json {
    json!({"datasourceType": "postgres", "credentials": {"name": "c", "host": "h", "port": port, "username": "u", "password": "p", "database": "d", "schema": "s"}})
}

const WORKSPACE_FIELDS: [&str; 11] = [
    "name",
    "connectionType",
    "datasourceName",
    "datamartName",
    "llmName",
    "aiCopilotLlms",
    "isEnableMetricSuggestions",
    "isEnableMetricSummary",
    "summaryType",
    "customSummaryPrompt",
    "themeName",
];

#[test]
fn required_and_required_when() {
    let r = check(WS, &json!({"connectionType": "DATASOURCE"}));
    assert_eq!(params(&r, "/name", "required"), json!({"rule": "required"}));
    assert_eq!(
        params(&r, "/datasourceName", "required"),
        json!({"rule": "required_when", "when": {"field": "connectionType", "equals": "DATASOURCE"}})
    );
}

#[test]
fn expected_fields_missing() {
    let r = check(
        DS,
        &json!({"datasourceType": "postgres", "credentials": {"name": "c", "host": "h", "port": 5432, "username": "u", "password": "p", "database": "d"}}),
    );
    assert_eq!(params(&r, "/credentials/schema", "required"), json!({"rule": "expected"}));
}

#[test]
fn wrong_types_name_the_expected_type_and_the_found_kind() {
    let r = check(WS, &json!({"name": 7, "connectionType": null}));
    assert_eq!(params(&r, "/name", "invalid_type"), json!({"rule": "type", "expected": "string", "found": "number"}));
    assert_eq!(
        params(&r, "/connectionType", "invalid_type"),
        json!({"rule": "type", "expected": "string", "found": "null"})
    );
    let r = check(DS, &pg(json!(true)));
    assert_eq!(
        params(&r, "/credentials/port", "invalid_type"),
        json!({"rule": "type", "expected": "port", "found": "boolean"})
    );
    let r = check(WS, &json!([]));
    assert_eq!(params(&r, "", "invalid_type"), json!({"rule": "type", "expected": "object", "found": "array"}));
}

#[test]
fn enums_list_what_is_allowed_and_the_suggestion() {
    let r = check(WS, &json!({"name": "W", "connectionType": "DATA_SOURCE"}));
    assert_eq!(
        params(&r, "/connectionType", "invalid_enum"),
        json!({"rule": "enum", "allowed": ["DATASOURCE", "DATAMART", "MULTI_DATASOURCE", "MULTI_DATAMART"], "found": "string", "suggestion": "DATASOURCE"})
    );
    // No suggestion: no key.
    let r = check(PD, &json!({"members": {"users": [{"id": 1, "role": "chief"}]}}));
    assert_eq!(
        params(&r, "/members/users/0/role", "invalid_enum"),
        json!({"rule": "enum", "allowed": ["owner", "editor", "viewer"], "found": "string"})
    );
}

#[test]
fn lengths() {
    let r = check(WS, &json!({"name": "", "connectionType": "MULTI_DATASOURCE"}));
    assert_eq!(params(&r, "/name", "too_short"), json!({"rule": "empty", "minimum": 1}));
    let r = check(PD, &json!({"name": "é".repeat(101)}));
    assert_eq!(params(&r, "/name", "too_long"), json!({"rule": "length", "maximum": 100, "length": 101}));
}

#[test]
fn unknown_keys_say_whether_they_are_sent_and_what_is_known() {
    let r = check(WS, &json!({"name": "W", "connectionType": "MULTI_DATASOURCE", "themeNmae": 1}));
    assert_eq!(
        params(&r, "/themeNmae", "unknown_field"),
        json!({"rule": "unknown_key", "sent": false, "suggestion": "themeName", "known": WORKSPACE_FIELDS})
    );
    // Strict mode makes it an issue; the params are the same.
    let r = check_strict(WS, &json!({"name": "W", "connectionType": "MULTI_DATASOURCE", "zzzzzz": 1}));
    assert_eq!(r.issues.len(), 1);
    assert_eq!(
        params(&r, "/zzzzzz", "unknown_field"),
        json!({"rule": "unknown_key", "sent": false, "known": WORKSPACE_FIELDS})
    );
    // Credential objects send unknown keys as they are.
    let mut body = pg(json!(5432));
    body["credentials"]["hots"] = body["credentials"]["host"].take();
    body["credentials"].as_object_mut().map(|c| c.remove("host"));
    let r = check(DS, &body);
    let p = params(&r, "/credentials/hots", "unknown_field");
    assert_eq!(p["sent"], json!(true));
    assert_eq!(p["suggestion"], json!("host"));
}

#[test]
fn only_when_names_the_condition_and_the_sibling() {
    let r = check(
        DS,
        &json!({"datasourceType": "elasticsearch", "credentials": {"name": "e", "server_type": "elastic-cloud", "host": "h", "disableAuth": true}}),
    );
    assert_eq!(
        params(&r, "/credentials/disableAuth", "not_allowed"),
        json!({"rule": "only_when", "when": {"field": "server_type", "equals": "self-managed"}, "siblingFound": "string", "atDefault": false})
    );
}

#[test]
fn use_instead_names_the_key_to_send() {
    let creds = json!({"name": "ms", "server": "s", "user": "sa", "password": "p", "port": 1433, "host": "s"});
    let r = check(DS, &json!({"datasourceType": "mssql", "credentials": creds}));
    assert_eq!(
        params(&r, "/credentials/host", "not_allowed"),
        json!({"rule": "use_instead", "instead": "server", "redundant": true})
    );
    let creds = json!({"name": "ms", "server": "s", "username": "sa", "password": "p", "port": 1433});
    let r = check(DS, &json!({"datasourceType": "mssql", "credentials": creds}));
    assert_eq!(
        params(&r, "/credentials/username", "not_allowed"),
        json!({"rule": "use_instead", "instead": "user", "redundant": false})
    );
}

#[test]
fn numbers_ranges_and_digit_strings() {
    let r = check(DS, &pg(json!(70000)));
    assert_eq!(
        params(&r, "/credentials/port", "invalid_value"),
        json!({"rule": "range", "minimum": 1, "maximum": 65535, "found": "number"})
    );
    let r = check(DS, &pg(json!(1.5)));
    assert_eq!(params(&r, "/credentials/port", "invalid_value"), json!({"rule": "integer", "found": "number"}));
    let r = check(DS, &pg(json!("5432")));
    assert!(r.ok());
    assert_eq!(
        params(&r, "/credentials/port", "invalid_type"),
        json!({"rule": "numeric_string", "expected": "port", "found": "string"})
    );
}

#[test]
fn json_text_says_what_it_encodes() {
    let body = |file: &str| json!({"type": "googledrive", "name": "Drive", "credentials": {"service_account_file": file}, "filter_criteria": {"folder_id": "1AbC"}});
    for (file, encodes) in [("[1]", "array"), ("{", "invalid_json"), ("\"s\"", "string"), ("1", "scalar")] {
        let r = check(PT, &body(file));
        assert_eq!(
            params(&r, "/credentials/service_account_file", "invalid_value"),
            json!({"rule": "json_text", "encodes": encodes}),
            "{file}"
        );
    }
}

#[test]
fn limits_of_the_walk() {
    let mut deep = json!(1);
    for _ in 0..70 {
        deep = json!([deep]);
    }
    // Not recorded in the corpus: a depth limit is beyond JSON Schema (differential.test.mjs (c)).
    let ws = workspace_requests::endpoint(WS).expect("endpoint");
    let r =
        workspace_requests::validate(ws, &&json!({"name": "W", "connectionType": "MULTI_DATASOURCE", "extra": deep}));
    let at = r.issues.iter().find(|i| i.code.as_str() == "invalid_value").expect("a depth issue");
    assert_eq!(serde_json::from_str::<Json>(&at.params).ok(), Some(json!({"rule": "depth", "maximum": 64})));

    let many: serde_json::Map<String, Json> = (0..1100).map(|n| (format!("k{n}"), json!(1))).collect();
    let r = check_strict(WS, &Json::Object(many));
    let last = r.issues.last().expect("issues");
    assert_eq!(last.path, "");
    assert_eq!(serde_json::from_str::<Json>(&last.params).ok(), Some(json!({"rule": "too_many", "maximum": 1000})));
}

#[test]
fn every_params_object_is_json_with_a_rule_in_the_report_text() {
    let r = check(WS, &json!({"name": 1, "connectionType": "X", "k": "v"}));
    let text: Json = serde_json::from_str(&r.to_json_string()).expect("report JSON");
    for list in ["issues", "warnings"] {
        for i in text[list].as_array().into_iter().flatten() {
            assert!(i["params"]["rule"].is_string(), "{i}");
        }
    }
    assert_eq!(text["issues"][0]["params"], json!({"rule": "type", "expected": "string", "found": "number"}));
}
