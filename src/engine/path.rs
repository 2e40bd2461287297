//! The location of a value inside a body, as the engine walks it.

use std::fmt::Write;

/// One step: a key the schema knows, a key read from the body, or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(&'static str),
    Owned(String),
    Index(usize),
}

/// A stack of steps from the body to the current value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path {
    segs: Vec<Seg>,
}

impl Path {
    pub fn new() -> Path {
        // No allocation until a step is pushed: a clean body pushes none.
        Path { segs: Vec::new() }
    }
    pub fn push(&mut self, seg: Seg) {
        self.segs.push(seg);
    }
    pub fn pop(&mut self) {
        self.segs.pop();
    }
    pub fn depth(&self) -> usize {
        self.segs.len()
    }
    pub fn segs(&self) -> &[Seg] {
        &self.segs
    }

    /// The RFC 6901 JSON Pointer: `""` for the body, `/credentials/port`, `/members/users/0/role`.
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        self.pointer_into(&mut out);
        out
    }

    /// [`Path::pointer`], appended to `out`.
    pub fn pointer_into(&self, out: &mut String) {
        for seg in &self.segs {
            out.push('/');
            match seg {
                Seg::Key(k) => escape_into(out, k),
                Seg::Owned(k) => escape_into(out, k),
                Seg::Index(i) => push_index(out, *i),
            }
        }
    }

    /// How messages name the value: `credentials.port`, `members.users[0].role`, `body` at the top.
    /// Keys that are not plain identifiers are quoted (`credentials["my key"]`), long ones shortened.
    pub fn display(&self) -> String {
        let mut out = String::with_capacity(32);
        self.display_into(&mut out);
        out
    }

    /// [`Path::display`], appended to `out`.
    pub fn display_into(&self, out: &mut String) {
        if self.segs.is_empty() {
            out.push_str("body");
        } else {
            display(out, &self.segs);
        }
    }

    /// How messages name the key `name` of the object holding the current value.
    pub fn display_sibling(&self, name: &str) -> String {
        let mut out = String::with_capacity(32);
        self.display_sibling_into(&mut out, name);
        out
    }

    /// [`Path::display_sibling`], appended to `out`.
    pub fn display_sibling_into(&self, out: &mut String, name: &str) {
        let parent = match self.segs.split_last() {
            Some((Seg::Key(_) | Seg::Owned(_), parent)) => parent,
            _ => &self.segs[..],
        };
        let start = out.len();
        display(out, parent);
        push_key(out, name, out.len() == start);
    }
}

/// Appends the display of `segs` (nothing for none).
fn display(out: &mut String, segs: &[Seg]) {
    let start = out.len();
    for seg in segs {
        let first = out.len() == start;
        match seg {
            Seg::Key(k) => push_key(out, k, first),
            Seg::Owned(k) => push_key(out, k, first),
            Seg::Index(i) => {
                out.push('[');
                push_index(out, *i);
                out.push(']');
            }
        }
    }
}

/// Appends an index in decimal digits.
fn push_index(out: &mut String, i: usize) {
    let _ = write!(out, "{i}");
}

fn escape_into(out: &mut String, key: &str) {
    if !key.bytes().any(|b| b == b'~' || b == b'/') {
        out.push_str(key);
        return;
    }
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// An ASCII identifier: a letter, `_` or `$`, then letters, digits, `_` or `$` (a byte of a
/// character beyond ASCII is none of these).
fn is_identifier(key: &str) -> bool {
    let mut bytes = key.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_' || b == b'$')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
}

/// Appends a key: `.key` (`key` when `first`), or `["a key"]`.
fn push_key(out: &mut String, key: &str, first: bool) {
    if is_identifier(key) && key.len() <= crate::engine::text::PREVIEW_CHARS {
        if !first {
            out.push('.');
        }
        out.push_str(key);
    } else {
        out.push('[');
        crate::engine::text::quote_into(out, key);
        out.push(']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_tilde_and_slash() {
        let mut p = Path::new();
        p.push(Seg::Key("credentials"));
        p.push(Seg::Owned("a/b~c".into()));
        assert_eq!(p.pointer(), "/credentials/a~1b~0c");
        assert_eq!(p.display(), "credentials[\"a/b~c\"]");
    }

    #[test]
    fn root_and_indices() {
        let mut p = Path::new();
        assert_eq!(p.pointer(), "");
        assert_eq!(p.display(), "body");
        p.push(Seg::Key("members"));
        p.push(Seg::Key("users"));
        p.push(Seg::Index(0));
        p.push(Seg::Key("role"));
        assert_eq!(p.pointer(), "/members/users/0/role");
        assert_eq!(p.display(), "members.users[0].role");
        let mut e = Path::new();
        e.push(Seg::Owned(String::new()));
        assert_eq!(e.pointer(), "/");
        let mut n = Path::new();
        for i in [0, 7, 10, 4_294_967_294, usize::MAX] {
            n.push(Seg::Index(i));
        }
        assert_eq!(n.pointer(), format!("/0/7/10/4294967294/{}", usize::MAX));
        assert_eq!(n.display(), format!("[0][7][10][4294967294][{}]", usize::MAX));
        let mut k = Path::new();
        k.push(Seg::Key("credentials"));
        k.push(Seg::Key("port"));
        assert_eq!(k.display_sibling("host"), "credentials.host");
        assert_eq!(Path::new().display_sibling("name"), "name");
    }
}
