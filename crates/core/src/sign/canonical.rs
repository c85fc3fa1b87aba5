//! The canonical-request machinery shared by Alibaba V3 and Huawei SDK-HMAC-SHA256, which differ only in
//! the header selection, the string-to-sign prefix and the `Authorization` layout.
//!
//! CanonicalRequest = `METHOD\nURI\nQUERY\nHEADERS\nSIGNED_HEADERS\nPAYLOAD_HASH`, where HEADERS is one
//! `name:value\n` line per signed header (lower-cased names, trimmed values, sorted by name, repeated
//! headers' values sorted and joined by `,`), so a blank line precedes SIGNED_HEADERS.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Every intermediate string of a SHA-256 canonical-request signature, so the UI can show them and the
/// user can diff them against the server's echo in a `SignatureDoesNotMatch` / `APIGW.0301` message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureSteps {
    /// Hex SHA-256 of the body (or Huawei's literal `UNSIGNED-PAYLOAD`).
    pub hashed_payload: String,
    /// The canonical request (no trailing newline).
    pub canonical_request: String,
    /// Hex SHA-256 of the canonical request.
    pub hashed_canonical_request: String,
    /// The string the HMAC is computed over.
    pub string_to_sign: String,
    /// Lower-case signed header names joined by `;`.
    pub signed_headers: String,
    /// Lower-case hex HMAC-SHA256.
    pub signature: String,
    /// The full `Authorization` header value.
    pub authorization: String,
}

/// Canonical header lines and the signed-header list for the headers `select` accepts (by lower-case
/// name). Returns `(canonical_headers, signed_headers)`.
pub(crate) fn canonical_headers(
    headers: &[(String, String)],
    select: impl Fn(&str) -> bool,
) -> (String, String) {
    let mut grouped: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (name, value) in headers {
        let lower = name.to_ascii_lowercase();
        if select(&lower) {
            grouped.entry(lower).or_default().push(value.trim());
        }
    }
    let mut canonical = String::new();
    let mut signed = String::new();
    for (name, mut values) in grouped {
        values.sort_unstable();
        canonical.push_str(&name);
        canonical.push(':');
        canonical.push_str(&values.join(","));
        canonical.push('\n');
        if !signed.is_empty() {
            signed.push(';');
        }
        signed.push_str(&name);
    }
    (canonical, signed)
}

/// Joins the six parts of a canonical request.
pub(crate) fn canonical_request(
    method: &str,
    uri: &str,
    query: &str,
    canonical_headers: &str,
    signed_headers: &str,
    hashed_payload: &str,
) -> String {
    format!("{method}\n{uri}\n{query}\n{canonical_headers}\n{signed_headers}\n{hashed_payload}")
}

/// True when a header of this (lower-case) name already appears in `headers`.
pub(crate) fn has_header(headers: &[(String, String)], lower: &str) -> bool {
    headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn lowercases_trims_sorts_and_groups() {
        let headers = h(&[
            ("X-B", " 2 "),
            ("Host", "h"),
            ("x-b", "1"),
            ("User-Agent", "ua"),
            ("X-Empty", ""),
        ]);
        let (canon, signed) = canonical_headers(&headers, |n| n != "user-agent");
        assert_eq!(canon, "host:h\nx-b:1,2\nx-empty:\n");
        assert_eq!(signed, "host;x-b;x-empty");
        assert!(has_header(&headers, "user-agent"));
        assert!(!has_header(&headers, "accept"));
    }

    #[test]
    fn no_headers() {
        let (canon, signed) = canonical_headers(&[], |_| true);
        assert_eq!((canon.as_str(), signed.as_str()), ("", ""));
        assert_eq!(
            canonical_request("GET", "/", "", "", "", "e3"),
            "GET\n/\n\n\n\ne3"
        );
    }
}
