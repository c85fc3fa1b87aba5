//! One upgrade task (Dds/Redis "history task", ES "action record", TaurusDB "job") and its progress in
//! compressed time.
//!
//! A task never stores its progress: it stores when it starts, how many steps it has and how long each
//! step takes, and [`Task::phase`] derives the rest from "now". So a restarted sandbox, a frozen test clock
//! and a running server all agree, and nothing has to tick in the background.

use serde::{Deserialize, Serialize};

/// What a finished task changes on its instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Change {
    /// Dds `UpgradeDBInstanceEngineVersion`.
    DdsEngine,
    /// Dds `UpgradeDBInstanceKernelVersion`.
    DdsKernel,
    /// R-kvstore `ModifyInstanceMajorVersion`.
    RedisMajor,
    /// Elasticsearch `UpgradeEngineVersion` with `type=engineVersion`.
    EsEngine,
    /// Elasticsearch `UpgradeEngineVersion` with `type=aliVersion`.
    EsAli,
    /// TaurusDB kernel upgrade (batch or single).
    TaurusKernel,
}

/// An accepted upgrade, scheduled or immediate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Task {
    /// Task id (Dds/Redis `TaskId`, TaurusDB `job_id`); ES records are found by `request_id`.
    pub(crate) id: String,
    pub(crate) change: Change,
    /// The API that created it (shown as `TaskType` / `actionName` / `job_name`).
    pub(crate) action: String,
    pub(crate) instance_id: String,
    pub(crate) region: String,
    /// The request id the accepting call answered with.
    pub(crate) request_id: String,
    pub(crate) from_version: String,
    pub(crate) to_version: String,
    pub(crate) created_at: i64,
    /// Now for immediate tasks, the next (compressed) maintenance window for scheduled ones.
    pub(crate) start_at: i64,
    pub(crate) step_seconds: i64,
    /// Step names, shown as `CurrentStepName` / `subState`.
    pub(crate) steps: Vec<String>,
    /// Created with `SwitchMode=1`, `EffectiveTime=MaintainTime` or `delay=true`.
    pub(crate) scheduled: bool,
    /// The change was applied to the instance (exactly once).
    pub(crate) applied: bool,
    /// Canceled before it started (TaurusDB `CancelScheduleTask`).
    pub(crate) canceled: bool,
}

/// Where a task stands at some instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Waiting for its maintenance window.
    Scheduled,
    /// Running `step` (0-based) with overall `percent` done and `remain` seconds left.
    Running {
        step: usize,
        percent: u32,
        remain: i64,
    },
    /// Done; the instance has the new version.
    Succeeded,
    /// Canceled before it started.
    Canceled,
}

impl Task {
    /// When the last step ends.
    pub(crate) fn end_at(&self) -> i64 {
        let steps = i64::try_from(self.steps.len()).unwrap_or(i64::MAX);
        self.start_at
            .saturating_add(steps.saturating_mul(self.step_seconds))
    }

    /// The phase at `now`.
    pub(crate) fn phase(&self, now: i64) -> Phase {
        if self.canceled {
            return Phase::Canceled;
        }
        if now < self.start_at {
            return Phase::Scheduled;
        }
        let total = self.end_at() - self.start_at;
        let elapsed = now - self.start_at;
        if elapsed >= total || total <= 0 {
            return Phase::Succeeded;
        }
        let step = usize::try_from(elapsed / self.step_seconds.max(1)).unwrap_or(0);
        let percent = u32::try_from(elapsed * 100 / total).unwrap_or(0);
        Phase::Running {
            step: step.min(self.steps.len().saturating_sub(1)),
            percent,
            remain: total - elapsed,
        }
    }

    /// Progress 0–100 at `now`.
    pub(crate) fn percent(&self, now: i64) -> u32 {
        match self.phase(now) {
            Phase::Scheduled | Phase::Canceled => 0,
            Phase::Running { percent, .. } => percent,
            Phase::Succeeded => 100,
        }
    }

    /// The step running at `now` (the first before it starts, the last once done).
    pub(crate) fn step_name(&self, now: i64) -> &str {
        let i = match self.phase(now) {
            Phase::Scheduled | Phase::Canceled => 0,
            Phase::Running { step, .. } => step,
            Phase::Succeeded => self.steps.len().saturating_sub(1),
        };
        self.steps.get(i).map_or("", String::as_str)
    }

    /// True until it has succeeded or was canceled: such a task blocks another change on its instance.
    pub(crate) fn is_open(&self, now: i64) -> bool {
        matches!(self.phase(now), Phase::Scheduled | Phase::Running { .. })
    }
}

#[cfg(test)]
pub(crate) fn sample(start_at: i64, scheduled: bool) -> Task {
    Task {
        id: "t1".into(),
        change: Change::DdsEngine,
        action: "UpgradeDBInstanceEngineVersion".into(),
        instance_id: "dds-x".into(),
        region: "cn-hangzhou".into(),
        request_id: "r".into(),
        from_version: "4.4".into(),
        to_version: "5.0".into(),
        created_at: 0,
        start_at,
        step_seconds: 10,
        steps: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        scheduled,
        applied: false,
        canceled: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_follow_the_clock() {
        let t = sample(100, true);
        assert_eq!(t.phase(99), Phase::Scheduled);
        assert_eq!(t.percent(99), 0);
        assert_eq!(
            t.phase(100),
            Phase::Running {
                step: 0,
                percent: 0,
                remain: 40
            }
        );
        assert_eq!(t.step_name(125), "c");
        assert_eq!(t.percent(130), 75);
        assert_eq!(t.phase(140), Phase::Succeeded);
        assert_eq!(t.step_name(1000), "d");
        assert!(t.is_open(139));
        assert!(!t.is_open(140));
        let c = Task {
            canceled: true,
            ..sample(100, true)
        };
        assert_eq!(c.phase(120), Phase::Canceled);
        assert!(!c.is_open(50));
    }
}
