//! Fleet upgrades in the browser: inventory, plan, run, history. The decisions are in
//! `console_core::batch`; this module moves data between them, the network ([`crate::call`]) and the
//! IndexedDB [`journal`]. The run state is shared through [`FleetCtx`].

pub(crate) mod calls;
pub(crate) mod history;
pub(crate) mod inventory;
pub(crate) mod journal;
pub(crate) mod plan;
pub(crate) mod poll;
pub(crate) mod read;
pub(crate) mod restore;
pub(crate) mod run;
pub(crate) mod runner;
pub(crate) mod status;
pub(crate) mod view;

use std::collections::{BTreeMap, BTreeSet};

use console_core::batch::inventory::Instance;
use console_core::batch::plan::PlanRow;
use console_core::batch::retry::Backoff;
use console_core::batch::Item;
use console_core::preflight::PreflightFacts;
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
use serde::{Deserialize, Serialize};

/// How a run is paced; chosen before it starts and kept with the batch.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct RunSettings {
    /// Calls in flight at once.
    pub(crate) concurrency: u32,
    /// Requests per second (all calls: upgrades, reads and polls).
    pub(crate) rate_per_s: f64,
    /// Retry policy for throttled calls.
    pub(crate) backoff: Backoff,
    /// Seconds between progress polls.
    pub(crate) poll_s: u32,
}

impl Default for RunSettings {
    fn default() -> Self {
        Self {
            concurrency: 4,
            rate_per_s: 20.0,
            backoff: Backoff::default(),
            poll_s: 3,
        }
    }
}

/// A batch as journalled: its id, when it was created and how it runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct BatchMeta {
    pub(crate) id: String,
    pub(crate) created_ms: i64,
    pub(crate) settings: RunSettings,
}

/// The fleet state. Items live in a non-reactive store and `rev` ticks when they change (at most a few
/// times per second), so a 1000-instance run does not re-render on every reply.
#[derive(Clone, Copy)]
pub(crate) struct FleetCtx {
    pub(crate) inventory: RwSignal<Vec<Instance>>,
    pub(crate) selected: RwSignal<BTreeSet<String>>,
    pub(crate) facts: RwSignal<BTreeMap<String, Result<PreflightFacts, String>>>,
    pub(crate) plan: RwSignal<Vec<PlanRow>>,
    pub(crate) settings: RwSignal<RunSettings>,
    pub(crate) batch: RwSignal<Option<BatchMeta>>,
    pub(crate) items: StoredValue<Vec<Item>, LocalStorage>,
    pub(crate) rev: RwSignal<u64>,
    /// The runner loop is alive (settling, polling).
    pub(crate) running: RwSignal<bool>,
    /// The runner may send calls (off after a reload until the DBA resumes).
    pub(crate) sending: RwSignal<bool>,
    /// A status line (loading, errors of the run itself).
    pub(crate) status: RwSignal<Option<status::Status>>,
    pub(crate) busy: RwSignal<bool>,
    /// Huawei project id per region, learnt once.
    pub(crate) projects: RwSignal<BTreeMap<String, String>>,
    /// Per-product choices for the plan.
    pub(crate) options: RwSignal<PlanOptions>,
    dirty: StoredValue<bool, LocalStorage>,
}

/// What the DBA chose for the plan: Dds engine or kernel upgrade, a target per product (newest offered
/// when empty), and when to run.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct PlanOptions {
    pub(crate) dds_kernel: bool,
    pub(crate) targets: BTreeMap<String, String>,
    pub(crate) schedule: console_core::batch::Schedule,
}

impl FleetCtx {
    /// Changes the items without re-rendering now: [`Self::flush`] ticks `rev` later (the runner does
    /// it a few times per second).
    pub(crate) fn edit_quiet<R>(self, f: impl FnOnce(&mut Vec<Item>) -> R) -> Option<R> {
        self.dirty.set_value(true);
        self.items.try_update_value(f)
    }

    /// Re-renders if anything changed since the last flush.
    pub(crate) fn flush(self) {
        if self.dirty.get_value() {
            self.dirty.set_value(false);
            self.rev.update(|r| *r = r.wrapping_add(1));
        }
    }

    /// Reads the items (tracked: re-runs when `rev` ticks).
    pub(crate) fn with_items<R>(self, f: impl FnOnce(&Vec<Item>) -> R) -> R {
        self.rev.track();
        self.items.with_value(f)
    }
}

/// Where the fleet state lives: created under the app root's owner, so a run survives navigating away
/// and back, but only on the first visit to the fleet page, so the code that creates it is part of the
/// fleet's chunk rather than of the first load.
#[derive(Clone, Copy)]
struct FleetSlot {
    /// Weak: the root owns this slot, so a strong handle would keep the root alive past an unmount.
    root: StoredValue<WeakOwner, LocalStorage>,
    ctx: StoredValue<Option<FleetCtx>, LocalStorage>,
}

/// Installs the (empty) fleet slot; call once, at the app root.
pub(crate) fn provide_fleet() {
    if let Some(root) = Owner::current() {
        provide_context(FleetSlot {
            root: StoredValue::new_local(root.downgrade()),
            ctx: StoredValue::new_local(None),
        });
    }
}

/// The fleet context, created on first use.
pub(crate) fn use_fleet() -> FleetCtx {
    let slot = expect_context::<FleetSlot>();
    if let Some(ctx) = slot.ctx.get_value() {
        return ctx;
    }
    // The root is gone only after the app unmounted; the page's own owner is the best left then.
    let ctx = match slot.root.get_value().upgrade() {
        Some(root) => root.with(new_fleet),
        None => new_fleet(),
    };
    slot.ctx.set_value(Some(ctx));
    ctx
}

fn new_fleet() -> FleetCtx {
    FleetCtx {
        inventory: RwSignal::new(Vec::new()),
        selected: RwSignal::new(BTreeSet::new()),
        facts: RwSignal::new(BTreeMap::new()),
        plan: RwSignal::new(Vec::new()),
        settings: RwSignal::new(RunSettings::default()),
        batch: RwSignal::new(None),
        items: StoredValue::new_local(Vec::new()),
        rev: RwSignal::new(0),
        running: RwSignal::new(false),
        sending: RwSignal::new(false),
        status: RwSignal::new(None),
        busy: RwSignal::new(false),
        projects: RwSignal::new(BTreeMap::new()),
        options: RwSignal::new(PlanOptions::default()),
        dirty: StoredValue::new_local(false),
    }
}

/// Wall-clock ms (the journal's and the timeline's time base).
pub(crate) fn now_ms() -> i64 {
    #[allow(clippy::cast_possible_truncation)]
    let ms = js_sys::Date::now() as i64;
    ms
}

/// A uniform fraction in `0..1` for backoff jitter.
pub(crate) fn jitter() -> f64 {
    js_sys::Math::random()
}
