//! CORS for `/proxy/*`: the proxy answers preflights itself (they are never forwarded, the clouds send no
//! CORS headers) and decorates forwarded replies for allowed cross-origin pages.
//!
//! The page served by this same proxy is same-origin and needs nothing. Another origin (a dev server, a
//! console hosted elsewhere) must be listed with `--allow-origin`; any other `Origin` is refused with 403 so
//! a random website cannot use the proxy, even with "simple" requests that skip the preflight.

use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::error::ProxyError;
use crate::headers::{visible_ascii, Addition};
use crate::host::{parse_authority, Scheme};

/// Methods the console uses; preflights advertise exactly these.
pub const ALLOW_METHODS: &str = "GET, POST, PUT, DELETE";

/// Request headers the signers set (Alibaba RPC/V3, Huawei AK/SK and token). `Host` is set by the proxy.
pub const ALLOW_HEADERS: &str = "authorization, content-type, x-acs-action, x-acs-version, \
x-acs-date, x-acs-signature-nonce, x-acs-content-sha256, x-acs-security-token, x-sdk-date, \
x-project-id, x-security-token, x-auth-token, x-language, x-sdk-content-sha256";

/// Response headers the page may read: clock skew (`Date`), the IAM token, request ids for support
/// tickets, the proxy's error marker and the neutralised redirect target.
pub const EXPOSE_HEADERS: &str = "Date, X-Subject-Token, x-acs-request-id, X-Request-Id, \
X-Proxy-Error, X-Proxy-Upstream-Location";

/// How long a browser may cache a preflight answer, in seconds.
const MAX_AGE: &str = "600";

/// `scheme://host[:port]` in canonical form (lowercase, default port dropped), or `None` if malformed.
#[must_use]
pub fn canonical_origin(text: &str) -> Option<String> {
    let (scheme, rest) = text.trim().split_once("://")?;
    let scheme = Scheme::parse(&scheme.to_ascii_lowercase())?;
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port) = parse_authority(authority, scheme).ok()?;
    Some(if port == scheme.default_port() {
        format!("{}://{}", scheme.as_str(), host.as_str())
    } else {
        format!("{}://{}:{port}", scheme.as_str(), host.as_str())
    })
}

/// What to do about the request's `Origin`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// No `Origin` header: not a browser cross-origin call (curl, tests, same-origin GET).
    NoOrigin,
    /// `Origin` names this very server (compared with `Host`): no CORS headers needed.
    SameOrigin,
    /// A listed cross-origin page: echo it in `Access-Control-Allow-Origin`.
    Allowed(HeaderValue),
    /// Any other origin: refused.
    Denied(String),
}

/// Decides from the request headers and the configured cross-origin list.
pub fn verdict(allowed: &[String], headers: &HeaderMap) -> Verdict {
    verdict_of(
        allowed,
        headers.get(header::ORIGIN).map(HeaderValue::as_bytes),
        headers.get(header::HOST).map(HeaderValue::as_bytes),
    )
}

/// [`verdict`] from the first `Origin` and `Host` values alone: the forwarding lane reads them off the
/// raw request, without building a header map.
pub(crate) fn verdict_of(
    allowed: &[String],
    origin: Option<&[u8]>,
    host: Option<&[u8]>,
) -> Verdict {
    let Some(raw) = origin else {
        return Verdict::NoOrigin;
    };
    let text = visible_ascii(raw).unwrap_or("");
    let Some(origin) = canonical_origin(text) else {
        return Verdict::Denied(text.chars().take(100).collect());
    };
    // Same origin: the Origin's authority is the Host the browser sent, read with the Origin's scheme
    // (so `Host: example.com:443` under `https://example.com` also counts).
    let scheme = origin.split_once("://").map_or("", |(s, _)| s);
    let same = host
        .and_then(visible_ascii)
        .and_then(|h| canonical_origin(&format!("{scheme}://{h}")));
    if same.as_deref() == Some(origin.as_str()) {
        return Verdict::SameOrigin;
    }
    if allowed.contains(&origin) {
        // The header's own bytes, as the map held them.
        if let Ok(value) = HeaderValue::from_bytes(raw) {
            return Verdict::Allowed(value);
        }
    }
    Verdict::Denied(origin)
}

/// The answer to an `OPTIONS` preflight on `/proxy/*`.
pub fn preflight(v: &Verdict) -> Response {
    if let Verdict::Denied(o) = v {
        return ProxyError::OriginNotAllowed(o.clone()).into_response();
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    let h = res.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(ALLOW_METHODS),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(ALLOW_HEADERS),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static(MAX_AGE),
    );
    decorate(v, h);
    h.append(
        header::VARY,
        HeaderValue::from_static("Access-Control-Request-Method, Access-Control-Request-Headers"),
    );
    res
}

/// Adds the CORS response headers for an allowed cross-origin caller (preflight, reply or proxy error).
pub fn decorate(v: &Verdict, h: &mut HeaderMap) {
    for a in additions(v).into_iter().flatten() {
        a.apply(h);
    }
}

/// The headers [`decorate`] adds: `Access-Control-Allow-Origin` and `-Expose-Headers` for an allowed
/// cross-origin caller, and `Vary: Origin` whenever the reply depends on the `Origin` sent.
pub(crate) fn additions(v: &Verdict) -> [Option<Addition>; 3] {
    let (allow, expose) = match v {
        Verdict::Allowed(origin) => (
            Some(Addition {
                name: header::ACCESS_CONTROL_ALLOW_ORIGIN,
                value: origin.clone(),
                replaces: true,
            }),
            Some(Addition {
                name: header::ACCESS_CONTROL_EXPOSE_HEADERS,
                value: HeaderValue::from_static(EXPOSE_HEADERS),
                replaces: true,
            }),
        ),
        _ => (None, None),
    };
    let vary = (*v != Verdict::NoOrigin).then(|| Addition {
        name: header::VARY,
        value: HeaderValue::from_static("Origin"),
        replaces: false,
    });
    [allow, expose, vary]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(origin: &str, host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ORIGIN, HeaderValue::from_str(origin).expect("v"));
        h.insert(header::HOST, HeaderValue::from_str(host).expect("v"));
        h
    }

    #[test]
    fn same_origin_listed_and_foreign() {
        let list = vec!["http://localhost:3000".to_owned()];
        let v = |o: &str| verdict(&list, &headers(o, "127.0.0.1:8080"));
        assert_eq!(v("http://127.0.0.1:8080"), Verdict::SameOrigin);
        assert!(matches!(v("http://localhost:3000"), Verdict::Allowed(_)));
        assert!(matches!(v("http://localhost:3001"), Verdict::Denied(_)));
        assert!(matches!(v("https://evil.example"), Verdict::Denied(_)));
        assert!(matches!(v("null"), Verdict::Denied(_)));
        assert_eq!(verdict(&list, &HeaderMap::new()), Verdict::NoOrigin);
        assert_eq!(
            canonical_origin("HTTPS://Console.Example.com:443/").as_deref(),
            Some("https://console.example.com")
        );
    }
}
