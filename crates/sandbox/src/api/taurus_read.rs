//! TaurusDB read views: instance list/show in the v3 and v3.1 spellings, `ShowInstanceDatabaseVersion`
//! (with `upgrade_flag`) and the datastore list, field names as the API writes them.

use serde_json::{json, Value};

use super::Ctx;
use crate::incoming::Incoming;
use crate::world::taurus::{latest_kernel, TaurusInstance, NORMAL};

/// One instance; `v31` picks the unify-status spelling (`normal`) over the v3 one (`ACTIVE`).
pub(crate) fn show(t: &TaurusInstance, v31: bool) -> Value {
    json!({
        "id": t.id,
        "name": t.name,
        "status": if v31 { t.status.as_str() } else { t.v3_status() },
        "type": "Cluster",
        "region": t.region,
        "port": "3306",
        "private_ips": ["192.168.0.10"],
        "datastore": {"type": "gaussdb-mysql", "version": "8.0", "kernel_version": t.kernel_version},
        "created": t.created,
        "updated": t.created,
        "flavor_ref": t.flavor,
        "maintenance_window": t.maintenance_window,
        "time_zone": "UTC+08:00",
        "enterprise_project_id": "0",
        "charge_info": {"charge_mode": "postPaid"},
        "nodes": (0..t.node_count).map(|i| json!({
            "id": format!("{}no07{i}", &t.id[..28]),
            "name": format!("{}_node0{i}", t.name),
            "type": if i == 0 { "master" } else { "slave" },
            "status": if t.status == NORMAL { "normal" } else { "upgrading" },
        })).collect::<Vec<_>>(),
    })
}

/// The project's instances, filtered by `id` / `name` (`*` prefix = contains), paged by offset/limit.
pub(crate) fn list(ctx: &Ctx<'_>, req: &Incoming, project: &str, v31: bool) -> Value {
    let q = |n: &str| req.query_param(n).filter(|v| !v.is_empty());
    let matches_name = |t: &&TaurusInstance| match q("name") {
        None => true,
        Some(n) => n
            .strip_prefix('*')
            .map_or(t.name == n, |p| t.name.contains(p)),
    };
    let all: Vec<&TaurusInstance> = ctx
        .world
        .taurus
        .iter()
        .filter(|t| t.project_id == project)
        .filter(|t| q("id").is_none_or(|id| id == t.id))
        .filter(matches_name)
        .collect();
    let offset = q("offset").and_then(|v| v.parse().ok()).unwrap_or(0_usize);
    let limit = q("limit")
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_usize)
        .clamp(1, 100);
    let page: Vec<Value> = all
        .iter()
        .skip(offset)
        .take(limit)
        .map(|t| show(t, v31))
        .collect();
    json!({"instances": page, "total_count": all.len()})
}

/// `ShowInstanceDatabaseVersion`: current and latest kernel plus `upgrade_flag`.
pub(crate) fn database_version(t: &TaurusInstance) -> Value {
    json!({
        "datastore": {
            "current_version": t.kernel_version,
            "current_kernel_version": t.kernel_version,
            "latest_version": latest_kernel(),
            "latest_kernel_version": latest_kernel(),
        },
        "upgrade_flag": t.upgrade_flag(),
    })
}

/// `ShowGaussMySqlEngineVersion`.
pub(crate) fn datastores() -> Value {
    json!({"datastores": [{"id": "gaussdb-mysql-8.0", "name": "8.0", "version": "8.0.22", "kernel_version": latest_kernel()}]})
}
