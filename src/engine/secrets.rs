//! What looks like a secret: key names (`dbPassword`, `apiKey`, `p@ssword`, a Cyrillic
//! `pаssword`) and values (`-----BEGIN …`, long random-looking base64 or hex runs, JWTs).
//!
//! The one home of these heuristics: messages never quote such values, and previews and logs
//! redact them. Secret fields the schemas know are marked there (`Field::secret`); these rules
//! cover what a schema cannot know.

/// Words that mark a key as holding a secret, matched inside the key once folded (lowercase ASCII,
/// look-alike letters and digits mapped to the letters they imitate, other characters dropped).
const SECRET_WORDS: [&str; 18] = [
    "pass",
    "pwd",
    "secret",
    "token",
    "private",
    "credential",
    "apikey",
    "accesskey",
    "auth",
    "jwt",
    "bearer",
    "cookie",
    "session",
    "signature",
    "keyfile",
    "serviceaccount",
    "connectionstring",
    "dsn",
];

/// Whole folded keys that are secret-looking on their own.
const SECRET_KEYS: [&str; 5] = ["pem", "pin", "sig", "cert", "otp"];

/// Whether a key's name suggests its value is a secret: `password`, `dbPassword`, `client_secret`,
/// `apiKey`, `privateKeyPem`, `serviceAccountJson`, `keyfile`, `jwt`, `auth`, `signature`,
/// `connectionString`, `dsn`, `p@ssword`, `pаssword` (Cyrillic а), anything ending in `key`.
pub fn looks_secret(key: &str) -> bool {
    // Keys are short; a very long one is folded only as far as a word could reach (on the stack:
    // no allocation per key).
    let mut buf = [0u8; 256];
    let mut n = 0;
    for c in key.chars().take(256).filter_map(fold) {
        if let Some(slot) = buf.get_mut(n) {
            *slot = c as u8;
            n += 1;
        }
    }
    let folded = buf.get(..n).unwrap_or(&[]);
    // A plain window search: keys are short, and it keeps the substring searcher out of the wasm.
    let has = |w: &str| folded.windows(w.len()).any(|x| x == w.as_bytes());
    SECRET_WORDS.iter().any(|w| has(w))
        || folded.ends_with(b"key")
        || folded.starts_with(b"pem")
        || folded.ends_with(b"pem")
        || SECRET_KEYS.iter().any(|k| folded == k.as_bytes())
}

/// One character of a key as [`looks_secret`] reads it: a lowercase ASCII letter, or nothing.
fn fold(c: char) -> Option<char> {
    let c = match c {
        'A'..='Z' | 'a'..='z' => c.to_ascii_lowercase(),
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        // Fullwidth ASCII letters.
        '\u{ff21}'..='\u{ff3a}' => char::from(b'a' + (c as u32 - 0xff21) as u8),
        '\u{ff41}'..='\u{ff5a}' => char::from(b'a' + (c as u32 - 0xff41) as u8),
        // Cyrillic and Greek letters that look like Latin ones.
        'а' | 'А' | 'α' | 'Α' => 'a',
        'в' | 'В' | 'β' | 'Β' => 'b',
        'с' | 'С' | 'ϲ' => 'c',
        'е' | 'Е' | 'ё' | 'ε' | 'Ε' => 'e',
        'н' | 'Н' | 'Η' => 'h',
        'і' | 'І' | 'ι' | 'Ι' => 'i',
        'ј' | 'Ј' => 'j',
        'к' | 'К' | 'κ' | 'Κ' => 'k',
        'м' | 'М' | 'Μ' => 'm',
        'п' | 'П' | 'π' => 'n',
        'о' | 'О' | 'ο' | 'Ο' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ѕ' | 'Ѕ' => 's',
        'т' | 'Т' | 'τ' | 'Τ' => 't',
        'у' | 'У' | 'υ' => 'y',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'ω' | 'ш' => 'w',
        _ => return None,
    };
    Some(c)
}

/// A run of base64 / base64url / hex characters at least this long may be key material.
const MIN_RUN: usize = 24;

/// Whether a string value looks like a key or a token: PEM armour (`-----BEGIN`), a JWT, or a run of
/// at least 24 base64 or hex characters that switches between upper case, lower case and digits
/// as random text does (a name such as `sales_db_2024_replica` does not).
pub fn looks_like_key_material(s: &str) -> bool {
    let b = s.as_bytes();
    if b.windows(10).any(|w| w.eq_ignore_ascii_case(b"-----begin")) {
        return true;
    }
    if s.starts_with("eyJ") && s.contains('.') && s.len() >= 20 {
        return true;
    }
    // Runs of base64/hex characters, split at every other byte (no indexing: nothing can panic).
    b.split(|&c| !is_run_char(c)).any(|run| run.len() >= MIN_RUN && random_looking(run))
}

fn is_run_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'_' | b'-' | b'=')
}

/// Character classes: 0 upper, 1 lower, 2 digit, 3 other.
fn class(c: u8) -> u8 {
    match c {
        b'A'..=b'Z' => 0,
        b'a'..=b'z' => 1,
        b'0'..=b'9' => 2,
        _ => 3,
    }
}

/// Random base64 changes class at about two characters in three, random hex at about one in two;
/// words and names change far less often.
fn random_looking(run: &[u8]) -> bool {
    let classes = run.iter().fold([false; 4], |mut seen, &c| {
        seen[usize::from(class(c))] = true;
        seen
    });
    let kinds = classes.iter().take(3).filter(|&&x| x).count();
    let switches = run.windows(2).filter(|w| class(w[0]) != class(w[1])).count();
    kinds >= 2 && switches * 3 >= run.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_looking_keys() {
        for k in [
            "password",
            "dbPassword",
            "apiKey",
            "api_key",
            "client_secret",
            "privateKeyPem",
            "serviceAccountJson",
            "service_account_file",
            "keyfile",
            "pem",
            "jwt",
            "auth",
            "signature",
            "connectionString",
            "dsn",
            "p@ssword",
            "pаssword",
            "PASSW0RD",
            "ｐａｓｓｗｏｒｄ",
            "token",
            "x-api-key",
            "sessionId",
            "cookie",
            "secretAccessKey",
        ] {
            assert!(looks_secret(k), "{k}");
        }
        for k in ["name", "host", "port", "database", "schema", "username", "region", "warehouse", "bucket", "role"] {
            assert!(!looks_secret(k), "{k}");
        }
    }

    #[test]
    fn key_material_values() {
        for v in [
            "-----BEGIN PRIVATE KEY-----\nMIIEvQ...",
            "xx -----begin openssh private key-----",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z",
        ] {
            assert!(looks_like_key_material(v), "{v}");
        }
        for v in [
            "postgres",
            "sales_db_2024_replica_primary",
            "db.internal.example.com",
            "technicalAndInsightSummary",
            "MyDatasourceProductionEurope",
            "Sales Analytics 2024",
            "",
        ] {
            assert!(!looks_like_key_material(v), "{v}");
        }
    }
}
