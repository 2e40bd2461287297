//! `POST /api/v2/workspace` and `PUT /api/v2/workspace`: every documented rule, valid and invalid.

mod common;
use common::{check, findings, issues, message, strict_findings, valid, warnings};
use serde_json::json;

const BOTH: [&str; 2] = ["databrain.createWorkspace", "databrain.updateWorkspace"];

#[test]
fn documented_examples_are_valid() {
    valid(
        "databrain.createWorkspace",
        json!({"name": "Sales Analytics", "connectionType": "DATASOURCE", "datasourceName": "postgres-main"}),
    );
    valid(
        "databrain.updateWorkspace",
        json!({"name": "Sales Analytics", "connectionType": "DATASOURCE", "datasourceName": "postgres-production"}),
    );
}

#[test]
fn every_field_at_once_is_valid() {
    for id in BOTH {
        valid(
            id,
            json!({
                "name": "Sales", "connectionType": "DATAMART", "datamartName": "sales-mart", "llmName": "gpt",
                "aiCopilotLlms": ["gpt", "claude"], "isEnableMetricSuggestions": true, "isEnableMetricSummary": true,
                "summaryType": "custom", "customSummaryPrompt": "Summarise for executives.", "themeName": "dark"
            }),
        );
    }
}

#[test]
fn name_and_connection_type_are_required() {
    for id in BOTH {
        issues(id, json!({}), &[("/name", "required"), ("/connectionType", "required")]);
        issues(id, json!({"name": "", "connectionType": "MULTI_DATASOURCE"}), &[("/name", "too_short")]);
        issues(id, json!({"name": 7, "connectionType": "MULTI_DATASOURCE"}), &[("/name", "invalid_type")]);
        issues(id, json!({"name": null, "connectionType": "MULTI_DATASOURCE"}), &[("/name", "invalid_type")]);
    }
}

#[test]
fn connection_type_is_one_of_four_case_sensitive_values() {
    for id in BOTH {
        for ct in ["MULTI_DATASOURCE", "MULTI_DATAMART"] {
            valid(id, json!({"name": "W", "connectionType": ct}));
        }
        let r = issues(
            id,
            json!({"name": "W", "connectionType": "multi_datasource"}),
            &[("/connectionType", "invalid_enum")],
        );
        let m = message(&r, "/connectionType");
        assert!(m.contains("\"MULTI_DATAMART\"") && m.contains("\"multi_datasource\""), "{m}");
        assert!(m.contains("Did you mean \"MULTI_DATASOURCE\"?"), "{m}");
        issues(id, json!({"name": "W", "connectionType": ["DATASOURCE"]}), &[("/connectionType", "invalid_type")]);
    }
}

#[test]
fn datasource_name_required_when_connection_type_is_datasource() {
    for id in BOTH {
        valid(id, json!({"name": "W", "connectionType": "DATASOURCE", "datasourceName": "pg"}));
        let r = issues(id, json!({"name": "W", "connectionType": "DATASOURCE"}), &[("/datasourceName", "required")]);
        assert_eq!(message(&r, "/datasourceName"), "datasourceName is required when connectionType is \"DATASOURCE\".");
        issues(
            id,
            json!({"name": "W", "connectionType": "DATASOURCE", "datasourceName": ""}),
            &[("/datasourceName", "too_short")],
        );
        // A datamart name does not stand in for it.
        let r = check(id, &json!({"name": "W", "connectionType": "DATASOURCE", "datamartName": "m"}));
        assert_eq!(r.issues.len(), 1);
        assert_eq!((r.issues[0].path.as_str(), r.issues[0].code.as_str()), ("/datasourceName", "required"));
    }
}

#[test]
fn datamart_name_required_when_connection_type_is_datamart() {
    for id in BOTH {
        valid(id, json!({"name": "W", "connectionType": "DATAMART", "datamartName": "m"}));
        issues(id, json!({"name": "W", "connectionType": "DATAMART"}), &[("/datamartName", "required")]);
        issues(
            id,
            json!({"name": "W", "connectionType": "DATAMART", "datamartName": false}),
            &[("/datamartName", "invalid_type")],
        );
    }
}

#[test]
fn the_other_kind_of_name_is_a_warning() {
    for id in BOTH {
        let r = warnings(
            id,
            json!({"name": "W", "connectionType": "DATAMART", "datamartName": "m", "datasourceName": "pg"}),
            &[("/datasourceName", "not_allowed")],
        );
        assert!(r.ok());
        warnings(
            id,
            json!({"name": "W", "connectionType": "DATASOURCE", "datasourceName": "pg", "datamartName": "m"}),
            &[("/datamartName", "not_allowed")],
        );
        // Multi modes: both names are optional, not wrong.
        valid(
            id,
            json!({"name": "W", "connectionType": "MULTI_DATASOURCE", "datasourceName": "pg", "datamartName": "m"}),
        );
    }
}

#[test]
fn no_name_rule_fires_while_connection_type_is_invalid() {
    for id in BOTH {
        issues(id, json!({"name": "W", "connectionType": "DATA_SOURCE"}), &[("/connectionType", "invalid_enum")]);
        issues(
            id,
            json!({"name": "W", "connectionType": 1, "datamartName": "m"}),
            &[("/connectionType", "invalid_type")],
        );
    }
}

#[test]
fn summary_type_required_when_metric_summary_is_enabled() {
    for id in BOTH {
        valid(
            id,
            json!({"name": "W", "connectionType": "MULTI_DATAMART", "isEnableMetricSummary": true, "summaryType": "forecastAndTrendAnalysis"}),
        );
        valid(id, json!({"name": "W", "connectionType": "MULTI_DATAMART", "isEnableMetricSummary": false}));
        let r = issues(
            id,
            json!({"name": "W", "connectionType": "MULTI_DATAMART", "isEnableMetricSummary": true}),
            &[("/summaryType", "required")],
        );
        assert_eq!(message(&r, "/summaryType"), "summaryType is required when isEnableMetricSummary is true.");
        issues(
            id,
            json!({"name": "W", "connectionType": "MULTI_DATAMART", "isEnableMetricSummary": "true", "summaryType": "custom", "customSummaryPrompt": "p"}),
            &[("/isEnableMetricSummary", "invalid_type")],
        );
        for st in ["technicalAndInsightSummary", "forecastAndTrendAnalysis", "comparativeAndAnomalyDetection"] {
            valid(
                id,
                json!({"name": "W", "connectionType": "MULTI_DATAMART", "isEnableMetricSummary": true, "summaryType": st}),
            );
        }
        issues(
            id,
            json!({"name": "W", "connectionType": "MULTI_DATAMART", "isEnableMetricSummary": true, "summaryType": "Custom"}),
            &[("/summaryType", "invalid_enum")],
        );
    }
}

#[test]
fn custom_summary_prompt_required_when_summary_type_is_custom() {
    for id in BOTH {
        valid(
            id,
            json!({"name": "W", "connectionType": "MULTI_DATAMART", "isEnableMetricSummary": true, "summaryType": "custom", "customSummaryPrompt": "Be brief."}),
        );
        issues(
            id,
            json!({"name": "W", "connectionType": "MULTI_DATAMART", "isEnableMetricSummary": true, "summaryType": "custom"}),
            &[("/customSummaryPrompt", "required")],
        );
        issues(
            id,
            json!({"name": "W", "connectionType": "MULTI_DATAMART", "summaryType": "custom", "customSummaryPrompt": ""}),
            &[("/customSummaryPrompt", "too_short")],
        );
    }
}

#[test]
fn ai_copilot_llms_is_a_list_of_names() {
    for id in BOTH {
        valid(id, json!({"name": "W", "connectionType": "MULTI_DATASOURCE", "aiCopilotLlms": []}));
        issues(
            id,
            json!({"name": "W", "connectionType": "MULTI_DATASOURCE", "aiCopilotLlms": "gpt"}),
            &[("/aiCopilotLlms", "invalid_type")],
        );
        issues(
            id,
            json!({"name": "W", "connectionType": "MULTI_DATASOURCE", "aiCopilotLlms": ["gpt", 3, "", null]}),
            &[
                ("/aiCopilotLlms/1", "invalid_type"),
                ("/aiCopilotLlms/2", "too_short"),
                ("/aiCopilotLlms/3", "invalid_type"),
            ],
        );
    }
}

#[test]
fn flags_and_names_have_their_types() {
    for id in BOTH {
        issues(
            id,
            json!({"name": "W", "connectionType": "MULTI_DATASOURCE", "isEnableMetricSuggestions": 1, "llmName": "", "themeName": {}}),
            &[
                ("/isEnableMetricSuggestions", "invalid_type"),
                ("/llmName", "too_short"),
                ("/themeName", "invalid_type"),
            ],
        );
    }
}

#[test]
fn unknown_keys_are_warnings_and_issues_in_strict_mode() {
    for id in BOTH {
        let body = json!({"name": "W", "connectionType": "DATASOURCE", "datasourcename": "pg"});
        let r = findings(id, body.clone(), &[("/datasourceName", "required")], &[("/datasourcename", "unknown_field")]);
        assert_eq!(
            message(&r, "/datasourcename"),
            "datasourcename is not a field the docs define for this object; the API may ignore or reject it. Did you mean datasourceName?"
        );
        let r =
            strict_findings(id, body, &[("/datasourceName", "required"), ("/datasourcename", "unknown_field")], &[]);
        assert_eq!(
            message(&r, "/datasourcename"),
            "datasourcename is not a field of this object (strict mode). Did you mean datasourceName?"
        );
        assert_eq!(
            r.issues.iter().find(|i| i.path == "/datasourcename").and_then(|i| i.api_code),
            Some("INVALID_REQUEST_BODY")
        );
        let body = json!({"name": "W", "connectionType": "MULTI_DATAMART", "colour": "red"});
        let r = findings(id, body.clone(), &[], &[("/colour", "unknown_field")]);
        assert!(message(&r, "/colour").contains("Known fields: name, connectionType,"));
        assert!(r.ok(), "a warning does not make the body invalid");
        strict_findings(id, body, &[("/colour", "unknown_field")], &[]);
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let body = json!({"name": "", "connectionType": "DATASOURCE", "isEnableMetricSummary": true, "aiCopilotLlms": [1], "extra": 1});
    let all = [
        ("/name", "too_short"),
        ("/datasourceName", "required"),
        ("/summaryType", "required"),
        ("/aiCopilotLlms/0", "invalid_type"),
    ];
    let r = findings("databrain.createWorkspace", body.clone(), &all, &[("/extra", "unknown_field")]);
    assert!(r.issues.iter().all(|i| i.api_code == Some("INVALID_REQUEST_BODY")));
    let mut strict = all.to_vec();
    strict.push(("/extra", "unknown_field"));
    strict_findings("databrain.createWorkspace", body, &strict, &[]);
}

#[test]
fn a_huge_list_of_wrong_values_is_capped() {
    let llms: Vec<u32> = (0..5000).collect();
    let r = check(
        "databrain.createWorkspace",
        &json!({"name": "W", "connectionType": "MULTI_DATASOURCE", "aiCopilotLlms": llms}),
    );
    assert_eq!(r.issues.len(), workspace_requests::MAX_FINDINGS + 1);
    assert_eq!(r.issues[0].path, "/aiCopilotLlms/0");
    let last = r.issues.last().expect("the cap issue");
    assert_eq!((last.path.as_str(), last.code.as_str()), ("", "invalid_value"));
    assert!(last.message.contains("more than 1000 problems"), "{}", last.message);
}
