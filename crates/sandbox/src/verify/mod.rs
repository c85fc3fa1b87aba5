//! Signature and token checks, as the clouds' gateways do them, reusing `console_core`'s signers: the
//! sandbox recomputes the signature from what it received and compares.
//!
//! | scheme | module | failure codes |
//! |---|---|---|
//! | Alibaba RPC V1 (HMAC-SHA1) | [`rpc_v1`] | `SignatureDoesNotMatch` (with the server's string to sign), `InvalidTimeStamp.*`, `SignatureNonceUsed`, `InvalidAccessKeyId.NotFound` |
//! | Alibaba V3 (ACS3-HMAC-SHA256) | [`acs3`] | the same, plus `IncompleteSignature` for unsigned `x-acs-*` headers |
//! | Huawei SDK-HMAC-SHA256 | [`huawei`] | `APIGW.0301` (with the canonical request, lines joined by `|`) |
//! | Huawei `X-Auth-Token` | [`token`] | `APIGW.0301` (unknown token), `APIGW.0307` (expired / other project) |

pub(crate) mod acs3;
pub(crate) mod huawei;
pub(crate) mod nonce;
pub(crate) mod rpc_v1;
pub(crate) mod token;

use console_core::sign::SigningTime;

use crate::error::ApiError;

/// V3 and Huawei accept a signing time within 15 minutes of the server clock, either way.
pub(crate) const WINDOW_SECONDS: i64 = 15 * 60;

/// Alibaba's current RPC doc: `Timestamp` is valid for 31 minutes.
pub(crate) const RPC_V1_WINDOW_SECONDS: i64 = 31 * 60;

/// What an Alibaba signature check hands to the product handler.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct AlibabaCall {
    /// API name (`Action` parameter or `x-acs-action`).
    pub(crate) action: String,
    /// API version (`Version` parameter or `x-acs-version`).
    pub(crate) version: String,
    /// The API's own parameters (query and form body), common signing parameters removed.
    pub(crate) params: Vec<(String, String)>,
}

impl AlibabaCall {
    /// First parameter of that name, treating an empty value as absent (as the gateway does).
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// Parses an Alibaba `yyyy-MM-ddTHH:mm:ssZ` time; anything else (fractions, offsets) is
/// `InvalidTimeStamp.Format`, as the gateway says.
pub(crate) fn parse_alibaba_time(value: &str) -> Result<SigningTime, ApiError> {
    SigningTime::parse_iso8601(value)
        .ok()
        .filter(|t| t.alibaba() == value)
        .ok_or_else(|| {
            ApiError::new(
                400,
                "InvalidTimeStamp.Format",
                "Specified time stamp or date value is not well formatted.",
            )
        })
}

/// `InvalidTimeStamp.Expired` when `signed` is more than `window` seconds away from `now`.
pub(crate) fn check_alibaba_window(
    signed: SigningTime,
    now: i64,
    window: i64,
) -> Result<(), ApiError> {
    if (now - signed.unix_seconds()).abs() > window {
        return Err(ApiError::new(
            400,
            "InvalidTimeStamp.Expired",
            format!(
                "Specified time stamp or date value is expired. Request time: {}, server time: {}.",
                signed.alibaba(),
                SigningTime::from_unix_seconds(now)
                    .map_or_else(|_| now.to_string(), SigningTime::alibaba)
            ),
        ));
    }
    Ok(())
}

/// Compares two signatures without an early exit on the first differing byte.
pub(crate) fn same_signature(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The STS rule shared by both Alibaba schemes: a temporary key needs its own token.
pub(crate) fn check_alibaba_token(
    expected: Option<&str>,
    sent: Option<&str>,
) -> Result<(), ApiError> {
    match (expected, sent) {
        (Some(_), None | Some("")) => Err(ApiError::new(
            400,
            "MissingSecurityToken",
            "SecurityToken is mandatory for this action.",
        )),
        (Some(want), Some(got)) if want != got => Err(ApiError::new(
            400,
            "InvalidSecurityToken.MismatchWithAccessKey",
            "Specified SecurityToken mismatch with the AccessKey.",
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_signatures() {
        assert!(parse_alibaba_time("2024-05-01T08:00:00Z").is_ok());
        let e = parse_alibaba_time("2024-05-01T08:00:00.5Z").unwrap_err();
        assert_eq!(e.code, "InvalidTimeStamp.Format");
        let t = parse_alibaba_time("2024-05-01T08:00:00Z").unwrap();
        assert!(check_alibaba_window(t, t.unix_seconds() + 900, WINDOW_SECONDS).is_ok());
        let e = check_alibaba_window(t, t.unix_seconds() + 901, WINDOW_SECONDS).unwrap_err();
        assert_eq!(e.code, "InvalidTimeStamp.Expired");
        assert!(same_signature("abc", "abc"));
        assert!(!same_signature("abc", "abd"));
        assert!(!same_signature("abc", "ab"));
        assert!(check_alibaba_token(None, Some("x")).is_ok());
        assert_eq!(
            check_alibaba_token(Some("t"), None).unwrap_err().code,
            "MissingSecurityToken"
        );
        assert!(check_alibaba_token(Some("t"), Some("u")).is_err());
    }
}
