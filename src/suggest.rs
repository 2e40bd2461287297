//! Near-miss suggestions for typos: `datasourcename` → `datasourceName`, `postgress` → `postgres`.

/// Longer inputs get no suggestion (and cost nothing).
const MAX_LEN: usize = 64;

/// The candidate nearest to `input`, if it is near enough to be a typo of it.
///
/// Compares ASCII-case-insensitively (keys and enum values are ASCII) with the optimal string
/// alignment distance (insertions, deletions, substitutions, adjacent transpositions). Allowed
/// distance: 1 up to 4 characters, 2 up to 8, 3 above. Allocation-free: inputs are at most 64
/// characters, and candidates whose length alone rules them out are skipped.
pub fn suggest(input: &str, candidates: impl IntoIterator<Item = &'static str>) -> Option<&'static str> {
    let mut a = [0 as char; MAX_LEN];
    let mut n = 0;
    for c in input.chars() {
        if n == MAX_LEN {
            return None;
        }
        a[n] = c.to_ascii_lowercase();
        n += 1;
    }
    let a = &a[..n];
    let limit = match n {
        0 => return None,
        1..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &'static str)> = None;
    let mut b = [0 as char; MAX_LEN];
    for cand in candidates {
        if cand == input || cand.chars().count().abs_diff(n) > limit {
            continue;
        }
        let mut m = 0;
        for c in cand.chars().take(MAX_LEN) {
            b[m] = c.to_ascii_lowercase();
            m += 1;
        }
        let d = distance(a, &b[..m]);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal string alignment distance between two strings of at most [`MAX_LEN`] characters.
fn distance(a: &[char], b: &[char]) -> usize {
    if a.len().abs_diff(b.len()) > 3 || a.len() > MAX_LEN || b.len() > MAX_LEN {
        return usize::MAX;
    }
    let n = b.len();
    let mut prev2 = [0usize; MAX_LEN + 1];
    let mut prev = [0usize; MAX_LEN + 1];
    let mut cur = [0usize; MAX_LEN + 1];
    for (j, p) in prev.iter_mut().enumerate().take(n + 1) {
        *p = j;
    }
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut d = (prev[j + 1] + 1).min(cur[j] + 1).min(prev[j] + cost);
            if i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca) {
                d = d.min(prev2[j - 1] + 1);
            }
            cur[j + 1] = d;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[n]
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 4] = ["datasourceName", "datamartName", "password", "postgres"];

    #[test]
    fn typos_find_their_key() {
        assert_eq!(suggest("datasourcename", KEYS), Some("datasourceName"));
        assert_eq!(suggest("pasword", KEYS), Some("password"));
        assert_eq!(suggest("postgress", KEYS), Some("postgres"));
        assert_eq!(suggest("passwrod", KEYS), Some("password"));
        assert_eq!(suggest("datamartname", KEYS), Some("datamartName"));
        assert_eq!(suggest("PASSWORD", KEYS), Some("password"));
    }

    #[test]
    fn far_or_odd_inputs_find_nothing() {
        assert_eq!(suggest("colour", KEYS), None);
        assert_eq!(suggest("", KEYS), None);
        assert_eq!(suggest(&"x".repeat(10_000), KEYS), None);
        assert_eq!(suggest(&"x".repeat(64), KEYS), None);
        assert_eq!(suggest("password", KEYS), None, "an exact key is no typo");
        assert_eq!(suggest("пароль", KEYS), None);
        assert_eq!(suggest("pässword", KEYS), Some("password"));
    }

    #[test]
    fn distance_counts_transpositions_once() {
        let v = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(distance(&v("ab"), &v("ba")), 1);
        assert_eq!(distance(&v("kitten"), &v("sitting")), 3);
        assert_eq!(distance(&v(""), &v("abc")), 3);
    }
}
