//! One entry point over the three signing schemes, so the UI can sign whatever the catalog says without a
//! `match` of its own, and show the intermediate strings of whichever scheme ran.

use serde::{Deserialize, Serialize};

use super::alibaba_rpc::{sign_rpc_v1, RpcV1Params, RpcV1Signed};
use super::alibaba_v3::{sign_acs3, Acs3Params, Acs3Signed};
use super::credentials::Credentials;
use super::huawei::{sign_huawei, HuaweiParams, HuaweiSigned};
use super::request::{OutgoingRequest, SignError, UnsignedRequest};

/// A scheme together with its per-call inputs (time, nonce, action…).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme<'a> {
    /// Alibaba RPC V1, HMAC-SHA1.
    AlibabaRpcV1(RpcV1Params<'a>),
    /// Alibaba V3, ACS3-HMAC-SHA256.
    AlibabaV3(Acs3Params<'a>),
    /// Huawei APIG AK/SK, SDK-HMAC-SHA256.
    Huawei(HuaweiParams<'a>),
}

/// The result of [`sign`]: the scheme's own output with all its intermediate strings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Signed {
    /// From [`sign_rpc_v1`].
    AlibabaRpcV1(RpcV1Signed),
    /// From [`sign_acs3`].
    AlibabaV3(Acs3Signed),
    /// From [`sign_huawei`].
    Huawei(HuaweiSigned),
}

impl Signed {
    /// The request to send, whatever the scheme.
    #[must_use]
    pub const fn request(&self) -> &OutgoingRequest {
        match self {
            Self::AlibabaRpcV1(s) => &s.request,
            Self::AlibabaV3(s) => &s.request,
            Self::Huawei(s) => &s.request,
        }
    }

    /// Consumes the result, keeping only the request to send.
    #[must_use]
    pub fn into_request(self) -> OutgoingRequest {
        match self {
            Self::AlibabaRpcV1(s) => s.request,
            Self::AlibabaV3(s) => s.request,
            Self::Huawei(s) => s.request,
        }
    }

    /// The string to sign, the first thing to compare with a server's `SignatureDoesNotMatch` echo.
    #[must_use]
    pub fn string_to_sign(&self) -> &str {
        match self {
            Self::AlibabaRpcV1(s) => &s.string_to_sign,
            Self::AlibabaV3(s) => &s.steps.string_to_sign,
            Self::Huawei(s) => &s.steps.string_to_sign,
        }
    }
}

/// Signs `req` with `scheme`.
///
/// # Errors
/// Whatever the scheme's own function returns.
pub fn sign(
    req: &UnsignedRequest,
    creds: &Credentials,
    scheme: &Scheme<'_>,
) -> Result<Signed, SignError> {
    Ok(match scheme {
        Scheme::AlibabaRpcV1(p) => Signed::AlibabaRpcV1(sign_rpc_v1(req, creds, p)?),
        Scheme::AlibabaV3(p) => Signed::AlibabaV3(sign_acs3(req, creds, p)?),
        Scheme::Huawei(p) => Signed::Huawei(sign_huawei(req, creds, p)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::time::SigningTime;

    #[test]
    fn dispatches() {
        let t = SigningTime::from_unix_seconds(1_714_550_400).unwrap();
        let creds = Credentials::new("testid", "testsecret");
        let req = UnsignedRequest::new("POST", "mongodb.aliyuncs.com", "/")
            .with_query("DBInstanceId", "d");
        let schemes = [
            Scheme::AlibabaRpcV1(RpcV1Params::new("A", "1", "n", t)),
            Scheme::AlibabaV3(Acs3Params::new("A", "1", "n", t)),
            Scheme::Huawei(HuaweiParams {
                time: t,
                project_id: None,
            }),
        ];
        let prefixes = ["POST&%2F&", "ACS3-HMAC-SHA256\n", "SDK-HMAC-SHA256\n"];
        for (scheme, prefix) in schemes.iter().zip(prefixes) {
            let s = sign(&req, &creds, scheme).unwrap();
            assert!(s.string_to_sign().starts_with(prefix));
            assert_eq!(s.request().host, "mongodb.aliyuncs.com");
            assert_eq!(s.clone().into_request(), *s.request());
        }
    }
}
