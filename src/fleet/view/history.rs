//! The history tab: every recorded call on this device, filtered by instance, operation and outcome,
//! exported as CSV or JSON.

use console_core::batch::history::{iso, to_csv, to_json, Filter, Record};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::text::{tx, use_lang};
use crate::download::download;
use crate::fleet::history::load;
use crate::fleet::status::{pick, Status};
use crate::fleet::use_fleet;

const SHOWN: usize = 300;

/// The history tab.
#[component]
pub(crate) fn HistoryView() -> impl IntoView {
    let fleet = use_fleet();
    let lang = use_lang();
    let records = RwSignal::new(Vec::<Record>::new());
    let filter = RwSignal::new(Filter::default());
    let reload = move || {
        spawn_local(async move {
            match load().await {
                Ok(r) => records.set(r),
                Err(e) => fleet.status.set(Some(Status::Message(e))),
            }
        });
    };
    reload();
    let shown = Memo::new(move |_| {
        let f = filter.get();
        records.with(|r| {
            r.iter()
                .rev()
                .filter(|x| f.matches(x))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let export = move |csv: bool| {
        let list = shown.get_untracked();
        let refs: Vec<&Record> = list.iter().collect();
        let result = if csv {
            download("upgrade-console-history.csv", "text/csv", &to_csv(&refs))
        } else {
            download(
                "upgrade-console-history.json",
                "application/json",
                &to_json(&refs),
            )
        };
        if let Err(e) = result {
            fleet.status.set(Some(Status::ExportFailed(e)));
        }
    };
    let input = move |(en, zh): (&'static str, &'static str),
                      id: &'static str,
                      set: fn(&mut Filter, String)| {
        view! {
            <input type="search" placeholder=tx(en, zh) data-testid=format!("history-filter-{id}")
                on:input=move |ev| { let v = event_target_value(&ev); filter.update(|f| set(f, v)); }/>
        }
    };
    view! {
        <div class="fleet__controls">
            {input(("Instance", "实例"), "instance", |f, v| f.instance = v)}
            {input(("Operation", "操作"), "operation", |f, v| f.operation = v)}
            {input(("Outcome", "结果"), "outcome", |f, v| f.outcome = v)}
            <button type="button" class="button button--quiet button--small" on:click=move |_| reload()>{tx("Refresh", "刷新")}</button>
            <button type="button" class="button button--small" data-testid="history-export-csv" on:click=move |_| export(true)>{tx("Export CSV", "导出 CSV")}</button>
            <button type="button" class="button button--small" data-testid="history-export-json" on:click=move |_| export(false)>{tx("Export JSON", "导出 JSON")}</button>
            <span data-testid="history-count">{move || { let n = shown.with(Vec::len); pick(lang(), format!("{n} calls"), format!("{n} 次调用")) }}</span>
        </div>
        <table class="grid" data-testid="history-table">
            <thead><tr><th>{tx("Time", "时间")}</th><th>{tx("Cloud", "云")}</th><th>{tx("Operation", "操作")}</th><th>{tx("Instance", "实例")}</th><th>{tx("Parameters", "参数")}</th><th>{tx("Request id", "请求 ID")}</th><th>{tx("Outcome", "结果")}</th></tr></thead>
            <tbody>
                {move || shown.get().into_iter().take(SHOWN).map(|r| view! {
                    <tr data-testid="history-row">
                        <td>{iso(r.at_ms)}</td><td>{r.cloud}</td><td>{r.operation}</td><td><code>{r.instance}</code></td>
                        <td>{r.params.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" ")}</td>
                        <td><code>{r.request_id.unwrap_or_default()}</code></td><td>{r.outcome}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
