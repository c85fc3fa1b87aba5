//! The plan tab: per-product choices and pacing, each instance's pre-flight as a table (current →
//! target, blockers, warnings, schedule), and one confirmation that names the count.

use console_core::batch::Schedule;
use console_core::catalog::Product;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::text::{tx, use_lang};
use crate::call::use_call_env;
use crate::fleet::plan::{build_plan, create_batch};
use crate::fleet::status::{pick, Status};
use crate::fleet::{runner, use_fleet};

const SHOWN: usize = 200;

/// A typed pacing number, brought into `min..=max` (`1000000` concurrency becomes 64, `0` requests/s
/// becomes 0.1), or `None` when it is no number at all. Either way the caller writes the settings back, so
/// the field always shows the value in force instead of a typed one that was silently ignored.
fn number(ev: &leptos::ev::Event, min: f64, max: f64) -> Option<f64> {
    event_target_value(ev)
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| v.clamp(min, max))
}

/// The plan tab.
#[component]
pub(crate) fn PlanView(on_started: impl Fn() + 'static + Copy + Send + Sync) -> impl IntoView {
    let env = use_call_env();
    let fleet = use_fleet();
    let lang = use_lang();
    let typed = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let ready = Memo::new(move |_| {
        fleet
            .plan
            .with(|rows| rows.iter().filter(|r| r.blockers.is_empty()).count())
    });
    let by_product = Memo::new(move |_| {
        let lang = lang();
        fleet.plan.with(|rows| {
            Product::ALL
                .iter()
                .map(|p| {
                    (
                        p.label().get(lang),
                        rows.iter()
                            .filter(|r| r.blockers.is_empty() && r.instance.product == Some(*p))
                            .count(),
                    )
                })
                .filter(|(_, n)| *n > 0)
                .map(|(l, n)| format!("{n} × {l}"))
                .collect::<Vec<_>>()
                .join(pick(lang, ", ", "、"))
        })
    });
    // Blocked rows first (they need attention), and a bounded table: a 1000-row plan would be one long
    // main-thread task to render.
    let shown_rows = Memo::new(move |_| {
        fleet.plan.with(|rows| {
            let mut v: Vec<_> = rows
                .iter()
                .filter(|r| !r.blockers.is_empty())
                .cloned()
                .collect();
            v.extend(rows.iter().filter(|r| r.blockers.is_empty()).cloned());
            v.truncate(SHOWN);
            v
        })
    });
    let run_preflight = move |_| spawn_local(build_plan(env, fleet));
    let start = move |_| {
        if typed.get_untracked().trim() != ready.get_untracked().to_string() {
            return;
        }
        spawn_local(async move {
            match create_batch(fleet).await {
                Ok(()) => {
                    confirming.set(false);
                    typed.set(String::new());
                    runner::start(env, fleet, true);
                    on_started();
                }
                Err(e) => fleet.status.set(Some(Status::BatchNotJournalled(e))),
            }
        });
    };
    let target_input = move |p: Product| {
        view! {
            <label>{move || p.label().get(lang())}{tx(" target ", " 目标版本 ")}
                <input type="text" size="10" placeholder=tx("newest offered", "最新可用版本") data-testid=format!("plan-target-{}", p.cli_code())
                    prop:value=move || fleet.options.with(|o| o.targets.get(p.cli_code()).cloned().unwrap_or_default())
                    on:input=move |ev| { let v = event_target_value(&ev); fleet.options.update(|o| { o.targets.insert(p.cli_code().to_owned(), v); }); }/>
            </label>
        }
    };
    let (now, window, kernel) = (
        tx("now", "立即"),
        tx("window", "可维护时间段"),
        tx("latest kernel", "最新内核"),
    );
    view! {
        <div class="fleet__options">
            <label>"MongoDB "
                <select data-testid="plan-dds-op" on:change=move |ev| fleet.options.update(|o| o.dds_kernel = event_target_value(&ev) == "kernel")>
                    <option value="engine" selected=move || !fleet.options.with(|o| o.dds_kernel)>{tx("major (engine) version", "大版本（引擎版本）")}</option>
                    <option value="kernel" selected=move || fleet.options.with(|o| o.dds_kernel)>{tx("minor (kernel) version", "小版本（内核版本）")}</option>
                </select>
            </label>
            {Product::ALL.into_iter().filter(|p| *p != Product::TaurusDb).map(target_input).collect_view()}
            <label>{tx("When ", "执行时间 ")}
                <select data-testid="plan-schedule" on:change=move |ev| fleet.options.update(|o| o.schedule = if event_target_value(&ev) == "window" { Schedule::MaintenanceWindow } else { Schedule::Now })>
                    <option value="now">{now}</option>
                    <option value="window">{tx("in each instance's maintenance window", "在各实例的可维护时间段内")}</option>
                </select>
            </label>
            <label>{tx("Concurrency ", "并发数 ")}<input type="number" min="1" max="64" data-testid="plan-concurrency"
                prop:value=move || fleet.settings.with(|s| s.concurrency.to_string())
                on:change=move |ev| { let v = number(&ev, 1.0, 64.0); #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] fleet.settings.update(|s| if let Some(v) = v { s.concurrency = v.round() as u32 }) }/></label>
            <label>{tx("Requests/s ", "每秒请求数 ")}<input type="number" min="0.1" max="1000" step="any" data-testid="plan-rate"
                prop:value=move || fleet.settings.with(|s| s.rate_per_s.to_string())
                on:change=move |ev| { let v = number(&ev, 0.1, 1000.0); fleet.settings.update(|s| if let Some(v) = v { s.rate_per_s = v }) }/></label>
            <label>{tx("Attempts ", "最大尝试次数 ")}<input type="number" min="1" max="20" data-testid="plan-attempts"
                prop:value=move || fleet.settings.with(|s| s.backoff.max_attempts.to_string())
                on:change=move |ev| { let v = number(&ev, 1.0, 20.0); #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] fleet.settings.update(|s| if let Some(v) = v { s.backoff.max_attempts = v.round() as u32 }) }/></label>
            <button type="button" class="button" data-testid="plan-preflight" disabled=move || fleet.busy.get() on:click=run_preflight>
                {move || { let n = fleet.selected.with(|s| s.len()); pick(lang(), format!("Run pre-flight for {n} selected"), format!("为已选择的 {n} 个实例运行预检")) }}
            </button>
        </div>
        <p class="fleet__note">{move || { let n = fleet.plan.with(Vec::len); if n > SHOWN { pick(lang(), format!("Showing {SHOWN} of {n} rows, blocked ones first."), format!("显示 {n} 行中的前 {SHOWN} 行，被阻断的排在前面。")) } else { String::new() } }}</p>
        <table class="grid" data-testid="plan-table">
            <thead><tr><th>{tx("Instance", "实例")}</th><th>{tx("Operation", "操作")}</th><th>{tx("Current → target", "当前 → 目标")}</th><th>{tx("Blockers", "阻断项")}</th><th>{tx("Warnings", "警告")}</th><th>{tx("Schedule", "执行时间")}</th></tr></thead>
            <tbody>
                <For each=move || shown_rows.get() key=|r| r.instance.id.clone() let:r>
                    <tr data-testid=format!("plan-row-{}", r.instance.id) class:grid__row--blocked=!r.blockers.is_empty()
                        data-ready=r.blockers.is_empty().to_string()>
                        <td><code>{r.instance.id.clone()}</code>" "{r.instance.name.clone()}</td>
                        <td>{r.op.clone()}</td>
                        <td>{let (c, t) = (r.current.clone(), r.target.clone());
                            // An empty target means "the newest" only where the cloud picks a kernel.
                            let kernel_op = matches!(r.op.as_str(), "dds-kernel-upgrade" | "taurusdb-minor-upgrade");
                            let ready = r.blockers.is_empty();
                            move || format!("{c} → {}", if !t.is_empty() { &t } else if kernel_op && ready { kernel() } else { "—" })}</td>
                        <td class="blockers">{r.blockers.join(" ")}</td>
                        <td class="warnings">{r.warnings.join(" ")}</td>
                        <td>{let (s, w) = (r.schedule, r.window.clone().unwrap_or_default()); move || match s { Schedule::Now => now().to_owned(), Schedule::MaintenanceWindow => format!("{} {w}", window()) }}</td>
                    </tr>
                </For>
            </tbody>
        </table>
        <Show when=move || { ready.get() > 0 }>
            <div class="confirm" data-testid="plan-confirm">
                <Show when=move || confirming.get() fallback=move || view! {
                    <button type="button" class="button button--danger" data-testid="plan-confirm-open" on:click=move |_| confirming.set(true)>
                        {move || { let n = ready.get(); pick(lang(), format!("Upgrade {n} instances…"), format!("升级 {n} 个实例…")) }}
                    </button>
                }>
                    <p>{move || { let (n, p, b) = (ready.get(), by_product.get(), fleet.plan.with(Vec::len) - ready.get());
                        pick(lang(), format!("You are about to upgrade {n} instances ({p}). {b} blocked instances are left out. Major upgrades cannot be rolled back."),
                            format!("即将升级 {n} 个实例（{p}）。{b} 个被阻断的实例不在其中。大版本升级无法回退。")) }}</p>
                    <label>{move || { let n = ready.get(); pick(lang(), format!("Type {n} to confirm: "), format!("输入 {n} 以确认：")) }}
                        <input type="text" inputmode="numeric" data-testid="plan-confirm-count" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/></label>
                    <button type="button" class="button button--danger" data-testid="plan-start"
                        disabled=move || typed.get().trim() != ready.get().to_string() || fleet.running.get() on:click=start>
                        {move || { let n = ready.get(); pick(lang(), format!("Start upgrading {n} instances"), format!("开始升级 {n} 个实例")) }}
                    </button>
                    <button type="button" class="button button--quiet" on:click=move |_| confirming.set(false)>{tx("Cancel", "取消")}</button>
                </Show>
            </div>
        </Show>
    }
}
