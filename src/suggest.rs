//! Near-miss suggestions for typos: `datasourcename` → `datasourceName`, `postgress` → `postgres`.

/// Longer inputs get no suggestion (and cost nothing).
const MAX_LEN: usize = 64;

/// The candidate nearest to `input`, if it is near enough to be a typo of it.
///
/// Compares case-insensitively with the optimal-string-alignment distance (insertions, deletions,
/// substitutions, adjacent transpositions). Allowed distance: 1 up to 4 characters, 2 up to 8, 3 above.
pub fn suggest(input: &str, candidates: impl IntoIterator<Item = &'static str>) -> Option<&'static str> {
    let a: Vec<char> = input.chars().flat_map(char::to_lowercase).collect();
    if a.is_empty() || a.len() > MAX_LEN {
        return None;
    }
    let limit = match a.len() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &'static str)> = None;
    for cand in candidates {
        if cand == input {
            continue;
        }
        let b: Vec<char> = cand.chars().flat_map(char::to_lowercase).collect();
        let d = distance(&a, &b);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal string alignment distance, in O(len(a)·len(b)) time and O(len(b)) memory per row.
fn distance(a: &[char], b: &[char]) -> usize {
    if a.len().abs_diff(b.len()) > 3 {
        return usize::MAX;
    }
    let n = b.len();
    let mut prev2 = vec![0usize; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur = vec![0usize; n + 1];
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
    }

    #[test]
    fn far_or_odd_inputs_find_nothing() {
        assert_eq!(suggest("colour", KEYS), None);
        assert_eq!(suggest("", KEYS), None);
        assert_eq!(suggest(&"x".repeat(10_000), KEYS), None);
        assert_eq!(suggest("password", KEYS), None, "an exact key is no typo");
        assert_eq!(suggest("пароль", KEYS), None);
    }

    #[test]
    fn distance_counts_transpositions_once() {
        let v = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(distance(&v("ab"), &v("ba")), 1);
        assert_eq!(distance(&v("kitten"), &v("sitting")), 3);
        assert_eq!(distance(&v(""), &v("abc")), 3);
    }
}
