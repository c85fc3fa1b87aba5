//! The simulated inventory and everything that changes it: instances of the four products, upgrade tasks,
//! idempotency and IAM tokens, the audit list and the id counter. Serialisable as a whole, which is the
//! state file format.

pub(crate) mod dds;
pub(crate) mod es;
pub(crate) mod fleet;
mod index;
pub(crate) mod redis;
pub(crate) mod seed;
pub(crate) mod task;
pub(crate) mod taurus;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::audit::AuditEntry;
use dds::DdsInstance;
use es::EsInstance;
use redis::RedisInstance;
use task::{Change, Phase, Task};
use taurus::TaurusInstance;

/// An Elasticsearch `clientToken` already used: a repeat gets the first answer and changes nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct ClientToken {
    pub(crate) instance_id: String,
    pub(crate) token: String,
    pub(crate) response: Value,
}

/// An IAM token issued by `POST /v3/auth/tokens`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct IamTokenRecord {
    pub(crate) token: String,
    /// Project scope; `None` for a domain-scoped token.
    pub(crate) project_id: Option<String>,
    pub(crate) issued_at: i64,
    pub(crate) expires_at: i64,
}

/// Everything the sandbox remembers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct World {
    pub(crate) dds: Vec<DdsInstance>,
    pub(crate) redis: Vec<RedisInstance>,
    pub(crate) es: Vec<EsInstance>,
    pub(crate) taurus: Vec<TaurusInstance>,
    pub(crate) tasks: Vec<Task>,
    pub(crate) client_tokens: Vec<ClientToken>,
    pub(crate) iam_tokens: Vec<IamTokenRecord>,
    pub(crate) audit: Vec<AuditEntry>,
    /// Source of every id (request ids, task ids, tokens): deterministic, no randomness.
    pub(crate) counter: u64,
    /// Fleet instances per product currently in the lists (see [`fleet`]); absent in older state files.
    #[serde(default)]
    pub(crate) fleet: u32,
    /// Id → position in its product's list (derived, see `index.rs`).
    #[serde(skip)]
    pub(crate) index: HashMap<String, usize>,
}

impl World {
    /// The next number for an id.
    pub(crate) fn next_number(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// Records an accepted write call.
    pub(crate) fn record(&mut self, time: i64, action: &str, instance_id: &str, request_id: &str) {
        self.audit.push(AuditEntry {
            time,
            action: action.to_owned(),
            instance_id: instance_id.to_owned(),
            request_id: request_id.to_owned(),
        });
    }

    /// The open (scheduled or running) task on an instance, if any.
    pub(crate) fn open_task(&self, instance_id: &str, now: i64) -> Option<&Task> {
        self.tasks
            .iter()
            .find(|t| t.instance_id == instance_id && t.is_open(now))
    }

    /// Moves every task to where the clock says it is: a running task marks its instance busy, a finished
    /// one applies its change (exactly once) and returns the instance to its steady state. Returns true when
    /// anything changed, so the caller knows to save.
    pub(crate) fn advance(&mut self, now: i64) -> bool {
        let mut changed = false;
        for i in 0..self.tasks.len() {
            let task = &self.tasks[i];
            if task.applied || task.canceled {
                continue;
            }
            match task.phase(now) {
                Phase::Scheduled | Phase::Canceled => {}
                Phase::Running { .. } => {
                    let (change, id) = (task.change, task.instance_id.clone());
                    changed |= self.set_busy(change, &id);
                }
                Phase::Succeeded => {
                    let task = self.tasks[i].clone();
                    self.apply(&task);
                    self.tasks[i].applied = true;
                    changed = true;
                }
            }
        }
        changed
    }

    fn set_busy(&mut self, change: Change, id: &str) -> bool {
        let busy = match change {
            Change::DdsEngine => "EngineVersionUpgrading",
            Change::DdsKernel => "MinorVersionUpgrading",
            Change::RedisMajor => "MajorVersionUpgrading",
            Change::EsEngine | Change::EsAli => es::ACTIVATING,
            Change::TaurusKernel => taurus::UPGRADING,
        };
        let status = self.status_mut(change, id);
        match status {
            Some(s) if s != busy => {
                busy.clone_into(s);
                true
            }
            _ => false,
        }
    }

    fn status_mut(&mut self, change: Change, id: &str) -> Option<&mut String> {
        match change {
            Change::DdsEngine | Change::DdsKernel => self.dds_mut(id).map(|d| &mut d.status),
            Change::RedisMajor => self.redis_mut(id).map(|r| &mut r.status),
            Change::EsEngine | Change::EsAli => self.es_mut(id).map(|e| &mut e.status),
            Change::TaurusKernel => self.taurus_mut(id).map(|t| &mut t.status),
        }
    }

    fn apply(&mut self, task: &Task) {
        let id = task.instance_id.as_str();
        let to = task.to_version.clone();
        match task.change {
            Change::DdsEngine | Change::DdsKernel => {
                if let Some(d) = self.dds_mut(id) {
                    if task.change == Change::DdsEngine {
                        d.engine_version.clone_from(&to);
                    }
                    d.kernel_version = dds::latest_kernel(&d.engine_version);
                    dds::RUNNING.clone_into(&mut d.status);
                }
            }
            Change::RedisMajor => {
                if let Some(r) = self.redis_mut(id) {
                    r.minor_version = redis::latest_minor(&to);
                    r.engine_version = to;
                    redis::NORMAL.clone_into(&mut r.status);
                }
            }
            Change::EsEngine | Change::EsAli => {
                if let Some(e) = self.es_mut(id) {
                    if task.change == Change::EsEngine {
                        e.es_version = to;
                    } else {
                        e.ali_version = to;
                    }
                    es::ACTIVE.clone_into(&mut e.status);
                }
            }
            Change::TaurusKernel => {
                if let Some(t) = self.taurus_mut(id) {
                    t.kernel_version = to;
                    taurus::NORMAL.clone_into(&mut t.status);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_marks_busy_then_applies_once() {
        let mut w = seed::world();
        let mut t = task::sample(100, false);
        t.instance_id = "dds-bp1sandbox0001".into();
        w.tasks.push(t);
        assert!(!w.advance(50));
        assert!(w.advance(105));
        assert_eq!(w.dds[0].status, "EngineVersionUpgrading");
        assert!(!w.advance(106));
        assert!(w.advance(140));
        assert_eq!(
            (w.dds[0].engine_version.as_str(), w.dds[0].status.as_str()),
            ("5.0", "Running")
        );
        assert!(w.dds[0].kernel_is_latest());
        assert!(!w.advance(500));
        assert!(w.open_task("dds-bp1sandbox0001", 500).is_none());
        assert_eq!(w.next_number(), 1);
    }
}
