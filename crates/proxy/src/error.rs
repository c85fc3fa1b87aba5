//! The proxy's own failures, as one enum with one HTTP rendering.
//!
//! Every error the proxy itself produces is JSON `{"proxy_error": {"code", "message"}}` with the header
//! `X-Proxy-Error: <code>`. Answers that come from the cloud (including its 4xx/5xx) never carry that header,
//! so the page can always tell "the proxy refused or could not reach the cloud" from "the cloud said no".
//! Messages never contain the query string, headers or body of the request: those hold signatures and tokens.

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Name of the header that marks a response as produced by the proxy rather than by the cloud.
pub const PROXY_ERROR_HEADER: HeaderName = HeaderName::from_static("x-proxy-error");

/// Everything that can go wrong between the page and the cloud, as far as the proxy is concerned.
/// `Display` is the user-facing message.
#[derive(Debug, thiserror::Error)]
pub enum ProxyError {
    /// The URL is well formed but its origin is not on the allowlist (no open proxy).
    #[error("upstream {0} is not on the proxy's allowlist")]
    TargetNotAllowed(String),
    /// The `/proxy/{scheme}/{host}/{path}` URL cannot be parsed strictly.
    #[error("bad proxy target URL: {0}")]
    BadTarget(String),
    /// A cross-origin page that is not on the CORS allowlist tried to use the proxy.
    #[error("origin {0} may not use this proxy")]
    OriginNotAllowed(String),
    /// Only the methods the cloud APIs use are forwarded.
    #[error("method {0} is not forwarded")]
    MethodNotAllowed(String),
    /// The request body is larger than the configured limit.
    #[error("request body larger than {0} bytes")]
    BodyTooLarge(usize),
    /// The client stopped sending its body half-way.
    #[error("could not read the request body")]
    BadRequestBody,
    /// TCP/TLS connection to the upstream could not be established (refused, unreachable, DNS, TLS).
    #[error("could not connect to {0}")]
    UpstreamConnect(String),
    /// The upstream closed or reset the connection before a complete answer.
    #[error("{0} closed the connection before answering; the call may or may not have been carried out, so check before sending it again")]
    UpstreamReset(String),
    /// The upstream did not answer within the total timeout.
    #[error("{0} did not answer in time; the call may still be carried out, so check before sending it again")]
    UpstreamTimeout(String),
    /// The upstream answered with bytes that are not an HTTP response. Its code is `upstream_error`
    /// (only the message differs): clients that decide whether a write may have happened, such as the
    /// batch runner's exactly-once rules, already treat that code as "may or may not have been applied".
    #[error("{0} answered with bytes that are not HTTP; the call may or may not have been carried out, so check before sending it again")]
    UpstreamBadReply(String),
    /// Any other failure talking to the upstream.
    #[error("request to {0} failed")]
    Upstream(String),
    /// Too many requests in flight; answered at once rather than queued.
    #[error("proxy is busy, retry shortly")]
    Overloaded,
}

impl ProxyError {
    /// Stable machine-readable code, also sent as `X-Proxy-Error`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::TargetNotAllowed(_) => "target_not_allowed",
            Self::BadTarget(_) => "bad_target",
            Self::OriginNotAllowed(_) => "origin_not_allowed",
            Self::MethodNotAllowed(_) => "method_not_allowed",
            Self::BodyTooLarge(_) => "body_too_large",
            Self::BadRequestBody => "bad_request_body",
            Self::UpstreamConnect(_) => "upstream_connect_failed",
            Self::UpstreamReset(_) => "upstream_connection_reset",
            Self::UpstreamTimeout(_) => "upstream_timeout",
            Self::Upstream(_) | Self::UpstreamBadReply(_) => "upstream_error",
            Self::Overloaded => "overloaded",
        }
    }

    /// HTTP status for the code.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            Self::TargetNotAllowed(_) | Self::OriginNotAllowed(_) => StatusCode::FORBIDDEN,
            Self::BadTarget(_) | Self::BadRequestBody => StatusCode::BAD_REQUEST,
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::BodyTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UpstreamConnect(_)
            | Self::UpstreamReset(_)
            | Self::UpstreamBadReply(_)
            | Self::Upstream(_) => StatusCode::BAD_GATEWAY,
            Self::UpstreamTimeout(_) => StatusCode::GATEWAY_TIMEOUT,
            Self::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// Classifies a failed exchange or reply body without ever formatting the error: client errors may
    /// name the full URL, query string (and so the signature) included.
    pub(crate) fn from_upstream(err: &(dyn std::error::Error + 'static), host: &str) -> Self {
        Self::classify(err, host).unwrap_or_else(|| Self::Upstream(host.to_owned()))
    }

    /// Classifies a failure to open a connection (TCP, TLS): a timeout or a reset as such, anything else
    /// as [`ProxyError::UpstreamConnect`].
    pub(crate) fn from_connect(err: &(dyn std::error::Error + 'static), host: &str) -> Self {
        Self::classify(err, host).unwrap_or_else(|| Self::UpstreamConnect(host.to_owned()))
    }

    fn classify(err: &(dyn std::error::Error + 'static), host: &str) -> Option<Self> {
        let host = host.to_owned();
        if in_chain(err, |e| {
            e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
        }) {
            return Some(Self::UpstreamTimeout(host));
        }
        if in_chain(err, is_reset) {
            return Some(Self::UpstreamReset(host));
        }
        if in_chain(err, |e| {
            e.downcast_ref::<hyper::Error>()
                .is_some_and(hyper::Error::is_parse)
        }) {
            return Some(Self::UpstreamBadReply(host));
        }
        None
    }
}

/// True when `test` holds for `err` or any error in its source chain.
fn in_chain(
    err: &(dyn std::error::Error + 'static),
    test: impl Fn(&(dyn std::error::Error + 'static)) -> bool,
) -> bool {
    let mut cur = Some(err);
    while let Some(e) = cur {
        if test(e) {
            return true;
        }
        cur = e.source();
    }
    false
}

/// True for the peer closing or resetting an established connection.
fn is_reset(e: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind::{BrokenPipe, ConnectionAborted, ConnectionReset, UnexpectedEof};
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        return matches!(
            io.kind(),
            ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof
        );
    }
    e.downcast_ref::<hyper::Error>()
        .is_some_and(|h| h.is_incomplete_message() || h.is_canceled())
}

impl IntoResponse for ProxyError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "proxy_error": { "code": self.code(), "message": self.to_string() }
        });
        let mut res = (self.status(), axum::Json(body)).into_response();
        let headers = res.headers_mut();
        headers.insert(PROXY_ERROR_HEADER, HeaderValue::from_static(self.code()));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_statuses_match_the_contract() {
        let all = [
            (ProxyError::TargetNotAllowed("h".into()), 403),
            (ProxyError::BadTarget("x".into()), 400),
            (ProxyError::OriginNotAllowed("o".into()), 403),
            (ProxyError::MethodNotAllowed("TRACE".into()), 405),
            (ProxyError::BodyTooLarge(1), 413),
            (ProxyError::BadRequestBody, 400),
            (ProxyError::UpstreamConnect("h".into()), 502),
            (ProxyError::UpstreamReset("h".into()), 502),
            (ProxyError::UpstreamTimeout("h".into()), 504),
            (ProxyError::Upstream("h".into()), 502),
            (ProxyError::Overloaded, 503),
        ];
        let mut codes: Vec<_> = all.iter().map(|(e, _)| e.code()).collect();
        for (e, status) in &all {
            assert_eq!(e.status().as_u16(), *status, "{}", e.code());
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        // The one deliberate exception: bytes that are not HTTP share `upstream_error`, with their own message.
        let bad = ProxyError::UpstreamBadReply("h".into());
        assert_eq!((bad.code(), bad.status().as_u16()), ("upstream_error", 502));
        assert_ne!(
            bad.to_string(),
            ProxyError::Upstream("h".into()).to_string()
        );
    }

    #[test]
    fn renders_json_and_marker_header() {
        let res = ProxyError::Overloaded.into_response();
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(res.headers()[PROXY_ERROR_HEADER], "overloaded");
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/json");
    }
}
