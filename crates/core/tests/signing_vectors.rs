//! Reproduces every vector of `tests/vectors/signing.json` (produced by the official Alibaba and Huawei SDKs)
//! byte for byte through the public signing API. The driver lives in `common/` so that `wasm_signing.rs`
//! runs the very same checks inside headless Chromium.

mod common;

use common::{creds, load, without, ACS3, HUAWEI, RPC_V1, SIGNS_ALL_HEADERS};
use console_core::sign::alibaba_v3::ACS3_RESERVED_HEADERS;
use console_core::sign::{sign_acs3, Acs3Params, SigningTime, UnsignedRequest};

#[test]
fn alibaba_rpc_v1_vectors() {
    common::alibaba_rpc_v1_vectors(&load()).finish(14);
}

#[test]
fn alibaba_v3_vectors() {
    common::alibaba_v3_vectors(&load()).finish(15);
}

#[test]
fn huawei_vectors() {
    common::huawei_vectors(&load()).finish(10);
}

#[test]
fn vector_file_has_39_vectors() {
    let vectors = load();
    assert_eq!(vectors.len(), 39);
    let count = |s: &str| vectors.iter().filter(|v| v.scheme == s).count();
    assert_eq!((count(RPC_V1), count(ACS3), count(HUAWEI)), (14, 15, 10));
    let mut ids: Vec<&str> = vectors.iter().map(|v| v.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 39, "ids are unique");
}

/// The Tea-flow vector only matches when every header is signed: the default policy must differ, which
/// proves the default really leaves `accept` / `user-agent` out.
#[test]
fn standard_policy_differs_on_the_tea_capture() {
    let vectors = load();
    let v = vectors
        .iter()
        .find(|v| v.id == SIGNS_ALL_HEADERS[0])
        .expect("vector present");
    let i = &v.inputs;
    let req = UnsignedRequest {
        query: i.query.clone(),
        headers: without(&i.headers, &ACS3_RESERVED_HEADERS),
        ..UnsignedRequest::new(&i.method, &i.host, &i.path)
    };
    let time = SigningTime::parse_iso8601(&i.timestamp).expect("timestamp");
    let params = Acs3Params::new(
        "UpgradeDBInstanceKernelVersion",
        "2015-12-01",
        i.nonce.as_deref().unwrap_or(""),
        time,
    );
    let s = sign_acs3(&req, &creds(i), &params).expect("signs");
    assert_eq!(
        s.steps.signed_headers,
        "host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version"
    );
    assert_ne!(s.steps.signature, v.expected.signature);
}
