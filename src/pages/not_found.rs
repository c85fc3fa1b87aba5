//! The pane for an unknown path.

use leptos::prelude::*;

/// Says the link is unknown rather than showing a blank page, so a stale bookmark is obvious.
#[component]
pub(crate) fn NotFound() -> impl IntoView {
    view! {
        <section class="pane" data-testid="pane-not-found">
            <h1>"Page not found"</h1>
            <p>"This link does not match any operation. Choose one from the navigation."</p>
        </section>
    }
}
