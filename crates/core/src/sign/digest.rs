//! The hash and MAC primitives the schemes need, in pure Rust (RustCrypto) so the same code runs natively
//! and in wasm32 without WebCrypto's async, secure-context-only API.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

use super::encode::hex_lower;

/// HMAC-SHA1 over `data`: Alibaba RPC V1's MAC. HMAC accepts keys of any length, so this cannot fail.
#[must_use]
pub fn hmac_sha1(key: &[u8], data: &[u8]) -> [u8; 20] {
    let mut out = [0u8; 20];
    // `new_from_slice` only errs for fixed-size-key MACs; HMAC takes any key length.
    if let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(key) {
        mac.update(data);
        out.copy_from_slice(&mac.finalize().into_bytes());
    }
    out
}

/// HMAC-SHA256 over `data`: the MAC of Alibaba V3 and Huawei SDK-HMAC-SHA256.
#[must_use]
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    if let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) {
        mac.update(data);
        out.copy_from_slice(&mac.finalize().into_bytes());
    }
    out
}

/// Lower-case hex SHA-256: payload hashes (`x-acs-content-sha256`) and hashed canonical requests.
#[must_use]
pub fn sha256_hex(data: &[u8]) -> String {
    hex_lower(&Sha256::digest(data))
}

/// Standard Base64 with padding (RPC V1 signatures are sent this way, then percent-encoded).
#[must_use]
pub fn base64_standard(data: &[u8]) -> String {
    STANDARD.encode(data)
}

/// Hex SHA-256 of the empty string, the payload hash of every bodiless request; handy in UI hints and tests.
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4231_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex_lower(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn rfc2202_sha1_case_2() {
        let mac = hmac_sha1(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(hex_lower(&mac), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    }

    #[test]
    fn empty_hash() {
        assert_eq!(sha256_hex(b""), EMPTY_SHA256);
        assert_eq!(base64_standard(b"ab"), "YWI=");
    }
}
