//! Fleet upgrades: the pure half of taking many instances through an upgrade with a plan, bounded
//! retries, progress tracking and an exactly-once guarantee. The browser runner (and the journal it
//! keeps in IndexedDB) only moves data in and out of these types; every decision is made here, with
//! the time and the jitter passed in, so the rules are tested natively.
//!
//! The life of one instance ([`Item`]):
//!
//! 1. [`inventory`] lists instances; [`ids`] reads pasted or imported ids; [`plan`] turns each instance's
//!    pre-flight into a [`plan::PlanRow`] (current → target, blockers, warnings, schedule).
//! 2. [`Item::begin_send`] is journalled **before** the call; the reply is sorted by
//!    [`outcome::classify`] and applied with [`Item::on_outcome`]: throttling waits with
//!    [`retry::Backoff`] (a fresh signature each time), an unclear reply makes the outcome
//!    [`State::Unknown`].
//! 3. Unknown outcomes (including calls in flight when the page died: [`Item::on_restore`]) are settled
//!    by reading the instance and its task history ([`Item::settle`]), never by sending blind.
//! 4. [`progress`] reads the task APIs; [`Item::on_describe`] marks the instance done when its describe
//!    call shows the steady state at the target version.
//! 5. [`history`] keeps every call (never secrets) and exports CSV/JSON; [`summary`] sums the batch up.

pub mod history;
pub mod ids;
pub mod inventory;
mod item;
pub mod outcome;
pub mod plan;
pub mod progress;
pub mod retry;
mod state;
pub mod summary;
pub mod taurus;

pub use item::{Event, EventKind, Evidence, Item, Schedule, State, SETTLE_AFTER_MS};
