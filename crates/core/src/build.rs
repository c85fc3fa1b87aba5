//! Request building: a [`ValidForm`] and an endpoint host in, an [`UnsignedRequest`] plus what the
//! signer needs out, in exactly the shapes of signing.md §A.3/§A.4 and apis.md §A:
//!
//! | style | method, path | query | headers | body |
//! |---|---|---|---|---|
//! | RPC (Dds, R-kvstore) | `POST /` | every parameter, catalog order | none | empty |
//! | ROA (Elasticsearch) | `POST /openapi/instances/{InstanceId}/actions/upgrade-version` | `clientToken`, `dryRun`, `updateStrategy` | `content-type: application/json; charset=utf-8` | `{"type":…,"version":…,"plugins":[…]}` |
//! | Huawei REST (TaurusDB) | `POST /v3/{project_id}/instances/database-version/upgrade` | none | `Content-Type: application/json;charset=UTF-8`, `X-Language` | `{"databases_instance_infos":[…],"delay":…}` |
//!
//! Body members appear in catalog order and only when filled in; the bytes are deterministic, so the
//! signature (which hashes them) is too.

use serde::Serialize;

use crate::catalog::{ApiSpec, Cloud, Style};
use crate::field::{Placement, Wire};
use crate::sign::encode::{canonical_path, canonical_query};
use crate::sign::iam_token::AUTH_TOKEN_HEADER;
use crate::sign::{
    Acs3Params, HuaweiParams, OutgoingRequest, RpcV1Params, Scheme, SigningTime, UnsignedRequest,
};
use crate::validate::ValidForm;
use crate::value::Value;

/// Content type of Alibaba ROA JSON bodies, as the Tea SDK sends it.
pub const ALIBABA_JSON: &str = "application/json; charset=utf-8";
/// Content type of Huawei JSON bodies, as the Huawei SDK sends it.
pub const HUAWEI_JSON: &str = "application/json;charset=UTF-8";

/// An unsigned request and the per-API inputs its signature needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BuiltRequest {
    /// Method, host, path, query, headers and body, ready for [`crate::sign::sign`].
    pub request: UnsignedRequest,
    /// API name: `x-acs-action` / RPC `Action`; informative for Huawei.
    pub action: &'static str,
    /// API version: `x-acs-version` / RPC `Version`; `v3` for Huawei.
    pub version: &'static str,
    /// Wire style.
    pub style: Style,
    /// The cloud, which decides the signing family.
    pub cloud: Cloud,
    /// Huawei project id, sent and signed as `X-Project-Id` ([`HuaweiParams::project_id`]).
    pub project_id: Option<String>,
}

impl BuiltRequest {
    /// V3 (`ACS3-HMAC-SHA256`) inputs: works for RPC and ROA APIs alike.
    #[must_use]
    pub const fn acs3_params<'a>(&'a self, nonce: &'a str, time: SigningTime) -> Acs3Params<'a> {
        Acs3Params::new(self.action, self.version, nonce, time)
    }

    /// RPC V1 (HMAC-SHA1) inputs; only meaningful for [`Style::Rpc`].
    #[must_use]
    pub const fn rpc_v1_params<'a>(&'a self, nonce: &'a str, time: SigningTime) -> RpcV1Params<'a> {
        RpcV1Params::new(self.action, self.version, nonce, time)
    }

    /// Huawei AK/SK inputs (with `X-Project-Id` when the API has a project).
    #[must_use]
    pub fn huawei_params(&self, time: SigningTime) -> HuaweiParams<'_> {
        HuaweiParams {
            time,
            project_id: self.project_id.as_deref(),
        }
    }

    /// The scheme the console uses by default: V3 for Alibaba (RPC and ROA), AK/SK for Huawei.
    /// `nonce` is ignored for Huawei.
    #[must_use]
    pub fn scheme<'a>(&'a self, nonce: &'a str, time: SigningTime) -> Scheme<'a> {
        match self.cloud {
            Cloud::Alibaba => Scheme::AlibabaV3(self.acs3_params(nonce, time)),
            Cloud::Huawei => Scheme::Huawei(self.huawei_params(time)),
        }
    }

    /// The request authenticated with a Huawei IAM token instead of a signature: `X-Auth-Token`
    /// added, nothing signed (signing.md §A.5).
    #[must_use]
    pub fn with_token(&self, token: &str) -> OutgoingRequest {
        let r = &self.request;
        let query = canonical_query(&r.query);
        let path = canonical_path(&r.path);
        let mut headers = r.headers.clone();
        headers.push(("Host".to_owned(), r.host.clone()));
        headers.push((AUTH_TOKEN_HEADER.to_owned(), token.to_owned()));
        OutgoingRequest {
            method: r.method.clone(),
            host: r.host.clone(),
            path_and_query: if query.is_empty() {
                path
            } else {
                format!("{path}?{query}")
            },
            headers,
            body: r.body.clone(),
        }
    }
}

/// Builds the upgrade request of `spec` from `form` for the endpoint `host` (from
/// [`crate::region::endpoint`] or the user's override). `form` must come from validating `spec`; a
/// form of another operation only contributes the fields the two share.
#[must_use]
pub fn build(spec: &ApiSpec, form: &ValidForm, host: &str) -> BuiltRequest {
    debug_assert_eq!(
        spec.id,
        form.op_id(),
        "form validated for another operation"
    );
    let mut path = spec.path.to_owned();
    for f in spec.fields_in(Placement::Path) {
        if let Some(v) = form.get(f.name).and_then(Value::scalar) {
            path = path.replace(&format!("{{{}}}", f.name), &v);
        }
    }
    let mut request = UnsignedRequest::new(spec.method, host, path);
    for f in spec.fields_in(Placement::Query) {
        if let Some(v) = form.get(f.name).and_then(Value::scalar) {
            request.query.push((f.name.to_owned(), v));
        }
    }
    if spec.fields_in(Placement::JsonBody).next().is_some() {
        let content_type = match spec.cloud {
            Cloud::Alibaba => ("content-type", ALIBABA_JSON),
            Cloud::Huawei => ("Content-Type", HUAWEI_JSON),
        };
        request = request
            .with_header(content_type.0, content_type.1)
            .with_body(json_body(spec, form));
    }
    for f in spec.fields_in(Placement::Header) {
        if let Some(v) = form.get(f.name).and_then(Value::scalar) {
            request.headers.push((f.name.to_owned(), v));
        }
    }
    let project_id = (spec.cloud == Cloud::Huawei)
        .then(|| form.text("project_id").map(str::to_owned))
        .flatten();
    BuiltRequest {
        request,
        action: spec.api,
        version: spec.version,
        style: spec.style,
        cloud: spec.cloud,
        project_id,
    }
}

/// The JSON object of the body fields that are filled in, in catalog order.
fn json_body(spec: &ApiSpec, form: &ValidForm) -> String {
    let members: Vec<String> = spec
        .fields_in(Placement::JsonBody)
        .filter_map(|f| {
            let value = form.get(f.name)?;
            let json = match (value, f.wire) {
                (Value::Bool(b), Wire::BooleanAs { control })
                    if form.text(control) != Some("boolean") =>
                {
                    format!("\"{b}\"")
                }
                (Value::Bool(b), _) => b.to_string(),
                (Value::Text(t), _) => to_json(t),
                (Value::Instances(list), _) => to_json(list),
                (Value::Plugins(list), _) => to_json(list),
            };
            Some(format!("{}:{json}", to_json(f.name)))
        })
        .collect();
    format!("{{{}}}", members.join(","))
}

/// Compact JSON of a value that always serialises (strings, plain structs).
fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
