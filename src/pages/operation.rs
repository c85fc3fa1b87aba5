//! The pane of one operation, chosen by the `/op/:id` route.

use console_core::catalog::find;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Shows the operation named in the URL, or a clear message for an unknown id (a mistyped deep link).
#[component]
pub(crate) fn OperationPage() -> impl IntoView {
    let params = use_params_map();
    let op = Memo::new(move |_| params.read().get("id").and_then(|id| find(&id)));
    move || match op.get() {
        Some(op) => view! {
            <section class="pane" data-testid=format!("pane-op-{}", op.id)>
                <p class="pane__crumb">{op.cloud.label()} " · " {op.product}</p>
                <h1>{op.title}</h1>
                <p class="pane__api">"API: " <code>{op.api}</code></p>
            </section>
        }
        .into_any(),
        None => view! {
            <section class="pane" data-testid="pane-op-unknown">
                <h1>"Unknown operation"</h1>
                <p>"This link names no operation. Choose one from the navigation."</p>
            </section>
        }
        .into_any(),
    }
}
