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
        let mut out = String::with_capacity(self.host.as_str().len() + 6);
        self.push_authority(&mut out);
        out
    }
    /// `scheme://authority` for messages and allowlist checks (never includes path or query).
    #[must_use]
    pub fn origin(&self) -> String {
        let mut out = String::with_capacity(self.host.as_str().len() + 14);
        self.push_origin(&mut out);
        out
    }
    /// The full upstream URL: origin + raw path + raw query.
    #[must_use]
    pub fn url(&self) -> String {
        let mut out = String::with_capacity(self.host.as_str().len() + 15);
        self.push_origin(&mut out);
        out.push_str(&self.path_and_query());
        out
    }
    /// The raw path and query (`/path?query`): the request target sent upstream, in origin form.
    #[must_use]
    pub fn path_and_query(&self) -> String {
        let query = self.query.as_deref().unwrap_or("");
        let mut out = String::with_capacity(self.path.len() + 1 + query.len());
        out.push_str(&self.path);
        if let Some(q) = &self.query {
            out.push('?');
            out.push_str(q);
        }
        out
    }
    // Built by hand rather than with `format!`: these run for every forwarded request.
    fn push_origin(&self, out: &mut String) {
        out.push_str(self.scheme.as_str());
        out.push_str("://");
        self.push_authority(out);
    }
    fn push_authority(&self, out: &mut String) {
        out.push_str(self.host.as_str());
        if self.port != self.scheme.default_port() {
            out.push(':');
            out.push_str(itoa::Buffer::new().format(self.port));
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
    let scheme =
        Scheme::parse_any_case(scheme).ok_or_else(|| bad("scheme must be http or https"))?;
    let (authority, path) = match rest.bytes().position(|b| b == b'/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = parse_authority(authority, scheme)?;
    check_path(path)?;
    if let Some(q) = raw_query {
        check_chars(q, Part::Query)?;
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
    check_chars(path, Part::Path)?;
    if path.as_bytes().split(|b| *b == b'/').any(is_dot_segment) {
        return Err(bad("dot segments (. or ..) in the path"));
    }
    Ok(())
}

/// True for `.` and `..`, each dot possibly written `%2e` or `%2E`.
fn is_dot_segment(seg: &[u8]) -> bool {
    let mut rest = seg;
    let mut dots = 0;
    while !rest.is_empty() {
        if rest[0] == b'.' {
            rest = &rest[1..];
        } else if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(b"%2e") {
            rest = &rest[3..];
        } else {
            return false;
        }
        dots += 1;
    }
    (1..=2).contains(&dots)
}

/// Which part of the target [`check_chars`] looks at.
#[derive(Clone, Copy)]
enum Part {
    Path,
    Query,
}

/// Bytes that pass through untouched: printable ASCII, minus those an HTTP client would percent-encode
/// or treat specially (`'` only in queries, where URL parsers encode it).
const fn plain_bytes(part: Part) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b: u8 = 0x21;
    while b < 0x7f {
        let special = matches!(b, b'\\' | b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'#')
            || (matches!(part, Part::Query) && b == b'\'');
        table[b as usize] = !special;
        b += 1;
    }
    table
}

static PLAIN_PATH: [bool; 256] = plain_bytes(Part::Path);
static PLAIN_QUERY: [bool; 256] = plain_bytes(Part::Query);

/// Refuses bytes that an HTTP client would percent-encode or treat specially, so what we forward is
/// exactly what arrived. (A lookup table: this runs over every forwarded path and query.)
fn check_chars(s: &str, part: Part) -> Result<(), ProxyError> {
    let (table, what) = match part {
        Part::Path => (&PLAIN_PATH, "path"),
        Part::Query => (&PLAIN_QUERY, "query"),
    };
    if s.bytes().all(|b| table[usize::from(b)]) {
        return Ok(());
    }
    Err(bad(&format!(
        "the {what} has characters that must be percent-encoded"
    )))
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
        assert_eq!(t.path_and_query(), "/?A=1&B=%2F");
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

    #[test]
    fn dot_segment_check_agrees_with_decoding() {
        let slow = |seg: &str| {
            let lower = seg.to_ascii_lowercase().replace("%2e", ".");
            lower == "." || lower == ".."
        };
        let parts = [".", "%2e", "%2E", "%2", "e", "x", "%", "..."];
        for a in parts {
            for b in parts {
                for c in ["", ".", "%2e", "x"] {
                    let seg = format!("{a}{b}{c}");
                    assert_eq!(is_dot_segment(seg.as_bytes()), slow(&seg), "{seg:?}");
                }
            }
            assert_eq!(is_dot_segment(a.as_bytes()), slow(a), "{a:?}");
        }
        assert!(!is_dot_segment(b""));
    }

    #[test]
    fn byte_table_matches_the_rule() {
        for b in 0..=255u8 {
            let plain = b.is_ascii_graphic()
                && !matches!(b, b'\\' | b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'#');
            assert_eq!(PLAIN_PATH[usize::from(b)], plain, "{b}");
            assert_eq!(PLAIN_QUERY[usize::from(b)], plain && b != b'\'', "{b}");
        }
    }
}
