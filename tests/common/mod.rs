//! Helpers shared by the integration tests.
#![allow(dead_code)]

use serde_json::Value as Json;
use workspace_requests::{endpoint, validate, validate_with, Issue, Report, ValidationOptions};

/// Validates `body` for the endpoint `id` (default mode).
///
/// With `WR_CORPUS_OUT=FILE` set, also appends `{"endpoint", "body", "ok", "strictOk"}` as one JSON
/// line to FILE: the JS differential test checks that ajv, given `jsonSchema(endpoint, {strict})`,
/// agrees in both modes on every body the Rust tests use.
pub fn check(id: &str, body: &Json) -> Report {
    let ep = endpoint(id).unwrap_or_else(|| panic!("no endpoint {id}"));
    let report = validate(ep, &body);
    record(id, body);
    report
}

/// Validates `body` for the endpoint `id` in strict mode.
pub fn check_strict(id: &str, body: &Json) -> Report {
    let ep = endpoint(id).unwrap_or_else(|| panic!("no endpoint {id}"));
    record(id, body);
    validate_with(ep, &body, ValidationOptions::STRICT)
}

fn record(id: &str, body: &Json) {
    let ep = endpoint(id).unwrap_or_else(|| panic!("no endpoint {id}"));
    if let Some(out) = std::env::var_os("WR_CORPUS_OUT") {
        use std::io::Write;
        let ok = validate(ep, &body).ok();
        let strict_ok = validate_with(ep, &body, ValidationOptions::STRICT).ok();
        let line =
            serde_json::json!({"endpoint": id, "body": body, "ok": ok, "strictOk": strict_ok}).to_string() + "\n";
        // One write per line on a file opened for appending: lines from parallel tests stay whole.
        let file = std::fs::OpenOptions::new().create(true).append(true).open(out);
        if let Ok(mut f) = file {
            let _ = f.write_all(line.as_bytes());
        }
    }
}

fn pairs(list: &[Issue]) -> Vec<(String, String)> {
    list.iter().map(|i| (i.path.clone(), i.code.as_str().to_string())).collect()
}

fn sorted(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = expected.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect();
    v.sort();
    v
}

/// Asserts the exact set of issues (path, code) and that there are no warnings.
#[track_caller]
pub fn issues(id: &str, body: Json, expected: &[(&str, &str)]) -> Report {
    let report = check(id, &body);
    let mut got = pairs(&report.issues);
    got.sort();
    assert_eq!(got, sorted(expected), "issues of {id} for {body}:\n{:#?}", report.issues);
    assert!(report.warnings.is_empty(), "unexpected warnings of {id} for {body}:\n{:#?}", report.warnings);
    assert_eq!(report.ok(), expected.is_empty());
    report
}

/// Asserts the exact set of warnings (path, code) and that there are no issues.
#[track_caller]
pub fn warnings(id: &str, body: Json, expected: &[(&str, &str)]) -> Report {
    let report = check(id, &body);
    assert!(report.issues.is_empty(), "unexpected issues of {id} for {body}:\n{:#?}", report.issues);
    let mut got = pairs(&report.warnings);
    got.sort();
    assert_eq!(got, sorted(expected), "warnings of {id} for {body}:\n{:#?}", report.warnings);
    report
}

/// Asserts the exact sets of issues and of warnings (path, code), in the default mode.
#[track_caller]
pub fn findings(id: &str, body: Json, issues: &[(&str, &str)], warnings: &[(&str, &str)]) -> Report {
    let report = check(id, &body);
    assert_findings(id, &body, &report, issues, warnings);
    report
}

/// [`findings`] in strict mode.
#[track_caller]
pub fn strict_findings(id: &str, body: Json, issues: &[(&str, &str)], warnings: &[(&str, &str)]) -> Report {
    let report = check_strict(id, &body);
    assert_findings(id, &body, &report, issues, warnings);
    report
}

#[track_caller]
fn assert_findings(id: &str, body: &Json, report: &Report, issues: &[(&str, &str)], warnings: &[(&str, &str)]) {
    let mut got = pairs(&report.issues);
    got.sort();
    assert_eq!(got, sorted(issues), "issues of {id} for {body}:\n{:#?}", report.issues);
    let mut got = pairs(&report.warnings);
    got.sort();
    assert_eq!(got, sorted(warnings), "warnings of {id} for {body}:\n{:#?}", report.warnings);
    assert!(report.warnings.iter().all(|w| w.api_code.is_none()), "a warning has no API code: {report:#?}");
}

/// Asserts the body is valid with neither issues nor warnings.
#[track_caller]
pub fn valid(id: &str, body: Json) -> Report {
    issues(id, body, &[])
}

/// The message of the issue at `path`.
#[track_caller]
pub fn message(report: &Report, path: &str) -> String {
    report
        .issues
        .iter()
        .chain(&report.warnings)
        .find(|i| i.path == path)
        .unwrap_or_else(|| panic!("no finding at {path}: {report:#?}"))
        .message
        .clone()
}
