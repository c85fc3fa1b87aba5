//! "Copy as": a signed request rendered as a runnable `curl` command or as raw HTTP, optionally with
//! secrets masked for display or screenshots, and the equivalent vendor CLI command built from the
//! validated form (see [`crate::cli`]; the CLIs sign themselves, so no secret appears there).
//!
//! The curl command goes straight to the cloud endpoint (`https://{host}{path_and_query}`) with every
//! header the browser would send except `host` (curl derives it from the URL). It is runnable only while
//! the signature is fresh (15 minutes) and, for nonce-checked schemes, only once.

use crate::sign::OutgoingRequest;

/// Headers whose whole value is a secret.
const SECRET_HEADERS: [&str; 3] = ["x-acs-security-token", "x-security-token", "x-auth-token"];
/// Query parameters masked in RPC V1 requests (the signature and credentials travel in the query).
const SECRET_PARAMS: [&str; 3] = ["Signature", "SecurityToken", "AccessKeyId"];
/// What masked values are replaced with.
pub const MASK: &str = "***";

/// Quotes `s` for a POSIX shell: bare when it is made of safe characters, else in single quotes.
#[must_use]
pub fn shell_quote(s: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "_-./:=@,+%".contains(c);
    if !s.is_empty() && s.chars().all(safe) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// `Authorization` with the credential and signature values masked, the algorithm and signed-header
/// list kept (they help when comparing with the server's echo).
fn mask_authorization(value: &str) -> String {
    value
        .split_inclusive([',', ' '])
        .map(|part| {
            let (body, sep) = match part.strip_suffix([',', ' ']) {
                Some(b) => (b, &part[b.len()..]),
                None => (part, ""),
            };
            match body.split_once('=') {
                Some((k, _)) if ["Credential", "Access", "Signature"].contains(&k) => {
                    format!("{k}={MASK}{sep}")
                }
                _ => part.to_owned(),
            }
        })
        .collect()
}

/// The headers to show or send, masked if asked.
fn headers(req: &OutgoingRequest, masked: bool) -> Vec<(String, String)> {
    req.headers
        .iter()
        .map(|(n, v)| {
            let lower = n.to_ascii_lowercase();
            let v = if !masked {
                v.clone()
            } else if SECRET_HEADERS.contains(&lower.as_str()) {
                MASK.to_owned()
            } else if lower == "authorization" {
                mask_authorization(v)
            } else {
                v.clone()
            };
            (n.clone(), v)
        })
        .collect()
}

/// `path_and_query` with RPC V1 secrets masked.
fn path_and_query(req: &OutgoingRequest, masked: bool) -> String {
    let Some((path, query)) = req.path_and_query.split_once('?') else {
        return req.path_and_query.clone();
    };
    if !masked {
        return req.path_and_query.clone();
    }
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if SECRET_PARAMS.contains(&k) => format!("{k}={MASK}"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{path}?{}", query.join("&"))
}

/// A `curl` command for the request (multi-line, `\`-continued). With `masked`, tokens, the signature
/// and the AccessKey id are replaced by `***`: for display only, the result is not runnable.
#[must_use]
pub fn curl(req: &OutgoingRequest, masked: bool) -> String {
    curl_for(req, "https", masked)
}

/// [`curl`] for an upstream reached over `scheme` (the sandbox is plain `http` on loopback), so the
/// command targets the same place the console does.
#[must_use]
pub fn curl_for(req: &OutgoingRequest, scheme: &str, masked: bool) -> String {
    let url = format!("{scheme}://{}{}", req.host, path_and_query(req, masked));
    let mut lines = vec![format!("curl -X {} {}", req.method, shell_quote(&url))];
    for (name, value) in headers(req, masked) {
        if !name.eq_ignore_ascii_case("host") {
            lines.push(format!("-H {}", shell_quote(&format!("{name}: {value}"))));
        }
    }
    if !req.body.is_empty() {
        lines.push(format!(
            "--data-raw {}",
            shell_quote(&String::from_utf8_lossy(&req.body))
        ));
    }
    lines.join(" \\\n  ")
}

/// The request as raw HTTP/1.1 text, as the proxy sends it upstream (with `Host`).
#[must_use]
pub fn http_text(req: &OutgoingRequest, masked: bool) -> String {
    let mut out = format!(
        "{} {} HTTP/1.1\r\n",
        req.method,
        path_and_query(req, masked)
    );
    let hs = headers(req, masked);
    if !hs.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        out.push_str(&format!("Host: {}\r\n", req.host));
    }
    for (name, value) in hs {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&String::from_utf8_lossy(&req.body));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("dds-bp1"), "dds-bp1");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("{\"a\":1}"), "'{\"a\":1}'");
    }

    #[test]
    fn authorization_masking_keeps_structure() {
        assert_eq!(
            mask_authorization(
                "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-date,Signature=abc"
            ),
            "ACS3-HMAC-SHA256 Credential=***,SignedHeaders=host;x-acs-date,Signature=***"
        );
        assert_eq!(
            mask_authorization("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=ff"),
            "SDK-HMAC-SHA256 Access=***, SignedHeaders=host, Signature=***"
        );
    }
}
