//! LightOn Paradigm `PATCH /api/v3/workspaces/{id}` and `POST .../datasource/test`: every rule,
//! every datasource `type`, valid and invalid. All Paradigm objects are strict.

mod common;
use common::{check, findings, issues, message, strict_findings, valid};
use serde_json::{json, Value as Json};

const PATCH: &str = "paradigm.updateWorkspace";
const TEST: &str = "paradigm.testDatasource";

fn datasource(kind: &str) -> Json {
    match kind {
        "googledrive" => {
            json!({"type": "googledrive", "name": "Drive", "credentials": {"service_account_file": "{\"type\":\"service_account\",\"private_key\":\"k\"}"}, "filter_criteria": {"folder_id": "1AbC", "recursive": true}})
        }
        "sharepoint" => {
            json!({"type": "sharepoint", "name": "SP", "credentials": {"client_id": "c", "client_secret": "s", "tenant_id": "t", "site_name": "Team"}, "filter_criteria": {"folder_path": "Shared Documents/Policies"}})
        }
        "servicenow" => {
            json!({"type": "servicenow", "name": "SN", "credentials": {"instance_url": "https://acme.service-now.com", "username": "u", "password": "p"}, "filter_criteria": {"doc_type": "knowledge"}})
        }
        "webscrapper" => {
            json!({"type": "webscrapper", "name": "Site", "filter_criteria": {"start_url": "https://example.com"}})
        }
        other => panic!("no example for {other}"),
    }
}

const TYPES: [&str; 4] = ["googledrive", "sharepoint", "servicenow", "webscrapper"];

#[test]
fn standard_updates_are_valid() {
    valid(PATCH, json!({}));
    valid(PATCH, json!({"name": "Legal"}));
    valid(PATCH, json!({"name": "x".repeat(100), "description": ""}));
    valid(PATCH, json!({"description": null}));
    valid(
        PATCH,
        json!({"members": {"users": [{"id": 1, "role": "owner"}, {"id": 2}], "groups": [{"id": 3, "role": "viewer"}]}}),
    );
    valid(PATCH, json!({"members": {}}));
}

#[test]
fn name_is_1_to_100_characters() {
    let r = issues(PATCH, json!({"name": "x".repeat(101)}), &[("/name", "too_long")]);
    assert_eq!(message(&r, "/name"), "name must be at most 100 characters, found 101.");
    // Characters, not bytes: 100 multi-byte characters fit.
    valid(PATCH, json!({"name": "é".repeat(100)}));
    issues(PATCH, json!({"name": "é".repeat(101)}), &[("/name", "too_long")]);
    issues(PATCH, json!({"name": ""}), &[("/name", "too_short")]);
    issues(PATCH, json!({"name": null}), &[("/name", "invalid_type")]);
}

#[test]
fn description_is_a_string_or_null() {
    let r = issues(PATCH, json!({"description": 5}), &[("/description", "invalid_type")]);
    assert_eq!(message(&r, "/description"), "description must be a string or null, found 5.");
    issues(PATCH, json!({"description": ["a"]}), &[("/description", "invalid_type")]);
}

#[test]
fn members_have_integer_ids_and_known_roles() {
    let r = issues(
        PATCH,
        json!({"members": {"users": [{"id": 1, "role": "admin"}, {"id": "7"}, {"role": "viewer"}, {"id": 0}, {"id": 2.5}], "groups": [{"id": 3, "role": "Owner"}]}}),
        &[
            ("/members/users/0/role", "invalid_enum"),
            ("/members/users/1/id", "invalid_type"),
            ("/members/users/2/id", "required"),
            ("/members/users/3/id", "invalid_value"),
            ("/members/users/4/id", "invalid_value"),
            ("/members/groups/0/role", "invalid_enum"),
        ],
    );
    assert_eq!(
        message(&r, "/members/users/0/role"),
        "members.users[0].role must be one of \"owner\", \"editor\", \"viewer\"; found the string \"admin\"."
    );
    assert!(message(&r, "/members/groups/0/role").ends_with("Did you mean \"owner\"?"));
    issues(PATCH, json!({"members": []}), &[("/members", "invalid_type")]);
    issues(PATCH, json!({"members": {"users": {"id": 1}}}), &[("/members/users", "invalid_type")]);
    issues(
        PATCH,
        json!({"members": {"users": [null, 1]}}),
        &[("/members/users/0", "invalid_type"), ("/members/users/1", "invalid_type")],
    );
}

#[test]
fn members_objects_close_in_strict_mode() {
    let body = json!({"members": {"user": [{"id": 1}]}});
    let r = findings(PATCH, body.clone(), &[], &[("/members/user", "unknown_field")]);
    assert!(message(&r, "/members/user").contains("Did you mean members.users?"));
    strict_findings(PATCH, body, &[("/members/user", "unknown_field")], &[]);
    let body = json!({"members": {"users": [{"id": 1, "email": "a@b.c"}]}});
    findings(PATCH, body.clone(), &[], &[("/members/users/0/email", "unknown_field")]);
    strict_findings(PATCH, body, &[("/members/users/0/email", "unknown_field")], &[]);
}

#[test]
fn the_body_closes_in_strict_mode() {
    let body = json!({"nam": "x", "workspace_type": "SHARED"});
    let both = [("/nam", "unknown_field"), ("/workspace_type", "unknown_field")];
    let r = findings(PATCH, body.clone(), &[], &both);
    assert!(message(&r, "/nam").contains("Did you mean name?"));
    assert!(message(&r, "/workspace_type").contains("Known fields: name, description, members, datasource."));
    assert!(r.warnings.iter().all(|w| w.api_code.is_none()));
    let r = strict_findings(PATCH, body, &both, &[]);
    assert!(r.issues.iter().all(|i| i.api_code == Some("validation_error")));
}

#[test]
fn every_datasource_type_is_valid_in_both_endpoints() {
    let documented: Vec<&str> = workspace_requests::schema::paradigm::DATASOURCE.tag_values();
    assert_eq!(documented, TYPES);
    for kind in TYPES {
        valid(TEST, datasource(kind));
        valid(PATCH, json!({"name": "Synced", "datasource": datasource(kind)}));
    }
}

#[test]
fn type_and_name_are_required_and_the_type_exact() {
    issues(TEST, json!({}), &[("/type", "required"), ("/name", "required")]);
    let mut d = datasource("webscrapper");
    d["type"] = json!("webscraper");
    let r = issues(TEST, d, &[("/type", "invalid_enum")]);
    assert!(message(&r, "/type").ends_with("Did you mean \"webscrapper\"?"));
    let mut d = datasource("sharepoint");
    d["name"] = json!("");
    issues(TEST, d, &[("/name", "too_short")]);
    issues(PATCH, json!({"datasource": "googledrive"}), &[("/datasource", "invalid_type")]);
}

#[test]
fn googledrive_needs_a_service_account_json_object_and_a_folder() {
    let cases = [
        (json!({}), json!({"folder_id": "f"}), vec![("/credentials/service_account_file", "required")]),
        (
            json!({"service_account_file": "not json"}),
            json!({"folder_id": "f"}),
            vec![("/credentials/service_account_file", "invalid_value")],
        ),
        (
            json!({"service_account_file": "[1,2]"}),
            json!({"folder_id": "f"}),
            vec![("/credentials/service_account_file", "invalid_value")],
        ),
        (
            json!({"service_account_file": {"type": "service_account"}}),
            json!({"folder_id": "f"}),
            vec![("/credentials/service_account_file", "invalid_type")],
        ),
        (
            json!({"service_account_file": ""}),
            json!({"folder_id": "f"}),
            vec![("/credentials/service_account_file", "too_short")],
        ),
        (json!({"service_account_file": "{}"}), json!({}), vec![("/filter_criteria/folder_id", "required")]),
        (
            json!({"service_account_file": "{}"}),
            json!({"folder_id": "f", "recursive": "yes"}),
            vec![("/filter_criteria/recursive", "invalid_type")],
        ),
    ];
    for (creds, filter, expected) in cases {
        issues(
            TEST,
            json!({"type": "googledrive", "name": "D", "credentials": creds, "filter_criteria": filter}),
            &expected,
        );
    }
    issues(
        TEST,
        json!({"type": "googledrive", "name": "D"}),
        &[("/credentials", "required"), ("/filter_criteria", "required")],
    );
}

#[test]
fn sharepoint_needs_app_credentials_and_a_folder_path() {
    issues(
        TEST,
        json!({"type": "sharepoint", "name": "S", "credentials": {"client_id": "c"}, "filter_criteria": {}}),
        &[
            ("/credentials/client_secret", "required"),
            ("/credentials/tenant_id", "required"),
            ("/filter_criteria/folder_path", "required"),
        ],
    );
    // The site is optional (the root site is used), and the folder path may be the site root.
    valid(
        TEST,
        json!({"type": "sharepoint", "name": "S", "credentials": {"client_id": "c", "client_secret": "s", "tenant_id": "t"}, "filter_criteria": {"folder_path": ""}}),
    );
    issues(
        TEST,
        json!({"type": "sharepoint", "name": "S", "credentials": {"client_id": "c", "client_secret": "s", "tenant_id": "t", "site_id": null}, "filter_criteria": {"folder_path": "/"}}),
        &[("/credentials/site_id", "invalid_type")],
    );
}

#[test]
fn servicenow_needs_a_login_and_a_doc_type() {
    let body = json!({"type": "servicenow", "name": "N", "credentials": {"instance_url": "", "username": "u"}, "filter_criteria": {"doc_type": "knowledge", "folder_id": "x"}});
    let required = [("/credentials/instance_url", "too_short"), ("/credentials/password", "required")];
    findings(TEST, body.clone(), &required, &[("/filter_criteria/folder_id", "unknown_field")]);
    let mut strict = required.to_vec();
    strict.push(("/filter_criteria/folder_id", "unknown_field"));
    strict_findings(TEST, body, &strict, &[]);
}

#[test]
fn webscrapper_needs_only_a_start_url() {
    valid(
        TEST,
        json!({"type": "webscrapper", "name": "W", "credentials": {}, "filter_criteria": {"start_url": "https://example.com"}}),
    );
    // Credential objects stay open in both modes: an undocumented key is a warning.
    for check_ in [findings, strict_findings] {
        let r = check_(
            TEST,
            json!({"type": "webscrapper", "name": "W", "credentials": {"token": "t"}, "filter_criteria": {}}),
            &[("/filter_criteria/start_url", "required")],
            &[("/credentials/token", "unknown_field")],
        );
        assert_eq!(
            message(&r, "/credentials/token"),
            "credentials.token is not a key the docs list here; it is sent as is. The docs list no keys for it."
        );
    }
}

#[test]
fn credentials_of_another_type_are_unknown_fields() {
    for check_ in [findings, strict_findings] {
        check_(
            TEST,
            json!({"type": "servicenow", "name": "N", "credentials": {"client_id": "c", "instance_url": "u", "username": "u", "password": "p"}, "filter_criteria": {"doc_type": "kb"}}),
            &[],
            &[("/credentials/client_id", "unknown_field")],
        );
    }
    // An unknown type: its credentials pass unchecked (the type has its issue).
    findings(
        TEST,
        json!({"type": "dropbox", "name": "N", "credentials": {"app_key": "k"}, "filter_criteria": {"path": "/"}}),
        &[("/type", "invalid_enum")],
        &[],
    );
}

#[test]
fn nested_paths_in_the_workspace_body() {
    issues(
        PATCH,
        json!({"datasource": {"type": "servicenow", "name": "N", "credentials": {"instance_url": "u", "username": "u"}, "filter_criteria": {}}}),
        &[("/datasource/credentials/password", "required"), ("/datasource/filter_criteria/doc_type", "required")],
    );
}

#[test]
fn secrets_never_appear_in_messages() {
    let secret = "very-secret-value-0123";
    let bodies = [
        json!({"type": "googledrive", "name": "D", "credentials": {"service_account_file": format!("{{\"k\": \"{secret}\"")}, "filter_criteria": {"folder_id": "f"}}),
        json!({"type": "googledrive", "name": "D", "credentials": {"service_account_file": format!("[\"{secret}\"]")}, "filter_criteria": {"folder_id": "f"}}),
        json!({"type": "sharepoint", "name": "S", "credentials": {"client_id": "c", "client_secret": [secret], "tenant_id": "t"}, "filter_criteria": {"folder_path": "x"}}),
        json!({"type": "servicenow", "name": "N", "credentials": {"instance_url": "u", "username": "u", "password": 98765432}, "filter_criteria": {"doc_type": "kb"}}),
    ];
    for b in bodies {
        let r = check(TEST, &b);
        assert!(!r.ok());
        let all = format!("{r:?}{}", r.to_json_string());
        assert!(!all.contains(secret) && !all.contains("98765432"), "secret leaked: {all}");
    }
}
