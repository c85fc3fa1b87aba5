//! TaurusDB (GaussDB for MySQL) instance APIs: list/show (v3 and v3.1), `ShowInstanceDatabaseVersion`,
//! the batch and single kernel upgrades and the upgrade pre-check. Jobs are in [`super::taurus_jobs`].

use serde_json::{json, Value};

use super::taurus_read::{database_version, datastores, list, show};
use super::{huawei_time, taurus_jobs, Ctx, NewTask};
use crate::error::ApiError;
use crate::incoming::Incoming;
use crate::world::task::Change;
use crate::world::taurus::{self as model, latest_kernel, TaurusInstance, NORMAL};

/// Runs a TaurusDB call under `/v3[.1]/{project}/…`; `None` when no such API exists.
pub(crate) fn dispatch(
    ctx: &mut Ctx<'_>,
    req: &Incoming,
    project: &str,
    rest: &[&str],
    v31: bool,
) -> Option<Result<Value, ApiError>> {
    Some(match (req.method.as_str(), rest) {
        ("GET", ["instances"]) => Ok(list(ctx, req, project, v31)),
        ("GET", ["instances", id]) => {
            find(ctx, project, id).map(|t| json!({"instance": show(&t, v31)}))
        }
        ("GET", ["instances", id, "database-version"]) => {
            find(ctx, project, id).map(|t| database_version(&t))
        }
        ("POST", ["instances", "database-version", "upgrade"]) => batch_upgrade(ctx, req, project),
        ("POST", ["instances", "database-version", "upgrade", "pre-check"]) => {
            pre_check(ctx, req, project)
        }
        ("POST", ["instances", "database-version", "upgrade", "pre-check-result"]) => {
            pre_check_result(ctx, req, project)
        }
        ("POST", ["instances", id, "db-upgrade"]) => single_upgrade(ctx, req, project, id),
        ("GET", ["datastores", "gaussdb-mysql"]) => Ok(datastores()),
        _ => return taurus_jobs::dispatch(ctx, req, project, rest),
    })
}

/// The instance in this project, or `DBS.200002` (404).
pub(crate) fn find(ctx: &Ctx<'_>, project: &str, id: &str) -> Result<TaurusInstance, ApiError> {
    ctx.world
        .taurus(id)
        .filter(|t| t.project_id == project)
        .cloned()
        .ok_or_else(|| {
            ApiError::new(
                404,
                "DBS.200002",
                format!("The instance {id} does not exist."),
            )
        })
}

/// Why `t` cannot take the kernel upgrade now, if it cannot.
fn upgrade_blocker(ctx: &Ctx<'_>, t: &TaurusInstance) -> Option<ApiError> {
    if t.status != NORMAL || ctx.world.open_task(&t.id, ctx.now).is_some() {
        return Some(ApiError::new(
            409,
            "DBS.200011",
            format!("Another operation is being performed on instance {}.", t.id),
        ));
    }
    if t.kernel_version == latest_kernel() {
        return Some(ApiError::new(
            400,
            "DBS.05000008",
            "The current version is the latest, no update available.",
        ));
    }
    if t.proxy_too_old {
        return Some(ApiError::new(
            400,
            "DBS.05000001",
            "The proxy kernel version is too old; upgrade the proxy first.",
        ));
    }
    None
}

fn parse_body(req: &Incoming) -> Result<Value, ApiError> {
    serde_json::from_slice(&req.body)
        .map_err(|_| ApiError::dbs_param("The request body is not valid JSON."))
}

/// `databases_instance_infos`: the instances (checked to exist, ≤ 100, one shared source version).
fn instances(
    ctx: &Ctx<'_>,
    body: &Value,
    project: &str,
) -> Result<Vec<(TaurusInstance, String)>, ApiError> {
    let infos = body["databases_instance_infos"]
        .as_array()
        .filter(|a| !a.is_empty() && a.len() <= 100)
        .ok_or_else(|| {
            ApiError::dbs_param("databases_instance_infos must list 1 to 100 instances.")
        })?;
    let mut out = Vec::new();
    for info in infos {
        let id = info["instance_id"]
            .as_str()
            .ok_or_else(|| ApiError::dbs_param("instance_id is required."))?;
        let current = info["current_version"]
            .as_str()
            .ok_or_else(|| ApiError::dbs_param("current_version is required."))?;
        out.push((find(ctx, project, id)?, current.to_owned()));
    }
    if out.windows(2).any(|w| w[0].1 != w[1].1) {
        return Err(ApiError::dbs_param(
            "All instances in one batch must share the same current_version.",
        ));
    }
    Ok(out)
}

/// `delay`: a boolean in the SDK, the string `"true"`/`"false"` in the docs; both accepted.
fn delay(body: &Value, required: bool) -> Result<bool, ApiError> {
    match &body["delay"] {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s == "true" || s == "false" => Ok(s == "true"),
        Value::Null if !required => Ok(false),
        _ => Err(ApiError::dbs_param("delay must be true or false.")),
    }
}

fn start(ctx: &mut Ctx<'_>, t: &TaurusInstance, action: &str, scheduled: bool) -> String {
    let id = taurus_jobs::job_id(ctx.world.next_number());
    ctx.start_task(
        NewTask {
            change: Change::TaurusKernel,
            action,
            instance_id: &t.id,
            region: &t.region,
            from: &t.kernel_version,
            to: latest_kernel(),
            steps: model::steps(),
            scheduled,
        },
        id,
    )
}

fn batch_upgrade(ctx: &mut Ctx<'_>, req: &Incoming, project: &str) -> Result<Value, ApiError> {
    let body = parse_body(req)?;
    let list = instances(ctx, &body, project)?;
    let scheduled = delay(&body, true)?;
    for (t, current) in &list {
        if *current != t.kernel_version {
            return Err(ApiError::new(
                400,
                "DBS.200041",
                format!(
                    "current_version {current} does not match the version of instance {} ({}).",
                    t.id, t.kernel_version
                ),
            ));
        }
        if let Some(e) = upgrade_blocker(ctx, t) {
            return Err(e);
        }
    }
    for (t, _) in &list {
        start(ctx, t, "BatchUpgradeDatabases", scheduled);
    }
    Ok(json!({"resp": "success"}))
}

fn single_upgrade(
    ctx: &mut Ctx<'_>,
    req: &Incoming,
    project: &str,
    id: &str,
) -> Result<Value, ApiError> {
    let t = find(ctx, project, id)?;
    let body = if req.body.is_empty() {
        json!({})
    } else {
        parse_body(req)?
    };
    let scheduled = delay(&body, false)?;
    if let Some(e) = upgrade_blocker(ctx, &t) {
        return Err(e);
    }
    Ok(json!({"job_id": start(ctx, &t, "UpgradeGaussMySqlInstanceDatabase", scheduled)}))
}

fn pre_check(ctx: &mut Ctx<'_>, req: &Incoming, project: &str) -> Result<Value, ApiError> {
    let list = instances(ctx, &parse_body(req)?, project)?;
    let ids: Vec<String> = list
        .iter()
        .map(|_| taurus_jobs::job_id(ctx.world.next_number()))
        .collect();
    Ok(json!({"job_ids": ids}))
}

fn pre_check_result(ctx: &Ctx<'_>, req: &Incoming, project: &str) -> Result<Value, ApiError> {
    let list = instances(ctx, &parse_body(req)?, project)?;
    let mut detail = Vec::new();
    for (t, current) in &list {
        let version_ok = *current == t.kernel_version && t.kernel_version != latest_kernel();
        let busy = t.status != NORMAL || ctx.world.open_task(&t.id, ctx.now).is_some();
        for (item, description, passed) in [
            (
                "Upgrade permission check",
                "The account may upgrade this instance.",
                true,
            ),
            (
                "Instance version check",
                "A newer kernel exists and current_version matches.",
                version_ok,
            ),
            (
                "Resource check",
                "The instance is normal and runs no other task.",
                !busy,
            ),
            (
                "Upgrade feature compatibility check",
                "Proxy and features support the new kernel.",
                !t.proxy_too_old,
            ),
        ] {
            detail.push(json!({
                "check_item": item,
                "check_description": description,
                "check_object": t.id,
                "check_status": if passed { "passed" } else { "failed" },
            }));
        }
    }
    let all_passed = detail.iter().all(|d| d["check_status"] == "passed");
    Ok(json!({
        "upgrade_precheck_result": if all_passed { "true" } else { "false" },
        "updated_at": ctx.now * 1000,
        "upgrade_precheck_detail": detail,
        "checked_at": huawei_time(ctx.now),
    }))
}
