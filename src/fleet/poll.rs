//! The read side of a run: settling unknown outcomes (describe + task history), polling progress
//! (task APIs, then describe for "done"), and the TaurusDB pre-check. Reads are safe to repeat, so
//! they retry throttling and server errors with the batch's backoff.

use std::collections::BTreeMap;

use console_core::batch::plan::observed;
use console_core::batch::progress::{
    action_records_request, history_request, parse_action_records, parse_history,
    parse_taurus_jobs, taurus_jobs_request, TaskStatus, HISTORY_IDS_PER_CALL,
};
use console_core::batch::{taurus, Evidence, Item, State};
use console_core::catalog::{spec, Product};
use console_core::preflight::{build_read, parse_reply, PreflightFacts, ReadCall, ReadTarget};
use console_core::sign::SigningTime;
use leptos::prelude::*;

use super::calls::endpoint;
use super::now_ms;
use super::read::read;
use super::run::Run;
use super::status::Status;
use crate::sleep::sleep;

fn describe_reads(product: Product) -> &'static [ReadCall] {
    match product {
        Product::Dds => &[ReadCall::DdsAttribute],
        Product::RKvstore => &[ReadCall::RedisAttribute],
        Product::Elasticsearch => &[ReadCall::EsInstance],
        Product::TaurusDb => &[ReadCall::TaurusDatabaseVersion, ReadCall::TaurusInstance],
    }
}

/// What the describe calls show about the item's instance.
async fn describe(run: &Run, it: &Item) -> Result<Evidence, String> {
    let spec = spec(&it.op).ok_or("unknown operation")?;
    let (scheme, host) = endpoint(run.env, &it.op, &it.region);
    let target = ReadTarget {
        instance_id: it.instance_id.clone(),
        project_id: it.project_id.clone(),
    };
    let mut facts = PreflightFacts::default();
    let lang = run.env.settings.0.with_untracked(|s| s.lang);
    for call in describe_reads(it.product) {
        let built = build_read(*call, &target, &host).map_err(|e| e.message(lang))?;
        let reply = read(run, &built, &scheme).await?;
        facts.merge(parse_reply(spec, *call, &reply.body).map_err(|e| e.message(lang))?);
    }
    Ok(observed(&it.op, &facts))
}

fn signing_time(ms: i64) -> SigningTime {
    SigningTime::from_unix_seconds(ms / 1000)
        .unwrap_or_else(|_| SigningTime::from_unix_seconds(0).expect("epoch"))
}

/// Whether the task APIs show an upgrade task for the item's instance since its first send.
async fn task_since_sent(run: &Run, it: &Item) -> Result<bool, String> {
    let (scheme, host) = endpoint(run.env, &it.op, &it.region);
    let since = it.first_sent_ms.unwrap_or_else(now_ms) - 60_000;
    match it.product {
        Product::Dds | Product::RKvstore => {
            let built = history_request(
                it.product,
                &host,
                &it.region,
                &[&it.instance_id],
                signing_time(since),
                signing_time(now_ms() + 3_600_000),
            );
            let reply = read(run, &built, &scheme).await?;
            Ok(parse_history(&reply.body)
                .iter()
                .any(|(id, _, _)| *id == it.instance_id))
        }
        Product::TaurusDb => {
            Ok(
                taurus_jobs(run, it.project_id.as_deref().unwrap_or(""), &scheme, &host)
                    .await?
                    .get(&it.instance_id)
                    .is_some_and(|(_, p)| p.status != TaskStatus::Succeeded),
            )
        }
        Product::Elasticsearch => Ok(false),
    }
}

/// Settles one unknown outcome by reading; on a failed read it stays unknown and is tried again.
pub(crate) async fn settle(run: Run, key: String) {
    if let Some(mut it) = run.item(&key) {
        let evidence = async {
            let mut ev = describe(&run, &it).await?;
            ev.task_since_sent = task_since_sent(&run, &it).await?;
            Ok::<_, String>(ev)
        }
        .await;
        match evidence {
            Ok(ev) => {
                it.settle(&ev, now_ms());
                let undecided = it.state == State::Unknown;
                let _ = run.save(it).await;
                if undecided {
                    // Too early to tell (the call may still be on its way): look again in a while.
                    sleep(3000).await;
                }
            }
            Err(e) => {
                run.fleet.status.set(Some(Status::SettleFailed {
                    instance: it.instance_id.clone(),
                    error: e,
                }));
                sleep(2000).await;
            }
        }
    }
    run.busy.borrow_mut().remove(&key);
}

/// All TaurusDB upgrade jobs of a project: the newest per instance `(job id, progress)`.
async fn taurus_jobs(
    run: &Run,
    project: &str,
    scheme: &str,
    host: &str,
) -> Result<BTreeMap<String, (String, console_core::batch::progress::Progress)>, String> {
    let mut out = BTreeMap::new();
    let mut offset = 0;
    loop {
        let reply = read(run, &taurus_jobs_request(host, project, offset), scheme).await?;
        let (jobs, total) = parse_taurus_jobs(&reply.body);
        let n = jobs.len();
        for (instance, job, p) in jobs {
            out.insert(instance, (job, p));
        }
        offset += n;
        if n == 0 || offset >= total {
            return Ok(out);
        }
    }
}

/// Runs the TaurusDB pre-check for a group; the failed instances with the reason (an empty id means
/// the whole group).
pub(crate) async fn taurus_precheck(
    run: &Run,
    items: &[&Item],
    scheme: &str,
    host: &str,
) -> Vec<(String, String)> {
    let step = async {
        read(run, &taurus::precheck_request(host, items, false), scheme).await?;
        let reply = read(run, &taurus::precheck_request(host, items, true), scheme).await?;
        taurus::precheck_failures(&reply.body)
    };
    match step.await {
        Ok(failures) => failures,
        Err(e) => vec![(String::new(), e)],
    }
}

/// One progress pass over the accepted items, then describe calls for those whose task finished.
pub(crate) async fn cycle(run: &Run) {
    let accepted: Vec<Item> = run.fleet.items.with_value(|items| {
        items
            .iter()
            .filter(|i| i.state == State::Accepted)
            .cloned()
            .collect()
    });
    let mut progress: BTreeMap<String, console_core::batch::progress::Progress> = BTreeMap::new();
    let mut groups: BTreeMap<(u8, String), Vec<&Item>> = BTreeMap::new();
    for it in &accepted {
        let kind = match it.product {
            Product::Dds => 0,
            Product::RKvstore => 1,
            Product::Elasticsearch => 2,
            Product::TaurusDb => 3,
        };
        let scope = if it.product == Product::TaurusDb {
            it.project_id.clone().unwrap_or_default()
        } else {
            it.region.clone()
        };
        groups.entry((kind, scope)).or_default().push(it);
    }
    for ((kind, _), list) in &groups {
        let first = list[0];
        let (scheme, host) = endpoint(run.env, &first.op, &first.region);
        match kind {
            0 | 1 => {
                for chunk in list.chunks(HISTORY_IDS_PER_CALL) {
                    let ids: Vec<&str> = chunk.iter().map(|i| i.instance_id.as_str()).collect();
                    let since = chunk
                        .iter()
                        .filter_map(|i| i.first_sent_ms)
                        .min()
                        .unwrap_or_else(now_ms)
                        - 60_000;
                    let built = history_request(
                        first.product,
                        &host,
                        &first.region,
                        &ids,
                        signing_time(since),
                        signing_time(now_ms() + 3_600_000),
                    );
                    if let Ok(reply) = read(run, &built, &scheme).await {
                        for (id, _, p) in parse_history(&reply.body) {
                            progress.insert(id, p);
                        }
                    }
                }
            }
            2 => {
                for it in list {
                    let Some(rid) = it.request_id.as_deref() else {
                        continue;
                    };
                    if let Ok(reply) = read(
                        run,
                        &action_records_request(&host, &it.instance_id, rid),
                        &scheme,
                    )
                    .await
                    {
                        if let Some(p) = parse_action_records(&reply.body) {
                            progress.insert(it.instance_id.clone(), p);
                        }
                    }
                }
            }
            _ => {
                let project = first.project_id.clone().unwrap_or_default();
                if let Ok(jobs) = taurus_jobs(run, &project, &scheme, &host).await {
                    for (id, (_, p)) in jobs {
                        progress.insert(id, p);
                    }
                }
            }
        }
    }
    let now = now_ms();
    let mut changed = Vec::new();
    for mut it in accepted {
        if let Some(p) = progress.remove(&it.instance_id) {
            it.on_progress(p, now);
        }
        let finished_task = it
            .progress
            .as_ref()
            .is_none_or(|p| p.status == TaskStatus::Succeeded);
        if it.state == State::Accepted && finished_task {
            if let Ok(ev) = describe(run, &it).await {
                it.on_describe(&ev, now_ms());
            }
        }
        changed.push(it);
    }
    let _ = run.save_all(changed).await;
}
