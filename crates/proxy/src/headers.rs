//! Which headers cross the proxy.
//!
//! Requests keep every end-to-end header unchanged (the signers sign some of them), minus hop-by-hop
//! headers (RFC 9110 §7.6.1, plus `Expect`, which the proxy answers itself) and the browser's own context
//! (`Origin`, `Referer`, `Cookie`, `Sec-*`), which no signature covers and which belong to the console's
//! origin, not the cloud's. `Host` is replaced by the upstream authority. Replies keep their headers minus
//! hop-by-hop ones, the few that would act on the console's origin (cookies, HSTS, Alt-Svc,
//! Clear-Site-Data, upstream CORS) and any `X-Proxy-*` (the proxy's own namespace, so an upstream cannot
//! fake a proxy error); `Location` is renamed so the browser does not follow a redirect that the proxy
//! deliberately did not follow.

use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};

/// Where the upstream's `Location` goes, so the page can still show it.
pub const UPSTREAM_LOCATION: HeaderName = HeaderName::from_static("x-proxy-upstream-location");

/// Hop-by-hop headers that never cross a proxy.
const HOP_BY_HOP: [&str; 7] = [
    "connection",
    "keep-alive",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "proxy-connection",
];

/// Response headers scoped to the origin that served them: here that would be the console's origin.
const ORIGIN_SCOPED: [&str; 6] = [
    "set-cookie",
    "set-cookie2",
    "strict-transport-security",
    "alt-svc",
    "clear-site-data",
    "public-key-pins",
];

/// A header the proxy adds to a reply, as data: it `replaces` the upstream's header of that name (a map's
/// `insert`) or joins it (`append`). So a map ([`Addition::apply`]) and the forwarding lane's raw reply
/// writer add the same headers the same way.
#[derive(Debug, Clone)]
pub(crate) struct Addition {
    pub(crate) name: HeaderName,
    pub(crate) value: HeaderValue,
    pub(crate) replaces: bool,
}

impl Addition {
    /// Adds the header to `h`.
    pub(crate) fn apply(self, h: &mut HeaderMap) {
        if self.replaces {
            h.insert(self.name, self.value);
        } else {
            h.append(self.name, self.value);
        }
    }
}

/// True for hop-by-hop headers (not counting those named in `Connection`).
fn is_hop_by_hop(n: &[u8]) -> bool {
    one_of(n, &HOP_BY_HOP) || starts_with(n, b"proxy-")
}

/// `n` is one of `names`, ignoring ASCII case.
fn one_of(n: &[u8], names: &[&str]) -> bool {
    names.iter().any(|m| n.eq_ignore_ascii_case(m.as_bytes()))
}

/// `n` starts with `prefix` (lowercase), ignoring ASCII case.
fn starts_with(n: &[u8], prefix: &[u8]) -> bool {
    n.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Removes, in place, every header that `drops` picks and every header named in `Connection: a, b`;
/// returns whether a `Location` header is present.
///
/// In place rather than into a new map: most requests and replies lose only a header or two (the reply's
/// `Connection`), so one pass over the names and a removal or two replace rehashing and copying every
/// header. (The order between headers of different names, which carries no meaning, may change.)
fn strip(h: &mut HeaderMap, drops: impl Fn(&[u8]) -> bool) -> bool {
    let mut location = false;
    let doomed: Vec<HeaderName> = {
        // `Connection` names a token or two (`keep-alive`, `close`): read once, not once per header.
        let listed: Vec<&[u8]> = h
            .get_all(header::CONNECTION)
            .iter()
            .flat_map(|v| connection_tokens(v.as_bytes()))
            .collect();
        h.keys()
            .filter(|name| {
                let n = name.as_str();
                location |= n == "location";
                drops(n.as_bytes()) || listed.iter().any(|t| t.eq_ignore_ascii_case(n.as_bytes()))
            })
            .cloned()
            .collect()
    };
    for name in doomed {
        h.remove(name);
    }
    location
}

/// True for a request header that never goes upstream, not counting those named in `Connection`: the
/// one rule for [`strip_request`]'s map and the forwarding lane's raw lines (so any case).
pub(crate) fn request_drops(n: &[u8]) -> bool {
    one_of(
        n,
        &["origin", "referer", "cookie", "content-length", "expect"],
    ) || starts_with(n, b"sec-")
        || is_hop_by_hop(n)
}

/// True for a reply header that never goes back to the page, not counting those named in `Connection`:
/// the one rule for [`strip_response`]'s map and the forwarding lane's raw lines (so any case).
/// (`x-proxy-*` is the proxy's own namespace: an upstream must not fake a proxy error.)
pub(crate) fn response_drops(n: &[u8]) -> bool {
    one_of(n, &ORIGIN_SCOPED)
        || starts_with(n, b"access-control-")
        || starts_with(n, b"x-proxy-")
        || is_hop_by_hop(n)
}

/// The header names a `Connection` value lists (RFC 9110 §7.6.1), read as [`strip`] reads them from a
/// map: a value that is not visible ASCII lists nothing.
pub(crate) fn connection_tokens(value: &[u8]) -> impl Iterator<Item = &[u8]> {
    let text: &[u8] = if is_visible_ascii(value) { value } else { &[] };
    text.split(|&b| b == b',')
        .map(<[u8]>::trim_ascii)
        .filter(|t| !t.is_empty())
}

/// True when one of the `Connection` lines among a raw head's `lines` (the forwarding lane's `httparse`
/// lines) names `n` (any case): [`strip`]'s rule, for lines rather than a map.
pub(crate) fn listed(lines: &[httparse::Header<'_>], n: &[u8]) -> bool {
    lines
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("connection"))
        .any(|h| connection_tokens(h.value).any(|t| t.eq_ignore_ascii_case(n)))
}

/// A raw line a header map holds: a name `HeaderName::from_bytes` takes (`httparse` has checked its
/// characters; the length is the map's limit) and a value `HeaderValue::from_bytes` takes (no control
/// bytes but tabs, no DEL). The lane reads no line a map would refuse, requests and replies alike.
pub(crate) fn map_holds(h: &httparse::Header<'_>) -> bool {
    h.name.len() <= MAX_NAME
        && h.value
            .iter()
            .all(|&b| (b >= 0x20 && b != 0x7f) || b == b'\t')
}

/// The longest header name a header map takes.
const MAX_NAME: usize = (1 << 16) - 1;

/// The value as text when it is visible ASCII (and tabs), as `HeaderValue::to_str` reads it.
pub(crate) fn visible_ascii(value: &[u8]) -> Option<&str> {
    if is_visible_ascii(value) {
        std::str::from_utf8(value).ok()
    } else {
        None
    }
}

fn is_visible_ascii(value: &[u8]) -> bool {
    value
        .iter()
        .all(|&b| b == b'\t' || (0x20..0x7f).contains(&b))
}

/// Makes the client's headers the ones to send upstream: minus hop-by-hop, browser-context and framing
/// headers, with `Host` set to `host` (the target's authority; replaced in place when the client sent
/// one). `Content-Length` is recomputed from the exact body bytes by the client.
pub fn strip_request(h: &mut HeaderMap, host: HeaderValue) {
    strip(h, request_drops);
    h.insert(header::HOST, host);
}

/// Makes the upstream's headers the ones to send back to the page: minus hop-by-hop and origin-scoped
/// ones, with `Location` renamed to [`UPSTREAM_LOCATION`].
pub fn strip_response(h: &mut HeaderMap) {
    let location = strip(h, response_drops);
    if location {
        if let header::Entry::Occupied(e) = h.entry(header::LOCATION) {
            let (_, values) = e.remove_entry_mult();
            let values: Vec<_> = values.collect();
            for v in values {
                h.append(UPSTREAM_LOCATION, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                HeaderName::from_bytes(k.as_bytes()).expect("name"),
                HeaderValue::from_str(v).expect("value"),
            );
        }
        h
    }

    #[test]
    fn request_keeps_signed_headers_and_drops_the_rest() {
        let mut h = map(&[
            ("authorization", "ACS3-HMAC-SHA256 Credential=a"),
            ("x-acs-date", "2024-01-01T00:00:00Z"),
            ("content-type", "application/json"),
            ("x-sdk-date", "20240101T000000Z"),
            ("host", "127.0.0.1:8080"),
            ("content-length", "3"),
            ("connection", "keep-alive, x-custom"),
            ("x-custom", "hop"),
            ("keep-alive", "timeout=5"),
            ("proxy-authorization", "Basic x"),
            ("te", "trailers"),
            ("upgrade", "h2c"),
            ("origin", "http://127.0.0.1:8080"),
            ("referer", "http://127.0.0.1:8080/op/x"),
            ("cookie", "a=b"),
            ("sec-fetch-mode", "cors"),
            ("expect", "100-continue"),
            ("accept", "*/*"),
        ]);
        strip_request(&mut h, HeaderValue::from_static("upstream.example:8443"));
        assert_eq!(h.get_all(header::HOST).iter().count(), 1);
        assert_eq!(h[header::HOST], "upstream.example:8443");
        let mut names: Vec<_> = h.keys().map(HeaderName::as_str).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "accept",
                "authorization",
                "content-type",
                "host",
                "x-acs-date",
                "x-sdk-date"
            ]
        );
    }

    #[test]
    fn response_renames_location_and_drops_origin_scoped() {
        let mut h = map(&[
            ("location", "https://elsewhere.example/"),
            ("location", "https://second.example/"),
            ("connection", "close, X-Hop"),
            ("x-hop", "1"),
            ("set-cookie", "a=b"),
            ("strict-transport-security", "max-age=1"),
            ("access-control-allow-origin", "*"),
            ("transfer-encoding", "chunked"),
            ("x-proxy-error", "fake"),
            ("x-acs-request-id", "R1"),
            ("content-type", "application/json"),
        ]);
        strip_response(&mut h);
        let moved: Vec<_> = h.get_all(UPSTREAM_LOCATION).iter().collect();
        assert_eq!(
            moved,
            ["https://elsewhere.example/", "https://second.example/"]
        );
        assert!(h.get(header::LOCATION).is_none());
        let mut names: Vec<_> = h.keys().map(HeaderName::as_str).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "content-type",
                "x-acs-request-id",
                "x-proxy-upstream-location"
            ]
        );
    }
}
