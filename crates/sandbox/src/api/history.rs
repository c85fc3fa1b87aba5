//! `DescribeHistoryTasks` and `DescribeActiveOperationTasks`, shared by Dds and R-kvstore: the console's
//! progress source and the list where maintenance-window upgrades show up as `Scheduled`.

use serde_json::{json, Value};

use super::{iso, page, page_param, Ctx};
use crate::error::ApiError;
use crate::verify::{parse_alibaba_time, AlibabaCall};
use crate::world::task::{Change, Phase, Task};

fn belongs(task: &Task, product: &str) -> bool {
    match product {
        "mongodb" => matches!(task.change, Change::DdsEngine | Change::DdsKernel),
        _ => task.change == Change::RedisMajor,
    }
}

fn status(task: &Task, now: i64) -> &'static str {
    match task.phase(now) {
        Phase::Scheduled => "Scheduled",
        Phase::Running { .. } => "Running",
        Phase::Succeeded => "Succeed",
        Phase::Canceled => "Canceled",
    }
}

fn item(task: &Task, now: i64, product: &str) -> Value {
    let remain = match task.phase(now) {
        Phase::Running { remain, .. } => remain,
        Phase::Scheduled => task.end_at() - task.start_at,
        Phase::Succeeded | Phase::Canceled => 0,
    };
    let finished = matches!(task.phase(now), Phase::Succeeded);
    json!({
        "TaskId": task.id,
        "TaskType": task.action,
        "Status": status(task, now),
        "Progress": task.percent(now),
        "RemainTime": remain,
        "CurrentStepName": task.step_name(now),
        "StartTime": iso(task.start_at),
        "EndTime": if finished { iso(task.end_at()) } else { String::new() },
        "InstanceId": task.instance_id,
        "RegionId": task.region,
        "Product": product,
        "DbType": product,
        "CallerSource": "User",
        "ActionInfo": json!({"steps": task.steps}).to_string(),
        "TaskDetail": json!({"fromVersion": task.from_version, "toVersion": task.to_version}).to_string(),
    })
}

fn required_time(call: &AlibabaCall, name: &str) -> Result<i64, ApiError> {
    let v = call.param(name).ok_or_else(|| ApiError::missing(name))?;
    parse_alibaba_time(v)
        .map(console_core::sign::SigningTime::unix_seconds)
        .map_err(|_| {
            ApiError::invalid(format!(
                "The specified parameter {name} {v:?} is not yyyy-MM-ddTHH:mm:ssZ."
            ))
        })
}

/// At most this many ids in `DescribeHistoryTasks`'s comma-separated `InstanceId`, as the API documents.
const MAX_IDS: usize = 30;

/// `DescribeHistoryTasks`: tasks created or started between `FromStartTime` and `ToStartTime`, optionally
/// for up to 30 comma-separated instance ids (how a batch polls its progress in few calls).
pub(crate) fn describe(
    ctx: &Ctx<'_>,
    call: &AlibabaCall,
    product: &str,
) -> Result<Value, ApiError> {
    let from = required_time(call, "FromStartTime")?;
    let to = required_time(call, "ToStartTime")?;
    let ids: Option<Vec<&str>> = call.param("InstanceId").map(|v| {
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    });
    if ids.as_ref().is_some_and(|ids| ids.len() > MAX_IDS) {
        return Err(ApiError::invalid(format!(
            "The specified parameter InstanceId lists more than {MAX_IDS} instances."
        )));
    }
    let statuses: Option<Vec<&str>> = call
        .param("Status")
        .map(|v| v.split(',').map(str::trim).collect());
    let now = ctx.now;
    let items: Vec<&Task> = ctx
        .world
        .tasks
        .iter()
        .rev()
        .filter(|t| belongs(t, product))
        .filter(|t| (from..=to).contains(&t.created_at) || (from..=to).contains(&t.start_at))
        .filter(|t| {
            ids.as_ref()
                .is_none_or(|ids| ids.contains(&t.instance_id.as_str()))
        })
        .filter(|t| call.param("RegionId").is_none_or(|r| r == t.region))
        .filter(|t| call.param("TaskType").is_none_or(|k| k == t.action))
        .filter(|t| {
            statuses
                .as_ref()
                .is_none_or(|s| s.contains(&status(t, now)))
        })
        .collect();
    let (number, size) = (
        page_param(call.param("PageNumber"), 1, 100_000),
        page_param(call.param("PageSize"), 10, 100),
    );
    let shown: Vec<Value> = page(&items, number, size)
        .into_iter()
        .map(|t| item(t, now, product))
        .collect();
    Ok(json!({
        "Items": shown,
        "PageNumber": number,
        "PageSize": size,
        "TotalCount": items.len(),
    }))
}

/// `DescribeActiveOperationTasks`: the upgrades waiting for their maintenance window.
pub(crate) fn active_operations(ctx: &Ctx<'_>, call: &AlibabaCall, product: &str) -> Value {
    let now = ctx.now;
    let items: Vec<Value> = ctx
        .world
        .tasks
        .iter()
        .filter(|t| belongs(t, product) && t.phase(now) == Phase::Scheduled)
        .filter(|t| call.param("InsName").is_none_or(|n| n == t.instance_id))
        .map(|t| {
            json!({
                "Id": t.id.parse::<u64>().unwrap_or(0),
                "InsName": t.instance_id,
                "TaskType": t.action,
                "Status": 3,
                "StartTime": iso(t.start_at),
                "SwitchTime": iso(t.start_at),
                "Deadline": iso(t.start_at + 86_400),
                "DbVersion": t.to_version,
                "Region": t.region,
                "DbType": product,
                "AllowCancel": "0",
                "AllowChange": "1",
                "ImpactEn": "Transient disconnections during the switchover.",
                "ImpactZh": "切换期间会有闪断。",
            })
        })
        .collect();
    json!({
        "Items": items,
        "PageNumber": 1,
        "PageSize": 30,
        "TotalRecordCount": items.len(),
    })
}
