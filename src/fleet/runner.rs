//! The run loop: settle unknown outcomes, send what is due (TaurusDB in grouped batch calls after its
//! pre-check), poll progress, until every item is finished. Each send is journalled before it leaves;
//! every reply is classified by core and journalled again. Sending is a separate switch: after a
//! reload the loop only settles and tracks until the DBA resumes.

use std::cell::Cell;
use std::rc::Rc;

use console_core::batch::outcome::Outcome;
use console_core::batch::{taurus, Item, State};
use console_core::catalog::{spec, Product};
use console_core::{build, validate};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::calls::{call_on, endpoint, Pace};
use super::journal::Journal;
use super::run::{has_credentials, outcome_of, Run};
use super::status::Status;
use super::{jitter, now_ms, poll, FleetCtx};
use crate::call::{CallEnv, CallError};
use crate::sleep::sleep;

/// Whether this page can sign `product`'s calls. Without credentials (never added, or the vault locked
/// or the IAM token cleared meanwhile) the run pauses with the reason; nothing is journalled or sent.
fn may_sign(run: &Run, product: Product) -> bool {
    if has_credentials(run.env, product) {
        return true;
    }
    run.fleet.sending.set(false);
    run.fleet.status.set(Some(Status::NoCredentials(product)));
    false
}

/// Sends the upgrade call of the items in `keys` (one item, or one TaurusDB group).
async fn send(run: Run, keys: Vec<String>) {
    let mut items: Vec<Item> = keys.iter().filter_map(|k| run.item(k)).collect();
    let Some(first) = items.first().cloned() else {
        return run.release(&keys);
    };
    let Some(spec) = spec(&first.op) else {
        return run.release(&keys);
    };
    if !may_sign(&run, first.product) {
        return run.release(&keys);
    }
    let (scheme, host) = endpoint(run.env, &first.op, &first.region);
    if first.product == Product::TaurusDb {
        let refs: Vec<&Item> = items.iter().collect();
        let failures = poll::taurus_precheck(&run, &refs, &scheme, &host).await;
        let now = now_ms();
        let mut failed = Vec::new();
        items.retain_mut(|it| {
            match failures
                .iter()
                .find(|(id, _)| id.is_empty() || *id == it.instance_id)
            {
                Some((_, why)) => {
                    it.state = State::Failed {
                        reason: format!("Pre-check: {why}"),
                    };
                    it.events.push(console_core::batch::Event {
                        at_ms: now,
                        kind: console_core::batch::EventKind::Failed,
                        detail: format!("pre-check: {why}"),
                    });
                    failed.push(it.clone());
                    false
                }
                None => true,
            }
        });
        let _ = run.save_all(failed).await;
        if items.is_empty() {
            return run.release(&keys);
        }
    }
    let form = if first.product == Product::TaurusDb {
        taurus::batch_form(&items.iter().collect::<Vec<_>>())
    } else {
        first.form.clone()
    };
    let lang = run.env.settings.0.with_untracked(|s| s.lang);
    let checked = validate(spec, &form);
    let Some(valid) = checked.valid else {
        let why: Vec<String> = checked
            .errors
            .iter()
            .map(|(f, e)| format!("{f}: {}", e.message(lang)))
            .collect();
        let outcome = Outcome::NotSent {
            detail: format!("invalid parameters ({})", why.join("; ")),
        };
        return finish(&run, items, outcome, &keys).await;
    };
    let built = build(spec, &valid, &host);
    // Its turn (a concurrency slot and a rate token) comes before anything is journalled: until then the
    // call is still planned, so a reload offers it as unsent instead of settling it as unknown, and a
    // pause (or credentials gone) while it waits sends nothing and spends no rate token.
    let held = || !run.fleet.sending.get_untracked() || !has_credentials(run.env, first.product);
    let Some(slot) = run.pace.acquire_unless(held).await else {
        // Paused, or no credentials: then the run pauses with that reason.
        may_sign(&run, first.product);
        return run.release(&keys);
    };
    let now = now_ms();
    for it in &mut items {
        it.begin_send(now);
    }
    if let Err(e) = run.save_all(items.clone()).await {
        // Not journalled: do not send. Undo the attempt and stop the run with the reason.
        run.fleet
            .status
            .set(Some(Status::JournalWriteFailed(e.clone())));
        run.fleet.sending.set(false);
        let outcome = Outcome::NotSent {
            detail: format!("journal unavailable: {e}"),
        };
        return finish(&run, items, outcome, &keys).await;
    }
    let result = call_on(run.env, &slot, &built, &scheme).await;
    if let Err(CallError::NoCredentials(_)) = &result {
        // The credentials went while the journal was written: nothing left the page. Planned again and
        // the run paused with the reason, as when they go while the call waits for its turn.
        may_sign(&run, first.product);
        let now = now_ms();
        for it in &mut items {
            it.unsend(now, "no credentials in this page");
        }
        let _ = run.save_all(items).await;
        return run.release(&keys);
    }
    let outcome = outcome_of(&result);
    let ids: Vec<String> = items.iter().map(|i| i.instance_id.clone()).collect();
    super::history::record(&run.journal, &built, &ids, &form, &result, &outcome).await;
    finish(&run, items, outcome, &keys).await;
}

async fn finish(run: &Run, mut items: Vec<Item>, outcome: Outcome, keys: &[String]) {
    let now = now_ms();
    let backoff = run
        .fleet
        .batch
        .with_untracked(|b| b.as_ref().map(|b| b.settings.backoff))
        .unwrap_or_default();
    for it in &mut items {
        it.on_outcome(outcome.clone(), now, &backoff, jitter());
    }
    let _ = run.save_all(items).await;
    run.release(keys);
}

/// Starts (or resumes) the run; `send` also allows sending what is due.
pub(crate) fn start(env: CallEnv, fleet: FleetCtx, send: bool) {
    if send {
        fleet.sending.set(true);
    }
    if fleet.running.get_untracked() {
        return;
    }
    let Some(meta) = fleet.batch.get_untracked() else {
        return;
    };
    fleet.running.set(true);
    spawn_local(async move {
        match Journal::open().await {
            Ok(journal) => {
                let run = Run {
                    env,
                    fleet,
                    journal,
                    pace: Pace::new(&meta.settings),
                    busy: Rc::default(),
                    batch: meta.id.clone(),
                };
                run_loop(run, meta.settings.poll_s).await;
            }
            Err(e) => fleet.status.set(Some(Status::Message(e))),
        }
        fleet.running.set(false);
        fleet.flush();
    });
}

async fn run_loop(run: Run, poll_s: u32) {
    let fleet = run.fleet;
    let polling = Rc::new(Cell::new(false));
    // Upgrade calls started and not finished. At most one per concurrency slot is started: the others
    // would only wait for their turn, each holding its request and waking with every rate token.
    let sends = Rc::new(Cell::new(0_u32));
    let mut next_poll = 0_i64;
    while fleet.running.get_untracked() {
        let now = now_ms();
        let sending = fleet.sending.get_untracked();
        let (unknown, due, tracking) = fleet.items.with_value(|items| {
            let busy = run.busy.borrow();
            let free = |i: &&Item| !busy.contains(&i.key());
            let unknown: Vec<String> = items
                .iter()
                .filter(|i| i.state == State::Unknown)
                .filter(free)
                .map(Item::key)
                .collect();
            let due: Vec<Vec<String>> = if sending {
                let mut single: Vec<Vec<String>> = items
                    .iter()
                    .filter(|i| i.product != Product::TaurusDb && i.due(now))
                    .filter(free)
                    .map(|i| vec![i.key()])
                    .collect();
                let groups = taurus::groups(items, |i| {
                    i.product == Product::TaurusDb && i.due(now) && !busy.contains(&i.key())
                });
                single.extend(
                    groups
                        .into_iter()
                        .map(|g| g.into_iter().map(|x| items[x].key()).collect()),
                );
                single
            } else {
                Vec::new()
            };
            let tracking = items.iter().any(|i| i.state == State::Accepted);
            (unknown, due, tracking)
        });
        for key in unknown {
            if !run.pace.has_room() {
                break;
            }
            run.busy.borrow_mut().insert(key.clone());
            spawn_local(poll::settle(run.clone(), key));
        }
        for keys in due {
            if !run.pace.has_room() || sends.get() >= run.pace.limit() {
                break;
            }
            run.busy.borrow_mut().extend(keys.iter().cloned());
            sends.set(sends.get() + 1);
            let (run2, sends) = (run.clone(), sends.clone());
            spawn_local(async move {
                send(run2, keys).await;
                sends.set(sends.get() - 1);
            });
        }
        if tracking && now >= next_poll && !polling.get() {
            polling.set(true);
            next_poll = now + i64::from(poll_s.max(1)) * 1000;
            let (run2, flag) = (run.clone(), polling.clone());
            spawn_local(async move {
                poll::cycle(&run2).await;
                flag.set(false);
            });
        }
        fleet.flush();
        let idle = run.busy.borrow().is_empty() && !polling.get();
        let open = fleet.items.with_value(|items| {
            items.iter().any(|i| match i.state {
                State::Accepted | State::Unknown | State::Sending => true,
                State::Planned | State::Waiting { .. } => sending,
                _ => false,
            })
        });
        // Only here does a run end: while a send waits for its turn its keys are busy, so no send outlives
        // its run into the next one (with a fresh pace and busy set, it could be sent twice).
        if idle && !open {
            break;
        }
        sleep(100).await;
    }
}
