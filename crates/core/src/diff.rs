//! A small line diff, to put the server's string to sign (or Huawei's canonical request) next to ours
//! after `SignatureDoesNotMatch` and show the line that differs (apis.md §E.2: "users paste the server's
//! string to sign and still cannot find the difference").

use serde::Serialize;

/// Which side a diff line comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DiffKind {
    /// In both.
    Same,
    /// Only in ours (what the console signed).
    Ours,
    /// Only in theirs (what the server computed).
    Theirs,
}

/// One line of a diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffLine {
    /// Side.
    pub kind: DiffKind,
    /// The line text.
    pub text: String,
}

/// Largest `ours × theirs` line product diffed exactly; beyond it lines are compared by position.
const MAX_CELLS: usize = 250_000;

/// Splits a signing string into comparable lines: multi-line strings by line; an RPC V1 string to sign
/// (`POST&%2F&A%3D1%26B%3D2`, one long line) into method, path and one line per encoded parameter.
#[must_use]
pub fn split_for_diff(s: &str) -> Vec<String> {
    if s.contains('\n') {
        return s.lines().map(str::to_owned).collect();
    }
    let mut parts = s.splitn(3, '&');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(path), Some(query))
            if !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            let mut out = vec![method.to_owned(), path.to_owned()];
            out.extend(query.split("%26").map(str::to_owned));
            out
        }
        _ => vec![s.to_owned()],
    }
}

/// Diffs two texts line by line (longest common subsequence), after [`split_for_diff`].
#[must_use]
pub fn diff_lines(ours: &str, theirs: &str) -> Vec<DiffLine> {
    let (a, b) = (split_for_diff(ours), split_for_diff(theirs));
    let line = |kind, text: &String| DiffLine {
        kind,
        text: text.clone(),
    };
    if a.len().saturating_mul(b.len()) > MAX_CELLS {
        let mut out = Vec::new();
        for i in 0..a.len().max(b.len()) {
            match (a.get(i), b.get(i)) {
                (Some(x), Some(y)) if x == y => out.push(line(DiffKind::Same, x)),
                (x, y) => {
                    out.extend(x.map(|x| line(DiffKind::Ours, x)));
                    out.extend(y.map(|y| line(DiffKind::Theirs, y)));
                }
            }
        }
        return out;
    }
    // lcs[i][j] = length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![vec![0_usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(line(DiffKind::Same, &a[i]));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            out.push(line(DiffKind::Ours, &a[i]));
            i += 1;
        } else {
            out.push(line(DiffKind::Theirs, &b[j]));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|x| line(DiffKind::Ours, x)));
    out.extend(b[j..].iter().map(|y| line(DiffKind::Theirs, y)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_changed_line() {
        let d = diff_lines("a\nb\nc", "a\nB\nc");
        let kinds: Vec<DiffKind> = d.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                DiffKind::Same,
                DiffKind::Ours,
                DiffKind::Theirs,
                DiffKind::Same
            ]
        );
        assert!(diff_lines("x", "x")
            .iter()
            .all(|l| l.kind == DiffKind::Same));
    }

    #[test]
    fn rpc_strings_split_per_parameter() {
        let s = "POST&%2F&A%3D1%26B%3D2";
        assert_eq!(split_for_diff(s), ["POST", "%2F", "A%3D1", "B%3D2"]);
        let d = diff_lines(s, "POST&%2F&A%3D1%26B%3D3");
        assert_eq!(d.iter().filter(|l| l.kind != DiffKind::Same).count(), 2);
        assert_eq!(split_for_diff("plain"), ["plain"]);
    }
}
