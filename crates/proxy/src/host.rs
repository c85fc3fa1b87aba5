//! Validation of the `host[:port]` part of a target or an allowlist pattern.
//!
//! Tricks that lenient URL parsers would "repair" are refused here, before any allowlist check: userinfo,
//! percent-encoding, backslashes, control characters, trailing dots, empty labels, and every numeric IPv4
//! spelling except canonical dotted decimal (`2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1`). Hosts are
//! lowercased, so the allowlist compares one canonical text.

use std::net::Ipv6Addr;

use crate::error::ProxyError;

/// URL scheme of an upstream. Only plain HTTP(S) is forwarded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// `http`, default port 80: only useful for allow-listed loopback stubs.
    Http,
    /// `https`, default port 443: the clouds.
    Https,
}

impl Scheme {
    /// Parses a lowercase scheme name.
    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "http" => Some(Self::Http),
            "https" => Some(Self::Https),
            _ => None,
        }
    }
    /// Parses a scheme name in any letter case (`HTTPS`), without allocating.
    pub(crate) fn parse_any_case(s: &str) -> Option<Self> {
        if s.eq_ignore_ascii_case("http") {
            Some(Self::Http)
        } else if s.eq_ignore_ascii_case("https") {
            Some(Self::Https)
        } else {
            None
        }
    }
    /// The scheme's name as written in URLs.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Http => "http",
            Self::Https => "https",
        }
    }
    /// Port used when the URL names none.
    #[must_use]
    pub fn default_port(self) -> u16 {
        match self {
            Self::Http => 80,
            Self::Https => 443,
        }
    }
}

/// A host that passed validation: either a lowercase DNS name or an IP literal in canonical text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Host {
    /// Lowercase LDH labels, no trailing dot, not numeric-looking.
    Dns(String),
    /// Canonical dotted-decimal IPv4 or bracketed canonical IPv6 (`[::1]`).
    Ip(String),
}

impl Host {
    /// The host as written in a URL (IPv6 with brackets).
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Dns(s) | Self::Ip(s) => s,
        }
    }
}

/// Splits and validates `host[:port]` (IPv6 in brackets); shared by targets, allowlist patterns and CORS
/// origins so all three agree on what a host is.
pub(crate) fn parse_authority(authority: &str, scheme: Scheme) -> Result<(Host, u16), ProxyError> {
    if authority.is_empty() {
        return Err(bad("empty host"));
    }
    let offending = |c: &char| matches!(c, '@' | '%' | '\\') || c.is_control() || c.is_whitespace();
    // Plain ASCII (the usual case) is checked byte by byte, without UTF-8 decoding.
    let found = if authority.is_ascii() {
        authority
            .bytes()
            .find(|b| offending_ascii(*b))
            .map(char::from)
    } else {
        authority.chars().find(offending)
    };
    if let Some(c) = found {
        return Err(bad(match c {
            '@' => "userinfo (@) is not allowed in the host",
            '%' => "percent-encoding is not allowed in the host",
            '\\' => "backslash in the host",
            _ => "control or space character in the host",
        }));
    }
    let (host_part, port_part) = if let Some(v6) = authority.strip_prefix('[') {
        let (inside, after) = v6.split_once(']').ok_or_else(|| bad("unclosed ["))?;
        let addr: Ipv6Addr = inside.parse().map_err(|_| bad("invalid IPv6 literal"))?;
        let canonical = format!("[{addr}]");
        if canonical != authority[..inside.len() + 2].to_ascii_lowercase() {
            return Err(bad("IPv6 literal not in canonical form"));
        }
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or_else(|| bad("junk after ]"))?),
        };
        (Host::Ip(canonical), port)
    } else {
        let (h, p) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        (parse_host(h)?, p)
    };
    let port = match port_part {
        None => scheme.default_port(),
        Some(p) => parse_port(p)?,
    };
    Ok((host_part, port))
}

/// The `char` test of [`parse_authority`] for an ASCII byte (`@`, `%`, `\\`, controls, whitespace),
/// without decoding UTF-8: this runs over every forwarded request's authority.
fn offending_ascii(b: u8) -> bool {
    matches!(b, b'@' | b'%' | b'\\' | 0..=0x20 | 0x7f)
}

/// Validates a non-bracketed host: canonical IPv4 or lowercase LDH DNS name.
pub(crate) fn parse_host(raw: &str) -> Result<Host, ProxyError> {
    let host = raw.to_ascii_lowercase();
    if host.ends_with('.') {
        return Err(bad("trailing dot in the host"));
    }
    if host.len() > 253 {
        return Err(bad("host too long"));
    }
    for l in host.as_bytes().split(|b| *b == b'.') {
        if l.is_empty() {
            return Err(bad("empty label in the host"));
        }
        let ldh = l.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-');
        if !ldh || l.len() > 63 || l.starts_with(b"-") || l.ends_with(b"-") {
            return Err(bad("host must be a DNS name (letters, digits, hyphens)"));
        }
    }
    // WHATWG URL rule: a host whose last label is numeric (decimal or 0x-hex) is an IPv4 address.
    // Only the canonical dotted-decimal spelling is accepted, so `2130706433`, `0177.0.0.1` or `0x7f.1`
    // can never sneak past an allowlist entry written as `127.0.0.1`.
    let last = host.rfind('.').map_or(host.as_str(), |i| &host[i + 1..]);
    let numeric = last.bytes().all(|b| b.is_ascii_digit())
        || (last.starts_with("0x") && last[2..].bytes().all(|b| b.is_ascii_hexdigit()));
    if numeric {
        return if is_canonical_ipv4(&host) {
            Ok(Host::Ip(host))
        } else {
            Err(bad("IPv4 address not in canonical dotted-decimal form"))
        };
    }
    Ok(Host::Dns(host))
}

/// True when `host` is an IPv4 address written exactly as [`std::net::Ipv4Addr`] would print it: four
/// decimal octets of at most 255, no leading zeros. (One pass over the bytes, without parsing or
/// formatting the address: this runs for every forwarded request to an IP literal.)
fn is_canonical_ipv4(host: &str) -> bool {
    let mut octets = 0;
    for octet in host.as_bytes().split(|b| *b == b'.') {
        octets += 1;
        let canonical = match octet {
            [b'0'] => true,
            [b'1'..=b'9', rest @ ..] if rest.len() <= 2 && rest.iter().all(u8::is_ascii_digit) => {
                octet.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')) <= 255
            }
            _ => false,
        };
        if !canonical || octets > 4 {
            return false;
        }
    }
    octets == 4
}

fn parse_port(p: &str) -> Result<u16, ProxyError> {
    let ok_syntax = !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && !p.starts_with('0');
    match p.parse::<u16>() {
        Ok(n) if ok_syntax && n > 0 => Ok(n),
        _ => Err(bad("invalid port")),
    }
}

fn bad(msg: &str) -> ProxyError {
    ProxyError::BadTarget(msg.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_hosts_pass_and_tricks_fail() {
        let ok = |a: &str| parse_authority(a, Scheme::Https).unwrap_or_else(|e| panic!("{a}: {e}"));
        assert_eq!(
            ok("Mongodb.AliyunCS.com"),
            (Host::Dns("mongodb.aliyuncs.com".into()), 443)
        );
        assert_eq!(ok("127.0.0.1:9000"), (Host::Ip("127.0.0.1".into()), 9000));
        assert_eq!(ok("[::1]:8080"), (Host::Ip("[::1]".into()), 8080));
        assert_eq!(
            ok("[::FFFF:127.0.0.1]").0,
            Host::Ip("[::ffff:127.0.0.1]".into())
        );
        for a in [
            "a.aliyuncs.com\r\n.evil",
            "a.aliyuncs.com\0",
            "a .aliyuncs.com",
            "a\u{130}.aliyuncs.com",
            "[0:0:0:0:0:0:0:1]",
            "[::1",
            "[::1]x",
            "a.aliyuncs.com:+443",
            "a.aliyuncs.com:65536",
            "a.aliyuncs.com:",
            "a.aliyuncs.com:0",
            "-a.aliyuncs.com",
            "a-.aliyuncs.com",
            "127.0.0.01",
            "1.2.3.0x4",
            "2130706433",
            "0x7f.1",
            "a_b.aliyuncs.com",
            "",
            "a.b.",
            "a..b",
        ] {
            assert!(
                matches!(
                    parse_authority(a, Scheme::Https),
                    Err(ProxyError::BadTarget(_))
                ),
                "{a:?}"
            );
        }
    }

    #[test]
    fn offending_table_matches_the_char_test() {
        for b in 0..128u8 {
            let c = char::from(b);
            let slow = matches!(c, '@' | '%' | '\\') || c.is_control() || c.is_whitespace();
            assert_eq!(offending_ascii(b), slow, "{b}");
        }
    }

    #[test]
    fn canonical_ipv4_check_agrees_with_printing() {
        let slow = |h: &str| {
            h.parse::<std::net::Ipv4Addr>()
                .is_ok_and(|ip| ip.to_string() == h)
        };
        let pieces = [
            "0", "00", "1", "01", "9", "10", "99", "100", "255", "256", "999", "1000", "", "a",
            "+1", "-4", "4 ",
        ];
        for a in pieces {
            for b in pieces {
                for tail in ["", ".", ".0", ".255", ".0.1", ".1.2.3"] {
                    for h in [format!("{a}.{b}{tail}"), format!("{a}.1.{b}{tail}")] {
                        assert_eq!(is_canonical_ipv4(&h), slow(&h), "{h:?}");
                    }
                }
            }
        }
    }
}
