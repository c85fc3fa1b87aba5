//! The simulated APIs: routing a verified request to its product handler, and what handlers share
//! ([`Ctx`] with the world, the clock and the request id; time formats; paging).
//!
//! | front | module | dispatch |
//! |---|---|---|
//! | Alibaba RPC (`/`) | [`rpc`] | `Version` → Dds `2015-12-01` ([`dds`], [`dds_read`]) / R-kvstore `2015-01-01` ([`redis`]), then `Action` |
//! | Elasticsearch (`/openapi/…`) | [`es`], [`es_upgrade`] | method + path |
//! | Dds/R-kvstore task lists | [`history`] | `DescribeHistoryTasks`, `DescribeActiveOperationTasks` |
//! | Huawei (`/v3/…`, `/v3.1/…`) | [`huawei`] | IAM ([`iam`]) or TaurusDB ([`taurus`], [`taurus_read`], [`taurus_jobs`]) by path |

pub(crate) mod dds;
pub(crate) mod dds_read;
pub(crate) mod es;
pub(crate) mod es_upgrade;
pub(crate) mod history;
pub(crate) mod huawei;
pub(crate) mod iam;
pub(crate) mod redis;
pub(crate) mod rpc;
pub(crate) mod taurus;
pub(crate) mod taurus_jobs;
pub(crate) mod taurus_read;

use console_core::sign::SigningTime;
use serde_json::Value;

use crate::config::SandboxConfig;
use crate::world::task::{Change, Task};
use crate::world::World;

/// A successful answer: status, extra headers, JSON body.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Value,
}

impl Reply {
    /// 200 with a body.
    pub(crate) fn ok(body: Value) -> Self {
        Self {
            status: 200,
            headers: Vec::new(),
            body,
        }
    }
}

/// What a handler works with.
pub(crate) struct Ctx<'a> {
    pub(crate) world: &'a mut World,
    pub(crate) now: i64,
    pub(crate) request_id: String,
    pub(crate) cfg: &'a SandboxConfig,
    /// Set when the call changed the world (so it is journalled).
    pub(crate) mutated: bool,
    /// Task ids this call canceled (journalled with it; other changes are appends).
    pub(crate) canceled: Vec<String>,
}

/// What a new task is about.
pub(crate) struct NewTask<'a> {
    pub(crate) change: Change,
    pub(crate) action: &'a str,
    pub(crate) instance_id: &'a str,
    pub(crate) region: &'a str,
    pub(crate) from: &'a str,
    pub(crate) to: &'a str,
    pub(crate) steps: Vec<String>,
    pub(crate) scheduled: bool,
}

impl Ctx<'_> {
    /// Accepts a write: creates its task (starting now, or at the next compressed maintenance window),
    /// records it in the audit list and returns the task id. The only way handlers change instances, so
    /// every accepted call is applied exactly once.
    pub(crate) fn start_task(&mut self, new: NewTask<'_>, id: String) -> String {
        let start_at = if new.scheduled {
            self.now + i64::from(self.cfg.maintenance_wait_seconds)
        } else {
            self.now
        };
        self.world.tasks.push(Task {
            id: id.clone(),
            change: new.change,
            action: new.action.to_owned(),
            instance_id: new.instance_id.to_owned(),
            region: new.region.to_owned(),
            request_id: self.request_id.clone(),
            from_version: new.from.to_owned(),
            to_version: new.to.to_owned(),
            created_at: self.now,
            start_at,
            step_seconds: i64::from(self.cfg.step_seconds.max(1)),
            steps: new.steps,
            scheduled: new.scheduled,
            applied: false,
            canceled: false,
        });
        let request_id = self.request_id.clone();
        self.world
            .record(self.now, new.action, new.instance_id, &request_id);
        self.world.advance(self.now);
        self.mutated = true;
        id
    }

    /// A numeric task id, as Dds and R-kvstore write them.
    pub(crate) fn numeric_task_id(&mut self) -> String {
        (20_000_000 + self.world.next_number()).to_string()
    }
}

/// `yyyy-MM-ddTHH:mm:ssZ` (Alibaba).
pub(crate) fn iso(unix: i64) -> String {
    SigningTime::from_unix_seconds(unix).map_or_else(|_| String::new(), SigningTime::alibaba)
}

/// `yyyy-MM-ddTHH:mm:ss+0000` (Huawei RDS-style).
pub(crate) fn huawei_time(unix: i64) -> String {
    iso(unix).replace('Z', "+0000")
}

/// Parses a page number / size parameter with a default and bounds.
pub(crate) fn page_param(value: Option<&str>, default: usize, max: usize) -> usize {
    value
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(default, |v| v.clamp(1, max))
}

/// The slice of `items` for 1-based `page` of `size`.
pub(crate) fn page<T: Clone>(items: &[T], page: usize, size: usize) -> Vec<T> {
    items
        .iter()
        .skip(page.saturating_sub(1).saturating_mul(size))
        .take(size)
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(iso(1_714_550_400), "2024-05-01T08:00:00Z");
        assert_eq!(huawei_time(1_714_550_400), "2024-05-01T08:00:00+0000");
        assert_eq!(page_param(Some("500"), 30, 100), 100);
        assert_eq!(page_param(Some("x"), 30, 100), 30);
        assert_eq!(page(&[1, 2, 3, 4, 5], 2, 2), vec![3, 4]);
        assert!(page(&[1], 3, 2).is_empty());
    }
}
