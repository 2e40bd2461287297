//! No secret in any message or preview, ever: a property test over every slot of every schema.
//!
//! For every endpoint, every variant and every field (walked from the schemas themselves, so a new
//! field is covered without editing this file), random secrets are placed
//! - in every secret field, as a string, a number, inside an array and inside an object;
//! - in every slot that holds an object or an array, as a string (plain, and as JSON text that
//!   holds the secret under "password", the double-encoding mistake);
//! - under secret-looking unknown keys of every object (`dbPassword`, `apiKey`, `p@ssword`, ...);
//! - as key material (`-----BEGIN …`) in every field, secret or not;
//!
//! and neither any message (issues and warnings, in both modes, rendered, as `Debug` and as the
//! JSON report) nor the redacted body, the redacted curl command (with the secret also in
//! credential headers and in the URL's user info) nor any request error contains the secret.

use serde_json::{json, Map, Value as J};
use workspace_requests::request::{body_text, curl, redact_url, url};
use workspace_requests::schema::{Field, Schema, Type};
use workspace_requests::{validate_with, Endpoint, ValidationOptions, ENDPOINTS};

/// xorshift64*: small, seeded, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// A secret: 12 to 40 characters of letters, digits and a few symbols, never a common word.
    fn secret(&mut self) -> String {
        const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+-_=~";
        let len = 12 + self.below(29);
        let mut s = String::from("Sx");
        for _ in 0..len {
            s.push(char::from(CHARS[self.below(CHARS.len())]));
        }
        s
    }
}

/// One place a value can go: the path from the body, and the discriminators that select it.
#[derive(Clone, Debug)]
struct Slot {
    path: Vec<String>,
    field: &'static Field,
    /// (path of the object holding the tag, tag key, value)
    tags: Vec<(Vec<String>, &'static str, &'static str)>,
}

fn slots(
    schema: &'static Schema,
    path: &[String],
    tags: &[(Vec<String>, &'static str, &'static str)],
    out: &mut Vec<Slot>,
    depth: usize,
) {
    if depth > 6 {
        return;
    }
    let variants: Vec<Option<&'static workspace_requests::schema::Variant>> = match schema.union {
        Some(u) => u.variants.iter().map(Some).collect(),
        None => vec![None],
    };
    for v in variants {
        let mut tags = tags.to_vec();
        if let (Some(v), Some(u)) = (v, schema.union) {
            tags.push((path.to_vec(), u.tag, v.value));
        }
        for f in schema.fields_for(v) {
            let mut p = path.to_vec();
            p.push(f.name.to_string());
            out.push(Slot { path: p.clone(), field: f, tags: tags.clone() });
            inner(&f.ty, &p, &tags, out, depth);
        }
    }
}

fn inner(
    ty: &'static Type,
    p: &[String],
    tags: &[(Vec<String>, &'static str, &'static str)],
    out: &mut Vec<Slot>,
    depth: usize,
) {
    match ty {
        Type::Object(s) => slots(s, p, tags, out, depth + 1),
        Type::Array(item) | Type::Nullable(item) => {
            let mut q = p.to_vec();
            if matches!(ty, Type::Array(_)) {
                q.push("0".to_string());
            }
            inner(item, &q, tags, out, depth)
        }
        _ => {}
    }
}

/// Sets `value` at `path` in `body`, making the objects and arrays on the way.
fn set(body: &mut J, path: &[String], value: J) {
    let Some((last, init)) = path.split_last() else {
        *body = value;
        return;
    };
    let mut at = body;
    for (n, seg) in init.iter().enumerate() {
        let next_is_index = path.get(n + 1).is_some_and(|s| s == "0");
        let fresh = if next_is_index { json!([]) } else { json!({}) };
        at = match at {
            J::Array(a) => {
                if a.is_empty() {
                    a.push(fresh);
                }
                &mut a[0]
            }
            J::Object(m) => {
                let e = m.entry(seg.clone()).or_insert(fresh);
                if !(e.is_object() || e.is_array()) {
                    *e = if next_is_index { json!([]) } else { json!({}) };
                }
                e
            }
            other => {
                *other = json!({});
                return set(other, &path[n..], value);
            }
        };
    }
    match at {
        J::Array(a) => {
            if a.is_empty() {
                a.push(value);
            } else {
                a[0] = value;
            }
        }
        J::Object(m) => {
            m.insert(last.clone(), value);
        }
        other => *other = json!({ last.clone(): value }),
    }
}

fn base(slot: &Slot) -> J {
    let mut body = json!({});
    for (path, tag, value) in &slot.tags {
        let mut p = path.clone();
        p.push(tag.to_string());
        set(&mut body, &p, J::from(*value));
    }
    body
}

const SECRET_KEYS: [&str; 18] = [
    "dbPassword",
    "apiKey",
    "client_secret",
    "privateKeyPem",
    "serviceAccountJson",
    "keyfile",
    "pem",
    "jwt",
    "auth",
    "signature",
    "connectionString",
    "dsn",
    "p@ssword",
    "pаssword",
    "token",
    "x-api-key",
    "secretAccessKey",
    "sessionCookie",
];

/// Everything a caller can be shown about `body` for `ep`; none of it may contain `secret`.
fn shown(ep: &'static Endpoint, body: &J, secret: &str) -> String {
    let mut all = String::new();
    for options in [ValidationOptions::default(), ValidationOptions::STRICT] {
        let r = validate_with(ep, &body, options);
        all.push_str(&format!("{r:?}\n{}\n", r.to_json_string()));
        for i in r.issues.iter().chain(&r.warnings) {
            all.push_str(&i.message);
            all.push_str(&i.params);
            all.push('\n');
        }
    }
    let text = body_text(Some(ep.body), &body, false);
    assert!(serde_json::from_str::<J>(&text).is_ok(), "the redacted body is JSON: {text}");
    let headers: Vec<(String, String)> = [
        ("Authorization", format!("Bearer {secret}")),
        ("Content-Type", "application/json".to_string()),
        ("Cookie", format!("sid={secret}")),
        ("X-Api-Key", secret.to_string()),
        ("Proxy-Authorization", format!("Token {secret}")),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b))
    .collect();
    let with_user = format!("https://user:{secret}@api.example.com/api/v2/x");
    all.push_str(&curl(ep.method, &with_user, &headers, Some(&text), Some("DATABRAIN_TOKEN")));
    all.push_str(&redact_url(&with_user));
    all.push_str(&text);
    if let Err(e) = url(ep, Some(&with_user), Some(1.0)) {
        all.push_str(&e.to_string());
    }
    if let Err(e) = url(ep, Some(&format!("{secret}@api.example.com")), Some(1.0)) {
        all.push_str(&e.to_string());
    }
    all
}

#[track_caller]
fn assert_hidden(ep: &'static Endpoint, body: &J, secret: &str, what: &str) {
    let all = shown(ep, body, secret);
    assert!(!all.contains(secret), "{what}: the secret {secret:?} is shown for {} {body}:\n{all}", ep.id);
}

#[test]
fn no_secret_is_ever_shown() {
    let mut rng = Rng(0x5eed_2026_0001);
    let mut checked = 0usize;
    let mut secret_fields = 0usize;
    let mut containers = 0usize;
    for round in 0..3 {
        for ep in ENDPOINTS.iter() {
            let mut all = Vec::new();
            slots(ep.body, &[], &[], &mut all, 0);
            assert!(!all.is_empty(), "{}: slots", ep.id);
            for slot in &all {
                let f = slot.field;
                // Secret fields: as a string, a number, in an array and in an object.
                if f.secret {
                    secret_fields += usize::from(round == 0);
                    let secret = rng.secret();
                    let number = 100_000_000 + rng.below(800_000_000) as u64;
                    for value in [
                        J::from(secret.clone()),
                        json!([secret]),
                        json!({"k": secret}),
                        json!(format!("{{\"{secret}\"")),
                    ] {
                        let mut body = base(slot);
                        set(&mut body, &slot.path, value);
                        assert_hidden(ep, &body, &secret, &format!("secret field {:?}", slot.path));
                        checked += 1;
                    }
                    let mut body = base(slot);
                    set(&mut body, &slot.path, J::from(number));
                    assert_hidden(ep, &body, &number.to_string(), &format!("secret number {:?}", slot.path));
                    checked += 1;
                }
                // Object and array slots: a string (plain, or JSON text holding the secret).
                let container = matches!(f.ty, Type::Object(_) | Type::Array(_))
                    || matches!(f.ty, Type::Nullable(Type::Object(_) | Type::Array(_)));
                if container {
                    containers += usize::from(round == 0);
                    let secret = rng.secret();
                    for value in [
                        J::from(secret.clone()),
                        J::from(json!({"password": secret}).to_string()),
                        J::from(json!([{"token": secret}]).to_string()),
                    ] {
                        let mut body = base(slot);
                        set(&mut body, &slot.path, value);
                        assert_hidden(ep, &body, &secret, &format!("string in the object/array slot {:?}", slot.path));
                        checked += 1;
                    }
                }
                // Key material in any field, secret or not.
                let secret = rng.secret();
                let pem = format!("-----BEGIN PRIVATE KEY-----\n{secret}\n-----END PRIVATE KEY-----");
                let mut body = base(slot);
                set(&mut body, &slot.path, J::from(pem));
                assert_hidden(ep, &body, &secret, &format!("key material at {:?}", slot.path));
                checked += 1;
                // Secret-looking unknown keys next to this field (so in every object).
                let key = SECRET_KEYS[rng.below(SECRET_KEYS.len())];
                let secret = rng.secret();
                let value = match rng.below(3) {
                    0 => J::from(secret.clone()),
                    1 => json!([secret]),
                    _ => json!({"inner": secret}),
                };
                let mut body = base(slot);
                let mut p = slot.path.clone();
                p.pop();
                p.push(key.to_string());
                set(&mut body, &p, value);
                assert_hidden(ep, &body, &secret, &format!("unknown key {p:?}"));
                checked += 1;
            }
            // The body itself as a string, and JSON text of a body holding the secret.
            let secret = rng.secret();
            for body in [J::from(secret.clone()), J::from(json!({"credentials": {"password": secret}}).to_string())] {
                assert_hidden(ep, &body, &secret, "the body as a string");
                checked += 1;
            }
        }
    }
    assert!(secret_fields >= 20, "{secret_fields} secret fields walked");
    assert!(containers >= 20, "{containers} object or array slots walked");
    assert!(checked >= 3_000, "{checked} bodies checked");
}

#[test]
fn the_walk_reaches_every_kind_of_secret_field() {
    let mut found = Map::new();
    for ep in ENDPOINTS.iter() {
        let mut all = Vec::new();
        slots(ep.body, &[], &[], &mut all, 0);
        for s in all.iter().filter(|s| s.field.secret) {
            found.insert(s.field.name.to_string(), J::Bool(true));
        }
    }
    for name in [
        "password",
        "secretAccessKey",
        "privateKey",
        "serviceAccountKey",
        "token",
        "clientSecret",
        "client_secret",
        "service_account_file",
    ] {
        assert!(found.contains_key(name), "{name} is walked: {found:?}");
    }
}
