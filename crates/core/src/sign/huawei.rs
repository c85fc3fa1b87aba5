//! Huawei Cloud APIG AK/SK signatures (`SDK-HMAC-SHA256`): signing.md §A.4.
//!
//! Follows the Python (and Go) SDK: the path is decoded and each segment encoded once, the canonical URI
//! always ends in `/` (the request itself need not), query names sorted with repeated names' values
//! sorted, every request header signed except names containing `_`, and
//! `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` with comma-and-space separators.

use serde::{Deserialize, Serialize};

use super::canonical::{canonical_headers, canonical_request, has_header, SignatureSteps};
use super::credentials::Credentials;
use super::digest::{hmac_sha256, sha256_hex};
use super::encode::{canonical_path, canonical_query, hex_lower};
use super::request::{
    check_header, check_host, check_method, join_path_query, OutgoingRequest, SignError,
    UnsignedRequest,
};
use super::time::SigningTime;

/// The algorithm name, first line of the string to sign and prefix of `Authorization`.
pub const HUAWEI_ALGORITHM: &str = "SDK-HMAC-SHA256";

/// The payload-hash literal used when the request carries `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// Headers the Huawei signer writes itself (lower-case); the caller may not set them.
pub const HUAWEI_RESERVED_HEADERS: [&str; 5] = [
    "authorization",
    "host",
    "x-project-id",
    "x-sdk-date",
    "x-security-token",
];

/// The per-call inputs of a Huawei signature besides the request and credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HuaweiParams<'a> {
    /// `X-Sdk-Date`; must be within 15 minutes of the gateway's clock.
    pub time: SigningTime,
    /// Sent and signed as `X-Project-Id` for project-level APIs (TaurusDB); `None` for global ones (IAM).
    pub project_id: Option<&'a str>,
}

/// A signed Huawei request and every intermediate string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HuaweiSigned {
    /// What to send (headers include `Host` and `Authorization`).
    pub request: OutgoingRequest,
    /// The intermediate strings, from payload hash to `Authorization`.
    pub steps: SignatureSteps,
    /// Path + `?` + canonical query as the SDK sends it (same as `request.path_and_query`): the canonical
    /// URI's trailing `/` is for signing only.
    pub request_uri: String,
}

/// Signs `req` with `SDK-HMAC-SHA256`, adding `Host`, `X-Sdk-Date`, `X-Project-Id` (if given) and
/// `X-Security-Token` (STS credentials). Every header of `req` is signed too (e.g. `Content-Type`,
/// `X-Language`), except names containing `_`, which gateways drop.
///
/// # Errors
/// [`SignError`] for a bad method, host or header, or a header the signer owns.
pub fn sign_huawei(
    req: &UnsignedRequest,
    creds: &Credentials,
    params: &HuaweiParams<'_>,
) -> Result<HuaweiSigned, SignError> {
    check_method(&req.method)?;
    check_host(&req.host)?;
    if let Some(reserved) = HUAWEI_RESERVED_HEADERS
        .iter()
        .find(|r| has_header(&req.headers, r))
    {
        return Err(SignError::ReservedHeader((*reserved).to_owned()));
    }

    let mut headers = req.headers.clone();
    headers.push(("Host".to_owned(), req.host.clone()));
    headers.push(("X-Sdk-Date".to_owned(), params.time.huawei()));
    if let Some(project) = params.project_id {
        headers.push(("X-Project-Id".to_owned(), project.to_owned()));
    }
    if let Some(token) = creds.security_token() {
        headers.push(("X-Security-Token".to_owned(), token.to_owned()));
    }

    let unsigned = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("x-sdk-content-sha256") && v.trim() == UNSIGNED_PAYLOAD
    });
    let hashed_payload = if unsigned {
        UNSIGNED_PAYLOAD.to_owned()
    } else {
        sha256_hex(&req.body)
    };
    let (canon_headers, signed_headers) = canonical_headers(&headers, |name| !name.contains('_'));
    let path = canonical_path(&req.path);
    let mut uri = path.clone();
    if !uri.ends_with('/') {
        uri.push('/');
    }
    let query = canonical_query(&req.query);
    let canonical_request = canonical_request(
        &req.method,
        &uri,
        &query,
        &canon_headers,
        &signed_headers,
        &hashed_payload,
    );
    let hashed_canonical_request = sha256_hex(canonical_request.as_bytes());
    let string_to_sign = format!(
        "{HUAWEI_ALGORITHM}\n{}\n{hashed_canonical_request}",
        params.time.huawei()
    );
    let signature = hex_lower(&hmac_sha256(
        creds.secret().as_bytes(),
        string_to_sign.as_bytes(),
    ));
    let authorization = format!(
        "{HUAWEI_ALGORITHM} Access={}, SignedHeaders={signed_headers}, Signature={signature}",
        creds.access_key_id()
    );
    headers.push(("Authorization".to_owned(), authorization.clone()));
    for (name, value) in &headers {
        check_header(name, value)?;
    }

    let request_uri = join_path_query(&path, &query);
    Ok(HuaweiSigned {
        request: OutgoingRequest {
            method: req.method.clone(),
            host: req.host.clone(),
            path_and_query: request_uri.clone(),
            headers,
            body: req.body.clone(),
        },
        steps: SignatureSteps {
            hashed_payload,
            canonical_request,
            hashed_canonical_request,
            string_to_sign,
            signed_headers,
            signature,
            authorization,
        },
        request_uri,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROJECT: &str = "0123456789abcdef0123456789abcdef";
    const BODY: &str = r#"{"databases_instance_infos":[{"instance_id":"61a4ea66210545909d74a05c27a7179ein07","current_version":"2.0.28.1"}],"delay":false}"#;

    fn creds() -> Credentials {
        Credentials::new(
            "HPUAEXAMPLEAK0000000",
            "ExampleSecretKey0000000000000000000000000",
        )
    }

    fn params() -> HuaweiParams<'static> {
        HuaweiParams {
            time: SigningTime::parse_compact("20240501T080000Z").unwrap(),
            project_id: Some(PROJECT),
        }
    }

    fn taurus() -> UnsignedRequest {
        UnsignedRequest::new(
            "POST",
            "gaussdb.cn-north-4.myhuaweicloud.com",
            format!("/v3/{PROJECT}/instances/database-version/upgrade"),
        )
        .with_header("Content-Type", "application/json;charset=UTF-8")
        .with_body(BODY)
    }

    #[test]
    fn taurusdb_batch_upgrade_d2() {
        let s = sign_huawei(&taurus(), &creds(), &params()).unwrap();
        assert_eq!(
            s.steps.signature,
            "3604aed6461db942f1dd94e8d349ac9d0fe0135d1adcb28d7287b7bb5f3a0cf4"
        );
        assert!(s
            .steps
            .canonical_request
            .contains("/upgrade/\n\ncontent-type:"));
        assert_eq!(
            s.request_uri,
            format!("/v3/{PROJECT}/instances/database-version/upgrade")
        );
        assert!(s
            .steps
            .authorization
            .contains(", SignedHeaders=content-type;host;x-project-id;x-sdk-date, "));
    }

    #[test]
    fn sts_token_d3() {
        let s = sign_huawei(
            &taurus(),
            &creds().with_security_token("gQpjbi1ub3J0aC00token"),
            &params(),
        )
        .unwrap();
        assert_eq!(
            s.steps.signature,
            "6a4319217cce0513ddc52c7ddd4352063561ab811b5519ee7bd3aa4a9e8024f2"
        );
        assert_eq!(
            s.request.header("x-security-token"),
            Some("gQpjbi1ub3J0aC00token")
        );
    }

    #[test]
    fn underscore_headers_are_sent_unsigned_and_empty_query_values_keep_equals() {
        let req = UnsignedRequest::new("GET", "iam.myhuaweicloud.com", "")
            .with_header("X_Custom", "1")
            .with_query("marker", "")
            .with_query("tags", "b")
            .with_query("tags", "a");
        let p = HuaweiParams {
            project_id: None,
            ..params()
        };
        let s = sign_huawei(&req, &creds(), &p).unwrap();
        assert_eq!(s.steps.signed_headers, "host;x-sdk-date");
        assert_eq!(s.request.header("x_custom"), Some("1"));
        assert_eq!(s.request_uri, "/?marker=&tags=a&tags=b");
        assert!(s
            .steps
            .canonical_request
            .starts_with("GET\n/\nmarker=&tags=a&tags=b\n"));
    }

    #[test]
    fn refusals() {
        let req = taurus().with_header("x-sdk-date", "20240501T080000Z");
        assert_eq!(
            sign_huawei(&req, &creds(), &params()),
            Err(SignError::ReservedHeader("x-sdk-date".into()))
        );
        let req = taurus().with_header("X-Project-Id", PROJECT);
        assert!(sign_huawei(&req, &creds(), &params()).is_err());
        let p = HuaweiParams {
            project_id: Some("p\nq"),
            ..params()
        };
        assert!(matches!(
            sign_huawei(&taurus(), &creds(), &p),
            Err(SignError::InvalidHeaderValue(_))
        ));
        let req = UnsignedRequest {
            method: "post".into(),
            ..taurus()
        };
        assert!(matches!(
            sign_huawei(&req, &creds(), &params()),
            Err(SignError::InvalidMethod(_))
        ));
    }
}
