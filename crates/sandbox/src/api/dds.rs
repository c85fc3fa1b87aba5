//! Dds (MongoDB) actions: the two upgrades and the read calls the console needs for pre-flight checks.

use serde_json::{json, Value};

use super::dds_read::{attribute, describe_instances};
use super::{history, Ctx, NewTask};
use crate::error::ApiError;
use crate::verify::AlibabaCall;
use crate::world::dds::{self as model, DdsArch, DdsInstance, RUNNING};
use crate::world::task::Change;

/// Runs `call.action`, or `None` when Dds has no such action.
pub(crate) fn dispatch(ctx: &mut Ctx<'_>, call: &AlibabaCall) -> Option<Result<Value, ApiError>> {
    Some(match call.action.as_str() {
        "DescribeDBInstances" => Ok(describe_instances(ctx, call)),
        "DescribeDBInstanceAttribute" => {
            find(ctx, call).map(|d| json!({"DBInstances": {"DBInstance": [attribute(&d)]}}))
        }
        "DescribeAvailableEngineVersion" => find(ctx, call)
            .map(|d| json!({"EngineVersions": {"EngineVersion": d.available_engine_versions()}})),
        "UpgradeDBInstanceEngineVersion" => upgrade_engine(ctx, call),
        "UpgradeDBInstanceKernelVersion" => upgrade_kernel(ctx, call),
        "DescribeHistoryTasks" => history::describe(ctx, call, "mongodb"),
        "DescribeActiveOperationTasks" => Ok(history::active_operations(ctx, call, "mongodb")),
        _ => return None,
    })
}

fn find(ctx: &Ctx<'_>, call: &AlibabaCall) -> Result<DdsInstance, ApiError> {
    let id = call
        .param("DBInstanceId")
        .ok_or_else(|| ApiError::missing("DBInstanceId"))?;
    ctx.world.dds(id).cloned().ok_or_else(|| {
        ApiError::new(
            404,
            "InvalidDBInstanceId.NotFound",
            "Specified instance does not exist.",
        )
    })
}

/// `SwitchMode`: `0`/absent = now, `1` = maintenance window.
fn switch_mode(call: &AlibabaCall) -> Result<bool, ApiError> {
    match call.param("SwitchMode") {
        None | Some("0") => Ok(false),
        Some("1") => Ok(true),
        Some(other) => Err(ApiError::invalid(format!(
            "The specified parameter SwitchMode {other:?} is not valid; use 0 (now) or 1 (maintenance window)."
        ))),
    }
}

/// The checks both upgrades share: running, no other task, not standalone.
fn check_upgradeable(ctx: &Ctx<'_>, d: &DdsInstance) -> Result<(), ApiError> {
    if d.status != RUNNING {
        return Err(ApiError::new(
            403,
            "IncorrectDBInstanceState",
            format!(
                "Current DB instance state ({}) does not support this operation.",
                d.status
            ),
        ));
    }
    if ctx.world.open_task(&d.id, ctx.now).is_some() {
        return Err(ApiError::new(
            400,
            "Task.Conflict",
            "The instance already has a scheduled or running task.",
        ));
    }
    if d.arch == DdsArch::Standalone {
        return Err(ApiError::new(
            403,
            "SingleNodeNotSupport",
            "Standalone instances do not support this operation; migrate to a replica set instead.",
        ));
    }
    Ok(())
}

fn upgrade_engine(ctx: &mut Ctx<'_>, call: &AlibabaCall) -> Result<Value, ApiError> {
    let d = find(ctx, call)?;
    let target = call
        .param("EngineVersion")
        .ok_or_else(|| ApiError::missing("EngineVersion"))?;
    let scheduled = switch_mode(call)?;
    check_upgradeable(ctx, &d)?;
    if d.arch == DdsArch::Sharded && d.protocol != "mongodb" {
        return Err(ApiError::new(
            403,
            "StorageTypeOrInstanceTypeNotSupported",
            "Sharded clusters that use the DynamoDB protocol cannot upgrade their major version.",
        ));
    }
    if !model::MAJORS.contains(&target) {
        return Err(ApiError::new(
            400,
            "EngineVersion.ERROR",
            format!("The EngineVersion {target:?} is not valid."),
        ));
    }
    if model::not_above(target, &d.engine_version) {
        return Err(ApiError::new(
            400,
            "EngineVersion.ERROR",
            format!(
                "The target EngineVersion {target} must be higher than the current version {}; downgrades are not supported.",
                d.engine_version
            ),
        ));
    }
    if !d.available_engine_versions().contains(&target) {
        return Err(ApiError::new(
            403,
            "StorageTypeOrInstanceTypeNotSupported",
            format!(
                "Instances on {} cannot be upgraded in place to {target}; see DescribeAvailableEngineVersion.",
                d.storage_type
            ),
        ));
    }
    let id = ctx.numeric_task_id();
    ctx.start_task(
        NewTask {
            change: Change::DdsEngine,
            action: "UpgradeDBInstanceEngineVersion",
            instance_id: &d.id,
            region: &d.region,
            from: &d.engine_version,
            to: target,
            steps: model::engine_steps(&d.engine_version, target),
            scheduled,
        },
        id,
    );
    Ok(json!({}))
}

fn upgrade_kernel(ctx: &mut Ctx<'_>, call: &AlibabaCall) -> Result<Value, ApiError> {
    let d = find(ctx, call)?;
    let scheduled = switch_mode(call)?;
    check_upgradeable(ctx, &d)?;
    let steps = [
        "Pre-check",
        "Upgrade secondary nodes",
        "Switch primary",
        "Upgrade former primary",
    ];
    let id = ctx.numeric_task_id();
    ctx.start_task(
        NewTask {
            change: Change::DdsKernel,
            action: "UpgradeDBInstanceKernelVersion",
            instance_id: &d.id,
            region: &d.region,
            from: &d.kernel_version,
            to: &model::latest_kernel(&d.engine_version),
            steps: steps.iter().map(|s| (*s).to_owned()).collect(),
            scheduled,
        },
        id,
    );
    Ok(json!({}))
}
