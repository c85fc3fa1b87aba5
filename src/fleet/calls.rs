//! Every fleet call goes through [`Pace`]: at most `concurrency` in flight and `rate` per second
//! (a token bucket from core), then the usual sign-and-send path with a fresh nonce and time each time.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use console_core::batch::retry::RateLimit;
use console_core::build::BuiltRequest;
use console_core::catalog::{spec, Product};
use console_core::region::parse_project_id;
use console_core::Lang;
use leptos::prelude::*;

use super::{now_ms, RunSettings};
use crate::call::{CallEnv, CallError};
use crate::sleep::sleep;
use crate::transport::Reply;
use crate::upstream;

/// Shared pacing for one run (or one inventory/plan pass).
pub(crate) struct Pace {
    rate: RefCell<RateLimit>,
    in_flight: Cell<u32>,
    limit: u32,
}

/// A concurrency slot; released on drop.
pub(crate) struct Slot(Rc<Pace>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0
            .in_flight
            .set(self.0.in_flight.get().saturating_sub(1));
    }
}

impl Pace {
    pub(crate) fn new(s: &RunSettings) -> Rc<Self> {
        Rc::new(Self {
            rate: RefCell::new(RateLimit::new(s.rate_per_s, s.concurrency.max(1))),
            in_flight: Cell::new(0),
            limit: s.concurrency.max(1),
        })
    }

    /// Whether a slot is free right now: the runner starts no new work while every slot is taken (work
    /// it does start may still wait for its turn, unjournalled: reads share the slots).
    pub(crate) fn has_room(&self) -> bool {
        self.in_flight.get() < self.limit
    }

    /// How many calls may be in flight at once (the run's concurrency).
    pub(crate) const fn limit(&self) -> u32 {
        self.limit
    }

    /// Waits for a free slot and a rate token.
    pub(crate) async fn acquire(self: &Rc<Self>) -> Slot {
        loop {
            if let Some(slot) = self.acquire_unless(|| false).await {
                return slot;
            }
        }
    }

    /// Like [`Pace::acquire`], but gives up as soon as `held` is true (the run paused, or its credentials
    /// gone), checked right before a token would be taken. So a held call spends no rate token, and a
    /// pause frees the calls waiting their turn at once rather than each at its turn.
    pub(crate) async fn acquire_unless(self: &Rc<Self>, held: impl Fn() -> bool) -> Option<Slot> {
        loop {
            if held() {
                return None;
            }
            if self.in_flight.get() < self.limit {
                let taken = self.rate.borrow_mut().take(now_ms());
                match taken {
                    Ok(()) => {
                        self.in_flight.set(self.in_flight.get() + 1);
                        return Some(Slot(self.clone()));
                    }
                    Err(wait) => sleep(i32::try_from(wait.min(1000)).unwrap_or(1000)).await,
                }
            } else {
                sleep(10).await;
            }
        }
    }
}

/// Scheme and host for an operation's calls in `region` (sandbox origin in sandbox mode).
pub(crate) fn endpoint(env: CallEnv, op: &str, region: &str) -> (String, String) {
    let Some(spec) = spec(op) else {
        return ("https".to_owned(), String::new());
    };
    let d = untrack(|| env.destination_in(spec, region.to_owned()));
    (d.scheme, d.host)
}

/// Signs (fresh nonce and time) and sends one request within the pace.
pub(crate) async fn call(
    env: CallEnv,
    pace: &Rc<Pace>,
    built: &BuiltRequest,
    scheme: &str,
) -> Result<Reply, CallError> {
    let slot = pace.acquire().await;
    call_on(env, &slot, built, scheme).await
}

/// Signs and sends one request on a slot already taken with [`Pace::acquire`]: an upgrade takes its turn
/// first, is journalled as sending only then, right before it leaves, and keeps the slot until its outcome
/// is journalled too, so no more calls than the run's concurrency (a TaurusDB group is one call) are ever
/// journalled as sending.
pub(crate) async fn call_on(
    env: CallEnv,
    _slot: &Slot,
    built: &BuiltRequest,
    scheme: &str,
) -> Result<Reply, CallError> {
    let prepared = env.prepare(built, scheme)?;
    env.send(&prepared).await
}

/// The Huawei project id of `region`: the sandbox's demo project, else IAM's answer.
pub(crate) async fn project_id(
    env: CallEnv,
    pace: &Rc<Pace>,
    region: &str,
) -> Result<String, String> {
    let settings = env.settings.0.get_untracked();
    let (demo, (scheme, request)) = env.runtime.info.with_untracked(|r| {
        (
            upstream::demo_project_id(&settings, r.as_ref(), region),
            upstream::project_id_request(&settings, r.as_ref(), region),
        )
    });
    if let Some(id) = demo {
        return Ok(id);
    }
    let lang = settings.lang;
    let reply = call(env, pace, &request, &scheme)
        .await
        .map_err(|e| e.message(lang))?;
    parse_project_id(&reply.body, region).ok_or_else(|| match lang {
        Lang::En => format!("IAM lists no project for {region} (HTTP {})", reply.status),
        Lang::Zh => format!("IAM 未列出地域 {region} 的项目（HTTP {}）", reply.status),
    })
}

/// The region the settings hold for a product's cloud.
pub(crate) fn region_of(env: CallEnv, product: Product) -> String {
    let key = match product.cloud() {
        console_core::Cloud::Alibaba => "alibaba",
        console_core::Cloud::Huawei => "huawei",
    };
    env.settings.0.with_untracked(|s| s.region(key))
}
