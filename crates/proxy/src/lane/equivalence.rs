//! The lane writes raw header lines where the general path strips and decorates a header map: for any
//! mix of lines (names in any case, repeated, named by `Connection`, dropped, renamed, replaced, joined),
//! both must put the same lines on the wire. A property test, so the rules cannot drift apart.

use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use bytes::BytesMut;
use proptest::prelude::*;

use super::{framing, head, one, reply};
use crate::cors::Verdict;
use crate::{forward, headers, target};

/// Header names that exercise every rule, in the cases a client or upstream might send them.
const NAMES: [&str; 22] = [
    "X-A",
    "x-a",
    "Accept",
    "Vary",
    "vary",
    "Location",
    "Set-Cookie",
    "Keep-Alive",
    "Proxy-Foo",
    "Sec-Fetch-Mode",
    "Origin",
    "Referer",
    "cookie",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Access-Control-Allow-Origin",
    "X-Proxy-Error",
    "TE",
    "Trailer",
    "X-Acs-Request-Id",
    "Strict-Transport-Security",
    "Host",
];

/// Values: plain, a list, and bytes beyond ASCII (which a map holds but does not read as text).
const VALUES: [&str; 4] = ["v0", "v1", "a, b", "\u{e9}t\u{e9}"];

/// Lines (a name and a value each), the names a `Connection` line lists, and whether that line also
/// carries a token beyond ASCII (which makes it list nothing).
fn lines() -> impl Strategy<Value = (Vec<(usize, usize)>, Vec<usize>, bool)> {
    (
        prop::collection::vec((0..NAMES.len(), 0..VALUES.len()), 0..12),
        prop::collection::vec(0..NAMES.len(), 0..3),
        any::<bool>(),
    )
}

/// The head's lines (`name: value`, the name lowercased), sorted: what crossed, whatever the order.
fn sorted(head: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(head);
    let end = text.find("\r\n\r\n").unwrap_or(text.len());
    let mut out: Vec<String> = text[..end]
        .split("\r\n")
        .skip(1)
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| format!("{}: {v}", n.to_ascii_lowercase()))
        .collect();
    out.sort();
    out
}

/// The raw lines, a `Connection` line listing `listed`, and the same lines as a header map.
fn build(picked: &[(usize, usize)], listed: &[usize], foreign: bool) -> (String, HeaderMap) {
    let mut raw = String::new();
    let mut map = HeaderMap::new();
    let mut tokens: Vec<&str> = listed.iter().map(|&i| NAMES[i]).collect();
    if foreign {
        tokens.push(VALUES[3]);
    }
    let mut all: Vec<(&str, String)> = picked
        .iter()
        .map(|&(i, v)| (NAMES[i], VALUES[v].to_owned()))
        .collect();
    all.push(("Connection", tokens.join(", ")));
    for (n, v) in all {
        raw.push_str(&format!("{n}: {v}\r\n"));
        map.append(
            HeaderName::from_bytes(n.as_bytes()).expect("name"),
            HeaderValue::from_bytes(v.as_bytes()).expect("value"),
        );
    }
    (raw, map)
}

proptest! {
    #[test]
    fn requests_cross_alike((picked, listed, foreign) in lines()) {
        let (raw, mut map) = build(&picked, &listed, foreign);
        let bytes = format!("GET /proxy/http/h:1/p?q=1 HTTP/1.1\r\n{raw}\r\n");
        let head::Parsed::Whole(req) = head::parse(bytes.as_bytes(), 1024) else {
            panic!("not taken: {bytes:?}");
        };
        let t = target::parse("/proxy/http/h:1/p", Some("q=1")).expect("target");
        let mut lane = Vec::new();
        one::write_request(&mut lane, &req, &t, "h:1", b"");
        headers::strip_request(&mut map, HeaderValue::from_static("h:1"));
        let mut general = b"GET /p?q=1 HTTP/1.1\r\n".to_vec();
        for (n, v) in &map {
            reply::line(&mut general, n.as_str().as_bytes(), v.as_bytes());
        }
        general.extend_from_slice(b"\r\n");
        prop_assert_eq!(sorted(&lane), sorted(&general), "{}", bytes);
    }

    #[test]
    fn replies_cross_alike((picked, listed, foreign) in lines(), verdict in 0..3) {
        let (raw, mut map) = build(&picked, &listed, foreign);
        let verdict = match verdict {
            0 => Verdict::NoOrigin,
            1 => Verdict::SameOrigin,
            _ => Verdict::Allowed(HeaderValue::from_static("http://portal.example")),
        };
        // A fixed date, so that neither side adds one of its own.
        let text = format!("HTTP/1.1 200 OK\r\n{raw}Date: d\r\nContent-Length: 0\r\n\r\n");
        let Ok(Some((_, Some(h)))) = framing::parse_head(text.as_bytes(), false) else {
            panic!("not read: {text:?}");
        };
        let mut lane = Vec::new();
        let additions = forward::additions(&verdict);
        let mut buf = BytesMut::from(text.as_bytes());
        reply::forwarded(&mut lane, &mut buf, &h, &additions, reply::Out::AsIs, false);
        map.append("date", HeaderValue::from_static("d"));
        map.append("content-length", HeaderValue::from_static("0"));
        headers::strip_response(&mut map);
        forward::decorate(&verdict, &mut map);
        let mut general = Vec::new();
        reply::head(&mut general, StatusCode::OK, &map, reply::Out::AsIs, false);
        prop_assert_eq!(sorted(&lane), sorted(&general), "{}", text);
    }
}
