//! The Alibaba RPC V1 vectors, driven through `sign_rpc_v1` in both placements.

use console_core::sign::alibaba_rpc::RPC_V1_RESERVED;
use console_core::sign::{sign_rpc_v1, RpcV1Params, RpcV1Placement, SigningTime, UnsignedRequest};

use super::{creds, sorted, without, Report, Vector, RPC_V1};

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
