//! The scheme-independent request shapes: what the builder hands to a signer, and what a signer hands to the
//! transport. Plain owned data (no `http` or `web_sys` types) so the app, the proxy and the tests share it.

use serde::{Deserialize, Serialize};

/// A request before signing. `query` holds raw (unencoded) values; the signer encodes and orders them.
/// `path` may be raw or already percent-encoded: it is normalised to its once-encoded form either way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsignedRequest {
    /// Upper-case HTTP method (`GET`, `POST`, …).
    pub method: String,
    /// The cloud endpoint, `host[:port]` without scheme (`mongodb.aliyuncs.com`); it is signed as `host`.
    pub host: String,
    /// Resource path (`/` for RPC-style APIs).
    pub path: String,
    /// Query parameters in any order, raw values; repeated names allowed.
    pub query: Vec<(String, String)>,
    /// Extra headers to send (e.g. `content-type`); the signer adds its own and refuses duplicates of them.
    pub headers: Vec<(String, String)>,
    /// The exact body bytes to send and hash.
    pub body: Vec<u8>,
}

impl UnsignedRequest {
    /// Starts a request with no query, headers or body; fill the rest with the `with_*` helpers.
    #[must_use]
    pub fn new(
        method: impl Into<String>,
        host: impl Into<String>,
        path: impl Into<String>,
    ) -> Self {
        Self {
            method: method.into(),
            host: host.into(),
            path: path.into(),
            ..Self::default()
        }
    }

    /// Adds one query parameter (raw value).
    #[must_use]
    pub fn with_query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Adds one header.
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body bytes.
    #[must_use]
    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }
}

/// A request ready to send: exactly these bytes must reach the cloud, or the signature breaks. Serialisable
/// so the app can hand it to the proxy envelope unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingRequest {
    /// HTTP method.
    pub method: String,
    /// Cloud endpoint (`host[:port]`); the proxy must send it upstream as `Host`.
    pub host: String,
    /// Path plus `?` and the already-encoded query (no `?` when there is no query). Send it verbatim: the
    /// URL parser leaves `%XX` alone, but a framework that re-encodes it breaks the signature.
    pub path_and_query: String,
    /// Every header to send, including the signed `host` (which `fetch()` cannot set; see
    /// [`OutgoingRequest::fetch_headers`]) and `Authorization` where the scheme has one.
    pub headers: Vec<(String, String)>,
    /// Body bytes, exactly as hashed.
    pub body: Vec<u8>,
}

impl OutgoingRequest {
    /// The headers a browser `fetch()` may set: all but `host` (a forbidden header name that the browser
    /// derives from the URL, or the proxy sets from its allow-list).
    pub fn fetch_headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("host"))
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The value of a header (first match, case-insensitive name), for tests and the UI.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request could not be signed; `Display` is the message a user reads.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The method is empty or not an upper-case token.
    #[error("The HTTP method {0:?} is not valid; use an upper-case method such as GET or POST.")]
    InvalidMethod(String),
    /// No host, or a host with characters that cannot appear in one.
    #[error(
        "The endpoint host {0:?} is not valid; enter a host name such as mongodb.aliyuncs.com."
    )]
    InvalidHost(String),
    /// A header name that is not an HTTP token (spaces, colons, non-ASCII…).
    #[error("The header name {0:?} is not valid.")]
    InvalidHeaderName(String),
    /// A header value with control characters (a pasted newline) or non-ASCII text, which `fetch()`
    /// refuses or mangles.
    #[error(
        "The value of header {0:?} contains line breaks, control characters or non-ASCII text."
    )]
    InvalidHeaderValue(String),
    /// The caller set a header the signer derives itself (`host`, `x-acs-date`, `X-Sdk-Date`…).
    #[error("The header {0:?} is set by the signer; remove it from the request.")]
    ReservedHeader(String),
    /// The caller set a parameter the signer derives itself (`Signature`, `Timestamp`, …).
    #[error("The parameter {0:?} is set by the signer; remove it from the request.")]
    ReservedParameter(String),
    /// RPC V1 signs the path as `/`; any other path would be rejected by the gateway.
    #[error("RPC V1 requests must use the path \"/\", not {0:?}.")]
    RpcPathNotRoot(String),
    /// RPC V1 carries all parameters in the query or in a form body that the signer writes itself.
    #[error(
        "RPC V1 requests carry their parameters in the query; the request body must be empty."
    )]
    RpcBodyNotEmpty,
    /// A form body only makes sense for POST.
    #[error("Only POST requests can carry the parameters as a form body.")]
    FormBodyRequiresPost,
    /// A required signing input (action, version, nonce) is empty.
    #[error("The {0} is missing; it is required to sign the request.")]
    MissingInput(&'static str),
}

/// Checks the method: a non-empty upper-case token (the SDKs sign the method as sent).
pub(crate) fn check_method(method: &str) -> Result<(), SignError> {
    if !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(SignError::InvalidMethod(method.to_owned()))
    }
}

/// Checks the host: letters, digits, `-`, `.`, `:` (port) and `[]` (IPv6) only.
pub(crate) fn check_host(host: &str) -> Result<(), SignError> {
    let ok = !host.is_empty()
        && host.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b':' | b'[' | b']' | b'_')
        });
    if ok {
        Ok(())
    } else {
        Err(SignError::InvalidHost(host.to_owned()))
    }
}

/// Checks a header pair: the name is an RFC 9110 token, the value visible ASCII, spaces or tabs.
pub(crate) fn check_header(name: &str, value: &str) -> Result<(), SignError> {
    let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if name.is_empty() || !name.bytes().all(token) {
        return Err(SignError::InvalidHeaderName(name.to_owned()));
    }
    if !value
        .bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
    {
        return Err(SignError::InvalidHeaderValue(name.to_owned()));
    }
    Ok(())
}

/// `path` + `?` + `query`, without the `?` when the query is empty.
pub(crate) fn join_path_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation() {
        assert!(check_method("GET").is_ok());
        assert!(check_method("get").is_err());
        assert!(check_method("").is_err());
        assert!(check_host("mongodb.aliyuncs.com").is_ok());
        assert!(check_host("127.0.0.1:8443").is_ok());
        assert!(check_host("evil.com/path").is_err());
        assert!(check_host("").is_err());
        assert!(check_header("Content-Type", "application/json; charset=utf-8").is_ok());
        assert_eq!(
            check_header("x-a", "v\r\nInjected: 1"),
            Err(SignError::InvalidHeaderValue("x-a".into()))
        );
        assert!(check_header("bad name", "v").is_err());
        assert!(check_header("", "v").is_err());
        assert!(check_header("x-lang", "é").is_err());
    }

    #[test]
    fn fetch_headers_skip_host() {
        let r = OutgoingRequest {
            headers: vec![
                ("Host".into(), "h".into()),
                ("x-acs-date".into(), "d".into()),
            ],
            ..OutgoingRequest::default()
        };
        assert_eq!(
            r.fetch_headers().collect::<Vec<_>>(),
            vec![("x-acs-date", "d")]
        );
        assert_eq!(r.header("HOST"), Some("h"));
        assert_eq!(join_path_query("/", ""), "/");
        assert_eq!(join_path_query("/", "a=b"), "/?a=b");
    }

    #[test]
    fn messages_read_well() {
        assert_eq!(
            SignError::ReservedHeader("x-acs-date".into()).to_string(),
            "The header \"x-acs-date\" is set by the signer; remove it from the request."
        );
    }
}
