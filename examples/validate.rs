//! Validates a request body read from standard input.
//!
//! ```sh
//! cargo run --quiet --example validate -- databrain.createWorkspace < body.json
//! ```
//!
//! Prints `{"ok": bool, "issues": [...], "warnings": [...]}` and exits 0, also for an invalid body.
//! Exits 2 for an unknown endpoint id, unreadable input or text that is not JSON.

use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [id] = args.as_slice() else {
        let ids: Vec<&str> = workspace_requests::ENDPOINTS.iter().map(|e| e.id).collect();
        eprintln!("usage: validate ENDPOINT_ID < body.json\nendpoint ids: {}", ids.join(", "));
        return ExitCode::from(2);
    };
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("validate: cannot read standard input: {e}");
        return ExitCode::from(2);
    }
    match workspace_requests::validate_json(id, &text) {
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
