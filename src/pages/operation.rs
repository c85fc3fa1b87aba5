//! The pane of one operation, chosen by the `/op/:id` route.

use console_core::catalog::spec;
use leptos::prelude::*;

use crate::forms::operation_form::OperationForm;

/// Renders the catalog form of the operation named in the URL, or a clear message for an unknown id
/// (a mistyped deep link).
///
/// `id` is the path segment after `/op/`, as typed in the URL.
#[component]
pub(crate) fn OperationPage(id: String) -> impl IntoView {
    match spec(&id) {
        Some(spec) => view! { <OperationForm spec=spec/> }.into_any(),
        None => view! {
            <section class="pane" data-testid="pane-op-unknown">
                <h1>"Unknown operation"</h1>
                <p>"This link names no operation. Choose one from the navigation."</p>
            </section>
        }
        .into_any(),
    }
}
