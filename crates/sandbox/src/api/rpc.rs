//! The Alibaba RPC front (`/`): picks the scheme (V3 `Authorization` header or V1 `Signature`
//! parameter), verifies it, then dispatches by `Version` and `Action` to Dds or R-kvstore.

use serde_json::Value;

use super::{dds, redis, Ctx, Reply};
use crate::error::ApiError;
use crate::incoming::{parse_pairs, Incoming};
use crate::verify::acs3::verify_acs3;
use crate::verify::nonce::NonceCache;
use crate::verify::rpc_v1::verify_rpc_v1;

/// Dds API version.
pub(crate) const DDS_VERSION: &str = "2015-12-01";
/// R-kvstore API version.
pub(crate) const REDIS_VERSION: &str = "2015-01-01";

/// Query plus form-body parameters: RPC signs them together.
fn all_params(req: &Incoming) -> Vec<(String, String)> {
    let mut params = req.query.clone();
    if req.has_form_body() {
        params.extend(parse_pairs(&String::from_utf8_lossy(&req.body)));
    }
    params
}

fn is_v3(req: &Incoming) -> bool {
    req.header("authorization")
        .is_some_and(|a| a.starts_with("ACS3-HMAC-SHA256"))
}

/// The product name for error bodies (`Recommend` links), from the version the request names.
pub(crate) fn product_of(req: &Incoming) -> &'static str {
    let version = if is_v3(req) {
        req.header("x-acs-version")
            .map(str::trim)
            .map(str::to_owned)
    } else {
        all_params(req)
            .into_iter()
            .find(|(n, _)| n == "Version")
            .map(|(_, v)| v)
    };
    match version.as_deref() {
        Some(DDS_VERSION) => "Dds",
        Some(REDIS_VERSION) => "R-kvstore",
        _ => "OpenAPI",
    }
}

/// Verifies and runs one RPC call.
pub(crate) fn handle(
    ctx: &mut Ctx<'_>,
    req: &Incoming,
    nonces: &mut NonceCache,
) -> Result<Reply, ApiError> {
    if req.method != "GET" && req.method != "POST" {
        return Err(ApiError::new(
            400,
            "UnsupportedHTTPMethod",
            format!("This http method {} is not supported.", req.method),
        ));
    }
    let params = all_params(req);
    let product = product_of(req);
    if product == "OpenAPI" {
        return Err(ApiError::new(
            400,
            "NoSuchVersion",
            "Specified api version is not valid.",
        ));
    }
    let call = if is_v3(req) {
        verify_acs3(req, params, ctx.now, nonces)?
    } else if params.iter().any(|(n, _)| n == "Signature") {
        verify_rpc_v1(&req.method, &params, ctx.now, nonces)?
    } else {
        return Err(ApiError::new(
            400,
            "IncompleteSignature",
            "The request signature does not conform to Aliyun standards. Sign it with ACS3-HMAC-SHA256 \
             (Authorization header) or RPC V1 (Signature parameter); legacy ROA is not simulated.",
        ));
    };
    let body = match product {
        "Dds" => dds::dispatch(ctx, &call),
        _ => redis::dispatch(ctx, &call),
    }
    .ok_or_else(|| {
        ApiError::new(
            404,
            "InvalidApi.NotFound",
            format!(
                "Specified api {} is not found, please check your url and method.",
                call.action
            ),
        )
    })??;
    Ok(Reply::ok(with_request_id(body, &ctx.request_id)))
}

/// Adds `RequestId` to an object body, as every Alibaba answer has it.
pub(crate) fn with_request_id(body: Value, request_id: &str) -> Value {
    let mut out = serde_json::Map::new();
    out.insert("RequestId".to_owned(), Value::String(request_id.to_owned()));
    if let Value::Object(map) = body {
        out.extend(map);
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_picks_product() {
        let v1 = Incoming::new("GET", "/", "Version=2015-01-01&Action=X", vec![], vec![]);
        assert_eq!(product_of(&v1), "R-kvstore");
        let v3 = Incoming::new(
            "POST",
            "/",
            "",
            vec![
                (
                    "Authorization".into(),
                    "ACS3-HMAC-SHA256 Credential=a".into(),
                ),
                ("x-acs-version".into(), "2015-12-01".into()),
            ],
            vec![],
        );
        assert_eq!(product_of(&v3), "Dds");
        let form = Incoming::new(
            "POST",
            "/",
            "",
            vec![(
                "content-type".into(),
                "application/x-www-form-urlencoded".into(),
            )],
            b"Version=2015-12-01".to_vec(),
        );
        assert_eq!(product_of(&form), "Dds");
        let body = with_request_id(serde_json::json!({"A": 1}), "R");
        assert_eq!(
            (body["RequestId"].as_str(), body["A"].as_i64()),
            (Some("R"), Some(1))
        );
    }
}
