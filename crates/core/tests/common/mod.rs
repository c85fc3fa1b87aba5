//! Shared driver for the signing vectors, used by the native test (`signing_vectors.rs`) and the same
//! checks inside headless Chromium (`wasm_signing.rs`).
//!
//! Each vector's `inputs.query` / `inputs.headers` contain the common parameters and derived headers the SDK
//! added; the test strips those, lets the signer derive them from credentials, time and nonce, and checks
//! that the derived set equals the vector's before comparing every expected string.

use console_core::sign::alibaba_rpc::RPC_V1_RESERVED;
use console_core::sign::alibaba_v3::ACS3_RESERVED_HEADERS;
use console_core::sign::huawei::HUAWEI_RESERVED_HEADERS;
use console_core::sign::{
    sign_acs3, sign_huawei, sign_rpc_v1, Acs3HeaderPolicy, Acs3Params, Credentials, HuaweiParams,
    OutgoingRequest, RpcV1Params, RpcV1Placement, SignatureSteps, SigningTime, UnsignedRequest,
};
use serde::Deserialize;

pub(crate) const RPC_V1: &str = "alibaba-rpc-v1-hmac-sha1";
pub(crate) const ACS3: &str = "alibaba-acs3-hmac-sha256";
pub(crate) const HUAWEI: &str = "huawei-sdk-hmac-sha256";

/// The one captured SDK flow that signs every header (Python Tea), not just host/content-type/x-acs-*.
pub(crate) const SIGNS_ALL_HEADERS: &[&str] = &["ali-v3-sdkflow-tea-dds-upgrade-kernel"];

#[derive(Deserialize)]
pub(crate) struct VectorFile {
    pub(crate) format: String,
    pub(crate) vectors: Vec<Vector>,
}

#[derive(Deserialize)]
pub(crate) struct Vector {
    pub(crate) id: String,
    pub(crate) scheme: String,
    pub(crate) style: Option<String>,
    pub(crate) inputs: Inputs,
    pub(crate) expected: Expected,
}

#[derive(Deserialize)]
pub(crate) struct Inputs {
    pub(crate) access_key_id: String,
    pub(crate) access_key_secret: String,
    pub(crate) security_token: Option<String>,
    pub(crate) timestamp: String,
    pub(crate) nonce: Option<String>,
    pub(crate) action: Option<String>,
    pub(crate) version: Option<String>,
    pub(crate) project_id: Option<String>,
    pub(crate) method: String,
    pub(crate) host: String,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

#[derive(Deserialize)]
pub(crate) struct Expected {
    pub(crate) canonicalized_query_string: Option<String>,
    pub(crate) string_to_sign: String,
    pub(crate) signature: String,
    pub(crate) signature_param: Option<String>,
    pub(crate) signed_query: Option<String>,
    pub(crate) hashed_payload: Option<String>,
    pub(crate) canonical_request: Option<String>,
    pub(crate) hashed_canonical_request: Option<String>,
    pub(crate) signed_headers: Option<String>,
    pub(crate) authorization: Option<String>,
    pub(crate) request_uri: Option<String>,
}

/// The vectors, compiled in so the browser test needs no file system.
pub(crate) fn load() -> Vec<Vector> {
    let text = include_str!("../vectors/signing.json");
    let file: VectorFile = serde_json::from_str(text).expect("signing.json parses");
    assert_eq!(file.format, "cloud-signing-test-vectors/1");
    file.vectors
}

/// Collects mismatches so one run reports all of them.
#[derive(Default)]
pub(crate) struct Report {
    pub(crate) failures: Vec<String>,
    pub(crate) checked: usize,
}

impl Report {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, id: &str, what: &str, got: T, want: T) {
        if got != want {
            self.failures
                .push(format!("{id}: {what}\n   got: {got:?}\n  want: {want:?}"));
        }
    }

    pub(crate) fn finish(self, expected_count: usize) {
        assert!(
            self.failures.is_empty(),
            "{} mismatch(es):\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
        assert_eq!(self.checked, expected_count, "vectors checked");
    }
}

pub(crate) fn creds(i: &Inputs) -> Credentials {
    let c = Credentials::new(&i.access_key_id, &i.access_key_secret);
    match &i.security_token {
        Some(t) => c.with_security_token(t),
        None => c,
    }
}

fn sorted(mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    pairs.sort_by(|a, b| (a.0.to_ascii_lowercase(), &a.1).cmp(&(b.0.to_ascii_lowercase(), &b.1)));
    pairs
}

/// The request's headers minus `Authorization`: the derived + given headers that were signed.
fn sent_headers(req: &OutgoingRequest) -> Vec<(String, String)> {
    sorted(
        req.headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("authorization"))
            .cloned()
            .collect(),
    )
}

pub(crate) fn without(headers: &[(String, String)], reserved: &[&str]) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(n, _)| !reserved.iter().any(|r| n.eq_ignore_ascii_case(r)))
        .cloned()
        .collect()
}

fn check_steps(r: &mut Report, v: &Vector, steps: &SignatureSteps) {
    let (id, e) = (v.id.as_str(), &v.expected);
    r.eq(
        id,
        "hashed_payload",
        Some(&steps.hashed_payload),
        e.hashed_payload.as_ref(),
    );
    r.eq(
        id,
        "canonical_request",
        Some(&steps.canonical_request),
        e.canonical_request.as_ref(),
    );
    r.eq(
        id,
        "hashed_canonical_request",
        Some(&steps.hashed_canonical_request),
        e.hashed_canonical_request.as_ref(),
    );
    r.eq(
        id,
        "string_to_sign",
        &steps.string_to_sign,
        &e.string_to_sign,
    );
    r.eq(
        id,
        "signed_headers",
        Some(&steps.signed_headers),
        e.signed_headers.as_ref(),
    );
    r.eq(id, "signature", &steps.signature, &e.signature);
    r.eq(
        id,
        "authorization",
        Some(&steps.authorization),
        e.authorization.as_ref(),
    );
}

/// Checks every alibaba_rpc_v1 vector; the caller asserts on the report.
pub(crate) fn alibaba_rpc_v1_vectors(vectors: &[Vector]) -> Report {
    let mut r = Report::default();
    for v in vectors.iter().filter(|v| v.scheme == RPC_V1) {
        let (i, id) = (&v.inputs, v.id.as_str());
        assert!(
            i.headers.is_empty() && i.body.is_empty(),
            "{id}: RPC V1 signs no headers or body"
        );
        let common = |name: &str| {
            i.query
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let time = SigningTime::parse_iso8601(&i.timestamp).expect("timestamp");
        let api_query = without(&i.query, &RPC_V1_RESERVED);
        let req = UnsignedRequest {
            query: api_query,
            ..UnsignedRequest::new(&i.method, &i.host, &i.path)
        };
        let params = RpcV1Params {
            format: common("Format").expect("Format"),
            ..RpcV1Params::new(
                i.action.as_deref().expect("action"),
                i.version.as_deref().expect("version"),
                i.nonce.as_deref().expect("nonce"),
                time,
            )
        };
        let placements: &[RpcV1Placement] = if i.method == "POST" {
            &[RpcV1Placement::Query, RpcV1Placement::FormBody]
        } else {
            &[RpcV1Placement::Query]
        };
        for &placement in placements {
            let s = match sign_rpc_v1(
                &req,
                &creds(i),
                &RpcV1Params {
                    placement,
                    ..params
                },
            ) {
                Ok(s) => s,
                Err(e) => {
                    r.failures.push(format!("{id}: {e}"));
                    continue;
                }
            };
            let e = &v.expected;
            r.eq(
                id,
                "derived parameters",
                sorted(s.parameters.clone()),
                sorted(i.query.clone()),
            );
            r.eq(id, "timestamp", time.alibaba(), i.timestamp.clone());
            r.eq(
                id,
                "canonicalized_query_string",
                Some(&s.canonicalized_query),
                e.canonicalized_query_string.as_ref(),
            );
            r.eq(id, "string_to_sign", &s.string_to_sign, &e.string_to_sign);
            r.eq(id, "signature", &s.signature, &e.signature);
            r.eq(
                id,
                "signature_param",
                Some(&s.signature_param),
                e.signature_param.as_ref(),
            );
            r.eq(
                id,
                "signed_query",
                Some(&s.signed_query),
                e.signed_query.as_ref(),
            );
            let signed = e.signed_query.clone().unwrap_or_default();
            match placement {
                RpcV1Placement::Query => {
                    r.eq(
                        id,
                        "GET/POST query",
                        s.request.path_and_query.clone(),
                        format!("/?{signed}"),
                    );
                    r.eq(id, "empty body", s.request.body.len(), 0);
                }
                RpcV1Placement::FormBody => {
                    r.eq(id, "form body", s.request.body.clone(), signed.into_bytes());
                    r.eq(id, "form path", s.request.path_and_query.as_str(), "/");
                }
            }
        }
        r.checked += 1;
    }
    r
}

/// Checks every alibaba_v3 vector; the caller asserts on the report.
pub(crate) fn alibaba_v3_vectors(vectors: &[Vector]) -> Report {
    let mut r = Report::default();
    for v in vectors.iter().filter(|v| v.scheme == ACS3) {
        let (i, id) = (&v.inputs, v.id.as_str());
        assert!(
            matches!(v.style.as_deref(), Some("rpc" | "roa")),
            "{id}: style"
        );
        let time = SigningTime::parse_iso8601(&i.timestamp).expect("timestamp");
        let req = UnsignedRequest {
            query: i.query.clone(),
            headers: without(&i.headers, &ACS3_RESERVED_HEADERS),
            body: i.body.clone().into_bytes(),
            ..UnsignedRequest::new(&i.method, &i.host, &i.path)
        };
        let header_policy = if SIGNS_ALL_HEADERS.contains(&id) {
            Acs3HeaderPolicy::AllHeaders
        } else {
            Acs3HeaderPolicy::Standard
        };
        let params = Acs3Params {
            header_policy,
            ..Acs3Params::new(
                i.action.as_deref().expect("action"),
                i.version.as_deref().expect("version"),
                i.nonce.as_deref().expect("nonce"),
                time,
            )
        };
        let s = match sign_acs3(&req, &creds(i), &params) {
            Ok(s) => s,
            Err(e) => {
                r.failures.push(format!("{id}: {e}"));
                continue;
            }
        };
        check_steps(&mut r, v, &s.steps);
        r.eq(
            id,
            "derived headers",
            sent_headers(&s.request),
            sorted(i.headers.clone()),
        );
        r.eq(
            id,
            "Authorization header",
            s.request.header("Authorization"),
            v.expected.authorization.as_deref(),
        );
        let query_line = s
            .steps
            .canonical_request
            .lines()
            .nth(2)
            .unwrap_or_default()
            .to_owned();
        let want_pq = if query_line.is_empty() {
            i.path.clone()
        } else {
            format!("{}?{query_line}", i.path)
        };
        r.eq(
            id,
            "path_and_query",
            s.request.path_and_query.clone(),
            want_pq,
        );
        r.eq(
            id,
            "body",
            s.request.body.clone(),
            i.body.clone().into_bytes(),
        );
        r.checked += 1;
    }
    r
}

/// Checks every huawei vector; the caller asserts on the report.
pub(crate) fn huawei_vectors(vectors: &[Vector]) -> Report {
    let mut r = Report::default();
    for v in vectors.iter().filter(|v| v.scheme == HUAWEI) {
        let (i, id) = (&v.inputs, v.id.as_str());
        let time = SigningTime::parse_compact(&i.timestamp).expect("timestamp");
        let req = UnsignedRequest {
            query: i.query.clone(),
            headers: without(&i.headers, &HUAWEI_RESERVED_HEADERS),
            body: i.body.clone().into_bytes(),
            ..UnsignedRequest::new(&i.method, &i.host, &i.path)
        };
        let params = HuaweiParams {
            time,
            project_id: i.project_id.as_deref(),
        };
        let s = match sign_huawei(&req, &creds(i), &params) {
            Ok(s) => s,
            Err(e) => {
                r.failures.push(format!("{id}: {e}"));
                continue;
            }
        };
        check_steps(&mut r, v, &s.steps);
        r.eq(
            id,
            "request_uri",
            Some(&s.request_uri),
            v.expected.request_uri.as_ref(),
        );
        r.eq(
            id,
            "path_and_query",
            Some(&s.request.path_and_query),
            v.expected.request_uri.as_ref(),
        );
        r.eq(
            id,
            "derived headers",
            sent_headers(&s.request),
            sorted(i.headers.clone()),
        );
        r.eq(
            id,
            "Authorization header",
            s.request.header("Authorization"),
            v.expected.authorization.as_deref(),
        );
        r.eq(
            id,
            "body",
            s.request.body.clone(),
            i.body.clone().into_bytes(),
        );
        r.checked += 1;
    }
    r
}
