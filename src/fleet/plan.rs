//! Planning: each selected instance's pre-flight reads (the same calls the single form makes), turned
//! into plan rows by core; and the confirmed plan turned into a journalled batch.

use std::rc::Rc;

use console_core::batch::inventory::Instance;
use console_core::batch::plan::{op_for, plan_row, to_item, PlanRow};
use console_core::batch::State;
use console_core::catalog::{spec, Product};
use console_core::preflight::{build_read, parse_reply, reads_for, PreflightFacts, ReadTarget};
use leptos::prelude::*;

use console_core::batch::retry::Backoff;

use super::calls::{endpoint, Pace};
use super::inventory::{pool, project_for};
use super::journal::{Journal, BATCHES, ITEMS};
use super::read::read_with;
use super::status::Status;
use super::{now_ms, BatchMeta, FleetCtx};
use crate::call::CallEnv;

/// Runs the pre-flight reads of `op` for one instance; the merged facts, or why they are unknown.
pub(crate) async fn preflight(
    env: CallEnv,
    pace: &Rc<Pace>,
    backoff: &Backoff,
    op: &str,
    instance: &Instance,
    project_id: Option<String>,
) -> Result<PreflightFacts, String> {
    let spec = spec(op).ok_or("unknown operation")?;
    let (scheme, host) = endpoint(env, op, &instance.region);
    let target = ReadTarget {
        instance_id: instance.id.clone(),
        project_id,
    };
    let mut facts = PreflightFacts::default();
    let lang = env.settings.0.with_untracked(|s| s.lang);
    for read in reads_for(spec) {
        let built = build_read(*read, &target, &host).map_err(|e| e.message(lang))?;
        let reply = read_with(env, pace, backoff, &built, &scheme)
            .await
            .map_err(|e| format!("{}: {e}", read.api()))?;
        facts.merge(parse_reply(spec, *read, &reply.body).map_err(|e| e.message(lang))?);
    }
    Ok(facts)
}

/// Plans the selected instances (pre-flight for each, `concurrency` at a time).
pub(crate) async fn build_plan(env: CallEnv, fleet: FleetCtx) {
    let selected: Vec<Instance> = fleet.inventory.with_untracked(|inv| {
        fleet
            .selected
            .with_untracked(|s| inv.iter().filter(|i| s.contains(&i.id)).cloned().collect())
    });
    if selected.is_empty() {
        fleet.status.set(Some(Status::SelectFirst));
        return;
    }
    fleet.busy.set(true);
    fleet.status.set(Some(Status::Preflight(selected.len())));
    fleet.plan.set(Vec::new());
    let settings = fleet.settings.get_untracked();
    let pace = Pace::new(&settings);
    let options = fleet.options.get_untracked();
    let lang = env.settings.0.with_untracked(|s| s.lang);
    let selected = Rc::new(selected);
    let rows: Rc<std::cell::RefCell<Vec<Option<PlanRow>>>> =
        Rc::new(std::cell::RefCell::new(vec![None; selected.len()]));
    let (sel, out, pace2) = (selected.clone(), rows.clone(), pace.clone());
    pool(settings.concurrency, selected.len(), move |i| {
        let (sel, out, pace, options) = (sel.clone(), out.clone(), pace2.clone(), options.clone());
        async move {
            let inst = &sel[i];
            let product = inst.product.unwrap_or(Product::Dds);
            let op = op_for(product, options.dds_kernel);
            let project = if product == Product::TaurusDb {
                project_for(env, fleet, &pace, &inst.region).await.ok()
            } else {
                None
            };
            let facts = preflight(env, &pace, &settings.backoff, op, inst, project.clone()).await;
            let wanted = options.targets.get(product.cli_code()).map(String::as_str);
            let mut row = plan_row(
                op,
                inst,
                facts.as_ref().map_err(String::as_str),
                wanted,
                options.schedule,
                lang,
            );
            row.project_id = project;
            fleet.facts.update(|m| {
                m.insert(inst.id.clone(), facts);
            });
            out.borrow_mut()[i] = Some(row);
        }
    })
    .await;
    let rows: Vec<PlanRow> = rows.borrow_mut().drain(..).flatten().collect();
    let ready = rows.iter().filter(|r| r.blockers.is_empty()).count();
    fleet.status.set(Some(Status::Planned {
        ready,
        total: rows.len(),
    }));
    fleet.plan.set(rows);
    fleet.busy.set(false);
}

/// Turns the confirmed plan into a batch: every item journalled (planned) before anything is sent.
pub(crate) async fn create_batch(fleet: FleetCtx) -> Result<(), String> {
    let created = now_ms();
    let id = format!("b{created}");
    let items: Vec<_> = fleet.plan.with_untracked(|rows| {
        rows.iter()
            .map(|r| {
                let mut it = to_item(r, &format!("{id}-{}", r.instance.id));
                if !r.blockers.is_empty() {
                    it.state = State::Skipped {
                        reason: r.blockers.join(" "),
                    };
                }
                it
            })
            .collect()
    });
    let meta = BatchMeta {
        id: id.clone(),
        created_ms: created,
        settings: fleet.settings.get_untracked(),
    };
    let journal = Journal::open().await?;
    let entries: Vec<(String, String)> = items
        .iter()
        .map(|it| {
            (
                format!("{id}/{}", it.key()),
                serde_json::to_string(it).unwrap_or_default(),
            )
        })
        .collect();
    let refs: Vec<(Option<&str>, String)> = entries
        .iter()
        .map(|(k, v)| (Some(k.as_str()), v.clone()))
        .collect();
    journal.put_all(ITEMS, &refs).await?;
    journal
        .put(
            BATCHES,
            &id,
            serde_json::to_string(&meta).map_err(|e| e.to_string())?,
        )
        .await?;
    fleet.items.set_value(items);
    fleet.batch.set(Some(meta));
    fleet.rev.update(|r| *r += 1);
    Ok(())
}
