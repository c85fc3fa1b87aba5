//! Loading the inventory: every page of each product's list API in the regions chosen in Settings, and
//! ids pasted or imported from a CSV (kept even when the list APIs do not return them, so a DBA can
//! plan instances of another account view).

use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;

use console_core::batch::ids::parse_ids;
use console_core::batch::inventory::{list_request, more_pages, parse_list, Instance};
use console_core::batch::plan::op_for;
use console_core::catalog::Product;
use leptos::prelude::*;

use super::calls::{endpoint, project_id, region_of, Pace};
use super::read::read_with;
use super::status::{Status, REJECTED_SHOWN};
use super::FleetCtx;
use crate::call::CallEnv;

/// Runs `jobs` with at most `workers` at a time (a pool, not one task per job).
pub(crate) async fn pool<F, Fut>(workers: u32, count: usize, job: F)
where
    F: Fn(usize) -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let queue = Rc::new(std::cell::RefCell::new((0..count).collect::<VecDeque<_>>()));
    let job = Rc::new(job);
    let runners = (0..workers.max(1)).map(|_| {
        let (queue, job) = (queue.clone(), job.clone());
        async move {
            loop {
                let next = queue.borrow_mut().pop_front();
                match next {
                    Some(i) => job(i).await,
                    None => break,
                }
            }
        }
    });
    futures::future::join_all(runners).await;
}

/// The Huawei project of `region`, cached in the fleet context.
pub(crate) async fn project_for(
    env: CallEnv,
    fleet: FleetCtx,
    pace: &Rc<Pace>,
    region: &str,
) -> Result<String, String> {
    if let Some(p) = fleet.projects.with_untracked(|m| m.get(region).cloned()) {
        return Ok(p);
    }
    let p = project_id(env, pace, region).await?;
    fleet.projects.update(|m| {
        m.insert(region.to_owned(), p.clone());
    });
    Ok(p)
}

async fn list_product(
    env: CallEnv,
    fleet: FleetCtx,
    pace: &Rc<Pace>,
    product: Product,
) -> Result<Vec<Instance>, String> {
    let region = region_of(env, product);
    let (scheme, host) = endpoint(env, op_for(product, false), &region);
    let project = if product == Product::TaurusDb {
        project_for(env, fleet, pace, &region).await?
    } else {
        String::new()
    };
    let lang = env.settings.0.with_untracked(|s| s.lang);
    let mut rows = Vec::new();
    for page in 1..=1000 {
        let built = list_request(product, &host, &region, &project, page);
        let backoff = fleet.settings.with_untracked(|s| s.backoff);
        let reply = read_with(env, pace, &backoff, &built, &scheme).await?;
        let (mut got, total) =
            parse_list(product, &reply.headers, &reply.body).map_err(|e| e.message(lang))?;
        let n = got.len();
        for i in &mut got {
            if i.region.is_empty() {
                i.region.clone_from(&region);
            }
        }
        rows.extend(got);
        if !more_pages(product, page, n, total) {
            break;
        }
    }
    Ok(rows)
}

/// Lists `products`; errors are reported per product and the others still load.
pub(crate) async fn load(env: CallEnv, fleet: FleetCtx, products: Vec<Product>) {
    fleet.busy.set(true);
    fleet.status.set(Some(Status::Listing));
    let pace = Pace::new(&fleet.settings.get_untracked());
    let mut all: Vec<Instance> = Vec::new();
    let mut failed = Vec::new();
    for p in products {
        match list_product(env, fleet, &pace, p).await {
            Ok(rows) => all.extend(rows),
            Err(e) => failed.push((p, e)),
        }
    }
    let n = all.len();
    fleet.inventory.update(|inv| {
        // Keep pasted ids the list did not return.
        inv.retain(|old| old.status.is_empty() && !all.iter().any(|i| i.id == old.id));
        inv.extend(all);
    });
    fleet.status.set(Some(Status::Listed { count: n, failed }));
    fleet.busy.set(false);
}

/// Adds pasted or imported ids to the inventory and selects them; returns the status to show.
pub(crate) fn add_ids(env: CallEnv, fleet: FleetCtx, text: &str) -> Status {
    let parsed = parse_ids(text);
    let mut added = 0;
    fleet.inventory.update(|inv| {
        for (product, id) in &parsed.ids {
            if !inv.iter().any(|i| i.id == *id) {
                inv.push(Instance {
                    product: Some(*product),
                    id: id.clone(),
                    region: region_of(env, *product),
                    ..Instance::default()
                });
                added += 1;
            }
        }
    });
    fleet
        .selected
        .update(|s| s.extend(parsed.ids.iter().map(|(_, id)| id.clone())));
    Status::IdsAdded {
        selected: parsed.ids.len(),
        added,
        more_rejected: parsed.rejected.len() > REJECTED_SHOWN,
        rejected: parsed.rejected.into_iter().take(REJECTED_SHOWN).collect(),
    }
}
