//! Validation from arbitrary bytes: the first byte picks the endpoint and the mode, the rest is
//! the JSON text (invalid UTF-8 is read lossily). No input may panic, and every report keeps its
//! invariants: issues carry the endpoint's API code, warnings none, every path is a JSON Pointer,
//! every message is short and non-empty, and the report is bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use workspace_requests::json::{parse, validate_json_for};
use workspace_requests::{ValidationOptions, ENDPOINTS, MAX_FINDINGS};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let ep = &ENDPOINTS[usize::from(pick) % ENDPOINTS.len()];
    let options = ValidationOptions { strict: pick & 0x80 != 0 };
    let text = String::from_utf8_lossy(rest);
    let parsed = parse(&text).is_ok();
    match validate_json_for(ep, &text, options) {
        Ok(report) => {
            assert!(report.issues.len() + report.warnings.len() <= MAX_FINDINGS + 2);
            for i in &report.issues {
                assert_eq!(i.api_code, Some(ep.body_error));
            }
            for w in &report.warnings {
                assert_eq!(w.api_code, None);
            }
            for f in report.issues.iter().chain(&report.warnings) {
                assert!(f.path.is_empty() || f.path.starts_with('/'), "{:?}", f.path);
                assert!(!f.message.is_empty() && f.message.chars().count() < 2000, "{:?}", f.message);
            }
            let json = report.to_json_string();
            assert!(workspace_requests::jsontext::is_json(&json), "{json}");
        }
        // Only text that is not JSON is an error (a deeply nested text is a report).
        Err(_) => assert!(!parsed),
    }
});
