//! Property tests: the percent-encoding matches the clouds' rule for every UTF-8 string, and no signing or
//! parsing function panics on any input.
#![cfg(not(target_arch = "wasm32"))]

use console_core::sign::time::SigningTime;
use console_core::sign::{
    canonical_path, canonical_query, clock_skew, parse_iam_token_response, percent_encode_strict,
    sign_acs3, sign_huawei, sign_rpc_v1, Acs3Params, Credentials, HuaweiParams, RpcV1Params,
    UnsignedRequest,
};
use percent_encoding::percent_decode_str;
use proptest::prelude::*;

/// The rule from signing.md §A.1, written the dumbest possible way.
fn reference_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn only_unreserved_and_escapes(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = |x: Option<&u8>| {
                    x.is_some_and(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c))
                };
                if !(hex(b.get(i + 1)) && hex(b.get(i + 2))) {
                    return false;
                }
                i += 3;
            }
            c if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~') => i += 1,
            _ => return false,
        }
    }
    true
}

fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((any::<String>(), any::<String>()), 0..6)
}

proptest! {
    #[test]
    fn encoding_uses_only_unreserved_and_upper_hex(s in any::<String>()) {
        prop_assert!(only_unreserved_and_escapes(&percent_encode_strict(&s)));
    }

    #[test]
    fn encoding_round_trips(s in any::<String>()) {
        let encoded = percent_encode_strict(&s);
        let decoded = percent_decode_str(&encoded).decode_utf8();
        prop_assert_eq!(decoded.as_deref().ok(), Some(s.as_str()));
    }

    #[test]
    fn encoding_matches_reference(s in any::<String>()) {
        prop_assert_eq!(percent_encode_strict(&s).into_owned(), reference_encode(&s));
    }

    #[test]
    fn canonical_path_is_idempotent_and_clean(p in any::<String>()) {
        let once = canonical_path(&p);
        prop_assert!(once.starts_with('/'));
        prop_assert!(once.split('/').all(only_unreserved_and_escapes));
        prop_assert_eq!(canonical_path(&once), once);
    }

    #[test]
    fn canonical_query_is_sorted_pairs(q in pairs()) {
        let out = canonical_query(&q);
        let parts: Vec<&str> = if out.is_empty() { vec![] } else { out.split('&').collect() };
        prop_assert_eq!(parts.len(), q.len());
        let mut names: Vec<&str> = q.iter().map(|(n, _)| n.as_str()).collect();
        names.sort_unstable();
        for (part, name) in parts.iter().zip(names) {
            let prefix = reference_encode(name) + "=";
            prop_assert!(part.starts_with(&prefix));
        }
    }

    #[test]
    fn signers_never_panic(
        method in prop_oneof!["GET|POST", "[A-Za-z]{0,7}"],
        host in prop_oneof!["[a-z0-9.-]{1,20}", any::<String>()],
        path in prop_oneof![Just(String::from("/")), any::<String>()],
        query in pairs(),
        headers in pairs(),
        body in prop::collection::vec(any::<u8>(), 0..64),
        ak in any::<String>(),
        sk in any::<String>(),
        token in prop::option::of(any::<String>()),
        nonce in any::<String>(),
        secs in any::<i64>(),
    ) {
        let req = UnsignedRequest { method, host, path, query, headers, body };
        let mut creds = Credentials::new(ak, sk);
        if let Some(t) = token {
            creds = creds.with_security_token(t);
        }
        let secs = secs.rem_euclid(253_402_300_800);
        let time = SigningTime::from_unix_seconds(secs).unwrap_or_else(|_| unreachable!());
        if let Ok(s) = sign_rpc_v1(&req, &creds, &RpcV1Params::new("A", "1", &nonce, time)) {
            prop_assert!(s.signed_query.ends_with(&s.signature_param));
        }
        if let Ok(s) = sign_acs3(&req, &creds, &Acs3Params::new("A", "1", &nonce, time)) {
            prop_assert_eq!(s.request.header("Authorization"), Some(s.steps.authorization.as_str()));
            prop_assert_eq!(s.steps.signature.len(), 64);
        }
        if let Ok(s) = sign_huawei(&req, &creds, &HuaweiParams { time, project_id: Some(&nonce) }) {
            prop_assert_eq!(s.request.header("Authorization"), Some(s.steps.authorization.as_str()));
            prop_assert!(s.steps.canonical_request.lines().nth(1).is_some_and(|u| u.ends_with('/')));
        }
    }

    #[test]
    fn parsers_never_panic(
        s in any::<String>(),
        secs in any::<i64>(),
        millis in any::<f64>(),
        body in prop::collection::vec(any::<u8>(), 0..64),
        status in any::<u16>(),
    ) {
        let _ = SigningTime::parse_http_date(&s);
        let _ = SigningTime::parse_iso8601(&s);
        let _ = SigningTime::parse_compact(&s);
        let _ = clock_skew(&s, secs);
        let _ = SigningTime::from_js_millis(millis);
        if let Ok(t) = SigningTime::from_unix_seconds(secs) {
            let _ = t.offset_by(secs);
            prop_assert_eq!(SigningTime::parse_http_date(&t.http_date()), Ok(t));
            prop_assert_eq!(SigningTime::parse_iso8601(&t.alibaba()), Ok(t));
            prop_assert_eq!(SigningTime::parse_compact(&t.huawei()), Ok(t));
        }
        let headers = vec![("X-Subject-Token".to_owned(), s.clone())];
        let _ = parse_iam_token_response(status, &headers, &body);
    }

    #[test]
    fn formats_round_trip_over_the_whole_range(secs in 0i64..=253_402_300_799) {
        let t = SigningTime::from_unix_seconds(secs).unwrap_or_else(|_| unreachable!());
        prop_assert_eq!(SigningTime::parse_http_date(&t.http_date()), Ok(t));
        prop_assert_eq!(SigningTime::parse_iso8601(&t.alibaba()), Ok(t));
        prop_assert_eq!(SigningTime::parse_compact(&t.huawei()), Ok(t));
    }
}
