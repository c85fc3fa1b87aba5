//! The pane for an unknown path.

use leptos::prelude::*;

use crate::i18n::{tr, T};

/// Says the link is unknown rather than showing a blank page, so a stale bookmark is obvious.
#[component]
pub(crate) fn NotFound() -> impl IntoView {
    view! {
        <section class="pane" data-testid="pane-not-found">
            <h1>{tr(T::NotFound)}</h1>
            <p>{tr(T::NotFoundHelp)}</p>
        </section>
    }
}
