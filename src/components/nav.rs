//! Side navigation: the operations grouped by cloud, straight from the core catalog.

use console_core::catalog::by_cloud;
use leptos::prelude::*;
use leptos_router::components::A;

/// Lists every operation under its cloud, plus Settings. It reads the catalog, so a new operation appears
/// here without touching this file.
#[component]
pub(crate) fn Nav() -> impl IntoView {
    let groups = by_cloud();
    view! {
        <nav class="nav" data-testid="nav" aria-label="Operations">
            {groups
                .into_iter()
                .map(|(cloud, ops)| {
                    view! {
                        <section class="nav__group" data-testid=format!("nav-cloud-{cloud:?}").to_lowercase()>
                            <h2 class="nav__cloud">{cloud.label()}</h2>
                            <ul class="nav__list">
                                {ops
                                    .into_iter()
                                    .map(|op| {
                                        view! {
                                            <li>
                                                <A href=format!("/op/{}", op.id) attr:class="nav__link"
                                                    attr:data-testid=format!("nav-op-{}", op.id)>
                                                    {op.title}
                                                </A>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
            <A href="/settings" attr:class="nav__link nav__link--settings" attr:data-testid="nav-settings">
                "Settings"
            </A>
        </nav>
    }
}
