//! Side navigation: the operations grouped by cloud, straight from the core catalog, limited to those a
//! portal's `config.json` offers.

use console_core::catalog::by_cloud;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, T};
use crate::state::runtime::use_runtime;

/// Lists every offered operation under its cloud, plus Settings. It reads the catalog, so a new
/// operation appears here without touching this file.
#[component]
pub(crate) fn Nav() -> impl IntoView {
    let runtime = use_runtime();
    let groups = by_cloud();
    view! {
        <nav class="nav" data-testid="nav" aria-label="Operations">
            {groups
                .into_iter()
                .map(|(cloud, ops)| {
                    let ids: Vec<&'static str> = ops.iter().map(|o| o.id).collect();
                    view! {
                        <Show when=move || ids.iter().any(|id| runtime.offers(id))>
                            <section class="nav__group" data-testid=format!("nav-cloud-{cloud:?}").to_lowercase()>
                                <h2 class="nav__cloud">{cloud.label()}</h2>
                                <ul class="nav__list">
                                    {ops
                                        .iter()
                                        .map(|op| {
                                            let (id, title) = (op.id, op.title);
                                            view! {
                                                <Show when=move || runtime.offers(id)>
                                                    <li>
                                                        <A href=crate::app::route(&format!("/op/{id}")) attr:class="nav__link"
                                                            attr:data-testid=format!("nav-op-{id}")>
                                                            {title}
                                                        </A>
                                                    </li>
                                                </Show>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        </Show>
                    }
                })
                .collect_view()}
            <A href=crate::app::route("/fleet") attr:class="nav__link nav__link--fleet" attr:data-testid="nav-fleet">
                {crate::fleet::view::text::tx("Fleet upgrades", "批量升级")}
            </A>
            <A href=crate::app::route("/settings") attr:class="nav__link nav__link--settings" attr:data-testid="nav-settings">
                {tr(T::Settings)}
            </A>
        </nav>
    }
}
