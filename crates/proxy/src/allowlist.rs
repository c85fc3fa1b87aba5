//! The allowlist of upstream origins: the only thing that keeps the proxy from being an open relay.
//!
//! A pattern is `scheme://host[:port]` where host is either exact (`mongodb.aliyuncs.com`, `127.0.0.1`,
//! `[::1]`) or `*.suffix`. The wildcard stands for one or more whole DNS labels, so `*.aliyuncs.com`
//! matches `mongodb.aliyuncs.com` and `a.b.aliyuncs.com` but not `aliyuncs.com`, `evilaliyuncs.com` or
//! `aliyuncs.com.evil.com`. The port must match exactly (the scheme default when the pattern names none).
//! IP literals are only ever matched exactly, never by a wildcard.

use std::fmt;

use crate::error::ProxyError;
use crate::host::{parse_authority, parse_host, Host, Scheme};
use crate::target::Target;

/// The origins allowed by default: Alibaba Cloud and Huawei Cloud API endpoints, HTTPS only.
pub const DEFAULT_UPSTREAMS: [&str; 2] = ["https://*.aliyuncs.com", "https://*.myhuaweicloud.com"];

/// One allowed upstream origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpstreamPattern {
    scheme: Scheme,
    host: PatternHost,
    port: u16,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum PatternHost {
    Exact(Host),
    /// `*.suffix`: the suffix without the leading dot.
    Wildcard(String),
}

/// Why a pattern string was refused (at startup, so a typo never silently allows nothing or everything).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid upstream origin {pattern:?}: {reason}")]
pub struct PatternError {
    /// The offending text.
    pub pattern: String,
    /// What is wrong with it.
    pub reason: String,
}

impl UpstreamPattern {
    /// Parses `scheme://host[:port]` (a trailing `/` is tolerated) where host may start with `*.`.
    pub fn parse(text: &str) -> Result<Self, PatternError> {
        let err = |reason: &str| PatternError {
            pattern: text.to_owned(),
            reason: reason.to_owned(),
        };
        let trimmed = text.trim();
        let (scheme, rest) = trimmed
            .split_once("://")
            .ok_or_else(|| err("expected scheme://host[:port]"))?;
        let scheme = Scheme::parse(&scheme.to_ascii_lowercase())
            .ok_or_else(|| err("scheme must be http or https"))?;
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        if authority.contains('/') || authority.contains('?') {
            return Err(err("an origin has no path or query"));
        }
        if let Some(wild) = authority.strip_prefix("*.") {
            let (suffix, port) = match wild.split_once(':') {
                Some((s, p)) => (s, Some(p)),
                None => (wild, None),
            };
            let suffix = match parse_host(suffix) {
                Ok(Host::Dns(s)) if s.contains('.') => s,
                Ok(_) => return Err(err("a wildcard needs a DNS suffix of two or more labels")),
                Err(e) => return Err(err(&e.to_string())),
            };
            let port = match port {
                None => scheme.default_port(),
                Some(p) => {
                    parse_authority(&format!("x.{suffix}:{p}"), scheme)
                        .map_err(|e| err(&e.to_string()))?
                        .1
                }
            };
            return Ok(Self {
                scheme,
                host: PatternHost::Wildcard(suffix),
                port,
            });
        }
        let (host, port) = parse_authority(authority, scheme).map_err(|e| err(&e.to_string()))?;
        Ok(Self {
            scheme,
            host: PatternHost::Exact(host),
            port,
        })
    }

    /// True when the target's scheme, port and host all match this pattern.
    #[must_use]
    pub fn matches(&self, t: &Target) -> bool {
        if self.scheme != t.scheme || self.port != t.port {
            return false;
        }
        match (&self.host, &t.host) {
            (PatternHost::Exact(h), th) => h == th,
            (PatternHost::Wildcard(suffix), Host::Dns(name)) => name
                .strip_suffix(suffix.as_str())
                .and_then(|prefix| prefix.strip_suffix('.'))
                .is_some_and(|labels| !labels.is_empty()),
            (PatternHost::Wildcard(_), Host::Ip(_)) => false,
        }
    }
}

impl fmt::Display for UpstreamPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = match &self.host {
            PatternHost::Exact(h) => h.as_str().to_owned(),
            PatternHost::Wildcard(s) => format!("*.{s}"),
        };
        write!(f, "{}://{host}", self.scheme.as_str())?;
        if self.port != self.scheme.default_port() {
            write!(f, ":{}", self.port)?;
        }
        Ok(())
    }
}

/// Checks a parsed target against the allowlist.
pub fn check(patterns: &[UpstreamPattern], t: &Target) -> Result<(), ProxyError> {
    if patterns.iter().any(|p| p.matches(t)) {
        Ok(())
    } else {
        Err(ProxyError::TargetNotAllowed(t.origin()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::parse;

    fn allowed(patterns: &[&str], path: &str) -> bool {
        let ps: Vec<_> = patterns
            .iter()
            .map(|p| UpstreamPattern::parse(p).expect("pattern"))
            .collect();
        check(&ps, &parse(path, None).expect("target")).is_ok()
    }

    #[test]
    fn wildcard_is_label_bounded_and_port_exact() {
        let d = DEFAULT_UPSTREAMS;
        assert!(allowed(&d, "/proxy/https/mongodb.aliyuncs.com/"));
        assert!(allowed(&d, "/proxy/https/a.b.aliyuncs.com:443/"));
        assert!(allowed(
            &d,
            "/proxy/https/iam.cn-north-4.myhuaweicloud.com/v3"
        ));
        assert!(!allowed(&d, "/proxy/https/aliyuncs.com/"));
        assert!(!allowed(&d, "/proxy/https/evilaliyuncs.com/"));
        assert!(!allowed(&d, "/proxy/https/aliyuncs.com.evil.com/"));
        assert!(!allowed(&d, "/proxy/http/mongodb.aliyuncs.com/"));
        assert!(!allowed(&d, "/proxy/https/mongodb.aliyuncs.com:8443/"));
        let lo = ["http://127.0.0.1:9000", "http://[::1]:9000/"];
        assert!(allowed(&lo, "/proxy/http/127.0.0.1:9000/x"));
        assert!(allowed(&lo, "/proxy/http/[::1]:9000/x"));
        assert!(!allowed(&lo, "/proxy/http/127.0.0.1/x"));
        assert!(!allowed(&lo, "/proxy/http/127.0.0.2:9000/x"));
        assert!(!allowed(&lo, "/proxy/http/[::ffff:127.0.0.1]:9000/x"));
        assert!(!allowed(&lo, "/proxy/http/localhost:9000/x"));
    }

    #[test]
    fn patterns_parse_strictly_and_display_canonically() {
        let p = UpstreamPattern::parse("HTTPS://*.AliyunCS.com/").expect("ok");
        assert_eq!(p.to_string(), "https://*.aliyuncs.com");
        let p = UpstreamPattern::parse("http://127.0.0.1:9000").expect("ok");
        assert_eq!(p.to_string(), "http://127.0.0.1:9000");
        for bad in [
            "*.aliyuncs.com",
            "ftp://x.com",
            "https://*.com",
            "https://*.aliyuncs.com/path",
            "https://a@b.com",
            "https://*.aliyuncs.com:0",
            "https://0x7f.1",
            "https://",
        ] {
            assert!(UpstreamPattern::parse(bad).is_err(), "{bad}");
        }
    }
}
