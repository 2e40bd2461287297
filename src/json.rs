//! Validating a body given as JSON text (the CLI example, and any caller holding a string).

use crate::endpoints::{endpoint, Endpoint};
use crate::issue::{Code, Detail, Report, ReportSink, Severity, Sink};
use crate::path::Path;
use crate::validate::{validate, MAX_DEPTH};

/// Why a text could not be validated at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    UnknownEndpoint(String),
    /// The text is not JSON; the message says where.
    Syntax(String),
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JsonError::UnknownEndpoint(id) => {
                let ids: Vec<&str> = crate::endpoints::ENDPOINTS.iter().map(|e| e.id).collect();
                write!(f, "unknown endpoint id {}; known ids: {}", crate::message::quote(id), ids.join(", "))
            }
            JsonError::Syntax(m) => write!(f, "the body is not valid JSON: {m}"),
        }
    }
}

impl std::error::Error for JsonError {}

/// How deeply arrays and objects nest in a JSON text (0 for a scalar). Never fails: text that
/// is not JSON still gets a number, and the parser reports the syntax error afterwards.
pub fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Validates a JSON text for the endpoint `id`.
///
/// A text nested deeper than [`MAX_DEPTH`] gets one `invalid_value` issue at `""` without being
/// parsed, so no input can exhaust the stack.
pub fn validate_json(id: &str, text: &str) -> Result<Report, JsonError> {
    let ep = endpoint(id).ok_or_else(|| JsonError::UnknownEndpoint(id.to_string()))?;
    validate_json_for(ep, text)
}

/// [`validate_json`] for an endpoint already looked up.
pub fn validate_json_for(ep: &Endpoint, text: &str) -> Result<Report, JsonError> {
    if nesting_depth(text) > MAX_DEPTH + 1 {
        let mut sink = ReportSink { report: Report::default(), api_code: ep.body_error };
        sink.push(Severity::Issue, &Path::new(), Code::InvalidValue, None, Detail::TooDeep { limit: MAX_DEPTH });
        return Ok(sink.report);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| JsonError::Syntax(e.to_string()))?;
    Ok(validate(ep, &&value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_ignores_brackets_in_strings() {
        assert_eq!(nesting_depth("1"), 0);
        assert_eq!(nesting_depth(r#"{"a":[{"b":"[[[{"}]}"#), 3);
        assert_eq!(nesting_depth(r#"["\"[[["]"#), 1);
        assert_eq!(nesting_depth("]]]{"), 1);
    }
}
