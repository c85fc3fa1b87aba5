//! TaurusDB job APIs, the progress source after an upgrade: `ShowGaussMySqlJobInfo` (`/jobs?id=`),
//! `ListImmediateJobs`, `ListScheduleJobs` and `CancelScheduleTask` (delayed upgrades).

use serde_json::{json, Value};

use super::{huawei_time, Ctx};
use crate::demo::huawei_project;
use crate::error::ApiError;
use crate::incoming::Incoming;
use crate::verify::parse_alibaba_time;
use crate::world::task::{Change, Phase, Task};

/// A job id as Huawei writes them (UUID form), from the id counter.
pub(crate) fn job_id(n: u64) -> String {
    format!("5a4db0c5-0000-4000-8000-{n:012x}")
}

/// Runs a job call; `None` when the path is not one.
pub(crate) fn dispatch(
    ctx: &mut Ctx<'_>,
    req: &Incoming,
    project: &str,
    rest: &[&str],
) -> Option<Result<Value, ApiError>> {
    Some(match (req.method.as_str(), rest) {
        ("GET", ["jobs"]) => show(ctx, req, project),
        ("GET", ["immediate-jobs"]) => immediate(ctx, req, project),
        ("GET", ["scheduled-jobs"]) => Ok(scheduled(ctx, req, project)),
        ("DELETE", ["scheduled-jobs"]) => cancel(ctx, req, project),
        _ => return None,
    })
}

/// The project's TaurusDB jobs (a task's region names its project), in one pass over the tasks.
fn jobs<'a>(ctx: &'a Ctx<'_>, project: &'a str) -> impl Iterator<Item = &'a Task> + 'a {
    ctx.world.tasks.iter().filter(move |t| {
        t.change == Change::TaurusKernel
            && huawei_project(&t.region).is_some_and(|p| p.project_id == project)
    })
}

fn status(t: &Task, now: i64) -> &'static str {
    match t.phase(now) {
        Phase::Scheduled => "Pending",
        Phase::Running { .. } => "Running",
        Phase::Succeeded => "Completed",
        Phase::Canceled => "Canceled",
    }
}

fn instance_name(ctx: &Ctx<'_>, id: &str) -> (String, String) {
    ctx.world
        .taurus(id)
        .map_or_else(Default::default, |t| (t.name.clone(), t.status.clone()))
}

fn ended(t: &Task, now: i64) -> Option<String> {
    (t.phase(now) == Phase::Succeeded).then(|| huawei_time(t.end_at()))
}

fn show(ctx: &Ctx<'_>, req: &Incoming, project: &str) -> Result<Value, ApiError> {
    let id = req
        .query_param("id")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::dbs_param("id is required."))?;
    let now = ctx.now;
    let t = jobs(ctx, project)
        .find(|t| t.id == id)
        .ok_or_else(|| ApiError::dbs_param(format!("The job {id} does not exist.")))?;
    let (name, _) = instance_name(ctx, &t.instance_id);
    let mut job = json!({
        "id": t.id,
        "name": "UpgradeGaussDBforMySQLDatabaseVersion",
        "status": status(t, now),
        "created": huawei_time(t.created_at),
        "ended": ended(t, now),
        "instance": {"id": t.instance_id, "name": name},
        "fail_reason": null,
    });
    if status(t, now) == "Running" {
        job["process"] = json!(format!("{}%", t.percent(now)));
    }
    Ok(json!({"job": job}))
}

/// One page (`offset`, `limit` 1–50) of `items`, rendered by `render` only for the page.
fn paged(items: &[&Task], req: &Incoming, key: &str, render: impl Fn(&Task) -> Value) -> Value {
    let offset = req
        .query_param("offset")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0_usize);
    let limit = req
        .query_param("limit")
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_usize)
        .clamp(1, 50);
    let shown: Vec<Value> = items
        .iter()
        .skip(offset)
        .take(limit)
        .map(|t| render(t))
        .collect();
    json!({key: shown, "total_count": items.len()})
}

/// A `start_time` / `end_time` filter (`yyyy-mm-ddThh:mm:ssZ`, `+0000` also accepted) in unix seconds.
fn time_param(req: &Incoming, name: &str) -> Result<Option<i64>, ApiError> {
    let Some(v) = req.query_param(name).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let normalised = v
        .strip_suffix("+0000")
        .map_or_else(|| v.to_owned(), |s| format!("{s}Z"));
    parse_alibaba_time(&normalised)
        .map(|t| Some(t.unix_seconds()))
        .map_err(|_| {
            ApiError::dbs_param(format!("{name} must be yyyy-mm-ddThh:mm:ssZ, not {v:?}."))
        })
}

fn immediate(ctx: &Ctx<'_>, req: &Incoming, project: &str) -> Result<Value, ApiError> {
    let now = ctx.now;
    let q = |n: &str| req.query_param(n).filter(|v| !v.is_empty());
    let (from, to) = (time_param(req, "start_time")?, time_param(req, "end_time")?);
    let items: Vec<&Task> = jobs(ctx, project)
        .filter(|t| t.phase(now) != Phase::Scheduled && !t.canceled)
        .filter(|t| from.is_none_or(|f| t.created_at >= f) && to.is_none_or(|e| t.created_at <= e))
        .filter(|t| q("job_id").is_none_or(|j| j == t.id))
        .filter(|t| q("status").is_none_or(|s| s == status(t, now)))
        .filter(|_| q("job_name").is_none_or(|n| n == "UpgradeGaussDBforMySQLDatabaseVersion"))
        .collect();
    Ok(paged(&items, req, "jobs", |t| {
        let (name, instance_status) = instance_name(ctx, &t.instance_id);
        json!({
            "job_id": t.id, "job_name": "UpgradeGaussDBforMySQLDatabaseVersion",
            "instance_id": t.instance_id, "instance_name": name, "instance_status": instance_status,
            "status": status(t, now), "process": format!("{}%", t.percent(now)), "fail_reason": null,
            "created_time": huawei_time(t.created_at), "ended_time": ended(t, now),
        })
    }))
}

fn scheduled(ctx: &Ctx<'_>, req: &Incoming, project: &str) -> Value {
    let now = ctx.now;
    let q = |n: &str| req.query_param(n).filter(|v| !v.is_empty());
    let items: Vec<&Task> = jobs(ctx, project)
        .filter(|t| t.scheduled)
        .filter(|t| q("instance_id").is_none_or(|i| i == t.instance_id))
        .filter(|t| q("status").is_none_or(|s| s == status(t, now)))
        .collect();
    paged(&items, req, "schedules", |t| {
        let (name, instance_status) = instance_name(ctx, &t.instance_id);
        json!({
            "job_id": t.id, "job_name": "VERSION_UPGRADE", "job_status": status(t, now),
            "instance_id": t.instance_id, "instance_name": name, "instance_status": instance_status,
            "project_id": project, "datastore_type": "gaussdb-mysql",
            "create_time": huawei_time(t.created_at), "start_time": huawei_time(t.start_at),
            "end_time": huawei_time(t.end_at()),
        })
    })
}

fn cancel(ctx: &mut Ctx<'_>, req: &Incoming, project: &str) -> Result<Value, ApiError> {
    let body: Value = serde_json::from_slice(&req.body)
        .map_err(|_| ApiError::dbs_param("The request body is not valid JSON."))?;
    let wanted: Vec<String> = body["job_ids"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .filter(|v: &Vec<String>| !v.is_empty())
        .ok_or_else(|| ApiError::dbs_param("job_ids must list the jobs to cancel."))?;
    let now = ctx.now;
    let known: Vec<String> = jobs(ctx, project)
        .filter(|t| t.phase(now) == Phase::Scheduled)
        .map(|t| t.id.clone())
        .collect();
    if let Some(bad) = wanted.iter().find(|w| !known.contains(w)) {
        return Err(ApiError::dbs_param(format!(
            "The job {bad} is not a pending scheduled job."
        )));
    }
    let request_id = ctx.request_id.clone();
    for task in ctx
        .world
        .tasks
        .iter_mut()
        .filter(|t| wanted.contains(&t.id))
    {
        task.canceled = true;
    }
    for id in &wanted {
        let instance = ctx
            .world
            .tasks
            .iter()
            .find(|t| &t.id == id)
            .map(|t| t.instance_id.clone())
            .unwrap_or_default();
        ctx.world
            .record(now, "CancelScheduleTask", &instance, &request_id);
    }
    ctx.canceled.clone_from(&wanted);
    ctx.mutated = true;
    Ok(json!({"job_ids": wanted}))
}
