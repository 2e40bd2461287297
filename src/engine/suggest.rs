//! Near-miss suggestions for typos: `datasourcename` → `datasourceName`, `postgress` → `postgres`.

/// Longer inputs get no suggestion (and cost nothing).
const MAX_LEN: usize = 64;

/// The candidate nearest to `input`, if it is near enough to be a typo of it.
///
/// Compares ASCII-case-insensitively, byte by byte (keys and enum values are ASCII; a non-ASCII
/// character simply counts as a few edits), with the optimal string alignment distance
/// (insertions, deletions, substitutions, adjacent transpositions). A plausible misspelling is
/// within 1 edit of a word of up to 4 bytes, 2 of one up to 11, 3 of a longer one, counting the
/// shorter of the two words: `sslpassword` is three letters more than `password`, another key,
/// not a typo of it. Allocation-free: inputs are at most 64 bytes, and candidates are first
/// filtered by length and by a cheap lower bound of the distance.
pub fn suggest(input: &str, candidates: impl IntoIterator<Item = &'static str>) -> Option<&'static str> {
    let n = input.len();
    if n == 0 || n > MAX_LEN {
        return None;
    }
    let mut a = [0u8; MAX_LEN];
    for (dst, src) in a.iter_mut().zip(input.bytes()) {
        *dst = src.to_ascii_lowercase();
    }
    let a = &a[..n];
    let mut best: Option<(usize, &'static str)> = None;
    let mut b = [0u8; MAX_LEN];
    for cand in candidates {
        let m = cand.len();
        // Only a strictly nearer candidate can replace the best so far: look no further than that.
        let limit = match best {
            Some((0, _)) => break,
            Some((bd, _)) => allowed(n.min(m)).min(bd - 1),
            None => allowed(n.min(m)),
        };
        if cand == input || m.abs_diff(n) > limit || m > MAX_LEN {
            continue;
        }
        for (dst, src) in b.iter_mut().zip(cand.bytes()) {
            *dst = src.to_ascii_lowercase();
        }
        let b = &b[..m];
        if bag_distance(a, b) > limit {
            continue;
        }
        let d = distance(a, b, limit);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// How many edits a misspelling of a word of `len` bytes may have.
fn allowed(len: usize) -> usize {
    match len {
        0..=4 => 1,
        5..=11 => 2,
        _ => 3,
    }
}

/// A lower bound of the edit distance, cheap to compute: how many bytes one string has that the
/// other lacks (as multisets).
fn bag_distance(a: &[u8], b: &[u8]) -> usize {
    let mut counts = [0i8; 256];
    for &c in a {
        counts[usize::from(c)] = counts[usize::from(c)].saturating_add(1);
    }
    for &c in b {
        counts[usize::from(c)] = counts[usize::from(c)].saturating_sub(1);
    }
    // Only the bytes that occur can be non-zero: sum them, clearing as we go.
    let (mut extra_a, mut extra_b) = (0usize, 0usize);
    for &c in a.iter().chain(b) {
        let n = std::mem::take(&mut counts[usize::from(c)]);
        if n > 0 {
            extra_a += n as usize;
        } else {
            extra_b += n.unsigned_abs() as usize;
        }
    }
    extra_a.max(extra_b)
}

/// Optimal string alignment distance between two strings of at most [`MAX_LEN`] characters, if it
/// is at most `limit`; any larger result only means "too far". Only the band of cells within
/// `limit` of the diagonal is computed (cells outside it are too far by construction), in three
/// rolling rows of one small stack buffer.
fn distance(a: &[u8], b: &[u8], limit: usize) -> usize {
    if a.len().abs_diff(b.len()) > limit || a.len() > MAX_LEN || b.len() > MAX_LEN || limit >= MAX_LEN {
        return usize::MAX;
    }
    const W: usize = MAX_LEN + 1;
    let n = b.len();
    let far = limit as u8 + 1;
    let mut rows = [far; 3 * W];
    // Row indices: two rows back, previous, current.
    let (mut r2, mut r1, mut r0) = (0, W, 2 * W);
    for j in 0..=n.min(limit) {
        rows[r1 + j] = j as u8;
    }
    for (i, &ca) in a.iter().enumerate() {
        let row = i + 1;
        let lo = row.saturating_sub(limit).max(1);
        let hi = (row + limit).min(n);
        // Cells left of the band are too far; the first column is the row number.
        rows[r0 + lo - 1] = if lo == 1 { (row as u8).min(far) } else { far };
        let mut row_min = rows[r0 + lo - 1];
        for j in lo..=hi {
            let cb = b[j - 1];
            let cost = u8::from(ca != cb);
            let mut d = (rows[r1 + j] + 1).min(rows[r0 + j - 1] + 1).min(rows[r1 + j - 1] + cost);
            if i > 0 && j > 1 && a[i - 1] == cb && b[j - 2] == ca {
                d = d.min(rows[r2 + j - 2] + 1);
            }
            let d = d.min(far);
            rows[r0 + j] = d;
            row_min = row_min.min(d);
        }
        if hi < n {
            rows[r0 + hi + 1] = far;
        }
        if row_min >= far {
            return usize::MAX;
        }
        (r2, r1, r0) = (r1, r0, r2);
    }
    usize::from(rows[r1 + n])
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
        assert_eq!(suggest("pässword", KEYS), Some("password"), "ä is two bytes, two edits");
        assert_eq!(suggest("sslpassword", KEYS), None, "another key, not a typo");
        assert_eq!(suggest("dbpassword", KEYS), Some("password"), "two letters more: plausible");
        assert_eq!(suggest("datasourcenme", KEYS), Some("datasourceName"));
    }

    #[test]
    fn bag_distance_is_a_lower_bound() {
        let v = |s: &str| s.bytes().collect::<Vec<_>>();
        for (a, b) in
            [("kitten", "sitting"), ("ab", "ba"), ("datasourcenme", "datasourcename"), ("", "abc"), ("abc", "xyz")]
        {
            assert!(bag_distance(&v(a), &v(b)) <= distance(&v(a), &v(b), 64), "{a} {b}");
        }
        assert_eq!(bag_distance(&v("ab"), &v("ba")), 0);
        assert_eq!(bag_distance(&v("abc"), &v("xyz")), 3);
    }

    #[test]
    fn distance_counts_transpositions_once() {
        let v = |s: &str| s.bytes().collect::<Vec<_>>();
        assert_eq!(distance(&v("ab"), &v("ba"), 3), 1);
        assert_eq!(distance(&v("kitten"), &v("sitting"), 3), 3);
        assert_eq!(distance(&v(""), &v("abc"), 3), 3);
        assert!(distance(&v("kitten"), &v("sitting"), 2) > 2);
        assert_eq!(distance(&v("abcdefgh"), &v("zyxwvuts"), 3), usize::MAX);
    }
}
