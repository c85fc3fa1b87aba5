//! The Elasticsearch front (`/openapi/…`, ROA style, V3-signed): routing by method and path, and the read
//! calls (`ListInstance`, `DescribeInstance`, `UpgradeInfo`, `DescribeElasticsearchHealth`,
//! `ListActionRecords`). The upgrade itself is in [`super::es_upgrade`].

use serde_json::{json, Value};

use super::rpc::with_request_id;
use super::{es_upgrade, iso, page, page_param, Ctx, Reply};
use crate::error::ApiError;
use crate::incoming::Incoming;
use crate::verify::acs3::verify_acs3;
use crate::verify::nonce::NonceCache;
use crate::world::es::{EsInstance, ACTIVE, LATEST_ALI};
use crate::world::task::{Change, Phase, Task};

/// Elasticsearch API version.
pub(crate) const ES_VERSION: &str = "2017-06-13";

/// Verifies and runs one Elasticsearch call.
pub(crate) fn handle(
    ctx: &mut Ctx<'_>,
    req: &Incoming,
    nonces: &mut NonceCache,
) -> Result<Reply, ApiError> {
    if !req
        .header("authorization")
        .is_some_and(|a| a.starts_with("ACS3-HMAC-SHA256"))
    {
        return Err(ApiError::new(
            400,
            "IncompleteSignature",
            "The request signature does not conform to Aliyun standards. Sign Elasticsearch calls with \
             ACS3-HMAC-SHA256; legacy ROA (Authorization: acs …) is not simulated.",
        ));
    }
    let call = verify_acs3(req, req.query.clone(), ctx.now, nonces)?;
    if call.version != ES_VERSION {
        return Err(ApiError::new(
            400,
            "NoSuchVersion",
            "Specified api version is not valid.",
        ));
    }
    let segments = req.segments();
    let rest: Vec<&str> = segments.iter().skip(2).map(String::as_str).collect();
    let is_instances = segments.get(1).is_some_and(|s| s == "instances");
    let mut headers = Vec::new();
    let body = match (req.method.as_str(), is_instances, rest.as_slice()) {
        ("GET", true, []) => {
            let (body, total) = list(ctx, req);
            headers.push(("X-Total-Count".to_owned(), total.to_string()));
            body
        }
        ("GET", true, [id]) => json!({"Result": describe(&find(ctx, id)?)}),
        ("GET", true, [id, "upgradeInfo"]) => upgrade_info(&find(ctx, id)?),
        ("GET", true, [id, "elasticsearch-health"]) => json!({"Result": find(ctx, id)?.health}),
        ("GET", true, [id, "action-records"]) => {
            let (body, total) = action_records(ctx, req, &find(ctx, id)?.id);
            headers.push(("X-Total-Count".to_owned(), total.to_string()));
            body
        }
        ("POST", true, [id, "actions", "upgrade-version"]) => {
            let instance = find(ctx, id)?;
            es_upgrade::upgrade(ctx, req, &instance)?
        }
        _ => {
            return Err(ApiError::new(
                404,
                "InvalidApi.NotFound",
                format!(
                    "Specified api is not found, please check your url and method: {} {}",
                    req.method, req.path
                ),
            ))
        }
    };
    let body = if body.get("RequestId").is_some() {
        body
    } else {
        with_request_id(body, &ctx.request_id)
    };
    Ok(Reply {
        status: 200,
        headers,
        body,
    })
}

/// The instance, or `InstanceNotFound` (404).
pub(crate) fn find(ctx: &Ctx<'_>, id: &str) -> Result<EsInstance, ApiError> {
    ctx.world.es(id).cloned().ok_or_else(|| {
        ApiError::new(
            404,
            "InstanceNotFound",
            format!("The instance {id} is not found."),
        )
    })
}

fn describe(e: &EsInstance) -> Value {
    json!({
        "instanceId": e.id,
        "description": e.description,
        "status": e.status,
        "esVersion": e.es_version,
        "instanceCategory": e.category,
        "archType": e.arch_type,
        "isNewDeployment": true,
        "nodeAmount": e.node_amount,
        "zoneCount": 1,
        "paymentType": "postpaid",
        "inited": true,
        "regionId": e.region,
        "zoneId": e.zone,
        "createdAt": iso(e.created_ms / 1000),
        "nodeSpec": {"spec": e.node_spec, "disk": e.disk_gb, "diskType": "cloud_ssd"},
        "domain": format!("{}.elasticsearch.aliyuncs.com", e.id),
        "port": 9200,
        "kibanaDomain": format!("{}.kibana.elasticsearch.aliyuncs.com", e.id),
    })
}

/// `ListInstance`. The real endpoint is regional (`elasticsearch.{region}.aliyuncs.com`); the sandbox
/// serves every region on one origin, so a `regionId` query parameter or an `x-acs-region-id` header,
/// when sent, narrows the list to that region.
fn list(ctx: &Ctx<'_>, req: &Incoming) -> (Value, usize) {
    let q = |name: &str| req.query_param(name).filter(|v| !v.is_empty());
    let region = q("regionId").or_else(|| req.header("x-acs-region-id").filter(|v| !v.is_empty()));
    let all: Vec<&EsInstance> = ctx
        .world
        .es
        .iter()
        .filter(|e| region.is_none_or(|v| v == e.region))
        .filter(|e| q("instanceId").is_none_or(|v| v == e.id))
        .filter(|e| q("description").is_none_or(|v| e.description.contains(v)))
        .filter(|e| q("esVersion").is_none_or(|v| v == e.es_version))
        .filter(|e| q("status").is_none_or(|v| v == e.status))
        .collect();
    let (number, size) = (
        page_param(q("page"), 1, 100_000),
        page_param(q("size"), 10, 100),
    );
    let total = all.len();
    let items: Vec<Value> = page(&all, number, size).into_iter().map(describe).collect();
    (
        json!({"Headers": {"X-Total-Count": total}, "Result": items}),
        total,
    )
}

fn upgrade_info(e: &EsInstance) -> Value {
    let next = e.next_version();
    json!({"Result": {"UpgradeInfo": {
        "Upgrade": e.status == ACTIVE && (next.is_some() || e.ali_version != LATEST_ALI),
        "curEsVersion": e.version_number(),
        "upgradeEsVersion": next.map_or(e.version_number(), |(n, _)| n),
        "curApackVersion": e.ali_version,
        "upgradeApackVersion": LATEST_ALI,
        "CurRepoVersion": e.ali_version,
        "UpdateRepoVersion": LATEST_ALI,
    }}})
}

fn state_type(phase: Phase) -> &'static str {
    match phase {
        Phase::Scheduled => "waiting",
        Phase::Running { .. } => "running",
        Phase::Succeeded => "success",
        Phase::Canceled => "canceled",
    }
}

fn record(t: &Task, now: i64) -> Value {
    let step_state = |i: i64| {
        let (start, end) = (
            t.start_at + i * t.step_seconds,
            t.start_at + (i + 1) * t.step_seconds,
        );
        if now >= end {
            ("success", 100, end * 1000)
        } else if now >= start {
            ("running", (now - start) * 100 / t.step_seconds.max(1), 0)
        } else {
            ("waiting", 0, 0)
        }
    };
    let status_info: Vec<Value> = t
        .steps
        .iter()
        .zip(0_i64..)
        .map(|(name, i)| {
            let (state, process, end) = step_state(i);
            json!({
                "subState": name, "stateType": state, "process": format!("{process}%"),
                "nodeCount": 3, "completeNodeCount": if state == "success" { 3 } else { 0 },
                "startTime": (t.start_at + i * t.step_seconds) * 1000, "endTime": end,
                "exception": "", "subStatusInfo": [],
            })
        })
        .collect();
    let phase = t.phase(now);
    json!({
        "actionName": t.action,
        "actionParams": {"type": if t.change == Change::EsAli { "aliVersion" } else { "engineVersion" },
                          "fromVersion": t.from_version, "version": t.to_version},
        "requestId": t.request_id,
        "instanceId": t.instance_id,
        "stateType": state_type(phase),
        "process": format!("{}%", t.percent(now)),
        "startTime": t.start_at * 1000,
        "endTime": if phase == Phase::Succeeded { t.end_at() * 1000 } else { 0 },
        "statusInfo": status_info,
        "userType": "user",
    })
}

fn action_records(ctx: &Ctx<'_>, req: &Incoming, id: &str) -> (Value, usize) {
    let q = |name: &str| req.query_param(name).filter(|v| !v.is_empty());
    let ms = |name: &str| q(name).and_then(|v| v.parse::<i64>().ok());
    let now = ctx.now;
    let names: Option<Vec<&str>> = q("actionNames").map(|v| v.split(',').collect());
    let all: Vec<&Task> = ctx
        .world
        .tasks
        .iter()
        .rev()
        .filter(|t| t.instance_id == id && matches!(t.change, Change::EsEngine | Change::EsAli))
        .filter(|t| q("requestId").is_none_or(|r| r == t.request_id))
        .filter(|t| {
            names
                .as_ref()
                .is_none_or(|n| n.contains(&t.action.as_str()))
        })
        .filter(|t| ms("startTime").is_none_or(|s| t.start_at * 1000 >= s))
        .filter(|t| ms("endTime").is_none_or(|e| t.start_at * 1000 <= e))
        .collect();
    let (number, size) = (
        page_param(q("page"), 1, 100_000),
        page_param(q("size"), 20, 100),
    );
    let total = all.len();
    let items: Vec<Value> = page(&all, number, size)
        .into_iter()
        .map(|t| record(t, now))
        .collect();
    (
        json!({"Headers": {"X-Total-Count": total}, "Result": items}),
        total,
    )
}
