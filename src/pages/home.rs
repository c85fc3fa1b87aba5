//! The landing pane: what the console does and where to start.

use leptos::prelude::*;

use crate::components::openapi_download::OpenApiDownload;

/// Explains the console in two sentences; the navigation is the real entry point.
#[component]
pub(crate) fn Home() -> impl IntoView {
    view! {
        <section class="pane" data-testid="pane-home">
            <h1>"Upgrade managed database engines"</h1>
            <p>
                "Pick an operation on the left. Every request is built and signed in this page; your secret "
                "never leaves the browser, and calls reach the cloud through the configured proxy."
            </p>
            <OpenApiDownload/>
        </section>
    }
}
