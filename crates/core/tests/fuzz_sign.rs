//! Fuzz target: canonicalisation for signing (query strings, percent-encoding, paths, headers).
//!
//! Arbitrary Unicode, reserved characters, `%` escapes (valid and broken), repeated names and hostile
//! header names and values. Checked: nothing panics; the canonical query decodes back to exactly the
//! input pairs, in byte order of (name, value), whatever order they came in; the canonical path is
//! clean, idempotent and keeps every segment's bytes; the canonical headers are lower-cased, trimmed,
//! sorted, grouped and listed in `SignedHeaders`, and the signature does not change when headers or
//! query parameters are reordered, header names change case or values gain surrounding blanks.
//!
//! `#[ignore]`d so `cargo test` stays quick: `scripts/test.sh` runs a short round (256 cases per
//! property), `make fuzz` a long one (`FUZZ_CASES`, `FUZZ_SECONDS`; see `fuzz_support`).
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use std::sync::atomic::{AtomicU64, Ordering};

use console_core::sign::time::SigningTime;
use console_core::sign::{
    canonical_path, canonical_query, percent_encode_strict, sign_acs3, sign_huawei,
    Acs3HeaderPolicy, Acs3Params, Credentials, HuaweiParams, UnsignedRequest,
};
use percent_encoding::percent_decode_str;
use proptest::prelude::*;
use proptest::sample::Index;

/// Text that exercises the encoder: reserved and unreserved ASCII, `%` escapes good and bad, Unicode.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9._~-]{0,8}",
        "[ -~]{0,12}",
        "(%[0-9A-Fa-f]{2}|%[g-z]?|[a-z&=+ ]){0,6}",
        any::<String>(),
        Just(String::new()),
    ]
}

fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    // A small name pool too, so repeated names (sorted by value) come up often.
    let name = prop_oneof![
        text(),
        prop::sample::select(vec!["a", "A", "Tag.1", "Tag.10", "é", "~"]).prop_map(String::from)
    ];
    prop::collection::vec((name, text()), 0..8)
}

fn only_unreserved_and_escapes(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if b
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
                && b.get(i + 2)
                    .is_some_and(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase()) =>
            {
                i += 3;
            }
            c if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~') => i += 1,
            _ => return false,
        }
    }
    true
}

fn decode(s: &str) -> Vec<u8> {
    percent_decode_str(s).collect()
}

/// A permutation of `v` chosen by `rotate` and `swaps` (cheap, and shrinks well).
fn shuffled<T: Clone>(v: &[T], rotate: Index, swaps: &[(Index, Index)]) -> Vec<T> {
    let mut out = v.to_vec();
    if !out.is_empty() {
        let by = rotate.index(out.len());
        out.rotate_left(by);
        for (a, b) in swaps {
            let (a, b) = (a.index(out.len()), b.index(out.len()));
            out.swap(a, b);
        }
    }
    out
}

#[test]
#[ignore = "fuzz target: scripts/test.sh (short) and make fuzz (long)"]
fn fuzz_canonical_query() {
    let strategy = (
        pairs(),
        any::<Index>(),
        prop::collection::vec(any::<(Index, Index)>(), 0..4),
    );
    fuzz_support::run("sign/canonical_query", strategy, |(q, rotate, swaps)| {
        let out = canonical_query(&q);
        // Same string whatever the input order.
        prop_assert_eq!(&canonical_query(&shuffled(&q, rotate, &swaps)), &out);
        let parts: Vec<&str> = if out.is_empty() {
            Vec::new()
        } else {
            out.split('&').collect()
        };
        prop_assert_eq!(parts.len(), q.len());
        // Round trip: every part decodes to one input pair; together, exactly the input (sorted).
        let mut decoded = Vec::with_capacity(parts.len());
        for part in &parts {
            let (n, v) = part
                .split_once('=')
                .ok_or_else(|| TestCaseError::fail(format!("no '=' in {part:?}")))?;
            prop_assert!(
                only_unreserved_and_escapes(n) && only_unreserved_and_escapes(v),
                "{:?}",
                part
            );
            decoded.push((decode(n), decode(v)));
        }
        let mut want: Vec<(Vec<u8>, Vec<u8>)> = q
            .iter()
            .map(|(n, v)| (n.clone().into_bytes(), v.clone().into_bytes()))
            .collect();
        want.sort();
        prop_assert_eq!(&decoded, &want, "in byte order of (name, value)");
        // Encoding a decoded pair again gives the same part (one canonical spelling per pair).
        for ((n, v), part) in q_sorted(&q).iter().zip(&parts) {
            prop_assert_eq!(
                format!("{}={}", percent_encode_strict(n), percent_encode_strict(v)),
                *part
            );
        }
        Ok(())
    });
}

fn q_sorted(q: &[(String, String)]) -> Vec<(String, String)> {
    let mut v = q.to_vec();
    v.sort();
    v
}

#[test]
#[ignore = "fuzz target: scripts/test.sh (short) and make fuzz (long)"]
fn fuzz_canonical_path() {
    let seg = prop_oneof![text(), "(%2[eE]|\\.|%2[fF]|%){1,3}"];
    let path = prop_oneof![
        prop::collection::vec(seg, 0..6).prop_map(|s| s.join("/")),
        prop::collection::vec(text(), 0..4).prop_map(|s| format!("/{}", s.join("/"))),
        any::<String>(),
    ];
    fuzz_support::run("sign/canonical_path", path, |p| {
        let once = canonical_path(&p);
        prop_assert!(once.starts_with('/'));
        prop_assert_eq!(&canonical_path(&once), &once, "idempotent");
        let ours: Vec<&str> = once.split('/').collect();
        prop_assert!(
            ours.iter().all(|s| only_unreserved_and_escapes(s)),
            "{:?}",
            once
        );
        // Same segments, same bytes once decoded (a leading '/' is added when missing).
        let theirs: Vec<&str> = if p.is_empty() {
            vec!["", ""]
        } else if p.starts_with('/') {
            p.split('/').collect()
        } else {
            std::iter::once("").chain(p.split('/')).collect()
        };
        prop_assert_eq!(ours.len(), theirs.len(), "{:?} -> {:?}", p, once);
        for (a, b) in ours.iter().zip(&theirs) {
            prop_assert_eq!(decode(a), decode(b));
        }
        Ok(())
    });
}

/// Header names: valid tokens (including the prefixes the signers select on), and arbitrary text.
fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "(x-acs-|X-Acs-|x-sdk-|X-|)[A-Za-z0-9!#$%&'*+.^_`|~-]{1,10}",
        1 => prop::sample::select(vec!["Content-Type", "content-type", "X-Project-Id", "x_under", "Accept"]).prop_map(String::from),
        1 => any::<String>(),
    ]
}

fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[ \\t!-~]{0,16}", 1 => any::<String>()]
}

/// The header block of a canonical request: its lines from the 4th to the blank line.
fn header_lines(canonical: &str) -> Vec<&str> {
    canonical
        .split('\n')
        .skip(3)
        .take_while(|l| !l.is_empty())
        .collect()
}

/// The canonical-header rules, checked on one signer's output.
fn check_headers(
    canonical: &str,
    signed: &str,
    input: &[(String, String)],
    selected: impl Fn(&str) -> bool,
) -> Result<(), TestCaseError> {
    let lines = header_lines(canonical);
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l.split_once(':').map_or(*l, |(n, _)| n))
        .collect();
    prop_assert_eq!(names.join(";"), signed);
    prop_assert!(
        names.windows(2).all(|w| w[0] < w[1]),
        "sorted and grouped: {:?}",
        names
    );
    for (line, name) in lines.iter().zip(&names) {
        prop_assert_eq!(name.to_ascii_lowercase(), *name);
        let mut values: Vec<&str> = input
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .collect();
        values.sort_unstable();
        if !values.is_empty() {
            prop_assert_eq!(&line[name.len() + 1..], values.join(","), "{:?}", line);
        }
    }
    for (n, _) in input {
        let lower = n.to_ascii_lowercase();
        prop_assert_eq!(
            names.contains(&lower.as_str()),
            selected(&lower),
            "{} selected?",
            lower
        );
    }
    Ok(())
}

#[test]
#[ignore = "fuzz target: scripts/test.sh (short) and make fuzz (long)"]
fn fuzz_header_canonicalisation() {
    let strategy = (
        prop::collection::vec((header_name(), header_value()), 0..6),
        pairs(),
        any::<Index>(),
        prop::collection::vec(any::<(Index, Index)>(), 0..3),
        any::<bool>(),
        0i64..4_102_444_800,
    );
    let signed = AtomicU64::new(0);
    fuzz_support::run(
        "sign/headers",
        strategy,
        |(headers, query, rotate, swaps, all, secs)| {
            let time = SigningTime::from_unix_seconds(secs)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let creds = Credentials::new("AKID", "secret");
            let req = UnsignedRequest {
                method: "POST".into(),
                host: "r-kvstore.aliyuncs.com".into(),
                path: "/".into(),
                query: query.clone(),
                headers: headers.clone(),
                body: b"{}".to_vec(),
            };
            // Reordered headers and query, header names in other case, values with blanks around them.
            let variant = UnsignedRequest {
                headers: shuffled(&headers, rotate, &swaps)
                    .into_iter()
                    .map(|(n, v)| {
                        (
                            if all {
                                n.to_ascii_uppercase()
                            } else {
                                n.to_ascii_lowercase()
                            },
                            format!(" \t{v} "),
                        )
                    })
                    .collect(),
                query: shuffled(&query, rotate, &swaps),
                ..req.clone()
            };
            let policy = if all {
                Acs3HeaderPolicy::AllHeaders
            } else {
                Acs3HeaderPolicy::Standard
            };
            let mut params =
                Acs3Params::new("ModifyInstanceMajorVersion", "2015-01-01", "nonce-1", time);
            params.header_policy = policy;
            match (
                sign_acs3(&req, &creds, &params),
                sign_acs3(&variant, &creds, &params),
            ) {
                (Ok(a), Ok(b)) => {
                    signed.fetch_add(1, Ordering::Relaxed);
                    prop_assert_eq!(&a.steps.signature, &b.steps.signature);
                    let select = |n: &str| {
                        all || n == "host" || n == "content-type" || n.starts_with("x-acs-")
                    };
                    check_headers(
                        &a.steps.canonical_request,
                        &a.steps.signed_headers,
                        &headers,
                        select,
                    )?;
                }
                // Invalid input is refused the same way in both spellings (a value with blanks added can
                // only turn "invalid" into "invalid").
                (Err(_), Err(_)) => {}
                (a, b) => prop_assert!(
                    false,
                    "one spelling signed, the other did not: {:?} / {:?}",
                    a.err(),
                    b.err()
                ),
            }
            let huawei = HuaweiParams {
                time,
                project_id: Some("0123456789abcdef0123456789abcdef"),
            };
            match (
                sign_huawei(&req, &creds, &huawei),
                sign_huawei(&variant, &creds, &huawei),
            ) {
                (Ok(a), Ok(b)) => {
                    signed.fetch_add(1, Ordering::Relaxed);
                    prop_assert_eq!(&a.steps.signature, &b.steps.signature);
                    check_headers(
                        &a.steps.canonical_request,
                        &a.steps.signed_headers,
                        &headers,
                        |n| !n.contains('_'),
                    )?;
                    prop_assert!(a.steps.signed_headers.split(';').any(|n| n == "x-sdk-date"));
                }
                (Err(_), Err(_)) => {}
                (a, b) => prop_assert!(
                    false,
                    "one spelling signed, the other did not: {:?} / {:?}",
                    a.err(),
                    b.err()
                ),
            }
            Ok(())
        },
    );
    eprintln!(
        "fuzz sign/headers: {} signatures checked (V3 and Huawei)",
        signed.into_inner()
    );
}
