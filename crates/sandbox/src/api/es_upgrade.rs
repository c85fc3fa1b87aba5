//! Elasticsearch `UpgradeEngineVersion` (`POST /openapi/instances/{id}/actions/upgrade-version`):
//! `dryRun` checklist, `clientToken` idempotency, `updateStrategy`, body `{type, version, plugins}`.

use serde_json::{json, Value};

use super::rpc::with_request_id;
use super::{Ctx, NewTask};
use crate::error::ApiError;
use crate::incoming::Incoming;
use crate::world::es::{self as model, EsInstance, ACTIVATING, ACTIVE, LATEST_ALI, PATH};
use crate::world::task::Change;
use crate::world::ClientToken;

/// The parsed request.
struct Upgrade {
    dry_run: bool,
    client_token: Option<String>,
    strategy: String,
    ali: bool,
    version: String,
}

fn parse(req: &Incoming) -> Result<Upgrade, ApiError> {
    let q = |name: &str| req.query_param(name).filter(|v| !v.is_empty());
    let dry_run = match q("dryRun") {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "dryRun must be true or false, not {other:?}."
            )))
        }
    };
    let client_token = q("clientToken").map(str::to_owned);
    if client_token
        .as_ref()
        .is_some_and(|t| t.len() > 64 || !t.is_ascii())
    {
        return Err(ApiError::invalid(
            "clientToken must be at most 64 ASCII characters.",
        ));
    }
    let strategy = q("updateStrategy").unwrap_or("normal").to_owned();
    if !["blue_green", "normal", "intelligent"].contains(&strategy.as_str()) {
        return Err(ApiError::invalid(format!(
            "updateStrategy must be blue_green, normal or intelligent, not {strategy:?}."
        )));
    }
    let body: Value = if req.body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        serde_json::from_slice(&req.body)
            .map_err(|e| ApiError::invalid(format!("The request body is not valid JSON: {e}")))?
    };
    let ali = match body.get("type").and_then(Value::as_str) {
        None | Some("engineVersion") => false,
        Some("aliVersion") => true,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "type must be engineVersion or aliVersion, not {other:?}."
            )))
        }
    };
    let version = body
        .get("version")
        .and_then(Value::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::invalid("The body must name the target version."))?
        .to_owned();
    if let Some(plugins) = body.get("plugins") {
        let ok = plugins.as_array().is_some_and(|list| {
            list.iter()
                .all(|p| p.get("name").is_some_and(Value::is_string))
        });
        if !ok {
            return Err(ApiError::invalid(
                "plugins must be a list of objects with a name.",
            ));
        }
    }
    Ok(Upgrade {
        dry_run,
        client_token,
        strategy,
        ali,
        version,
    })
}

fn refuse(message: String) -> ApiError {
    ApiError::new(400, "CssCheckUpdowngradeError", message)
}

/// The target as stored (`7.10_with_X-Pack` or `ali1.10.1`), or why it is not allowed.
fn target(e: &EsInstance, up: &Upgrade) -> Result<String, ApiError> {
    if up.ali {
        if up.version != LATEST_ALI {
            return Err(refuse(format!(
                "The kernel version {} is not available; the latest is {LATEST_ALI}.",
                up.version
            )));
        }
        if e.ali_version == LATEST_ALI {
            return Err(refuse(format!("The kernel is already {LATEST_ALI}.")));
        }
        return Ok(LATEST_ALI.to_owned());
    }
    let wanted = model::path_index(&up.version).ok_or_else(|| {
        refuse(format!(
            "The version {} is not a supported Elasticsearch version.",
            up.version
        ))
    })?;
    let current = model::path_index(&e.es_version).unwrap_or(usize::MAX);
    if wanted <= current {
        return Err(refuse(format!(
            "Downgrading or keeping the version is not supported: the instance runs {}.",
            e.es_version
        )));
    }
    if wanted != current + 1 {
        let next = e.next_version().map_or("none", |(n, _)| n);
        return Err(refuse(format!(
            "Upgrade one version at a time: from {} the next version is {next}.",
            e.es_version
        )));
    }
    Ok(PATH[wanted].1.to_owned())
}

/// Runs `UpgradeEngineVersion` on `e`; returns the full body (with `RequestId`).
pub(crate) fn upgrade(
    ctx: &mut Ctx<'_>,
    req: &Incoming,
    e: &EsInstance,
) -> Result<Value, ApiError> {
    let up = parse(req)?;
    if !up.dry_run {
        if let Some(token) = &up.client_token {
            let earlier = ctx
                .world
                .client_tokens
                .iter()
                .find(|c| c.instance_id == e.id && &c.token == token);
            if let Some(c) = earlier {
                return Ok(c.response.clone());
            }
        }
    }
    if e.status != ACTIVE {
        return Err(if e.status == ACTIVATING {
            ApiError::new(
                400,
                "InstanceActivating",
                "The instance is activating; wait until it is active.",
            )
        } else {
            ApiError::new(
                400,
                "InstanceStatusNotSupportCurrentAction",
                "The instance status does not allow this action.",
            )
        });
    }
    let to = target(e, &up)?;
    let checklist = e.checklist();
    if up.dry_run {
        return Ok(json!({"Result": checklist}));
    }
    if !e.checks_pass() {
        let failed: Vec<&str> = checklist
            .iter()
            .filter(|c| c["status"] == "failed")
            .filter_map(|c| c["validateResult"][0]["errorCode"].as_str())
            .collect();
        return Err(refuse(format!(
            "The pre-upgrade checks failed: {}. Run with dryRun=true for details.",
            failed.join(", ")
        )));
    }
    let from = if up.ali {
        e.ali_version.clone()
    } else {
        e.es_version.clone()
    };
    let id = ctx.request_id.clone();
    ctx.start_task(
        NewTask {
            change: if up.ali {
                Change::EsAli
            } else {
                Change::EsEngine
            },
            action: "UpgradeEngineVersion",
            instance_id: &e.id,
            region: &e.region,
            from: &from,
            to: &to,
            steps: model::steps(&up.strategy),
            scheduled: false,
        },
        id,
    );
    let body = with_request_id(json!({"Result": checklist}), &ctx.request_id);
    if let Some(token) = up.client_token {
        ctx.world.client_tokens.push(ClientToken {
            instance_id: e.id.clone(),
            token,
            response: body.clone(),
        });
    }
    Ok(body)
}
