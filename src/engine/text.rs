//! Text helpers for messages: quoting a value or key, printing a number. A leaf: it imports
//! nothing from the crate, so that paths, values and messages can all use it.

use std::fmt::Write;

/// At most this many characters of a value (or key) appear in a message.
pub const PREVIEW_CHARS: usize = 40;

/// A string as a short, escaped, double-quoted literal: `"postgress"`, `"aaaa…"`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(PREVIEW_CHARS * 2) + 2);
    quote_into(&mut out, s);
    out
}

/// [`quote`], appended to `out`.
pub fn quote_into(out: &mut String, s: &str) {
    out.push('"');
    // The common case: short printable ASCII with nothing to escape is copied whole.
    if s.len() <= PREVIEW_CHARS && s.bytes().all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\') {
        out.push_str(s);
        out.push('"');
        return;
    }
    for (i, c) in s.chars().enumerate() {
        if i == PREVIEW_CHARS {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Format characters that change how text displays (bidi overrides, zero-width characters): escaped
/// so that a value cannot make a message read differently from what it says.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// A number as a message shows it: `5432`, `1.5`.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else if n.abs() >= 1e15 || (n != 0.0 && n.abs() < 1e-6) {
        format!("{n:e}")
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_and_shortens() {
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(quote("\u{1}"), "\"\\u0001\"");
        assert_eq!(quote("\u{202e}abc"), "\"\\u202eabc\"");
        let long = "é".repeat(100);
        let q = quote(&long);
        assert_eq!(q.chars().count(), PREVIEW_CHARS + 3);
        assert!(q.ends_with("…\""));
        // At the length limit and one past it, plain ASCII.
        assert_eq!(quote(&"a".repeat(PREVIEW_CHARS)), format!("\"{}\"", "a".repeat(PREVIEW_CHARS)));
        assert_eq!(quote(&"a".repeat(PREVIEW_CHARS + 1)), format!("\"{}…\"", "a".repeat(PREVIEW_CHARS)));
        assert_eq!(quote("a\u{7f}"), "\"a\\u007f\"");
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(number(5432.0), "5432");
        assert_eq!(number(-1.0), "-1");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(1e300), "1e300");
        assert_eq!(number(-2.5e-9), "-2.5e-9");
    }
}
