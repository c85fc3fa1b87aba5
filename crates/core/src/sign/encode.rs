//! Percent-encoding and canonical query / path strings, exactly as Alibaba and Huawei compute them.
//!
//! Both clouds use the same rule (signing.md §A.1): take the UTF-8 bytes, keep the RFC 3986 unreserved
//! characters `A–Z a–z 0–9 - _ . ~`, and write every other byte as `%XY` with upper-case hex. So a space is
//! `%20` (never `+`), `*` is `%2A` and `~` stays. Anything looser (`encodeURIComponent`, form encoding)
//! produces a different string to sign and a `SignatureDoesNotMatch`.

use std::borrow::Cow;

use percent_encoding::{
    percent_decode_str, percent_encode, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC,
};

/// The bytes that must be escaped: everything except the RFC 3986 unreserved set. Public so that other
/// modules (the request builder, tests) encode with the very same table the signer uses.
pub const STRICT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a string the way both clouds sign it (RFC 3986 unreserved kept, everything else `%XY`
/// upper-case over the UTF-8 bytes). Borrows when nothing needs escaping, which is the common case for
/// parameter names and ids.
#[must_use]
pub fn percent_encode_strict(input: &str) -> Cow<'_, str> {
    utf8_percent_encode(input, STRICT).into()
}

/// Percent-encodes raw bytes (a decoded path segment need not be UTF-8) with the same table.
#[must_use]
pub fn percent_encode_bytes(input: &[u8]) -> String {
    percent_encode(input, STRICT).to_string()
}

/// Sorts parameters by name (plain byte order, case-sensitive; equal names by value, for Huawei's repeated
/// names) and joins them as `enc(name)=enc(value)` with `&`. This is the canonical query string of all three
/// schemes and also the form body the console sends, so what is signed is byte for byte what is sent. An
/// empty value keeps its `=`.
#[must_use]
pub fn canonical_query<S: AsRef<str>, T: AsRef<str>>(params: &[(S, T)]) -> String {
    let mut sorted: Vec<(&str, &str)> = params
        .iter()
        .map(|(n, v)| (n.as_ref(), v.as_ref()))
        .collect();
    sorted.sort_unstable();
    let mut out = String::new();
    for (i, (name, value)) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&percent_encode_strict(name));
        out.push('=');
        out.push_str(&percent_encode_strict(value));
    }
    out
}

/// Normalises a request path into its canonical, once-encoded form: split on `/`, percent-decode each
/// segment, then encode each segment with [`STRICT`]. An already-encoded path comes back unchanged
/// (`%2F` inside a segment stays `%2F`); a raw one (`a b`) is encoded once. This is what the Huawei Python
/// and Go SDKs and Alibaba V3 sign. An empty path becomes `/`. Invalid escapes (`%zz`) are kept literally and
/// so their `%` is encoded as `%25`.
#[must_use]
pub fn canonical_path(path: &str) -> String {
    if path.is_empty() {
        return "/".to_owned();
    }
    let mut out = String::with_capacity(path.len() + 1);
    if !path.starts_with('/') {
        out.push('/');
    }
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        let decoded: Cow<'_, [u8]> = percent_decode_str(segment).into();
        out.push_str(&percent_encode_bytes(&decoded));
    }
    out
}

/// Lower-case hex of some bytes: signatures and payload hashes are written this way by V3 and Huawei.
#[must_use]
pub fn hex_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_and_unreserved() {
        assert_eq!(percent_encode_strict("AZaz09-_.~"), "AZaz09-_.~");
        assert_eq!(
            percent_encode_strict(" */+=&'()!:"),
            "%20%2A%2F%2B%3D%26%27%28%29%21%3A"
        );
        assert_eq!(percent_encode_strict("é"), "%C3%A9");
        assert_eq!(percent_encode_strict("😀"), "%F0%9F%98%80");
        assert_eq!(percent_encode_strict(""), "");
        assert_eq!(percent_encode_strict("%41"), "%2541");
    }

    #[test]
    fn query_sorting_is_byte_order() {
        let q = [
            ("b", "2"),
            ("Tag.2.Key", "x"),
            ("Tag.10.Key", "y"),
            ("a", ""),
            ("B", "1"),
        ];
        assert_eq!(canonical_query(&q), "B=1&Tag.10.Key=y&Tag.2.Key=x&a=&b=2");
    }

    #[test]
    fn query_repeated_names_sort_by_value() {
        let q = [("tags", "b"), ("tags", "a"), ("name", "x y")];
        assert_eq!(canonical_query(&q), "name=x%20y&tags=a&tags=b");
        assert_eq!(canonical_query::<&str, &str>(&[]), "");
    }

    #[test]
    fn path_is_encoded_once() {
        assert_eq!(canonical_path(""), "/");
        assert_eq!(canonical_path("/"), "/");
        assert_eq!(canonical_path("/v3/a b/é"), "/v3/a%20b/%C3%A9");
        assert_eq!(canonical_path("/v3/a%20b/%C3%A9"), "/v3/a%20b/%C3%A9");
        assert_eq!(canonical_path("/x/es%2Fy/"), "/x/es%2Fy/");
        assert_eq!(canonical_path("/bad%zz%"), "/bad%25zz%25");
        assert_eq!(canonical_path("rel/path"), "/rel/path");
        assert_eq!(canonical_path("/%FF"), "/%FF");
    }

    #[test]
    fn hex() {
        assert_eq!(hex_lower(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(hex_lower(&[]), "");
    }
}
