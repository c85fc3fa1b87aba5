//! The Alibaba V3 and Huawei vectors: both produce the same signature steps.

use console_core::sign::alibaba_v3::ACS3_RESERVED_HEADERS;
use console_core::sign::huawei::HUAWEI_RESERVED_HEADERS;
use console_core::sign::{
    sign_acs3, sign_huawei, Acs3HeaderPolicy, Acs3Params, HuaweiParams, SigningTime,
    UnsignedRequest,
};

use super::{
    check_steps, creds, sent_headers, sorted, without, Report, Vector, ACS3, HUAWEI,
    SIGNS_ALL_HEADERS,
};

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
