//! Progress after the call: the task APIs of apis.md §B (Dds/R-kvstore `DescribeHistoryTasks`, ES
//! `ListActionRecords` by RequestId, TaurusDB `immediate-jobs`), built as unsigned requests and read
//! into one [`Progress`] per instance. Parsers are lenient and never panic.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::build::BuiltRequest;
use crate::catalog::{Cloud, Product, Style};
use crate::sign::{SigningTime, UnsignedRequest};

/// A cloud task's state, in one vocabulary for all four products.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskStatus {
    /// Waiting for its start (maintenance window).
    Scheduled,
    /// Running.
    Running,
    /// Finished well.
    Succeeded,
    /// Finished badly or was canceled.
    Failed,
}

/// An instance's upgrade task as the cloud reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// State.
    pub status: TaskStatus,
    /// Current step name (may be empty).
    pub step: String,
    /// 0–100.
    pub percent: u8,
    /// Seconds left, when the cloud says.
    pub eta_s: Option<u64>,
}

/// Ids per `DescribeHistoryTasks` call (the API's limit).
pub const HISTORY_IDS_PER_CALL: usize = 30;

fn status_of(s: &str) -> TaskStatus {
    match s.to_ascii_lowercase().as_str() {
        "scheduled" | "waiting" | "pending" => TaskStatus::Scheduled,
        "succeed" | "succeeded" | "success" | "completed" | "finished" => TaskStatus::Succeeded,
        "failed" | "fail" | "canceled" | "cancelled" | "cancelling" | "error" => TaskStatus::Failed,
        _ => TaskStatus::Running,
    }
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// A percentage written as `60`, `"60"` or `"60%"`.
fn percent(v: Option<&Value>) -> u8 {
    let n = match v {
        Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
        Some(Value::String(s)) => s.trim().trim_end_matches('%').parse().unwrap_or(0.0),
        _ => 0.0,
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let p = n.clamp(0.0, 100.0) as u8;
    p
}

/// `DescribeHistoryTasks` for up to [`HISTORY_IDS_PER_CALL`] instances, tasks started in `from..=to`.
#[must_use]
pub fn history_request(
    product: Product,
    host: &str,
    region: &str,
    ids: &[&str],
    from: SigningTime,
    to: SigningTime,
) -> BuiltRequest {
    let version = if product == Product::Dds {
        "2015-12-01"
    } else {
        "2015-01-01"
    };
    BuiltRequest {
        request: UnsignedRequest::new("POST", host, "/")
            .with_query("RegionId", region)
            .with_query("InstanceId", ids.join(","))
            .with_query("FromStartTime", from.alibaba())
            .with_query("ToStartTime", to.alibaba())
            .with_query("PageSize", "100"),
        action: "DescribeHistoryTasks",
        version,
        style: Style::Rpc,
        cloud: Cloud::Alibaba,
        project_id: None,
    }
}

/// Reads `DescribeHistoryTasks`: the newest task per instance (`(instance_id, start, progress)`).
#[must_use]
pub fn parse_history(body: &str) -> Vec<(String, String, Progress)> {
    let Ok(json) = serde_json::from_str::<Value>(body) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String, Progress)> = Vec::new();
    for item in json
        .get("Items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let id = text(item, "InstanceId").to_owned();
        let start = text(item, "StartTime").to_owned();
        if id.is_empty() || out.iter().any(|(i, s, _)| *i == id && *s >= start) {
            continue;
        }
        out.retain(|(i, _, _)| *i != id);
        let p = Progress {
            status: status_of(text(item, "Status")),
            step: text(item, "CurrentStepName").to_owned(),
            percent: percent(item.get("Progress")),
            eta_s: item.get("RemainTime").and_then(Value::as_u64),
        };
        out.push((id, start, p));
    }
    out
}

/// ES `ListActionRecords` filtered by the upgrade's RequestId.
#[must_use]
pub fn action_records_request(host: &str, instance_id: &str, request_id: &str) -> BuiltRequest {
    BuiltRequest {
        request: UnsignedRequest::new(
            "GET",
            host,
            format!("/openapi/instances/{instance_id}/action-records"),
        )
        .with_query("requestId", request_id)
        .with_query("page", "1")
        .with_query("size", "1"),
        action: "ListActionRecords",
        version: "2017-06-13",
        style: Style::Roa,
        cloud: Cloud::Alibaba,
        project_id: None,
    }
}

/// Reads `ListActionRecords`: the first record's progress, with the running sub-state as the step.
#[must_use]
pub fn parse_action_records(body: &str) -> Option<Progress> {
    let json: Value = serde_json::from_str(body).ok()?;
    let r = json.get("Result")?.as_array()?.first()?;
    let steps = r.get("statusInfo").and_then(Value::as_array);
    let step = steps
        .and_then(|s| {
            s.iter()
                .find(|i| text(i, "stateType") == "running")
                .or_else(|| s.last())
        })
        .map_or("", |i| text(i, "subState"));
    Some(Progress {
        status: status_of(text(r, "stateType")),
        step: step.to_owned(),
        percent: percent(r.get("process")),
        eta_s: None,
    })
}

/// TaurusDB `ListImmediateJobs` (upgrade jobs), one page of 50 from `offset`.
#[must_use]
pub fn taurus_jobs_request(host: &str, project_id: &str, offset: usize) -> BuiltRequest {
    BuiltRequest {
        request: UnsignedRequest::new("GET", host, format!("/v3/{project_id}/immediate-jobs"))
            .with_query("job_name", "UpgradeGaussDBforMySQLDatabaseVersion")
            .with_query("offset", offset.to_string())
            .with_query("limit", "50"),
        action: "ListImmediateJobs",
        version: "v3",
        style: Style::HuaweiRest,
        cloud: Cloud::Huawei,
        project_id: Some(project_id.to_owned()),
    }
}

/// Reads `ListImmediateJobs`: `(instance_id, job_id, progress)` per job, and the total count.
#[must_use]
pub fn parse_taurus_jobs(body: &str) -> (Vec<(String, String, Progress)>, usize) {
    let Ok(json) = serde_json::from_str::<Value>(body) else {
        return (Vec::new(), 0);
    };
    let jobs: Vec<(String, String, Progress)> = json
        .get("jobs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|j| !text(j, "instance_id").is_empty())
        .map(|j| {
            let status = status_of(text(j, "status"));
            let p = Progress {
                status,
                step: text(j, "status").to_owned(),
                percent: if status == TaskStatus::Succeeded {
                    100
                } else {
                    percent(j.get("process"))
                },
                eta_s: None,
            };
            (
                text(j, "instance_id").to_owned(),
                text(j, "job_id").to_owned(),
                p,
            )
        })
        .collect();
    let total = json
        .get("total_count")
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(jobs.len());
    (jobs, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_keeps_the_newest_task_per_instance() {
        let body = r#"{"Items":[
            {"InstanceId":"a","StartTime":"2026-01-01T00:00:00Z","Status":"Succeed","Progress":100},
            {"InstanceId":"a","StartTime":"2026-02-01T00:00:00Z","Status":"Running","Progress":"40","CurrentStepName":"Switch","RemainTime":30},
            {"InstanceId":"b","StartTime":"2026-02-01T00:00:00Z","Status":"Scheduled"}]}"#;
        let got = parse_history(body);
        assert_eq!(got.len(), 2);
        let a = &got.iter().find(|(i, _, _)| i == "a").unwrap().2;
        assert_eq!(
            (a.status, a.percent, a.eta_s),
            (TaskStatus::Running, 40, Some(30))
        );
        assert_eq!(a.step, "Switch");
        assert!(parse_history("<html>").is_empty());
    }

    #[test]
    fn es_and_taurus_progress() {
        let es = r#"{"Result":[{"stateType":"running","process":"60%","statusInfo":[
            {"subState":"precheck","stateType":"success"},{"subState":"upgrade nodes","stateType":"running"}]}]}"#;
        let p = parse_action_records(es).unwrap();
        assert_eq!((p.percent, p.step.as_str()), (60, "upgrade nodes"));
        assert_eq!(parse_action_records(r#"{"Result":[]}"#), None);
        let t = r#"{"jobs":[{"job_id":"j1","instance_id":"x","status":"Completed","process":null}],"total_count":7}"#;
        let (jobs, total) = parse_taurus_jobs(t);
        assert_eq!(
            (jobs[0].2.percent, jobs[0].2.status, total),
            (100, TaskStatus::Succeeded, 7)
        );
    }
}
