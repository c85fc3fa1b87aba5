//! R-kvstore (Redis/Tair) actions: `ModifyInstanceMajorVersion` and the reads behind its pre-flight gate
//! (`DescribeEngineVersion.EnableUpgradeMajorVersion`).

use std::collections::HashSet;

use serde_json::{json, Value};

use super::{history, page, page_param, Ctx, NewTask};
use crate::error::ApiError;
use crate::verify::AlibabaCall;
use crate::world::redis::{self as model, RedisInstance, NORMAL};
use crate::world::task::Change;

/// Runs `call.action`, or `None` when R-kvstore has no such action.
pub(crate) fn dispatch(ctx: &mut Ctx<'_>, call: &AlibabaCall) -> Option<Result<Value, ApiError>> {
    Some(match call.action.as_str() {
        "DescribeInstances" => Ok(describe_instances(ctx, call)),
        "DescribeInstanceAttribute" => {
            find(ctx, call).map(|r| json!({"Instances": {"DBInstanceAttribute": [attribute(&r)]}}))
        }
        "DescribeEngineVersion" => find(ctx, call).map(|r| engine_version(&r)),
        "ModifyInstanceMajorVersion" => modify_major(ctx, call),
        "DescribeHistoryTasks" => history::describe(ctx, call, "kvstore"),
        "DescribeActiveOperationTasks" => Ok(history::active_operations(ctx, call, "kvstore")),
        _ => return None,
    })
}

fn find(ctx: &Ctx<'_>, call: &AlibabaCall) -> Result<RedisInstance, ApiError> {
    let id = call
        .param("InstanceId")
        .ok_or_else(|| ApiError::missing("InstanceId"))?;
    ctx.world.redis(id).cloned().ok_or_else(|| {
        ApiError::new(
            404,
            "InvalidInstanceId.NotFound",
            "The specified instance is not found.",
        )
    })
}

fn summary(r: &RedisInstance) -> Value {
    json!({
        "InstanceId": r.id,
        "InstanceName": r.name,
        "InstanceStatus": r.status,
        "EngineVersion": r.engine_version,
        "ArchitectureType": r.architecture,
        "EditionType": r.edition,
        "InstanceType": if r.edition == "Enterprise" { "Tair" } else { "Redis" },
        "InstanceClass": r.instance_class,
        "ShardCount": r.shard_count,
        "NodeType": "double",
        "RegionId": r.region,
        "ZoneId": r.zone,
        "IsRds": r.cloud_native(),
        "NetworkType": "VPC",
        "ChargeType": "PostPaid",
    })
}

fn attribute(r: &RedisInstance) -> Value {
    let mut v = summary(r);
    if let Value::Object(map) = &mut v {
        for (k, val) in [
            ("RealInstanceClass", json!(r.instance_class)),
            ("ReplicaCount", json!(1)),
            ("IsOrderCompleted", json!(true)),
            ("MaintainStartTime", json!(r.maintain_start)),
            ("MaintainEndTime", json!(r.maintain_end)),
            (
                "ConnectionDomain",
                json!(format!("{}.redis.rds.aliyuncs.com", r.id)),
            ),
            ("Port", json!(6379)),
        ] {
            map.insert(k.to_owned(), val);
        }
    }
    v
}

fn engine_version(r: &RedisInstance) -> Value {
    let latest = model::latest_minor(&r.engine_version);
    json!({
        "MajorVersion": r.engine_version,
        "MinorVersion": r.minor_version,
        "EnableUpgradeMajorVersion": r.can_upgrade_major(),
        "EnableUpgradeMinorVersion": r.minor_version != latest,
        "IsLatestVersion": r.minor_version == latest,
        "DBLatestMinorVersion": {"MinorVersion": latest, "Level": "0", "VersionRelease": "Stability fixes."},
        "ProxyMinorVersion": "7.0.8",
        "ProxyLatestMinorVersion": "7.0.8",
        "IsAutoUpgradeOpen": "0",
        "Engine": "redis",
        "IsRedisCompatibleVersion": "1",
        "DBVersionRelease": "",
    })
}

fn describe_instances(ctx: &Ctx<'_>, call: &AlibabaCall) -> Value {
    let ids: Option<HashSet<&str>> = call
        .param("InstanceIds")
        .map(|v| v.split(',').map(str::trim).collect());
    let matches = |r: &&RedisInstance| {
        let eq = |name: &str, value: &str| call.param(name).is_none_or(|want| want == value);
        eq("RegionId", &r.region)
            && ids.as_ref().is_none_or(|ids| ids.contains(&r.id.as_str()))
            && eq("InstanceStatus", &r.status)
            && eq("ArchitectureType", &r.architecture)
            && eq("EditionType", &r.edition)
            && eq("EngineVersion", &r.engine_version)
    };
    let all: Vec<&RedisInstance> = ctx.world.redis.iter().filter(matches).collect();
    let (number, size) = (
        page_param(call.param("PageNumber"), 1, 100_000),
        page_param(call.param("PageSize"), 30, 100),
    );
    let items: Vec<Value> = page(&all, number, size).into_iter().map(summary).collect();
    json!({
        "Instances": {"KVStoreInstance": items},
        "TotalCount": all.len(),
        "PageNumber": number,
        "PageSize": size,
    })
}

fn modify_major(ctx: &mut Ctx<'_>, call: &AlibabaCall) -> Result<Value, ApiError> {
    let r = find(ctx, call)?;
    let target = call
        .param("MajorVersion")
        .ok_or_else(|| ApiError::missing("MajorVersion"))?;
    let scheduled = match call.param("EffectiveTime") {
        None | Some("Immediately") => false,
        Some("MaintainTime") => true,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "The specified parameter EffectiveTime {other:?} is not valid; use Immediately or MaintainTime."
            )))
        }
    };
    if r.status != NORMAL {
        return Err(ApiError::new(
            403,
            "IncorrectDBInstanceState",
            "Current DB instance state does not support this operation.",
        ));
    }
    if ctx.world.open_task(&r.id, ctx.now).is_some() {
        return Err(ApiError::new(
            400,
            "Task.Conflict",
            "The instance already has a scheduled or running task.",
        ));
    }
    if r.direct_connection {
        return Err(ApiError::new(
            403,
            "HasDirectConnectionNotSupport",
            "Cluster instances in direct-connection mode cannot upgrade their major version; release the direct connection first.",
        ));
    }
    let refuse = |why: String| Err(ApiError::new(400, "IncorrectEngineVersion", why));
    if !model::known(target) {
        return refuse(format!("The MajorVersion {target:?} is not valid."));
    }
    if model::not_above(target, &r.engine_version) {
        return refuse(format!(
            "The MajorVersion {target} must be higher than the current version {}; downgrades are not supported.",
            r.engine_version
        ));
    }
    if !r.targets().contains(&target) {
        return refuse(format!(
            "{} instances cannot be upgraded to {target} in place; allowed: {:?}.",
            if r.cloud_native() {
                "Cloud-native"
            } else {
                "Classic"
            },
            r.targets()
        ));
    }
    let id = ctx.numeric_task_id();
    ctx.start_task(
        NewTask {
            change: Change::RedisMajor,
            action: "ModifyInstanceMajorVersion",
            instance_id: &r.id,
            region: &r.region,
            from: &r.engine_version,
            to: target,
            steps: model::steps(target),
            scheduled,
        },
        id,
    );
    Ok(json!({}))
}
