//! Comparing version strings as the clouds write them: `4.4`, `7.0`, `6.7.0`, `7.10_with_X-Pack`,
//! `ali1.10.1`, `2.0.28.1`. Numbers compare numerically (`7.10` > `7.9`); missing parts count as zero
//! (`6.7` = `6.7.0`); an edition suffix after `_` and an `ali`/`v` prefix are ignored.

use std::cmp::Ordering;

/// The numeric parts of a version, or `None` when it has none or a part is not a number.
#[must_use]
pub fn numeric_parts(version: &str) -> Option<Vec<u64>> {
    let v = version.trim();
    let v = v
        .strip_prefix("ali")
        .or_else(|| v.strip_prefix('v'))
        .or_else(|| v.strip_prefix('V'))
        .unwrap_or(v);
    let number = v.split('_').next().unwrap_or(v);
    if number.is_empty() {
        return None;
    }
    number
        .split('.')
        .map(|p| {
            if p.is_empty() || p.len() > 9 || !p.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                p.parse().ok()
            }
        })
        .collect()
}

/// Compares two versions numerically; `None` when either is not a version.
#[must_use]
pub fn version_cmp(a: &str, b: &str) -> Option<Ordering> {
    let (a, b) = (numeric_parts(a)?, numeric_parts(b)?);
    let len = a.len().max(b.len());
    let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
    Some(
        (0..len)
            .map(|i| at(&a, i).cmp(&at(&b, i)))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal),
    )
}

/// The first two numbers (`4.0.23` → `(4, 0)`).
#[must_use]
pub fn major_minor(version: &str) -> Option<(u64, u64)> {
    let parts = numeric_parts(version)?;
    Some((parts[0], parts.get(1).copied().unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_numerically_and_ignores_editions() {
        assert_eq!(version_cmp("7.10", "7.9"), Some(Ordering::Greater));
        assert_eq!(version_cmp("6.7", "6.7.0"), Some(Ordering::Equal));
        assert_eq!(
            version_cmp("7.10_with_X-Pack", "6.7_with_X-Pack"),
            Some(Ordering::Greater)
        );
        assert_eq!(version_cmp("ali1.2.0", "ali1.10.1"), Some(Ordering::Less));
        assert_eq!(version_cmp("2.0.28.1", "2.0.28.10"), Some(Ordering::Less));
        assert_eq!(version_cmp("4.4", "x"), None);
        assert_eq!(version_cmp("", "1"), None);
        assert_eq!(version_cmp("1..2", "1"), None);
        assert_eq!(major_minor("4.0.23"), Some((4, 0)));
        assert_eq!(major_minor("5"), Some((5, 0)));
    }
}
