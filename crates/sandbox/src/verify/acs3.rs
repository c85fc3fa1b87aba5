//! Alibaba V3 (`ACS3-HMAC-SHA256`) verification: signing.md §A.3 run backwards.
//!
//! The server trusts the client's `SignedHeaders` list, so the request is rebuilt with exactly those
//! headers and signed again with `console_core::sign::sign_acs3` (every header signed); the result must
//! equal the `Signature` sent. `x-acs-content-sha256` is compared with the body first, so a changed body
//! gets a message that says so.

use console_core::sign::alibaba_v3::{ACS3_ALGORITHM, ACS3_RESERVED_HEADERS};
use console_core::sign::digest::sha256_hex;
use console_core::sign::{sign_acs3, Acs3HeaderPolicy, Acs3Params, Credentials, UnsignedRequest};

use super::nonce::NonceCache;
use super::{
    check_alibaba_token, check_alibaba_window, parse_alibaba_time, same_signature, AlibabaCall,
    WINDOW_SECONDS,
};
use crate::demo::alibaba_key;
use crate::error::ApiError;
use crate::incoming::Incoming;

/// Headers that must be present and signed (the doc: every common header except `Authorization`).
const REQUIRED: [&str; 6] = [
    "host",
    "x-acs-action",
    "x-acs-content-sha256",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-version",
];

fn incomplete(detail: &str) -> ApiError {
    ApiError::new(
        400,
        "IncompleteSignature",
        format!("The request signature does not conform to Aliyun standards. {detail}"),
    )
}

/// The three fields of `Authorization: ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`.
struct Authorization<'a> {
    credential: &'a str,
    signed_headers: Vec<String>,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Option<Authorization<'_>> {
    let rest = value.strip_prefix(ACS3_ALGORITHM)?.trim_start();
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("Credential", v)) => credential = Some(v),
            Some(("SignedHeaders", v)) => signed = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => return None,
        }
    }
    Some(Authorization {
        credential: credential?,
        signed_headers: signed?.split(';').map(str::to_ascii_lowercase).collect(),
        signature: signature?,
    })
}

/// Checks a V3-signed request; `params` are the API parameters (query and form body) handed on to the
/// product handler.
pub(crate) fn verify_acs3(
    req: &Incoming,
    params: Vec<(String, String)>,
    now: i64,
    nonces: &mut NonceCache,
) -> Result<AlibabaCall, ApiError> {
    let auth = req
        .header("authorization")
        .and_then(parse_authorization)
        .ok_or_else(|| incomplete("The Authorization header is not ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…."))?;
    for name in REQUIRED {
        if req.header(name).is_none() {
            return Err(incomplete(&format!("The header {name} is missing.")));
        }
    }
    let unsigned = req.headers.iter().map(|(n, _)| n.as_str()).find(|n| {
        (REQUIRED.contains(n) || n.starts_with("x-acs-"))
            && !auth.signed_headers.iter().any(|s| s == n)
    });
    if let Some(name) = unsigned {
        return Err(incomplete(&format!(
            "The header {name} must be in SignedHeaders."
        )));
    }
    let header = |name: &str| req.header(name).unwrap_or_default().trim();
    let time = parse_alibaba_time(header("x-acs-date"))?;
    let key = alibaba_key(auth.credential).ok_or_else(|| {
        ApiError::new(
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        )
    })?;
    let token = req.header("x-acs-security-token");
    check_alibaba_token(key.security_token, token)?;
    check_alibaba_window(time, now, WINDOW_SECONDS)?;
    let body_hash = sha256_hex(&req.body);
    if header("x-acs-content-sha256") != body_hash {
        return Err(ApiError::new(
            400,
            "SignatureDoesNotMatch",
            format!(
                "Specified signature is not matched with our calculation. The x-acs-content-sha256 header ({}) \
                 is not the SHA-256 of the request body received ({body_hash}).",
                header("x-acs-content-sha256")
            ),
        ));
    }

    let extra: Vec<(String, String)> = req
        .headers
        .iter()
        .filter(|(n, _)| {
            auth.signed_headers.contains(n) && !ACS3_RESERVED_HEADERS.contains(&n.as_str())
        })
        .cloned()
        .collect();
    let rebuilt = UnsignedRequest {
        method: req.method.clone(),
        host: header("host").to_owned(),
        path: req.path.clone(),
        query: req.query.clone(),
        headers: extra,
        body: req.body.clone(),
    };
    let mut creds = Credentials::new(auth.credential, key.secret);
    if let Some(t) = token {
        creds = creds.with_security_token(t.trim());
    }
    let (action, version, nonce) = (
        header("x-acs-action"),
        header("x-acs-version"),
        header("x-acs-signature-nonce"),
    );
    let p = Acs3Params {
        header_policy: Acs3HeaderPolicy::AllHeaders,
        ..Acs3Params::new(action, version, nonce, time)
    };
    let signed = sign_acs3(&rebuilt, &creds, &p).map_err(|e| incomplete(&e.to_string()))?;
    if !same_signature(&signed.steps.signature, auth.signature) {
        return Err(ApiError::new(
            400,
            "SignatureDoesNotMatch",
            format!(
                "Specified signature is not matched with our calculation. server string to sign is:{}",
                signed.steps.string_to_sign
            ),
        ));
    }
    nonces.use_once(auth.credential, nonce, now, WINDOW_SECONDS)?;
    Ok(AlibabaCall {
        action: action.to_owned(),
        version: version.to_owned(),
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_parsing() {
        let a = parse_authorization(
            "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;X-Acs-Date,Signature=abc",
        )
        .unwrap();
        assert_eq!(a.credential, "AK");
        assert_eq!(a.signed_headers, vec!["host", "x-acs-date"]);
        assert_eq!(a.signature, "abc");
        assert!(parse_authorization("acs AK:sig").is_none());
        assert!(parse_authorization("ACS3-HMAC-SHA256 Credential=AK").is_none());
        assert!(parse_authorization("ACS3-HMAC-SHA256 Credential=AK,Bogus=1").is_none());
    }
}
