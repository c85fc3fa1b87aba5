//! The run tab: the overall bar and counts, the chart, pause/resume, and one row per instance with its
//! progress bar (step, percent, ETA); a row opens its timeline.

use console_core::batch::summary::{item_percent, summarize};
use console_core::batch::{Item, State};
use leptos::prelude::*;

use super::chart::BatchChart;
use super::text::tx;
use super::timeline::Timeline;
use crate::call::use_call_env;
use crate::fleet::{runner, use_fleet};

const PAGE: usize = 100;

const fn state_name(s: &State) -> &'static str {
    match s {
        State::Planned => "not sent",
        State::Waiting { .. } => "waiting to retry",
        State::Sending => "sending",
        State::Unknown => "unknown: settling",
        State::Accepted => "upgrading",
        State::Done => "done",
        State::Failed { .. } => "failed",
        State::Skipped { .. } => "skipped",
    }
}

fn detail(it: &Item) -> String {
    match (&it.state, &it.progress) {
        (State::Failed { reason } | State::Skipped { reason }, _) => reason.clone(),
        (State::Accepted, Some(p)) => {
            let eta = p
                .eta_s
                .map(|s| format!(", about {s} s left"))
                .unwrap_or_default();
            format!("{} {}%{eta}", p.step, p.percent)
        }
        (State::Accepted, None)
            if it.schedule == console_core::batch::Schedule::MaintenanceWindow =>
        {
            "scheduled for the maintenance window".to_owned()
        }
        _ => String::new(),
    }
}

/// The run tab.
#[component]
pub(crate) fn RunView() -> impl IntoView {
    let env = use_call_env();
    let fleet = use_fleet();
    let show = RwSignal::new(String::from("all"));
    let open = RwSignal::new(None::<String>);
    let summary = Memo::new(move |_| fleet.with_items(|items| summarize(items)));
    let rows = Memo::new(move |_| {
        let f = show.get();
        fleet.with_items(|items| {
            items
                .iter()
                .filter(|i| f == "all" || i.state.code() == f)
                .take(PAGE)
                .map(|i| {
                    (
                        i.key(),
                        i.instance_id.clone(),
                        i.op.clone(),
                        format!(
                            "{} → {}",
                            i.from_version,
                            if i.to_version.is_empty() {
                                "latest"
                            } else {
                                &i.to_version
                            }
                        ),
                        i.state.code(),
                        state_name(&i.state),
                        item_percent(i),
                        detail(i),
                        i.attempts,
                        i.request_id.clone().unwrap_or_default(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let unsent = Memo::new(move |_| {
        fleet.with_items(|items| {
            items
                .iter()
                .filter(|i| matches!(i.state, State::Planned | State::Waiting { .. }))
                .count()
        })
    });
    view! {
        <Show when=move || fleet.batch.with(Option::is_some) fallback=|| view! { <p>"No batch yet: plan one first."</p> }>
            {move || {
                let s = summary.get();
                view! {
                    <div class="run__summary" data-testid="run-summary" data-total=s.total data-done=s.done data-failed=s.failed
                        data-unknown=s.unknown data-pending=s.pending data-upgrading=s.upgrading>
                        <progress max="100" value=s.percent aria-label="Batch progress"></progress>
                        <span>{format!("{:.0}% — {} done, {} upgrading, {} in flight, {} unknown, {} failed, {} not sent, of {}",
                            s.percent, s.done, s.upgrading, s.in_flight, s.unknown, s.failed, s.pending, s.total)}</span>
                        {s.eta_s.map(|e| format!(" — about {e} s left"))}
                    </div>
                }
            }}
            <div class="fleet__controls">
                <Show when=move || !fleet.sending.get() && (unsent.get() > 0)>
                    <p class="banner banner--warn" data-testid="run-offer">
                        {move || format!("{} instances have not been sent. Calls that may have been in flight are settled by reading the instance first, never resent blind.", unsent.get())}
                    </p>
                    <button type="button" class="button" data-testid="run-resume" on:click=move |_| runner::start(env, fleet, true)>
                        {move || format!("Send the {} remaining", unsent.get())}
                    </button>
                </Show>
                <Show when=move || fleet.sending.get() && (unsent.get() > 0)>
                    <button type="button" class="button button--quiet" data-testid="run-pause" on:click=move |_| fleet.sending.set(false)>{tx("Pause sending", "暂停发送")}</button>
                </Show>
                <span data-testid="run-state">{move || if fleet.running.get() { "running" } else { "idle" }}</span>
                <select data-testid="run-filter" on:change=move |ev| show.set(event_target_value(&ev))>
                    {["all", "planned", "waiting", "unknown", "accepted", "done", "failed", "skipped"].map(|v| view! { <option value=v>{v}</option> }).collect_view()}
                </select>
            </div>
            <BatchChart/>
            <table class="grid" data-testid="run-table">
                <thead><tr><th>{tx("Instance", "实例")}</th><th>{tx("Operation", "操作")}</th><th>{tx("Version", "版本")}</th><th>{tx("State", "状态")}</th><th>{tx("Progress", "进度")}</th><th>{tx("Attempts", "尝试次数")}</th><th>{tx("Request id", "请求 ID")}</th></tr></thead>
                <tbody>
                    <For each=move || rows.get() key=|r| (r.0.clone(), r.4, r.7.clone(), r.8) let:r>
                        {
                            let key = r.0.clone();
                            let key2 = key.clone();
                            let events = move || fleet.items.with_value(|items| items.iter().find(|i| i.key() == key2).map(|i| i.events.clone()).unwrap_or_default());
                            view! {
                                <tr data-testid=format!("run-item-{}", r.1) data-state=r.4 class="run__row" on:click=move |_| open.update(|o| *o = if o.as_deref() == Some(&key) { None } else { Some(key.clone()) })>
                                    <td><code>{r.1.clone()}</code></td><td>{r.2.clone()}</td><td>{r.3.clone()}</td>
                                    <td><span class=format!("badge badge--{}", r.4)>{r.5}</span></td>
                                    <td><progress max="100" value=r.6></progress>" "{r.7.clone()}</td><td>{r.8}</td><td><code>{r.9.clone()}</code></td>
                                </tr>
                                <Show when={let k = r.0.clone(); move || open.get().as_deref() == Some(k.as_str())}>
                                    <tr><td colspan="7"><Timeline events=events()/></td></tr>
                                </Show>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </Show>
    }
}
