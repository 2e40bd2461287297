//! The location of a value inside a body, as the engine walks it.

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
        for seg in &self.segs {
            out.push('/');
            match seg {
                Seg::Key(k) => escape_into(&mut out, k),
                Seg::Owned(k) => escape_into(&mut out, k),
                Seg::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }

    /// How messages name the value: `credentials.port`, `members.users[0].role`, `body` at the top.
    /// Keys that are not plain identifiers are quoted (`credentials["my key"]`), long ones shortened.
    pub fn display(&self) -> String {
        if self.segs.is_empty() {
            return "body".to_string();
        }
        display(&self.segs)
    }

    /// How messages name the key `name` of the object holding the current value.
    pub fn display_sibling(&self, name: &str) -> String {
        let parent = match self.segs.split_last() {
            Some((Seg::Key(_) | Seg::Owned(_), parent)) => parent,
            _ => &self.segs[..],
        };
        let mut out = display(parent);
        push_key(&mut out, name);
        out
    }
}

fn display(segs: &[Seg]) -> String {
    let mut out = String::with_capacity(32);
    for seg in segs {
        match seg {
            Seg::Key(k) => push_key(&mut out, k),
            Seg::Owned(k) => push_key(&mut out, k),
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

fn escape_into(out: &mut String, key: &str) {
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

fn push_key(out: &mut String, key: &str) {
    if is_identifier(key) && key.len() <= crate::engine::text::PREVIEW_CHARS {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(key);
    } else {
        out.push('[');
        out.push_str(&crate::engine::text::quote(key));
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
    }
}
