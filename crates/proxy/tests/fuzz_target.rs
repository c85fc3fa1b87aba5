//! Fuzz target: the proxy's parsing of `/proxy/{scheme}/{host[:port]}/{path}?{query}` and its allowlist.
//!
//! Inputs mix allow-listed hosts with every trick a lenient parser would "repair" (userinfo, `%`
//! escapes, backslashes, trailing dots, empty labels, numeric IPv4 spellings, IPv6 forms, look-alike
//! suffixes, Unicode, odd ports, dot segments), spliced together, plus fully arbitrary text. Checked:
//! parsing never panics; whatever it accepts and the allowlist admits is, by an independent and
//! deliberately simple reference check on the raw text, one of the allowed origins; the URL that would
//! be forwarded names exactly that host (as `http::Uri` reads it); and the raw path and query are kept
//! byte for byte.
//!
//! `#[ignore]`d so `cargo test` stays quick: `scripts/test.sh` runs a short round (256 cases), `make
//! fuzz` a long one (`FUZZ_CASES`, `FUZZ_SECONDS`; see `fuzz_support`).

#[path = "../../core/tests/fuzz_support/mod.rs"]
mod fuzz_support;

use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::Uri;
use console_proxy::allowlist::{check, UpstreamPattern, DEFAULT_UPSTREAMS};
use console_proxy::target::parse;
use proptest::prelude::*;

/// The extra upstream the fuzzed allowlist has besides the defaults: a loopback test stub.
const STUB: &str = "127.0.0.1:9000";

/// The reference rule, on the raw text: `https` to a lowercase LDH name under one of the two cloud
/// suffixes (port 443 or none), or `http` to exactly the stub.
fn allowed_by_reference(scheme: &str, authority: &str) -> bool {
    let scheme = scheme.to_ascii_lowercase();
    if scheme == "http" {
        return authority == STUB;
    }
    if scheme != "https" {
        return false;
    }
    let host = authority
        .strip_suffix(":443")
        .unwrap_or(authority)
        .to_ascii_lowercase();
    let Some(prefix) = [".aliyuncs.com", ".myhuaweicloud.com"]
        .iter()
        .find_map(|s| host.strip_suffix(s))
    else {
        return false;
    };
    !prefix.is_empty()
        && prefix.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

fn host_piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "mongodb.aliyuncs.com",
        "a.b.aliyuncs.com",
        "iam.cn-north-4.myhuaweicloud.com",
        "aliyuncs.com",
        "evilaliyuncs.com",
        "aliyuncs.com.evil.com",
        "MongoDB.AliyunCS.com",
        "127.0.0.1",
        "127.0.0.1:9000",
        "127.1",
        "2130706433",
        "0x7f.0.0.1",
        "0177.0.0.1",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "localhost",
        "user@",
        "@",
        "%2e",
        "%41",
        "\\",
        ".",
        "..",
        ":",
        ":443",
        ":9000",
        ":0",
        ":65536",
        ":+443",
        "xn--aliyuncs-xyz.com",
        "аliyuncs.com",
        "mongodb.aliyuncs.com.",
        "-a.aliyuncs.com",
        "a..aliyuncs.com",
        "*.aliyuncs.com",
        "%00",
        "\t",
        " ",
        "#",
        "?",
        "/",
    ])
    .prop_map(str::to_owned)
}

/// A well-formed-looking `labels.suffix[:port]`, sometimes with one trick spliced in somewhere.
fn structured_authority() -> impl Strategy<Value = String> {
    let labels = prop::collection::vec("[a-zA-Z0-9]([a-zA-Z0-9-]{0,6}[a-zA-Z0-9])?", 0..3);
    let suffix = prop::sample::select(vec![
        "aliyuncs.com",
        "myhuaweicloud.com",
        "AliyunCS.com",
        "aliyuncs.com.evil.com",
        "evil.com",
        "aliyuncs.co",
        "myhuaweicloud.com.",
        "huaweicloud.com",
        "aliyuncs.com:443.evil.com",
    ]);
    let port = prop::sample::select(vec!["", "", ":443", ":80", ":9000", ":0443", ":8443", ":"]);
    let trick = prop::option::weighted(0.25, (host_piece(), any::<prop::sample::Index>()));
    (labels, suffix, port, trick).prop_map(|(labels, suffix, port, trick)| {
        let mut a: String = labels.iter().map(|l| format!("{l}.")).collect();
        a.push_str(suffix);
        a.push_str(port);
        if let Some((piece, at)) = trick {
            let mut cut = at.index(a.len() + 1);
            while !a.is_char_boundary(cut) {
                cut -= 1;
            }
            a.insert_str(cut, &piece);
        }
        a
    })
}

/// An allowed cloud host, or one with a single character changed, dropped or added: the inputs where a
/// parser and an allowlist are most likely to disagree.
fn near_miss_authority() -> impl Strategy<Value = String> {
    let host = prop::sample::select(vec![
        "mongodb.aliyuncs.com",
        "r-kvstore.cn-shanghai.aliyuncs.com",
        "a.b.aliyuncs.com",
        "iam.cn-north-4.myhuaweicloud.com",
        "gaussdb.myhuaweicloud.com:443",
    ]);
    let edit = prop::option::weighted(
        0.6,
        (
            any::<prop::sample::Index>(),
            0..3u8,
            prop::sample::select(vec![
                '.', '-', ':', '@', '%', 'A', '0', '\\', '\u{0430}', '_',
            ]),
        ),
    );
    (host, edit).prop_map(|(host, edit)| {
        let mut h: Vec<char> = host.chars().collect();
        if let Some((at, how, c)) = edit {
            let i = at.index(h.len());
            match how {
                0 => h[i] = c,
                1 => {
                    h.remove(i);
                }
                _ => h.insert(i, c),
            }
        }
        h.into_iter().collect()
    })
}

fn authority() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => near_miss_authority(),
        8 => structured_authority(),
        1 => prop::sample::select(vec![
            "127.0.0.1:9000", "127.0.0.1:09000", "127.0.0.01:9000", "[::1]:9000", "127.0.0.1",
            "127.000.0.1:9000", "127.0.0.1:9000.", "0:9000", "[::ffff:7f00:1]:9000",
        ])
        .prop_map(str::to_owned),
        2 => prop::collection::vec(host_piece(), 1..4).prop_map(|p| p.concat()),
        1 => "[a-zA-Z0-9.:@%\\[\\]_-]{0,30}",
        1 => any::<String>(),
    ]
}

fn path_piece() -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(vec![
        "/", "/..", "/%2e%2E/", "/./", "//", "/a%2Fb", "/x{y}", "/\u{e9}", "/a b",
    ]);
    prop_oneof![
        4 => "(/[a-zA-Z0-9._~%-]{0,8}){0,3}",
        1 => tricky.prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

#[test]
#[ignore = "fuzz target: scripts/test.sh (short) and make fuzz (long)"]
fn fuzz_target_parsing_never_leaves_the_allowlist() {
    let patterns: Vec<UpstreamPattern> = DEFAULT_UPSTREAMS
        .iter()
        .copied()
        .chain([&*format!("http://{STUB}")])
        .map(|p| UpstreamPattern::parse(p).expect("pattern"))
        .collect();
    let scheme = prop_oneof![
        8 => prop::sample::select(vec!["https", "http", "HTTPS", "Https"]).prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    let query = prop::option::of(prop_oneof![
        4 => "[a-zA-Z0-9=&%._~-]{0,20}",
        1 => any::<String>(),
    ]);
    let raw = prop_oneof![
        6 => (scheme, authority(), path_piece(), query.clone())
            .prop_map(|(s, a, p, q)| (format!("/proxy/{s}/{a}{p}"), q)),
        1 => (any::<String>(), query),
    ];
    let (parsed, admitted) = (AtomicU64::new(0), AtomicU64::new(0));
    fuzz_support::run("proxy/target", raw, |(path, query)| {
        let Ok(t) = parse(&path, query.as_deref()) else {
            return Ok(());
        };
        parsed.fetch_add(1, Ordering::Relaxed);
        // The reference split of the raw text: /proxy/{scheme}/{authority}{path}.
        let rest = path.strip_prefix("/proxy/").unwrap_or_default();
        let (raw_scheme, rest) = rest.split_once('/').unwrap_or((rest, ""));
        let (raw_authority, raw_path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        // Kept byte for byte.
        prop_assert_eq!(t.path.as_str(), raw_path);
        prop_assert_eq!(t.query.as_deref(), query.as_deref());
        if check(&patterns, &t).is_err() {
            return Ok(());
        }
        admitted.fetch_add(1, Ordering::Relaxed);
        // Admitted: the raw text itself must name an allowed origin.
        prop_assert!(
            allowed_by_reference(raw_scheme, raw_authority),
            "admitted {}://{} as {}",
            raw_scheme,
            raw_authority,
            t.origin()
        );
        // The URL forwarded names the same host, as an HTTP stack reads it.
        if let Ok(uri) = Uri::try_from(t.url()) {
            prop_assert_eq!(
                uri.authority().map(|a| a.as_str().to_owned()),
                Some(t.authority())
            );
            prop_assert_eq!(
                uri.host().map(str::to_ascii_lowercase),
                Some(t.host.as_str().to_owned())
            );
        }
        Ok(())
    });
    eprintln!(
        "fuzz proxy/target: {} parsed, {} admitted by the allowlist",
        parsed.into_inner(),
        admitted.into_inner()
    );
}
