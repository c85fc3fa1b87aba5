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

use axum::http::header::{self, HeaderMap, HeaderName};

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

/// True for hop-by-hop headers, including any named in `Connection`.
fn is_hop_by_hop(name: &HeaderName, connection_listed: &[String]) -> bool {
    let n = name.as_str();
    HOP_BY_HOP.contains(&n) || n.starts_with("proxy-") || connection_listed.iter().any(|c| c == n)
}

/// Header names listed in `Connection: a, b` (lowercase).
fn connection_listed(h: &HeaderMap) -> Vec<String> {
    h.get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The headers to send upstream: the client's, minus hop-by-hop, browser-context and framing headers.
/// (`Content-Length` is recomputed from the exact body bytes by the client; `Host` is set from the URL.)
#[must_use]
pub fn upstream_request(incoming: &HeaderMap) -> HeaderMap {
    let listed = connection_listed(incoming);
    let mut out = HeaderMap::with_capacity(incoming.len());
    for (name, value) in incoming {
        let n = name.as_str();
        let browser_only = matches!(n, "origin" | "referer" | "cookie") || n.starts_with("sec-");
        let framing = matches!(n, "host" | "content-length" | "expect");
        if !(browser_only || framing || is_hop_by_hop(name, &listed)) {
            out.append(name.clone(), value.clone());
        }
    }
    out
}

/// The headers to send back to the page: the upstream's, minus hop-by-hop and origin-scoped ones, with
/// `Location` renamed to [`UPSTREAM_LOCATION`].
#[must_use]
pub fn client_response(upstream: &HeaderMap) -> HeaderMap {
    let listed = connection_listed(upstream);
    let mut out = HeaderMap::with_capacity(upstream.len());
    for (name, value) in upstream {
        let n = name.as_str();
        // `x-proxy-*` is the proxy's own namespace: an upstream must not fake a proxy error.
        if is_hop_by_hop(name, &listed)
            || ORIGIN_SCOPED.contains(&n)
            || n.starts_with("access-control-")
            || n.starts_with("x-proxy-")
        {
            continue;
        }
        if name == header::LOCATION {
            out.append(UPSTREAM_LOCATION, value.clone());
        } else {
            out.append(name.clone(), value.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

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
        let h = upstream_request(&map(&[
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
        ]));
        let names: Vec<_> = h.keys().map(HeaderName::as_str).collect();
        assert_eq!(
            names,
            [
                "authorization",
                "x-acs-date",
                "content-type",
                "x-sdk-date",
                "accept"
            ]
        );
    }

    #[test]
    fn response_renames_location_and_drops_origin_scoped() {
        let h = client_response(&map(&[
            ("location", "https://elsewhere.example/"),
            ("set-cookie", "a=b"),
            ("strict-transport-security", "max-age=1"),
            ("access-control-allow-origin", "*"),
            ("transfer-encoding", "chunked"),
            ("x-proxy-error", "fake"),
            ("x-acs-request-id", "R1"),
            ("content-type", "application/json"),
        ]));
        assert_eq!(h[UPSTREAM_LOCATION], "https://elsewhere.example/");
        assert!(h.get(header::LOCATION).is_none());
        let names: Vec<_> = h.keys().map(HeaderName::as_str).collect();
        assert_eq!(
            names,
            [
                "x-proxy-upstream-location",
                "x-acs-request-id",
                "content-type"
            ]
        );
    }
}
