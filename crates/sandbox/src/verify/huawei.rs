//! Huawei APIG AK/SK (`SDK-HMAC-SHA256`) verification: signing.md §A.4 run backwards.
//!
//! The request is rebuilt with exactly the client's `SignedHeaders` and signed again with
//! `console_core::sign::sign_huawei`; a different signature is `APIGW.0301 … verify aksk signature fail`
//! carrying the gateway's canonical request with its lines joined by `|`, as Huawei does. A changed body
//! changes the payload hash and so fails the same way.

use console_core::sign::huawei::{HUAWEI_ALGORITHM, HUAWEI_RESERVED_HEADERS};
use console_core::sign::{sign_huawei, Credentials, HuaweiParams, SigningTime, UnsignedRequest};

use super::{same_signature, WINDOW_SECONDS};
use crate::demo::huawei_key;
use crate::error::ApiError;
use crate::incoming::Incoming;

/// Who signed: the AK and the `X-Project-Id` it signed, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HuaweiSigner {
    pub(crate) access_key: String,
    pub(crate) project_id: Option<String>,
}

struct Authorization<'a> {
    access: &'a str,
    signed_headers: Vec<String>,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Option<Authorization<'_>> {
    let rest = value.strip_prefix(HUAWEI_ALGORITHM)?.trim_start();
    let (mut access, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("Access", v)) => access = Some(v),
            Some(("SignedHeaders", v)) => signed = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => return None,
        }
    }
    Some(Authorization {
        access: access?,
        signed_headers: signed?.split(';').map(str::to_ascii_lowercase).collect(),
        signature: signature?,
    })
}

/// Checks an AK/SK-signed request.
pub(crate) fn verify_huawei(req: &Incoming, now: i64) -> Result<HuaweiSigner, ApiError> {
    let auth = req
        .header("authorization")
        .and_then(parse_authorization)
        .ok_or_else(|| {
            ApiError::apigw_auth(
                "Authorization is not SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…",
            )
        })?;
    let signed = |name: &str| auth.signed_headers.iter().any(|s| s == name);
    let date = req
        .header("x-sdk-date")
        .filter(|_| signed("x-sdk-date"))
        .ok_or_else(|| ApiError::apigw_auth("x-sdk-date not found in the signed headers"))?
        .trim();
    let time = SigningTime::parse_compact(date)
        .ok()
        .filter(|t| t.huawei() == date)
        .ok_or_else(|| {
            ApiError::apigw_auth(format!("x-sdk-date {date} is not YYYYMMDDTHHMMSSZ"))
        })?;
    let key = huawei_key(auth.access)
        .ok_or_else(|| ApiError::apigw_auth(format!("ak {} not exist", auth.access)))?;
    let token = req
        .header("x-security-token")
        .filter(|_| signed("x-security-token"));
    if let Some(want) = key.security_token {
        if token.map(str::trim) != Some(want) {
            return Err(ApiError::apigw_auth(
                "decrypt token fail (X-Security-Token missing or wrong)",
            ));
        }
    }
    if (now - time.unix_seconds()).abs() > WINDOW_SECONDS {
        let server = SigningTime::from_unix_seconds(now)
            .map_or_else(|_| now.to_string(), SigningTime::huawei);
        return Err(ApiError::apigw_auth(format!(
            "calc ak sk signature fail:signature expired, signature time:{date}, server time:{server}"
        )));
    }

    let extra: Vec<(String, String)> = req
        .headers
        .iter()
        .filter(|(n, _)| signed(n) && !HUAWEI_RESERVED_HEADERS.contains(&n.as_str()))
        .cloned()
        .collect();
    let rebuilt = UnsignedRequest {
        method: req.method.clone(),
        host: req.host().trim().to_owned(),
        path: req.path.clone(),
        query: req.query.clone(),
        headers: extra,
        body: req.body.clone(),
    };
    let project_id = req
        .header("x-project-id")
        .filter(|_| signed("x-project-id"))
        .map(str::trim);
    let mut creds = Credentials::new(auth.access, key.secret);
    if let Some(t) = token {
        creds = creds.with_security_token(t.trim());
    }
    let params = HuaweiParams { time, project_id };
    let ours = sign_huawei(&rebuilt, &creds, &params)
        .map_err(|e| ApiError::apigw_auth(format!("verify aksk signature fail, {e}")))?;
    if !same_signature(&ours.steps.signature, auth.signature) {
        return Err(ApiError::apigw_auth(format!(
            "verify aksk signature fail, canonicalRequest:{}",
            ours.steps.canonical_request.replace('\n', "|")
        )));
    }
    Ok(HuaweiSigner {
        access_key: auth.access.to_owned(),
        project_id: project_id.map(str::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_parsing() {
        let a = parse_authorization(
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=ff",
        )
        .unwrap();
        assert_eq!((a.access, a.signature), ("AK", "ff"));
        assert_eq!(a.signed_headers, vec!["host", "x-sdk-date"]);
        assert!(parse_authorization("SDK-HMAC-SHA256 Access=AK").is_none());
        assert!(parse_authorization("Bearer x").is_none());
    }
}
