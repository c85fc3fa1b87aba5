//! The settings pane: proxy, regions and credentials live here.

use leptos::prelude::*;

/// Settings route; its own URL so a portal can link straight to it.
#[component]
pub(crate) fn Settings() -> impl IntoView {
    view! {
        <section class="pane" data-testid="pane-settings">
            <h1>"Settings"</h1>
            <p>"The proxy address, regions and credentials will be set here. The console has nothing to configure yet."</p>
        </section>
    }
}
