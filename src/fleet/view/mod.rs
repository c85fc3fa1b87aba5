//! The fleet page: Inventory → Plan → Run → History, one tab each. The run state lives in the fleet
//! context, so leaving the page (or reloading it) does not lose a batch.

mod chart;
mod history;
mod inventory;
mod plan;
mod run;
pub(crate) mod text;
mod timeline;

use leptos::prelude::*;

use super::{restore::restore, use_fleet};
use crate::call::use_call_env;
use crate::state::settings::use_settings;
use text::tx;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Inventory,
    Plan,
    Run,
    History,
}

impl Tab {
    const ALL: [Self; 4] = [Self::Inventory, Self::Plan, Self::Run, Self::History];

    const fn label(self) -> (&'static str, &'static str) {
        match self {
            Self::Inventory => ("1. Inventory", "1. 实例清单"),
            Self::Plan => ("2. Plan", "2. 计划"),
            Self::Run => ("3. Run", "3. 执行"),
            Self::History => ("History", "历史记录"),
        }
    }

    const fn id(self) -> &'static str {
        match self {
            Self::Inventory => "inventory",
            Self::Plan => "plan",
            Self::Run => "run",
            Self::History => "history",
        }
    }
}

/// `/fleet`: batch upgrades across products.
#[component]
pub(crate) fn FleetPage() -> impl IntoView {
    let env = use_call_env();
    let fleet = use_fleet();
    let settings = use_settings();
    restore(env, fleet);
    let tab = RwSignal::new(if fleet.batch.get_untracked().is_some() {
        Tab::Run
    } else {
        Tab::Inventory
    });
    // A batch restored from the journal opens the Run tab.
    Effect::new(move |prev: Option<bool>| {
        let has = fleet.batch.with(Option::is_some);
        if has && prev == Some(false) {
            tab.set(Tab::Run);
        }
        has
    });
    view! {
        <section class="pane pane--wide fleet" data-testid="pane-fleet">
            <h1>{tx("Fleet upgrades", "批量升级")}</h1>
            <p class="pane__crumb">
                {tx("List instances, plan with each one's pre-flight, confirm once, then watch every upgrade. Each call is journalled on this device before it is sent, so a reload never sends twice.",
                    "列出实例，逐个预检后制定计划，确认一次，然后观察每个实例的升级。每次调用在发送前都会记录在本设备上，刷新页面也不会重复发送。")}
            </p>
            <nav class="tabs" role="tablist">
                {Tab::ALL
                    .into_iter()
                    .map(|t| view! {
                        <button type="button" role="tab" class="tabs__tab"
                            aria-selected=move || (tab.get() == t).to_string()
                            data-testid=format!("fleet-tab-{}", t.id())
                            on:click=move |_| tab.set(t)>{tx(t.label().0, t.label().1)}</button>
                    })
                    .collect_view()}
            </nav>
            {move || {
                let lang = settings.0.with(|s| s.lang);
                fleet.status.with(|s| s.as_ref().map(|s| s.text(lang)))
                    .map(|s| view! { <p class="fleet__status" data-testid="fleet-status" role="status">{s}</p> })
            }}
            {move || match tab.get() {
                Tab::Inventory => view! { <inventory::InventoryView on_plan=move || tab.set(Tab::Plan)/> }.into_any(),
                Tab::Plan => view! { <plan::PlanView on_started=move || tab.set(Tab::Run)/> }.into_any(),
                Tab::Run => view! { <run::RunView/> }.into_any(),
                Tab::History => view! { <history::HistoryView/> }.into_any(),
            }}
        </section>
    }
}
