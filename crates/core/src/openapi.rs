//! An OpenAPI 3.0 description of the five operations, generated from the catalog (for the "download
//! OpenAPI" feature and for benchmarks). Alibaba RPC operations all live at `POST /`, so their path keys
//! use the `/#Action=Name` convention (as in APIs.guru's Query-API specs). Documented lists become `enum`
//! with `x-open-enum: true` where the console accepts other values; Chinese texts ride along as
//! `x-label-zh` / `x-description-zh`. Control fields (not sent) are left out.

use serde_json::{json, Map, Value as Json};

use crate::catalog::{ApiSpec, Style, SPECS};
use crate::field::{FieldKind, FieldSpec, Placement, Wire};
use crate::format::{TAURUS_INSTANCE_ID, TAURUS_VERSION};
use crate::region::regions;

/// The JSON Schema of one field's value.
fn schema(f: &FieldSpec) -> Json {
    let mut s = match (f.kind, f.wire) {
        (FieldKind::Bool, Wire::BooleanAs { .. }) => json!({
            "oneOf": [{"type": "boolean"}, {"type": "string", "enum": ["true", "false"]}]
        }),
        (FieldKind::Bool, _) => json!({"type": "boolean"}),
        (FieldKind::Text(fmt), _) => {
            json!({"type": "string", "pattern": fmt.pattern, "maxLength": fmt.max_len})
        }
        (FieldKind::Choice { choices, other }, wire) => {
            let values: Vec<Json> = choices
                .iter()
                .map(|c| match wire {
                    Wire::Integer => c.value.parse::<i64>().map_or(json!(c.value), |n| json!(n)),
                    _ => json!(c.value),
                })
                .collect();
            let ty = if wire == Wire::Integer {
                "integer"
            } else {
                "string"
            };
            json!({"type": ty, "enum": values, "x-open-enum": other.is_some(),
                   "x-enum-labels": choices.iter().map(|c| json!({"value": c.value, "en": c.label.en, "zh": c.label.zh})).collect::<Vec<_>>()})
        }
        (FieldKind::InstanceVersions { max }, _) => json!({
            "type": "array", "minItems": 1, "maxItems": max,
            "items": {"type": "object", "required": ["instance_id", "current_version"], "properties": {
                "instance_id": {"type": "string", "pattern": TAURUS_INSTANCE_ID.pattern},
                "current_version": {"type": "string", "pattern": TAURUS_VERSION.pattern},
            }}
        }),
        (FieldKind::EsPlugins, _) => json!({
            "type": "array",
            "items": {"type": "object", "required": ["name", "enable"], "properties": {
                "name": {"type": "string"},
                "enable": {"type": "string", "enum": ["true", "false"]},
                "version": {"type": "string"},
                "fileVersion": {"type": "string"},
            }}
        }),
    };
    if let Json::Object(m) = &mut s {
        if !f.example.is_empty() && !f.kind.is_multiline() {
            m.insert("example".into(), json!(f.example));
        }
        if let Some(d) = f.default {
            m.insert("x-console-initial".into(), json!(d));
        }
    }
    s
}

fn parameter(f: &FieldSpec, location: &str) -> Json {
    json!({
        "name": f.name,
        "in": location,
        "required": f.required || location == "path",
        "description": f.help.en,
        "x-label": f.label.en,
        "x-label-zh": f.label.zh,
        "x-description-zh": f.help.zh,
        "schema": schema(f),
    })
}

fn request_body(spec: &ApiSpec) -> Option<Json> {
    let body: Vec<&FieldSpec> = spec.fields_in(Placement::JsonBody).collect();
    if body.is_empty() {
        return None;
    }
    let mut props = Map::new();
    for f in &body {
        let mut s = schema(f);
        if let Json::Object(m) = &mut s {
            m.insert("description".into(), json!(f.help.en));
            m.insert("x-description-zh".into(), json!(f.help.zh));
        }
        props.insert(f.name.to_owned(), s);
    }
    let required: Vec<&str> = body.iter().filter(|f| f.required).map(|f| f.name).collect();
    let content_type = match spec.style {
        Style::HuaweiRest => "application/json;charset=UTF-8",
        _ => "application/json; charset=utf-8",
    };
    Some(json!({
        "required": true,
        "content": {content_type: {"schema": {"type": "object", "properties": props, "required": required}}}
    }))
}

fn responses(spec: &ApiSpec) -> Json {
    let ok = match spec.style {
        Style::Rpc => json!({"type": "object", "properties": {"RequestId": {"type": "string"}}}),
        Style::Roa => json!({"type": "object", "properties": {
            "RequestId": {"type": "string"},
            "Result": {"description": "Dry run: the check list [{validateType, status, validateResult[]}]; otherwise undocumented (list or boolean)."}
        }}),
        Style::HuaweiRest => json!({"type": "object", "properties": {"resp": {"type": "string"}}}),
    };
    let error = match spec.style {
        Style::HuaweiRest => "#/components/schemas/HuaweiError",
        _ => "#/components/schemas/AlibabaError",
    };
    json!({
        "200": {"description": "Accepted", "content": {"application/json": {"schema": ok}}},
        "default": {"description": "Error", "content": {"application/json": {"schema": {"$ref": error}}}}
    })
}

fn operation(spec: &ApiSpec) -> Json {
    let params: Vec<Json> = spec
        .fields
        .iter()
        .filter_map(|f| f.placement.openapi_in().map(|loc| parameter(f, loc)))
        .collect();
    let security = match spec.style {
        Style::HuaweiRest => json!([{"huaweiAkSk": []}, {"iamToken": []}]),
        _ => json!([{"acs3": []}]),
    };
    let mut op = json!({
        "operationId": spec.id,
        "summary": spec.api,
        "description": spec.summary.en,
        "x-description-zh": spec.summary.zh,
        "tags": [spec.product.label().en],
        "parameters": params,
        "responses": responses(spec),
        "security": security,
        "x-api-name": spec.api,
        "x-api-version": spec.version,
        "x-permission": spec.permission,
    });
    if let (Some(body), Json::Object(m)) = (request_body(spec), &mut op) {
        m.insert("requestBody".into(), body);
    }
    op
}

/// The path key of an operation (`/#Action=Name` for RPC).
#[must_use]
pub fn path_key(spec: &ApiSpec) -> String {
    match spec.style {
        Style::Rpc => format!("/#Action={}", spec.api),
        _ => spec.path.to_owned(),
    }
}

/// The OpenAPI 3.0.3 document of every operation in the catalog.
#[must_use]
pub fn openapi_json() -> Json {
    let mut paths = Map::new();
    for spec in SPECS {
        let servers: Vec<Json> = spec
            .endpoint
            .hosts(regions(spec.product))
            .into_iter()
            .map(|h| json!({"url": format!("https://{h}")}))
            .collect();
        let mut item = Map::new();
        item.insert("servers".into(), json!(servers));
        item.insert(spec.method.to_ascii_lowercase(), operation(spec));
        paths.insert(path_key(spec), Json::Object(item));
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "upgrade-console operations",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Managed-database upgrade APIs of Alibaba Cloud (Dds, R-kvstore, Elasticsearch) and Huawei Cloud (TaurusDB), as the upgrade console calls them. Generated from console-core's catalog.",
        },
        "paths": paths,
        "components": {
            "schemas": {
                "AlibabaError": {"type": "object", "properties": {
                    "RequestId": {"type": "string"}, "HostId": {"type": "string"}, "Code": {"type": "string"},
                    "Message": {"type": "string"}, "Recommend": {"type": "string"}}},
                "HuaweiError": {"type": "object", "properties": {
                    "error_code": {"type": "string"}, "error_msg": {"type": "string"}, "request_id": {"type": "string"}}},
            },
            "securitySchemes": {
                "acs3": {"type": "apiKey", "in": "header", "name": "Authorization",
                         "description": "Alibaba Cloud V3 signature (ACS3-HMAC-SHA256) with x-acs-action, x-acs-version, x-acs-date, x-acs-signature-nonce, x-acs-content-sha256."},
                "huaweiAkSk": {"type": "apiKey", "in": "header", "name": "Authorization",
                               "description": "Huawei Cloud SDK-HMAC-SHA256 signature with X-Sdk-Date and X-Project-Id."},
                "iamToken": {"type": "apiKey", "in": "header", "name": "X-Auth-Token",
                             "description": "Huawei Cloud IAM token (POST /v3/auth/tokens → X-Subject-Token)."},
            },
        },
    })
}
