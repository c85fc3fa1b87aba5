//! The vocabulary of a batch item: its schedule, its state (journalled before every call), the events of
//! its timeline, and the evidence a read of the instance gives.

use serde::{Deserialize, Serialize};

/// When the upgrade runs: at once or in the instance's maintenance window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Schedule {
    /// Run as soon as the cloud accepts it.
    #[default]
    Now,
    /// Run in the maintenance window (`SwitchMode=1`, `MaintainTime`, `delay=true`).
    MaintenanceWindow,
}

/// Where an instance stands. Persisted before every call, so a reload knows what was sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// Not sent yet: offered to the next run.
    Planned,
    /// Refused in a way that applied nothing (throttling); sent again, freshly signed, after `until_ms`.
    Waiting {
        /// Unix ms before which it must not be sent.
        until_ms: i64,
    },
    /// Journalled as sent; the reply has not been recorded.
    Sending,
    /// Sent, but no clear answer (server error, timeout, page closed): must be settled by reading.
    Unknown,
    /// The cloud accepted the upgrade; progress is being tracked.
    Accepted,
    /// The instance shows the steady state at the target version.
    Done,
    /// The cloud refused, or retries ran out.
    Failed {
        /// The message the DBA reads.
        reason: String,
    },
    /// Left out of the run (blocked at plan time or deselected).
    Skipped {
        /// Why.
        reason: String,
    },
}

impl State {
    /// A stable lower-case code (`planned`, `accepted`, `done`…) for filters, styles and tests.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Waiting { .. } => "waiting",
            Self::Sending => "sending",
            Self::Unknown => "unknown",
            Self::Accepted => "accepted",
            Self::Done => "done",
            Self::Failed { .. } => "failed",
            Self::Skipped { .. } => "skipped",
        }
    }
}

/// What happened to an instance, for its timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    /// A call was sent (journalled first).
    Submitted,
    /// Throttled; waiting before a fresh attempt.
    Throttled,
    /// Journalled as sending but never left the page (its credentials went away first): planned again.
    Held,
    /// The reply was unclear; the outcome must be settled.
    Unknown,
    /// An unknown outcome was settled by reading the instance.
    Settled,
    /// The cloud accepted the call.
    Accepted,
    /// The upgrade waits for the maintenance window.
    Scheduled,
    /// A new step of the cloud's task.
    Step,
    /// The instance reached the target.
    Done,
    /// The upgrade failed or was refused.
    Failed,
}

/// One entry of an instance's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Unix ms.
    pub at_ms: i64,
    /// What happened.
    pub kind: EventKind,
    /// Details (attempt number, step name, error).
    pub detail: String,
}

/// What a read of the instance showed, used to settle an unknown outcome and to decide "done".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Status as the describe call reports it.
    pub status: Option<String>,
    /// Current version (the kernel version for a kernel upgrade).
    pub version: Option<String>,
    /// Whether the task history shows an upgrade task for this instance started after the first send.
    pub task_since_sent: bool,
}
