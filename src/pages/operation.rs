//! The pane of one operation, chosen by the `/op/:id` route.

use console_core::catalog::spec;
use leptos::prelude::*;

use crate::forms::operation_form::OperationForm;
use crate::i18n::{tr, T};

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
                <h1>{tr(T::UnknownOp)}</h1>
                <p>{tr(T::UnknownOpHelp)}</p>
            </section>
        }
        .into_any(),
    }
}
