//! Alibaba Cloud V3 signatures (`ACS3-HMAC-SHA256`): signing.md §A.3.
//!
//! One code path serves RPC-style APIs (path `/`, parameters in the query or a form body: Dds, R-kvstore)
//! and ROA-style APIs (resource path, JSON body: Elasticsearch). The signer adds `host`, `x-acs-action`,
//! `x-acs-version`, `x-acs-date`, `x-acs-signature-nonce`, `x-acs-content-sha256` and, for STS credentials,
//! `x-acs-security-token`, then signs `host`, `content-type` and every `x-acs-*` header (what the Node
//! openapi-util signs and the browser can send unchanged).

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
pub const ACS3_ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Headers the V3 signer writes itself (lower-case); the caller may not set them.
pub const ACS3_RESERVED_HEADERS: [&str; 8] = [
    "authorization",
    "host",
    "x-acs-action",
    "x-acs-content-sha256",
    "x-acs-date",
    "x-acs-security-token",
    "x-acs-signature-nonce",
    "x-acs-version",
];

/// Which of the request's headers are signed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Acs3HeaderPolicy {
    /// `host`, `content-type` and `x-acs-*` (signing.md §C): other headers are sent unsigned, so a browser
    /// or proxy touching `accept` or `user-agent` cannot break the signature.
    #[default]
    Standard,
    /// Every header of the request, as the Python Tea SDK does; only for reproducing its captures.
    AllHeaders,
}

/// The per-call inputs of a V3 signature besides the request and credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Acs3Params<'a> {
    /// API name, sent as `x-acs-action`.
    pub action: &'a str,
    /// API version, sent as `x-acs-version`.
    pub version: &'a str,
    /// `x-acs-signature-nonce`: unique per request; a reused one is rejected.
    pub nonce: &'a str,
    /// `x-acs-date`; must be within 15 minutes of the gateway's clock.
    pub time: SigningTime,
    /// Which headers to sign.
    pub header_policy: Acs3HeaderPolicy,
}

impl<'a> Acs3Params<'a> {
    /// The usual case, with the [`Acs3HeaderPolicy::Standard`] header selection.
    #[must_use]
    pub const fn new(action: &'a str, version: &'a str, nonce: &'a str, time: SigningTime) -> Self {
        Self {
            action,
            version,
            nonce,
            time,
            header_policy: Acs3HeaderPolicy::Standard,
        }
    }
}

/// A signed V3 request and every intermediate string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acs3Signed {
    /// What to send (headers include `host` and `Authorization`).
    pub request: OutgoingRequest,
    /// The intermediate strings, from payload hash to `Authorization`.
    pub steps: SignatureSteps,
}

/// Signs `req` with `ACS3-HMAC-SHA256`. The request's own headers (e.g. `content-type` for a JSON or form
/// body, `x-acs-accesskey-id`) are kept; the query is sent in canonical order and encoding, the path in its
/// once-encoded form, so what is sent is what was signed.
///
/// # Errors
/// [`SignError`] for a bad method, host or header, a header the signer owns, or an empty
/// action/version/nonce.
pub fn sign_acs3(
    req: &UnsignedRequest,
    creds: &Credentials,
    params: &Acs3Params<'_>,
) -> Result<Acs3Signed, SignError> {
    check_method(&req.method)?;
    check_host(&req.host)?;
    for (what, value) in [
        ("action", params.action),
        ("API version", params.version),
        ("nonce", params.nonce),
    ] {
        if value.is_empty() {
            return Err(SignError::MissingInput(what));
        }
    }
    if let Some(reserved) = ACS3_RESERVED_HEADERS
        .iter()
        .find(|r| has_header(&req.headers, r))
    {
        return Err(SignError::ReservedHeader((*reserved).to_owned()));
    }

    let hashed_payload = sha256_hex(&req.body);
    let mut headers: Vec<(String, String)> = vec![
        ("host".to_owned(), req.host.clone()),
        ("x-acs-action".to_owned(), params.action.to_owned()),
        ("x-acs-version".to_owned(), params.version.to_owned()),
        ("x-acs-date".to_owned(), params.time.alibaba()),
        ("x-acs-signature-nonce".to_owned(), params.nonce.to_owned()),
        ("x-acs-content-sha256".to_owned(), hashed_payload.clone()),
    ];
    headers.extend(req.headers.iter().cloned());
    if let Some(token) = creds.security_token() {
        headers.push(("x-acs-security-token".to_owned(), token.to_owned()));
    }

    let select = |name: &str| match params.header_policy {
        Acs3HeaderPolicy::Standard => {
            name == "host" || name == "content-type" || name.starts_with("x-acs-")
        }
        Acs3HeaderPolicy::AllHeaders => true,
    };
    let (canon_headers, signed_headers) = canonical_headers(&headers, select);
    let uri = canonical_path(&req.path);
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
    let string_to_sign = format!("{ACS3_ALGORITHM}\n{hashed_canonical_request}");
    let signature = hex_lower(&hmac_sha256(
        creds.secret().as_bytes(),
        string_to_sign.as_bytes(),
    ));
    let authorization = format!(
        "{ACS3_ALGORITHM} Credential={},SignedHeaders={signed_headers},Signature={signature}",
        creds.access_key_id()
    );
    headers.push(("Authorization".to_owned(), authorization.clone()));
    for (name, value) in &headers {
        check_header(name, value)?;
    }

    Ok(Acs3Signed {
        request: OutgoingRequest {
            method: req.method.clone(),
            host: req.host.clone(),
            path_and_query: join_path_query(&uri, &query),
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONCE: &str = "e0b9c8d7-6a5f-4e3d-9c2b-1a0f9e8d7c6b";

    fn time() -> SigningTime {
        SigningTime::from_unix_seconds(1_714_550_400).unwrap()
    }

    fn dds() -> UnsignedRequest {
        UnsignedRequest::new("POST", "mongodb.aliyuncs.com", "/")
            .with_query("DBInstanceId", "dds-bp1a2b3c4d5e6f7g")
    }

    #[test]
    fn dds_kernel_upgrade_c2() {
        let p = Acs3Params::new(
            "UpgradeDBInstanceKernelVersion",
            "2015-12-01",
            NONCE,
            time(),
        );
        let s = sign_acs3(&dds(), &Credentials::new("testid", "testsecret"), &p).unwrap();
        assert_eq!(
            s.steps.signature,
            "870a2049d7c88ba162098b1bb8e873c9a02389a0b6dfac8799aceb0c315fede6"
        );
        assert_eq!(
            s.request.path_and_query,
            "/?DBInstanceId=dds-bp1a2b3c4d5e6f7g"
        );
        assert_eq!(
            s.request.header("authorization"),
            Some(s.steps.authorization.as_str())
        );
    }

    #[test]
    fn sts_token_header_is_added_and_signed() {
        let p = Acs3Params::new(
            "UpgradeDBInstanceKernelVersion",
            "2015-12-01",
            NONCE,
            time(),
        );
        let creds =
            Credentials::new("testid", "testsecret").with_security_token("CAIS+token/with=chars");
        let s = sign_acs3(&dds(), &creds, &p).unwrap();
        assert_eq!(
            s.request.header("x-acs-security-token"),
            Some("CAIS+token/with=chars")
        );
        assert!(s.steps.signed_headers.contains(";x-acs-security-token;"));
    }

    #[test]
    fn standard_policy_leaves_other_headers_unsigned() {
        let req = dds()
            .with_header("Accept", "application/json")
            .with_header("Content-Type", "application/json");
        let p = Acs3Params::new("A", "1", NONCE, time());
        let s = sign_acs3(&req, &Credentials::new("id", "sk"), &p).unwrap();
        assert!(s.steps.signed_headers.starts_with("content-type;host;"));
        assert!(!s.steps.signed_headers.contains("accept"));
        assert_eq!(s.request.header("accept"), Some("application/json"));
        let all = Acs3Params {
            header_policy: Acs3HeaderPolicy::AllHeaders,
            ..p
        };
        let s = sign_acs3(&req, &Credentials::new("id", "sk"), &all).unwrap();
        assert!(s
            .steps
            .signed_headers
            .starts_with("accept;content-type;host;"));
    }

    #[test]
    fn non_ascii_query_and_raw_path_are_encoded_once() {
        let req = UnsignedRequest::new("GET", "es.example.com", "/openapi/instances/es 1é")
            .with_query("X", "数 据");
        let s = sign_acs3(
            &req,
            &Credentials::new("id", "sk"),
            &Acs3Params::new("A", "1", NONCE, time()),
        )
        .unwrap();
        assert_eq!(
            s.request.path_and_query,
            "/openapi/instances/es%201%C3%A9?X=%E6%95%B0%20%E6%8D%AE"
        );
        assert!(s
            .steps
            .canonical_request
            .starts_with("GET\n/openapi/instances/es%201%C3%A9\nX=%E6%95%B0%20%E6%8D%AE\n"));
    }

    #[test]
    fn refusals() {
        let creds = Credentials::new("id", "sk");
        let p = Acs3Params::new("A", "1", NONCE, time());
        let req = dds().with_header("X-Acs-Date", "2024");
        assert_eq!(
            sign_acs3(&req, &creds, &p),
            Err(SignError::ReservedHeader("x-acs-date".into()))
        );
        let req = dds().with_header("Host", "other");
        assert_eq!(
            sign_acs3(&req, &creds, &p),
            Err(SignError::ReservedHeader("host".into()))
        );
        assert_eq!(
            sign_acs3(&dds(), &creds, &Acs3Params::new("", "1", NONCE, time())),
            Err(SignError::MissingInput("action"))
        );
        let bad_id = Credentials::new("id\r\nX: y", "sk");
        assert_eq!(
            sign_acs3(&dds(), &bad_id, &p),
            Err(SignError::InvalidHeaderValue("Authorization".into()))
        );
        let token = creds.clone().with_security_token("a\nb");
        assert!(sign_acs3(&dds(), &token, &p).is_err());
        let req = UnsignedRequest {
            host: String::new(),
            ..dds()
        };
        assert!(matches!(
            sign_acs3(&req, &creds, &p),
            Err(SignError::InvalidHost(_))
        ));
    }
}
