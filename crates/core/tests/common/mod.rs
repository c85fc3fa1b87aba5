//! Shared driver for the signing vectors, used by the native test (`signing_vectors.rs`) and the same
//! checks inside headless Chromium (`wasm_signing.rs`).
//!
//! Each vector's `inputs.query` / `inputs.headers` contain the common parameters and derived headers the SDK
//! added; the test strips those, lets the signer derive them from credentials, time and nonce, and checks
//! that the derived set equals the vector's before comparing every expected string.

use console_core::sign::{Credentials, OutgoingRequest, SignatureSteps};
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

pub(crate) fn sorted(mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    pairs.sort_by(|a, b| (a.0.to_ascii_lowercase(), &a.1).cmp(&(b.0.to_ascii_lowercase(), &b.1)));
    pairs
}

/// The request's headers minus `Authorization`: the derived + given headers that were signed.
pub(crate) fn sent_headers(req: &OutgoingRequest) -> Vec<(String, String)> {
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

pub(crate) fn check_steps(r: &mut Report, v: &Vector, steps: &SignatureSteps) {
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

mod rpc_v1;
mod v3_huawei;

pub(crate) use rpc_v1::alibaba_rpc_v1_vectors;
pub(crate) use v3_huawei::{alibaba_v3_vectors, huawei_vectors};
