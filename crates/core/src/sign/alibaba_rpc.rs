//! Alibaba Cloud RPC V1 signatures (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`; Alibaba's docs
//! call it "V2"): signing.md §A.1.
//!
//! No header is signed, so it is the simplest scheme to push through any proxy. All parameters (API and
//! common ones) are sorted, percent-encoded into the CanonicalizedQueryString, and the StringToSign is
//! `METHOD&%2F&percentEncode(CanonicalizedQueryString)` (values therefore encoded twice). The signature is
//! Base64(HMAC-SHA1(secret + "&", StringToSign)), sent as the `Signature` parameter.

use serde::{Deserialize, Serialize};

use super::credentials::Credentials;
use super::digest::{base64_standard, hmac_sha1};
use super::encode::{canonical_query, percent_encode_strict};
use super::request::{
    check_header, check_host, check_method, join_path_query, OutgoingRequest, SignError,
    UnsignedRequest,
};
use super::time::SigningTime;

/// Parameter names the signer writes itself; a request that already has one is refused rather than
/// silently signed twice.
pub const RPC_V1_RESERVED: [&str; 10] = [
    "AccessKeyId",
    "Action",
    "Format",
    "SecurityToken",
    "Signature",
    "SignatureMethod",
    "SignatureNonce",
    "SignatureVersion",
    "Timestamp",
    "Version",
];

/// Where the signed parameters travel. Both are accepted by the gateway; the signature is the same.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RpcV1Placement {
    /// Everything in the query, empty body (GET, or POST as the Tea SDK does it).
    #[default]
    Query,
    /// POST with everything in an `application/x-www-form-urlencoded` body (as pop-core does it); keeps
    /// long values out of URLs and logs.
    FormBody,
}

/// The per-call inputs of an RPC V1 signature besides the request and credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RpcV1Params<'a> {
    /// API name (`Action`), e.g. `UpgradeDBInstanceKernelVersion`.
    pub action: &'a str,
    /// API version (`Version`), e.g. `2015-12-01`.
    pub version: &'a str,
    /// Response format (`Format`); `JSON` unless you want XML.
    pub format: &'a str,
    /// `SignatureNonce`: unique per request (a UUID); a reused one is rejected as `SignatureNonceUsed`.
    pub nonce: &'a str,
    /// `Timestamp`.
    pub time: SigningTime,
    /// Query or form body.
    pub placement: RpcV1Placement,
}

impl<'a> RpcV1Params<'a> {
    /// The usual case: `Format=JSON`, parameters in the query.
    #[must_use]
    pub const fn new(action: &'a str, version: &'a str, nonce: &'a str, time: SigningTime) -> Self {
        Self {
            action,
            version,
            format: "JSON",
            nonce,
            time,
            placement: RpcV1Placement::Query,
        }
    }
}

/// A signed RPC V1 request and every intermediate string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RpcV1Signed {
    /// What to send.
    pub request: OutgoingRequest,
    /// Every signed parameter (API + common), raw values, sorted by name: the table a UI can show.
    pub parameters: Vec<(String, String)>,
    /// `name=value&…`, sorted and percent-encoded.
    pub canonicalized_query: String,
    /// `METHOD&%2F&…`; the gateway echoes its own in `SignatureDoesNotMatch`, so show this to compare.
    pub string_to_sign: String,
    /// Base64 signature.
    pub signature: String,
    /// The signature percent-encoded, as it appears in the query or body.
    pub signature_param: String,
    /// The canonicalized query plus `&Signature=…`: the query string or form body that is sent.
    pub signed_query: String,
}

/// Signs `req` with RPC V1. `req.query` holds only the API's own parameters (`DBInstanceId`, `RegionId`…);
/// the common ones (`Action`, `Version`, `Format`, `AccessKeyId`, `SignatureMethod`, `SignatureVersion`,
/// `SignatureNonce`, `Timestamp`, and `SecurityToken` for STS credentials) are added here.
///
/// # Errors
/// [`SignError`] for a bad method or host, a path other than `/`, a non-empty body, a reserved parameter
/// already present, an empty action/version/nonce, or a form body on a non-POST request.
pub fn sign_rpc_v1(
    req: &UnsignedRequest,
    creds: &Credentials,
    params: &RpcV1Params<'_>,
) -> Result<RpcV1Signed, SignError> {
    check_method(&req.method)?;
    check_host(&req.host)?;
    if !(req.path.is_empty() || req.path == "/") {
        return Err(SignError::RpcPathNotRoot(req.path.clone()));
    }
    if !req.body.is_empty() {
        return Err(SignError::RpcBodyNotEmpty);
    }
    if params.placement == RpcV1Placement::FormBody && req.method != "POST" {
        return Err(SignError::FormBodyRequiresPost);
    }
    for (what, value) in [
        ("action", params.action),
        ("API version", params.version),
        ("nonce", params.nonce),
    ] {
        if value.is_empty() {
            return Err(SignError::MissingInput(what));
        }
    }
    for (name, value) in &req.headers {
        check_header(name, value)?;
    }
    if let Some((name, _)) = req
        .query
        .iter()
        .find(|(n, _)| RPC_V1_RESERVED.contains(&n.as_str()))
    {
        return Err(SignError::ReservedParameter(name.clone()));
    }

    let mut parameters = req.query.clone();
    let common = [
        ("Action", params.action),
        ("Version", params.version),
        ("Format", params.format),
        ("AccessKeyId", creds.access_key_id()),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", params.nonce),
    ];
    parameters.extend(
        common
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
    );
    parameters.push(("Timestamp".to_owned(), params.time.alibaba()));
    if let Some(token) = creds.security_token() {
        parameters.push(("SecurityToken".to_owned(), token.to_owned()));
    }
    parameters.sort_unstable();

    let canonicalized_query = canonical_query(&parameters);
    let string_to_sign = format!(
        "{}&%2F&{}",
        req.method,
        percent_encode_strict(&canonicalized_query)
    );
    let key = zeroize::Zeroizing::new(format!("{}&", creds.secret()));
    let signature = base64_standard(&hmac_sha1(key.as_bytes(), string_to_sign.as_bytes()));
    let signature_param = percent_encode_strict(&signature).into_owned();
    let signed_query = format!("{canonicalized_query}&Signature={signature_param}");

    let request = match params.placement {
        RpcV1Placement::Query => OutgoingRequest {
            method: req.method.clone(),
            host: req.host.clone(),
            path_and_query: join_path_query("/", &signed_query),
            headers: req.headers.clone(),
            body: Vec::new(),
        },
        RpcV1Placement::FormBody => {
            let mut headers = req.headers.clone();
            if !headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
            {
                headers.push((
                    "content-type".to_owned(),
                    "application/x-www-form-urlencoded".to_owned(),
                ));
            }
            OutgoingRequest {
                method: req.method.clone(),
                host: req.host.clone(),
                path_and_query: "/".to_owned(),
                headers,
                body: signed_query.clone().into_bytes(),
            }
        }
    };
    Ok(RpcV1Signed {
        request,
        parameters,
        canonicalized_query,
        string_to_sign,
        signature,
        signature_param,
        signed_query,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time() -> SigningTime {
        SigningTime::from_unix_seconds(1_714_550_400).unwrap()
    }

    fn dds() -> UnsignedRequest {
        UnsignedRequest::new("POST", "mongodb.aliyuncs.com", "/")
            .with_query("DBInstanceId", "dds-bp1a2b3c4d5e6f7g")
    }

    const NONCE: &str = "e0b9c8d7-6a5f-4e3d-9c2b-1a0f9e8d7c6b";

    #[test]
    fn dds_kernel_upgrade_a3() {
        let p = RpcV1Params::new(
            "UpgradeDBInstanceKernelVersion",
            "2015-12-01",
            NONCE,
            time(),
        );
        let s = sign_rpc_v1(&dds(), &Credentials::new("testid", "testsecret"), &p).unwrap();
        assert_eq!(s.signature, "ahmoQmHX6yRzMi8pkTTIq01tpH0=");
        assert_eq!(s.request.path_and_query, format!("/?{}", s.signed_query));
        assert!(s.request.body.is_empty());
    }

    #[test]
    fn sts_token_is_signed_a7() {
        let p = RpcV1Params::new(
            "UpgradeDBInstanceKernelVersion",
            "2015-12-01",
            NONCE,
            time(),
        );
        let creds =
            Credentials::new("testid", "testsecret").with_security_token("CAIS+token/with=chars");
        let s = sign_rpc_v1(&dds(), &creds, &p).unwrap();
        assert!(s
            .string_to_sign
            .contains("%26SecurityToken%3DCAIS%252Btoken%252Fwith%253Dchars"));
        assert_eq!(s.signature, "5kyEkUw2NmE6yn61d7FkhuHzvig=");
    }

    #[test]
    fn form_body_placement() {
        let p = RpcV1Params {
            placement: RpcV1Placement::FormBody,
            ..RpcV1Params::new(
                "UpgradeDBInstanceKernelVersion",
                "2015-12-01",
                NONCE,
                time(),
            )
        };
        let s = sign_rpc_v1(&dds(), &Credentials::new("testid", "testsecret"), &p).unwrap();
        assert_eq!(s.request.path_and_query, "/");
        assert_eq!(s.request.body, s.signed_query.as_bytes());
        assert_eq!(
            s.request.header("Content-Type"),
            Some("application/x-www-form-urlencoded")
        );
        let get = UnsignedRequest {
            method: "GET".into(),
            ..dds()
        };
        assert_eq!(
            sign_rpc_v1(&get, &Credentials::new("a", "b"), &p),
            Err(SignError::FormBodyRequiresPost)
        );
    }

    #[test]
    fn refusals() {
        let creds = Credentials::new("testid", "testsecret");
        let p = RpcV1Params::new("A", "1", NONCE, time());
        let reserved = dds().with_query("Timestamp", "x");
        assert_eq!(
            sign_rpc_v1(&reserved, &creds, &p),
            Err(SignError::ReservedParameter("Timestamp".into()))
        );
        let path = UnsignedRequest {
            path: "/x".into(),
            ..dds()
        };
        assert!(matches!(
            sign_rpc_v1(&path, &creds, &p),
            Err(SignError::RpcPathNotRoot(_))
        ));
        assert_eq!(
            sign_rpc_v1(&dds().with_body("x"), &creds, &p),
            Err(SignError::RpcBodyNotEmpty)
        );
        let no_nonce = RpcV1Params::new("A", "1", "", time());
        assert_eq!(
            sign_rpc_v1(&dds(), &creds, &no_nonce),
            Err(SignError::MissingInput("nonce"))
        );
    }

    #[test]
    fn empty_values_and_empty_secret_do_not_panic() {
        let req = dds().with_query("Empty", "").with_query("", "");
        let p = RpcV1Params::new("A", "1", "n", time());
        let s = sign_rpc_v1(&req, &Credentials::new("", ""), &p).unwrap();
        assert!(s
            .canonicalized_query
            .starts_with("=&AccessKeyId=&Action=A&DBInstanceId="));
        assert!(s.canonicalized_query.contains("&Empty=&"));
    }
}
