//! Alibaba RPC V1 (HMAC-SHA1) verification: signing.md §A.1 run backwards.
//!
//! The gateway signs every parameter it received except `Signature`, whatever they are, so the check is
//! built from `console_core`'s own pieces (`canonical_query`, `percent_encode_strict`, `hmac_sha1`,
//! `base64_standard`) over all parameters rather than through `sign_rpc_v1`, which adds a fixed set of
//! common parameters itself. On a mismatch the answer echoes the server's string to sign, as Alibaba does.

use console_core::sign::alibaba_rpc::RPC_V1_RESERVED;
use console_core::sign::digest::{base64_standard, hmac_sha1};
use console_core::sign::{canonical_query, percent_encode_strict};

use super::nonce::NonceCache;
use super::{
    check_alibaba_token, check_alibaba_window, parse_alibaba_time, same_signature, AlibabaCall,
    RPC_V1_WINDOW_SECONDS,
};
use crate::demo::alibaba_key;
use crate::error::ApiError;

/// Checks an RPC V1 request whose parameters (query plus form body) are `params`, and returns the call with
/// the signing parameters stripped.
pub(crate) fn verify_rpc_v1(
    method: &str,
    params: &[(String, String)],
    now: i64,
    nonces: &mut NonceCache,
) -> Result<AlibabaCall, ApiError> {
    let get = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let require = |name: &str| {
        get(name)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| ApiError::missing(name))
    };
    let access_key_id = require("AccessKeyId")?;
    let signature = require("Signature")?;
    let nonce = require("SignatureNonce")?;
    let timestamp = get("Timestamp").filter(|v| !v.is_empty()).ok_or_else(|| {
        ApiError::new(
            400,
            "IllegalTimestamp",
            "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied.",
        )
    })?;
    if get("SignatureMethod") != Some("HMAC-SHA1") || get("SignatureVersion") != Some("1.0") {
        return Err(ApiError::new(
            400,
            "IncompleteSignature",
            "The request signature does not conform to Aliyun standards. SignatureMethod must be HMAC-SHA1 \
             and SignatureVersion 1.0.",
        ));
    }
    let time = parse_alibaba_time(timestamp)?;
    let key = alibaba_key(access_key_id).ok_or_else(|| {
        ApiError::new(
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        )
    })?;
    check_alibaba_token(key.security_token, get("SecurityToken"))?;
    check_alibaba_window(time, now, RPC_V1_WINDOW_SECONDS)?;

    let signed: Vec<(&str, &str)> = params
        .iter()
        .filter(|(n, _)| n != "Signature")
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let string_to_sign = format!(
        "{method}&%2F&{}",
        percent_encode_strict(&canonical_query(&signed))
    );
    let expected = base64_standard(&hmac_sha1(
        format!("{}&", key.secret).as_bytes(),
        string_to_sign.as_bytes(),
    ));
    if !same_signature(&expected, signature) {
        return Err(ApiError::new(
            400,
            "SignatureDoesNotMatch",
            format!(
                "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"
            ),
        ));
    }
    nonces.use_once(access_key_id, nonce, now, RPC_V1_WINDOW_SECONDS)?;

    Ok(AlibabaCall {
        action: get("Action").unwrap_or_default().to_owned(),
        version: get("Version").unwrap_or_default().to_owned(),
        params: params
            .iter()
            .filter(|(n, _)| !RPC_V1_RESERVED.contains(&n.as_str()) && n != "SignatureType")
            .cloned()
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use console_core::sign::{sign_rpc_v1, Credentials, RpcV1Params, SigningTime, UnsignedRequest};

    use super::*;
    use crate::demo::DEMO_CREDENTIALS;
    use crate::incoming::parse_pairs;

    const NOW: i64 = 1_714_550_400;

    fn signed(secret: &str, nonce: &str) -> Vec<(String, String)> {
        let a = DEMO_CREDENTIALS.alibaba;
        let req = UnsignedRequest::new("POST", "127.0.0.1:9000", "/")
            .with_query("DBInstanceId", "dds-bp1sandbox0001");
        let p = RpcV1Params::new(
            "DescribeDBInstanceAttribute",
            "2015-12-01",
            nonce,
            SigningTime::from_unix_seconds(NOW).unwrap(),
        );
        let s = sign_rpc_v1(&req, &Credentials::new(a.access_key_id, secret), &p).unwrap();
        parse_pairs(&s.signed_query)
    }

    #[test]
    fn accepts_then_refuses_replay_and_wrong_secret() {
        let mut nonces = NonceCache::default();
        let good = signed(DEMO_CREDENTIALS.alibaba.access_key_secret, "n1");
        let call = verify_rpc_v1("POST", &good, NOW + 60, &mut nonces).unwrap();
        assert_eq!(call.action, "DescribeDBInstanceAttribute");
        assert_eq!(call.param("DBInstanceId"), Some("dds-bp1sandbox0001"));
        assert!(call.param("Signature").is_none());
        let e = verify_rpc_v1("POST", &good, NOW + 60, &mut nonces).unwrap_err();
        assert_eq!(e.code, "SignatureNonceUsed");
        let bad = signed("wrong", "n2");
        let e = verify_rpc_v1("POST", &bad, NOW, &mut nonces).unwrap_err();
        assert_eq!(e.code, "SignatureDoesNotMatch");
        assert!(e
            .message
            .contains("server string to sign is:POST&%2F&AccessKeyId%3D"));
        let e = verify_rpc_v1("GET", &good, NOW + 40 * 60, &mut nonces).unwrap_err();
        assert_eq!(e.code, "InvalidTimeStamp.Expired");
    }
}
