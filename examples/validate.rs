//! Validates a request body read from standard input.
//!
//! ```sh
//! cargo run --quiet --example validate -- databrain.createWorkspace < body.json
//! cargo run --quiet --example validate -- --strict paradigm.updateWorkspace < body.json
//! ```
//!
//! Prints `{"ok": bool, "issues": [...], "warnings": [...]}` and exits 0, also for an invalid body.
//! `--strict`: unknown keys of documented objects are issues, not warnings. Exits 2 for an unknown
//! endpoint id or option, unreadable input or text that is not JSON (as `JSON.parse` reads it).

use std::io::Read;
use std::process::ExitCode;

use workspace_requests::ValidationOptions;

fn main() -> ExitCode {
    let mut options = ValidationOptions::default();
    let mut ids = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--strict" => options.strict = true,
            a if a.starts_with('-') => {
                eprintln!(
                    "validate: unknown option {}; usage: validate [--strict] ENDPOINT_ID < body.json",
                    a.escape_debug()
                );
                return ExitCode::from(2);
            }
            _ => ids.push(arg),
        }
    }
    let [id] = ids.as_slice() else {
        let known: Vec<&str> = workspace_requests::ENDPOINTS.iter().map(|e| e.id).collect();
        eprintln!("usage: validate [--strict] ENDPOINT_ID < body.json\nendpoint ids: {}", known.join(", "));
        return ExitCode::from(2);
    };
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("validate: cannot read standard input: {e}");
        return ExitCode::from(2);
    }
    match workspace_requests::validate_json_with(id, &text, options) {
        Ok(report) => {
            println!("{}", report.to_json_string());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("validate: {e}");
            ExitCode::from(2)
        }
    }
}
