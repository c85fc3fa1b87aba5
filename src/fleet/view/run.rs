//! The run tab: the overall bar and counts, the chart, pause/resume, and one row per instance with its
//! progress bar (step, percent, ETA); a row opens its timeline.

use console_core::batch::summary::{item_percent, summarize};
use console_core::batch::{Item, State};
use console_core::Lang;
use leptos::prelude::*;

use super::chart::BatchChart;
use super::text::{tx, use_lang};
use super::timeline::Timeline;
use crate::call::use_call_env;
use crate::fleet::status::pick;
use crate::fleet::{runner, use_fleet};

const PAGE: usize = 100;

/// The state's name in English and Chinese.
const fn state_name(s: &State) -> (&'static str, &'static str) {
    match s {
        State::Planned => ("not sent", "未发送"),
        State::Waiting { .. } => ("waiting to retry", "等待重试"),
        State::Sending => ("sending", "发送中"),
        State::Unknown => ("unknown: settling", "结果未知：确认中"),
        State::Accepted => ("upgrading", "升级中"),
        State::Done => ("done", "已完成"),
        State::Failed { .. } => ("failed", "失败"),
        State::Skipped { .. } => ("skipped", "已跳过"),
    }
}

/// The run filter: state code and its name in Chinese (English shows the code).
const FILTERS: [(&str, &str); 8] = [
    ("all", "全部"),
    ("planned", "未发送"),
    ("waiting", "等待重试"),
    ("unknown", "结果未知"),
    ("accepted", "升级中"),
    ("done", "已完成"),
    ("failed", "失败"),
    ("skipped", "已跳过"),
];

fn detail(it: &Item, lang: Lang) -> String {
    match (&it.state, &it.progress) {
        (State::Failed { reason } | State::Skipped { reason }, _) => reason.clone(),
        (State::Accepted, Some(p)) => {
            let eta = p
                .eta_s
                .map(|s| {
                    pick(
                        lang,
                        format!(", about {s} s left"),
                        format!("，约剩 {s} 秒"),
                    )
                })
                .unwrap_or_default();
            format!("{} {}%{eta}", p.step, p.percent)
        }
        (State::Accepted, None)
            if it.schedule == console_core::batch::Schedule::MaintenanceWindow =>
        {
            pick(
                lang,
                "scheduled for the maintenance window",
                "已安排在可维护时间段内执行",
            )
            .to_owned()
        }
        _ => String::new(),
    }
}

/// The run tab.
#[component]
pub(crate) fn RunView() -> impl IntoView {
    let env = use_call_env();
    let fleet = use_fleet();
    let lang = use_lang();
    let show = RwSignal::new(String::from("all"));
    let open = RwSignal::new(None::<String>);
    let summary = Memo::new(move |_| fleet.with_items(|items| summarize(items)));
    let rows = Memo::new(move |_| {
        let (f, lang) = (show.get(), lang());
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
                        detail(i, lang),
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
        <Show when=move || fleet.batch.with(Option::is_some) fallback=move || view! { <p>{tx("No batch yet: plan one first.", "还没有批次：请先制定计划。")}</p> }>
            {move || {
                let (s, lang) = (summary.get(), lang());
                view! {
                    <div class="run__summary" data-testid="run-summary" data-total=s.total data-done=s.done data-failed=s.failed
                        data-unknown=s.unknown data-pending=s.pending data-upgrading=s.upgrading>
                        <progress max="100" value=s.percent aria-label=pick(lang, "Batch progress", "批次进度")></progress>
                        <span>{pick(lang, format!("{:.0}% — {} done, {} upgrading, {} in flight, {} unknown, {} failed, {} not sent, of {}",
                            s.percent, s.done, s.upgrading, s.in_flight, s.unknown, s.failed, s.pending, s.total),
                            format!("{:.0}% — 共 {} 个：已完成 {}，升级中 {}，发送中 {}，结果未知 {}，失败 {}，未发送 {}",
                            s.percent, s.total, s.done, s.upgrading, s.in_flight, s.unknown, s.failed, s.pending))}</span>
                        {s.eta_s.map(|e| pick(lang, format!(" — about {e} s left"), format!(" — 约剩 {e} 秒")))}
                    </div>
                }
            }}
            <div class="fleet__controls">
                <Show when=move || !fleet.sending.get() && (unsent.get() > 0)>
                    <p class="banner banner--warn" data-testid="run-offer">
                        {move || { let n = unsent.get(); pick(lang(), format!("{n} instances have not been sent. Calls that may have been in flight are settled by reading the instance first, never resent blind."),
                            format!("{n} 个实例尚未发送。可能已发出的调用会先读取实例状态来确认结果，绝不盲目重发。")) }}
                    </p>
                    <button type="button" class="button" data-testid="run-resume" on:click=move |_| runner::start(env, fleet, true)>
                        {move || { let n = unsent.get(); pick(lang(), format!("Send the {n} remaining"), format!("发送剩余的 {n} 个")) }}
                    </button>
                </Show>
                <Show when=move || fleet.sending.get() && (unsent.get() > 0)>
                    <button type="button" class="button button--quiet" data-testid="run-pause" on:click=move |_| fleet.sending.set(false)>{tx("Pause sending", "暂停发送")}</button>
                </Show>
                <span data-testid="run-state">{move || match (fleet.running.get(), fleet.sending.get()) {
                    (true, true) => pick(lang(), "running", "运行中"),
                    // Paused: nothing new is sent, but calls already sent are still followed.
                    (true, false) => pick(lang(), "paused (sent calls still followed)", "已暂停发送（仍在跟踪已发出的调用）"),
                    (false, _) => pick(lang(), "idle", "空闲"),
                }}</span>
                <select data-testid="run-filter" on:change=move |ev| show.set(event_target_value(&ev))>
                    {FILTERS.map(|(v, zh)| view! { <option value=v>{tx(v, zh)}</option> }).collect_view()}
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
                                    <td><span class=format!("badge badge--{}", r.4)>{tx(r.5.0, r.5.1)}</span></td>
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
