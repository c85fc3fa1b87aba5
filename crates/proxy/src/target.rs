//! Strict parsing of `/proxy/{scheme}/{host[:port]}/{path...}?{query}` into an upstream target.
//!
//! The host part is validated strictly by [`crate::host`] before any allowlist check. The path and query
//! are kept exactly as received: they are signed, and re-encoding them would break the signature, so a
//! path or query that an HTTP client would normalise or re-encode is refused rather than altered.

use crate::error::ProxyError;
use crate::host::parse_authority;
pub use crate::host::{Host, Scheme};

/// The URL prefix that selects forwarding; everything else is the app.
pub const PREFIX: &str = "/proxy/";

/// A parsed forwarding target: where to send the request, with its path and query as received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Upstream scheme.
    pub scheme: Scheme,
    /// Upstream host, normalised to lowercase.
    pub host: Host,
    /// Upstream port (the scheme default when none was given).
    pub port: u16,
    /// Raw path (starting with `/`), exactly as the client sent it.
    pub path: String,
    /// Raw query without `?`, exactly as the client sent it.
    pub query: Option<String>,
}

impl Target {
    /// `host` or `host:port` when the port is not the scheme default: the value of the upstream `Host`.
    #[must_use]
    pub fn authority(&self) -> String {
        if self.port == self.scheme.default_port() {
            self.host.as_str().to_owned()
        } else {
            format!("{}:{}", self.host.as_str(), self.port)
        }
    }
    /// `scheme://authority` for messages and allowlist checks (never includes path or query).
    #[must_use]
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme.as_str(), self.authority())
    }
    /// The full upstream URL: origin + raw path + raw query.
    #[must_use]
    pub fn url(&self) -> String {
        match &self.query {
            Some(q) => format!("{}{}?{}", self.origin(), self.path, q),
            None => format!("{}{}", self.origin(), self.path),
        }
    }
}

fn bad(msg: &str) -> ProxyError {
    ProxyError::BadTarget(msg.to_owned())
}

/// Parses the raw request path (`/proxy/...`) and raw query into a [`Target`].
pub fn parse(raw_path: &str, raw_query: Option<&str>) -> Result<Target, ProxyError> {
    let rest = raw_path
        .strip_prefix(PREFIX)
        .ok_or_else(|| bad("expected /proxy/{scheme}/{host}/{path}"))?;
    let (scheme, rest) = rest
        .split_once('/')
        .ok_or_else(|| bad("expected /proxy/{scheme}/{host}/{path}"))?;
    let scheme = Scheme::parse(&scheme.to_ascii_lowercase())
        .ok_or_else(|| bad("scheme must be http or https"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = parse_authority(authority, scheme)?;
    check_path(path)?;
    if let Some(q) = raw_query {
        check_chars(q, "query")?;
    }
    Ok(Target {
        scheme,
        host,
        port,
        path: path.to_owned(),
        query: raw_query.map(str::to_owned),
    })
}

/// The path is forwarded byte for byte, so it must be one that no HTTP stack would normalise:
/// no dot segments (plain or percent-encoded) and no characters that would be re-encoded.
fn check_path(path: &str) -> Result<(), ProxyError> {
    check_chars(path, "path")?;
    for seg in path.split('/') {
        let lower = seg.to_ascii_lowercase().replace("%2e", ".");
        if lower == "." || lower == ".." {
            return Err(bad("dot segments (. or ..) in the path"));
        }
    }
    Ok(())
}

/// Refuses bytes that an HTTP client would percent-encode or treat specially, so what we forward is
/// exactly what arrived.
fn check_chars(s: &str, what: &str) -> Result<(), ProxyError> {
    let bad_char = s.bytes().any(|b| {
        !b.is_ascii_graphic()
            || matches!(b, b'\\' | b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'#')
            || (what == "query" && b == b'\'')
    });
    if bad_char {
        return Err(bad(&format!(
            "the {what} has characters that must be percent-encoded"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(path: &str) -> Target {
        parse(path, None).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn splits_scheme_host_port_and_keeps_path_raw() {
        let t = ok("/proxy/https/Mongodb.AliyunCS.com/a%2Fb/c%20d");
        assert_eq!(t.host, Host::Dns("mongodb.aliyuncs.com".into()));
        assert_eq!((t.port, t.path.as_str()), (443, "/a%2Fb/c%20d"));
        assert_eq!(t.authority(), "mongodb.aliyuncs.com");
        let t = ok("/proxy/http/127.0.0.1:9000");
        assert_eq!(
            (t.path.as_str(), t.authority()),
            ("/", "127.0.0.1:9000".into())
        );
        let t = parse("/proxy/https/x.aliyuncs.com:443/", Some("A=1&B=%2F")).expect("ok");
        assert_eq!(t.url(), "https://x.aliyuncs.com/?A=1&B=%2F");
        assert_eq!(ok("/proxy/http/[::1]:8080/").host, Host::Ip("[::1]".into()));
    }

    #[test]
    fn refuses_what_http_cannot_even_carry() {
        for path in [
            "/proxy/https/a.aliyuncs.com\r\n.evil/",
            "/proxy/https/a.aliyuncs.com/x\ty",
            "/proxy/https/a.aliyuncs.com/\u{e9}",
            "/proxy/https/a.aliyuncs.com/%2E%2E/x",
            "/proxy/https/a.aliyuncs.com/./x",
            "/proxy/https/a.aliyuncs.com/x/..",
            "/proxy/https/a.aliyuncs.com/x{y}",
            "/proxy/gopher/a.aliyuncs.com/",
            "/proxy/https",
            "/other/https/a.aliyuncs.com/",
        ] {
            assert!(
                matches!(parse(path, None), Err(ProxyError::BadTarget(_))),
                "{path:?}"
            );
        }
        assert!(parse("/proxy/https/a.aliyuncs.com/", Some("a=\r\n")).is_err());
        assert!(parse("/proxy/https/a.aliyuncs.com/", Some("a='1'")).is_err());
    }
}
