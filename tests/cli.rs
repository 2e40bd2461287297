//! The native entry point: `cargo run --quiet --example validate -- ENDPOINT_ID < body.json`.
//! Plain `cargo test` builds the example before running tests (`--all-targets` would build it as a
//! test harness instead); this runs that binary.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn example() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(|d| d.parent()).expect("target dir");
    let bin = dir.join("examples").join(format!("validate{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} missing: run through `cargo test`, which builds examples", bin.display());
    bin
}

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(example())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn example");
    // An unknown endpoint id exits before reading stdin: a closed pipe is not a failure here.
    match child.stdin.take().expect("stdin").write_all(stdin.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.expect("write stdin"),
    }
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn a_valid_body_prints_ok() {
    let (code, out, _) = run(
        &["databrain.createWorkspace"],
        r#"{"name":"Sales Analytics","connectionType":"DATASOURCE","datasourceName":"postgres-main"}"#,
    );
    assert_eq!(code, 0);
    assert_eq!(out.trim(), r#"{"ok":true,"issues":[],"warnings":[]}"#);
}

#[test]
fn an_invalid_body_prints_its_issues_and_exits_0() {
    let (code, out, _) =
        run(&["databrain.updateDatasource"], r#"{"datasourceType":"postgress","credentials":{"name":"p"}}"#);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(out.trim()).expect("one JSON object");
    assert_eq!(report["ok"], false);
    assert_eq!(report["issues"][0]["path"], "/datasourceType");
    assert_eq!(report["issues"][0]["code"], "invalid_enum");
    assert_eq!(report["issues"][0]["apiCode"], "INVALID_REQUEST_BODY");
    assert!(report["issues"][0]["message"].as_str().unwrap_or("").contains("Did you mean \"postgres\"?"));
    assert_eq!(report["issues"][0]["params"]["rule"], "enum");
    assert_eq!(report["issues"][0]["params"]["suggestion"], "postgres");
    assert_eq!(report["warnings"], serde_json::json!([]));
    let keys: Vec<&String> = report.as_object().map(|o| o.keys().collect()).unwrap_or_default();
    assert_eq!(keys.len(), 3);
}

#[test]
fn warnings_are_reported_apart() {
    let (code, out, _) = run(
        &["paradigm.testDatasource"],
        r#"{"type":"webscrapper","name":"W","filter_criteria":{"start_url":"https://x"}}"#,
    );
    assert_eq!((code, out.trim()), (0, r#"{"ok":true,"issues":[],"warnings":[]}"#));
    let (code, out, _) =
        run(&["databrain.createDatasource"], r#"{"datasourceType":"mysql","credentials":{"name":"m","pasword":"x"}}"#);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(report["ok"], true);
    assert_eq!(report["warnings"][0]["path"], "/credentials/pasword");
    assert_eq!(report["warnings"][0]["code"], "unknown_field");
}

#[test]
fn unknown_endpoint_and_bad_json_exit_2() {
    let (code, out, err) = run(&["databrain.deleteWorkspace"], "{}");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("unknown endpoint id") && err.contains("paradigm.testDatasource"), "{err}");
    let (code, _, err) = run(&["databrain.createWorkspace"], "{\"name\": ");
    assert_eq!(code, 2);
    assert!(err.contains("not valid JSON"), "{err}");
    let (code, _, _) = run(&[], "{}");
    assert_eq!(code, 2);
}

#[test]
fn a_deeply_nested_body_is_one_issue_not_a_crash() {
    let text = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let (code, out, _) = run(&["databrain.createWorkspace"], &text);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(report["issues"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["issues"][0]["code"], "invalid_value");
    assert_eq!(report["issues"][0]["path"], "");
}

#[test]
fn every_text_json_parse_reads_gives_a_report() {
    // A number past the f64 range is Infinity to JSON.parse: a value JSON cannot send.
    let (code, out, err) = run(
        &["databrain.updateDatasource"],
        r#"{"datasourceType":"postgres","credentials":{"name":"p","port":1e400}}"#,
    );
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(report["issues"][0]["path"], "/credentials/port");
    assert_eq!(report["issues"][0]["code"], "invalid_type");
    // An escaped lone surrogate is a string to JSON.parse.
    let (code, out, err) =
        run(&["databrain.createWorkspace"], r#"{"name":"\ud83d","connectionType":"MULTI_DATASOURCE","x\udc00":1}"#);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(report["ok"], true);
    assert_eq!(report["warnings"][0]["path"], "/x\u{fffd}");
    // Key order is the text's (serde_json's map would sort it).
    let (_, out, _) = run(&["databrain.createWorkspace"], r#"{"zeta":1,"alpha":2}"#);
    let report: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    let paths: Vec<&str> =
        report["warnings"].as_array().into_iter().flatten().filter_map(|w| w["path"].as_str()).collect();
    assert_eq!(paths, ["/zeta", "/alpha"]);
}

#[test]
fn strict_makes_unknown_keys_issues_and_warnings_have_no_api_code() {
    let body = r#"{"name":"W","connectionType":"MULTI_DATASOURCE","colour":"red"}"#;
    let (code, out, _) = run(&["databrain.createWorkspace"], body);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(report["ok"], true);
    assert_eq!(report["warnings"][0]["code"], "unknown_field");
    assert_eq!(report["warnings"][0]["apiCode"], serde_json::Value::Null);
    for args in [["--strict", "databrain.createWorkspace"], ["databrain.createWorkspace", "--strict"]] {
        let (code, out, _) = run(&args, body);
        assert_eq!(code, 0);
        let report: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
        assert_eq!(report["ok"], false);
        assert_eq!(report["issues"][0]["path"], "/colour");
        assert_eq!(report["issues"][0]["apiCode"], "INVALID_REQUEST_BODY");
    }
    let (code, out, err) = run(&["--strcit", "databrain.createWorkspace"], body);
    assert_eq!(code, 2);
    assert!(out.is_empty() && err.contains("unknown option"), "{err}");
}
