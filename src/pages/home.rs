//! The landing pane: what the console does and where to start.

use leptos::prelude::*;

use crate::components::openapi_download::OpenApiDownload;
use crate::i18n::{tr, T};

/// Explains the console in two sentences; the navigation is the real entry point.
#[component]
pub(crate) fn Home() -> impl IntoView {
    view! {
        <section class="pane" data-testid="pane-home">
            <h1>{tr(T::HomeTitle)}</h1>
            <p>{tr(T::HomeIntro)}</p>
            <OpenApiDownload/>
        </section>
    }
}
