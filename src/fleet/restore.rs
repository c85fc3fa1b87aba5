//! After a reload, a crash or a closed tab: the newest unfinished batch is read back from the journal.
//! Calls journalled as in flight become unknown outcomes (settled by reading, never resent blind); the
//! run restarts in tracking mode, and what was never sent is offered to the DBA.

use console_core::batch::Item;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::journal::{Journal, BATCHES, ITEMS};
use super::status::Status;
use super::{now_ms, runner, BatchMeta, FleetCtx};
use crate::call::CallEnv;

async fn latest(journal: &Journal) -> Result<Option<(BatchMeta, Vec<Item>)>, String> {
    let mut metas: Vec<BatchMeta> = journal
        .all(BATCHES, "")
        .await?
        .into_iter()
        .filter_map(|(_, v)| serde_json::from_str(&v).ok())
        .collect();
    metas.sort_by_key(|m| m.created_ms);
    let Some(meta) = metas.pop() else {
        return Ok(None);
    };
    let items: Vec<Item> = journal
        .all(ITEMS, &format!("{}/", meta.id))
        .await?
        .into_iter()
        .filter_map(|(_, v)| serde_json::from_str(&v).ok())
        .collect();
    Ok(Some((meta, items)))
}

/// Loads the newest batch once per page load and resumes tracking it.
pub(crate) fn restore(env: CallEnv, fleet: FleetCtx) {
    if fleet.batch.get_untracked().is_some() {
        return;
    }
    spawn_local(async move {
        let journal = match Journal::open().await {
            Ok(j) => j,
            Err(e) => return fleet.status.set(Some(Status::Message(e))),
        };
        let Ok(Some((meta, mut items))) = latest(&journal).await else {
            return;
        };
        let now = now_ms();
        let mut changed = Vec::new();
        for it in &mut items {
            let before = it.state.clone();
            it.on_restore(now);
            if it.state != before {
                changed.push((
                    format!("{}/{}", meta.id, it.key()),
                    serde_json::to_string(&*it).unwrap_or_default(),
                ));
            }
        }
        let refs: Vec<(Option<&str>, String)> = changed
            .iter()
            .map(|(k, v)| (Some(k.as_str()), v.clone()))
            .collect();
        if let Err(e) = journal.put_all(ITEMS, &refs).await {
            fleet.status.set(Some(Status::Message(e)));
        }
        let unfinished = items.iter().any(|i| !i.finished());
        fleet.settings.set(meta.settings);
        fleet.items.set_value(items);
        fleet.batch.set(Some(meta));
        fleet.rev.update(|r| *r += 1);
        if unfinished {
            runner::start(env, fleet, false);
        }
    });
}
