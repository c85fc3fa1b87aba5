//! One instance of a batch and the rules that move it from planned to done. Every transition is a
//! method taking the time (Unix ms) and whatever the cloud said, so the exactly-once rules are plain,
//! tested functions and the browser only persists the result.

use serde::{Deserialize, Serialize};

use super::outcome::Outcome;
use super::progress::{Progress, TaskStatus};
use super::retry::Backoff;
pub use super::state::{Event, EventKind, Evidence, Schedule, State};
use crate::catalog::Product;
use crate::validate::RawForm;

/// One instance in a batch: what to send, and everything learnt since.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Operation id (`dds-engine-upgrade`…).
    pub op: String,
    /// Product, for grouping and polling.
    pub product: Product,
    /// Instance id.
    pub instance_id: String,
    /// Instance name, for people.
    pub name: String,
    /// Region id.
    pub region: String,
    /// Huawei project id (TaurusDB).
    pub project_id: Option<String>,
    /// Version before the upgrade (the kernel for a kernel upgrade).
    pub from_version: String,
    /// Target version; empty when the cloud picks it (kernel upgrades go to the latest).
    pub to_version: String,
    /// The upgrade call's form, validated like the single-instance form before each send.
    pub form: RawForm,
    /// Now or in the maintenance window.
    pub schedule: Schedule,
    /// Where it stands.
    pub state: State,
    /// Calls sent so far.
    pub attempts: u32,
    /// Unix ms of the first send: task history before it is not ours.
    pub first_sent_ms: Option<i64>,
    /// The accepted call's request id.
    pub request_id: Option<String>,
    /// TaurusDB job id, when known.
    pub job_id: Option<String>,
    /// Latest task progress.
    pub progress: Option<Progress>,
    /// Timeline.
    pub events: Vec<Event>,
}

const STEADY: [&str; 4] = ["Running", "Normal", "active", "normal"];

/// How long after its last send an unclear call may still reach the cloud (held by a slow network, the
/// proxy, or a page that died with the request on the wire). Until then a read that shows nothing proves
/// nothing, so the outcome stays unknown; it is longer than the proxy's default upstream timeout.
pub const SETTLE_AFTER_MS: i64 = 40_000;

const RECHECK: &str = "refused after an unclear earlier call: reading the instance again";

impl Item {
    /// A planned item.
    #[must_use]
    pub fn new(op: &str, product: Product, instance_id: &str, from: &str, to: &str) -> Self {
        Self {
            op: op.to_owned(),
            product,
            instance_id: instance_id.to_owned(),
            name: String::new(),
            region: String::new(),
            project_id: None,
            from_version: from.to_owned(),
            to_version: to.to_owned(),
            form: RawForm::new(),
            schedule: Schedule::Now,
            state: State::Planned,
            attempts: 0,
            first_sent_ms: None,
            request_id: None,
            job_id: None,
            progress: None,
            events: Vec::new(),
        }
    }

    /// The journal key: one logical upgrade per operation and instance.
    #[must_use]
    pub fn key(&self) -> String {
        format!("{}:{}", self.op, self.instance_id)
    }

    fn log(&mut self, at_ms: i64, kind: EventKind, detail: impl Into<String>) {
        self.events.push(Event {
            at_ms,
            kind,
            detail: detail.into(),
        });
    }

    /// Whether a resend is harmless even if the first call was applied (ES `clientToken`).
    #[must_use]
    pub fn idempotent(&self) -> bool {
        self.form.get("clientToken").is_some_and(|t| !t.is_empty())
    }

    /// Whether the runner may send it now.
    #[must_use]
    pub fn due(&self, now_ms: i64) -> bool {
        match self.state {
            State::Planned => true,
            State::Waiting { until_ms } => now_ms >= until_ms,
            _ => false,
        }
    }

    /// Marks the call as sent. Persist the item **before** the request leaves.
    pub fn begin_send(&mut self, now_ms: i64) {
        self.attempts += 1;
        self.first_sent_ms.get_or_insert(now_ms);
        self.state = State::Sending;
        let n = self.attempts;
        self.log(now_ms, EventKind::Submitted, format!("attempt {n}"));
    }

    /// Undoes [`Self::begin_send`] for a call that never left the page (its credentials went away between
    /// its turn and its signing): planned again, as if it had not had its turn, so the next run (once
    /// the credentials are back) offers it instead of counting it as failed.
    pub fn unsend(&mut self, now_ms: i64, why: &str) {
        self.attempts = self.attempts.saturating_sub(1);
        if self.attempts == 0 {
            self.first_sent_ms = None;
        }
        self.state = State::Planned;
        self.log(now_ms, EventKind::Held, format!("not sent: {why}"));
    }

    /// Applies the classified reply. `jitter` is a fraction in `0..1` drawn by the caller.
    pub fn on_outcome(&mut self, outcome: Outcome, now_ms: i64, backoff: &Backoff, jitter: f64) {
        match outcome {
            Outcome::Accepted { request_id, job_id } => {
                self.request_id = request_id;
                self.job_id = job_id;
                self.state = State::Accepted;
                let rid = self.request_id.clone().unwrap_or_default();
                self.log(now_ms, EventKind::Accepted, rid);
                if self.schedule == Schedule::MaintenanceWindow {
                    self.log(now_ms, EventKind::Scheduled, "maintenance window");
                }
            }
            Outcome::Throttled { code } => self.retry_later(now_ms, backoff, jitter, &code),
            Outcome::Unclear { detail } if self.idempotent() => {
                self.retry_later(now_ms, backoff, jitter, &detail);
            }
            Outcome::Unclear { detail } => {
                self.state = State::Unknown;
                self.log(now_ms, EventKind::Unknown, detail);
            }
            Outcome::Rejected { code, .. } if self.resent_after_settling() => {
                // The earlier call may have landed after all (the refusal says the instance is busy or
                // already moved): read once more rather than report a failure.
                self.state = State::Unknown;
                self.log(now_ms, EventKind::Unknown, format!("{RECHECK} ({code})"));
            }
            Outcome::Rejected { code, message } => {
                self.fail(now_ms, format!("{code}: {message}"));
            }
            Outcome::NotSent { detail } => {
                // The proxy refused before forwarding: nothing reached the cloud.
                self.attempts = self.attempts.saturating_sub(1);
                self.fail(now_ms, detail);
            }
        }
    }

    fn retry_later(&mut self, now_ms: i64, backoff: &Backoff, jitter: f64, why: &str) {
        if self.attempts >= backoff.max_attempts {
            let n = self.attempts;
            self.fail(now_ms, format!("{why}; gave up after {n} attempts"));
            return;
        }
        let wait = backoff.delay_ms(self.attempts, jitter);
        self.state = State::Waiting {
            until_ms: now_ms + wait,
        };
        self.log(
            now_ms,
            EventKind::Throttled,
            format!("{why}; next try in {wait} ms"),
        );
    }

    fn fail(&mut self, now_ms: i64, reason: String) {
        self.log(now_ms, EventKind::Failed, reason.clone());
        self.state = State::Failed { reason };
    }

    /// Whether this send followed a settle that found nothing, and no re-check was made yet.
    fn resent_after_settling(&self) -> bool {
        let settled = self.events.iter().any(|e| e.kind == EventKind::Settled);
        settled && !self.events.iter().any(|e| e.detail.starts_with(RECHECK))
    }

    fn last_sent_ms(&self) -> Option<i64> {
        self.events
            .iter()
            .rev()
            .find(|e| e.kind == EventKind::Submitted)
            .map(|e| e.at_ms)
    }

    /// After a reload or crash: a call journalled as sending has an unknown outcome.
    pub fn on_restore(&mut self, now_ms: i64) {
        if self.state == State::Sending {
            self.state = State::Unknown;
            self.log(
                now_ms,
                EventKind::Unknown,
                "the page closed while the call was in flight",
            );
        }
    }

    /// Whether `status` is the steady state that accepts upgrades.
    #[must_use]
    pub fn steady(status: &str) -> bool {
        STEADY.contains(&status)
    }

    /// Whether an observed version is the target. ES writes `7.10_with_X-Pack` for target `7.10.0`, and
    /// clouds may report `6.0.3` for target `6.0`: the edition suffix is ignored and one version may be a
    /// dotted prefix of the other.
    fn at_target(&self, version: &str) -> bool {
        let base = |v: &str| v.split('_').next().unwrap_or(v).trim().to_owned();
        let (v, to) = (base(version), base(&self.to_version));
        if to.is_empty() {
            return v != base(&self.from_version);
        }
        let prefix = |a: &str, b: &str| a.strip_prefix(b).is_some_and(|r| r.starts_with('.'));
        v == to || prefix(&v, &to) || prefix(&to, &v)
    }

    /// Settles an unknown outcome from a read of the instance. Applied (task seen, instance busy or
    /// already at the target) → tracked as accepted, not sent again. Not applied, once
    /// [`SETTLE_AFTER_MS`] have passed since the last send → offered again; before that it stays unknown.
    pub fn settle(&mut self, ev: &Evidence, now_ms: i64) {
        if self.state != State::Unknown {
            return;
        }
        let busy = ev.status.as_deref().is_some_and(|s| !Self::steady(s));
        let moved = ev.version.as_deref().is_some_and(|v| self.at_target(v));
        if ev.task_since_sent || busy || moved {
            self.state = State::Accepted;
            self.log(
                now_ms,
                EventKind::Settled,
                "the cloud shows the upgrade: not sent again",
            );
        } else if self
            .last_sent_ms()
            .is_none_or(|sent| now_ms - sent >= SETTLE_AFTER_MS)
        {
            self.state = State::Planned;
            self.log(
                now_ms,
                EventKind::Settled,
                "the cloud shows no upgrade: offered again",
            );
        }
    }

    /// Records task progress; a failed task fails the item.
    pub fn on_progress(&mut self, p: Progress, now_ms: i64) {
        if self.state != State::Accepted {
            return;
        }
        let new_step = self.progress.as_ref().is_none_or(|old| old.step != p.step);
        if p.status == TaskStatus::Failed {
            self.fail(now_ms, format!("the cloud task failed at “{}”", p.step));
        } else if new_step && !p.step.is_empty() {
            self.log(
                now_ms,
                EventKind::Step,
                format!("{} ({}%)", p.step, p.percent),
            );
        }
        self.progress = Some(p);
    }

    /// Marks the item done when the describe call shows the steady state at the target.
    pub fn on_describe(&mut self, ev: &Evidence, now_ms: i64) {
        if self.state != State::Accepted {
            return;
        }
        let steady = ev.status.as_deref().is_some_and(Self::steady);
        if steady && ev.version.as_deref().is_some_and(|v| self.at_target(v)) {
            self.state = State::Done;
            let v = ev.version.clone().unwrap_or_default();
            self.log(now_ms, EventKind::Done, v);
        }
    }

    /// Whether nothing more will happen to it.
    #[must_use]
    pub const fn finished(&self) -> bool {
        matches!(
            self.state,
            State::Done | State::Failed { .. } | State::Skipped { .. }
        )
    }
}
