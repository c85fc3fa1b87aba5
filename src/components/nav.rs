//! Side navigation: the operations grouped by cloud, straight from the core catalog, limited to those a
//! portal's `config.json` offers.

use console_core::catalog::by_cloud;
use leptos::prelude::*;

use crate::i18n::{tr, T};
use crate::router::{use_router, Route, RouterCtx};
use crate::state::runtime::use_runtime;
use crate::state::settings::use_settings;

/// Lists every offered operation under its cloud, plus Settings. It reads the catalog, so a new
/// operation appears here without touching this file.
#[component]
pub(crate) fn Nav() -> impl IntoView {
    let runtime = use_runtime();
    let router = use_router();
    let settings = use_settings();
    let lang = move || settings.0.with(|s| s.lang);
    let groups = by_cloud();
    view! {
        <nav class="nav" data-testid="nav" aria-label=tr(T::NavLabel)>
            {groups
                .into_iter()
                .map(|(cloud, ops)| {
                    let ids: Vec<&'static str> = ops.iter().map(|o| o.id).collect();
                    view! {
                        <Show when=move || ids.iter().any(|id| runtime.offers(id))>
                            <section class="nav__group" data-testid=format!("nav-cloud-{cloud:?}").to_lowercase()>
                                <h2 class="nav__cloud">{move || cloud.label().get(lang())}</h2>
                                <ul class="nav__list">
                                    {ops
                                        .iter()
                                        .map(|op| {
                                            let (id, op) = (op.id, *op);
                                            let title = move || op.title.get(lang());
                                            view! {
                                                <Show when=move || runtime.offers(id)>
                                                    <li>
                                                        {link(router, format!("/op/{id}"), "nav__link", format!("nav-op-{id}"), title)}
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
            {link(router, "/fleet".into(), "nav__link nav__link--fleet", "nav-fleet".into(),
                crate::fleet::view::text::tx("Fleet upgrades", "批量升级"))}
            {link(router, "/settings".into(), "nav__link nav__link--settings", "nav-settings".into(), tr(T::Settings))}
        </nav>
    }
}

/// A navigation link to an app route; `aria-current="page"` marks the page shown.
fn link(
    router: RouterCtx,
    to: String,
    class: &'static str,
    testid: String,
    text: impl IntoView + 'static,
) -> impl IntoView {
    let href = crate::router::href(&to);
    let target = Route::parse(crate::router::base(), &href);
    view! {
        <a href=href class=class data-testid=testid
            aria-current=move || router.is_current(&target).then_some("page")>{text}</a>
    }
}
