//! The fleet page: Inventory → Plan → Run → History, one tab each. The run state lives in the fleet
//! context, so leaving the page (or reloading it) does not lose a batch.

mod chart;
mod history;
mod inventory;
mod plan;
mod run;
mod timeline;

use leptos::prelude::*;

use super::{restore::restore, use_fleet};
use crate::call::use_call_env;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Inventory,
    Plan,
    Run,
    History,
}

impl Tab {
    const ALL: [Self; 4] = [Self::Inventory, Self::Plan, Self::Run, Self::History];

    const fn label(self) -> &'static str {
        match self {
            Self::Inventory => "1. Inventory",
            Self::Plan => "2. Plan",
            Self::Run => "3. Run",
            Self::History => "History",
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
            <h1>"Fleet upgrades"</h1>
            <p class="pane__crumb">
                "List instances, plan with each one's pre-flight, confirm once, then watch every upgrade. "
                "Each call is journalled on this device before it is sent, so a reload never sends twice."
            </p>
            <nav class="tabs" role="tablist">
                {Tab::ALL
                    .into_iter()
                    .map(|t| view! {
                        <button type="button" role="tab" class="tabs__tab"
                            aria-selected=move || (tab.get() == t).to_string()
                            data-testid=format!("fleet-tab-{}", t.id())
                            on:click=move |_| tab.set(t)>{t.label()}</button>
                    })
                    .collect_view()}
            </nav>
            {move || fleet.status.get().map(|s| view! { <p class="fleet__status" data-testid="fleet-status" role="status">{s}</p> })}
            {move || match tab.get() {
                Tab::Inventory => view! { <inventory::InventoryView on_plan=move || tab.set(Tab::Plan)/> }.into_any(),
                Tab::Plan => view! { <plan::PlanView on_started=move || tab.set(Tab::Run)/> }.into_any(),
                Tab::Run => view! { <run::RunView/> }.into_any(),
                Tab::History => view! { <history::HistoryView/> }.into_any(),
            }}
        </section>
    }
}
