//! The inventory tab: list instances per product (regions from Settings), add ids by paste or CSV,
//! filter, sort and select many.

use console_core::batch::inventory::Instance;
use console_core::catalog::Product;
use console_core::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::text::{tx, use_lang};
use crate::call::use_call_env;
use crate::fleet::inventory::{add_ids, load};
use crate::fleet::status::{pick, Status};
use crate::fleet::use_fleet;

const SHOWN: usize = 250;

fn product_name(p: Option<Product>) -> &'static str {
    match p {
        Some(Product::Dds) => "MongoDB",
        Some(Product::RKvstore) => "Redis",
        Some(Product::Elasticsearch) => "Elasticsearch",
        Some(Product::TaurusDb) => "TaurusDB",
        None => "?",
    }
}

fn matches(i: &Instance, filter: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty()
        || [
            i.id.as_str(),
            &i.name,
            &i.version,
            &i.status,
            &i.architecture,
            &i.region,
            product_name(i.product),
        ]
        .iter()
        .any(|v| v.to_lowercase().contains(&f))
}

fn sort_key(i: &Instance, col: u8) -> String {
    match col {
        0 => product_name(i.product).to_owned(),
        2 => i.name.clone(),
        3 => i.version.clone(),
        4 => i.status.clone(),
        _ => i.id.clone(),
    }
}

/// The inventory tab.
#[component]
pub(crate) fn InventoryView(on_plan: impl Fn() + 'static + Copy + Send + Sync) -> impl IntoView {
    let env = use_call_env();
    let fleet = use_fleet();
    let lang = use_lang();
    let products = RwSignal::new(Product::ALL.to_vec());
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new((1_u8, false));
    let paste = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        let f = filter.get();
        let (col, desc) = sort.get();
        let mut v: Vec<Instance> = fleet
            .inventory
            .with(|inv| inv.iter().filter(|i| matches(i, &f)).cloned().collect());
        v.sort_by_cached_key(|i| sort_key(i, col));
        if desc {
            v.reverse();
        }
        v
    });
    let list = move |_| {
        let chosen = products.get_untracked();
        spawn_local(load(env, fleet, chosen));
    };
    let add = move |_| {
        let added = add_ids(env, fleet, &paste.get_untracked());
        fleet.status.set(Some(added));
    };
    let import = move |ev: web_sys::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(text) => fleet.status.set(Some(add_ids(
                        env,
                        fleet,
                        &text.as_string().unwrap_or_default(),
                    ))),
                    Err(_) => fleet.status.set(Some(Status::FileUnreadable)),
                }
            });
        }
    };
    let select_shown = move |_| {
        let ids: Vec<String> = rows.with_untracked(|r| r.iter().map(|i| i.id.clone()).collect());
        fleet.selected.update(|s| s.extend(ids));
    };
    let header = move |col: u8, label: (&'static str, &'static str)| {
        view! {
            <th><button type="button" class="th-sort" on:click=move |_| sort.update(|(c, d)| { *d = *c == col && !*d; *c = col; })>
                {tx(label.0, label.1)}{move || match sort.get() { (c, false) if c == col => " ▲", (c, true) if c == col => " ▼", _ => "" }}
            </button></th>
        }
    };
    view! {
        <div class="fleet__controls">
            <fieldset class="fleet__products">
                <legend>{tx("Products", "产品")}</legend>
                {Product::ALL.into_iter().map(|p| view! {
                    <label><input type="checkbox" data-testid=format!("fleet-product-{}", p.cli_code())
                        prop:checked=move || products.with(|v| v.contains(&p))
                        on:change=move |_| products.update(|v| if v.contains(&p) { v.retain(|x| *x != p) } else { v.push(p) })/>
                        {product_name(Some(p))}</label>
                }).collect_view()}
            </fieldset>
            <button type="button" class="button" data-testid="fleet-list" disabled=move || fleet.busy.get() on:click=list>{tx("List instances", "列出实例")}</button>
        </div>
        <details class="fleet__paste">
            <summary>{tx("Paste ids or import a CSV", "粘贴实例 ID 或导入 CSV")}</summary>
            <textarea rows="4" data-testid="fleet-paste" placeholder=tx("dds-bp1…, r-bp1…, es-cn-…, …in07 (one per line or comma-separated)", "dds-bp1…, r-bp1…, es-cn-…, …in07（每行一个或以逗号分隔）")
                prop:value=move || paste.get() on:input=move |ev| paste.set(event_target_value(&ev))></textarea>
            <button type="button" class="button button--quiet" data-testid="fleet-add-ids" on:click=add>{tx("Add and select", "添加并选中")}</button>
            <label class="fleet__import">{tx("CSV file (an id column: InstanceId, DBInstanceId, id…): ", "CSV 文件（需含 ID 列：InstanceId、DBInstanceId、id…）：")}
                <input type="file" accept=".csv,text/csv,text/plain" data-testid="fleet-import" on:change=import/></label>
        </details>
        <div class="fleet__controls">
            <input type="search" placeholder=tx("Filter by id, name, version, status…", "按 ID、名称、版本、状态筛选…") data-testid="fleet-filter"
                prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
            <button type="button" class="button button--quiet button--small" data-testid="fleet-select-all" on:click=select_shown>{tx("Select all shown", "全选筛选结果")}</button>
            <button type="button" class="button button--quiet button--small" data-testid="fleet-select-none" on:click=move |_| fleet.selected.set(Default::default())>{tx("Clear selection", "清除选择")}</button>
            <span data-testid="fleet-selected-count">{move || { let n = fleet.selected.with(|s| s.len()); pick(lang(), format!("{n} selected"), format!("已选择 {n} 个")) }}</span>
            <button type="button" class="button" data-testid="fleet-to-plan" disabled=move || fleet.selected.with(|s| s.is_empty()) on:click=move |_| on_plan()>{tx("Plan the selection →", "为所选实例制定计划 →")}</button>
        </div>
        <p class="fleet__note">{move || { let n = rows.with(Vec::len); match (n > SHOWN, lang()) {
            (true, Lang::Zh) => format!("显示 {n} 个中的前 {SHOWN} 个：请筛选以缩小范围。"),
            (true, _) => format!("Showing {SHOWN} of {n}: filter to narrow."),
            (false, l) => pick(l, format!("{n} instances"), format!("{n} 个实例")),
        } }}</p>
        <table class="grid" data-testid="fleet-inventory">
            <thead><tr><th></th>{header(0, ("Product", "产品"))}{header(1, ("Instance", "实例"))}{header(2, ("Name", "名称"))}{header(3, ("Version", "版本"))}{header(4, ("Status", "状态"))}<th>{tx("Architecture", "架构")}</th><th>{tx("Targets", "可升级版本")}</th></tr></thead>
            <tbody>
                <For each=move || rows.get().into_iter().take(SHOWN) key=|i| i.id.clone() let:i>
                    {
                        let id = i.id.clone();
                        let (id2, id3) = (id.clone(), id.clone());
                        let (row_id, select_id) = (format!("fleet-row-{id}"), format!("fleet-select-{id}"));
                        let targets = move || fleet.facts.with(|m| match m.get(&id3) {
                            Some(Ok(f)) if !f.targets.is_empty() || !f.kernel_targets.is_empty() => f.targets.iter().chain(&f.kernel_targets).cloned().collect::<Vec<_>>().join(", "),
                            Some(Ok(_)) => pick(lang(), "none", "无").to_owned(),
                            Some(Err(_)) => pick(lang(), "pre-flight failed", "预检失败").to_owned(),
                            None => "—".to_owned(),
                        });
                        view! {
                            <tr data-testid=row_id>
                                <td><input type="checkbox" data-testid=select_id
                                    prop:checked=move || fleet.selected.with(|s| s.contains(&id))
                                    on:change=move |_| fleet.selected.update(|s| if !s.remove(&id2) { s.insert(id2.clone()); })/></td>
                                <td>{product_name(i.product)}</td><td><code>{i.id.clone()}</code></td><td>{i.name.clone()}</td>
                                <td>{i.version.clone()}</td><td>{i.status.clone()}</td><td>{i.architecture.clone()}</td><td>{targets}</td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
