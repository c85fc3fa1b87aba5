//! The confirmation step for irreversible upgrades: it names the instance and current → target version
//! and enables the final button only once the instance id has been typed.
//!
//! A native modal `<dialog>` (`showModal`): the page behind is inert while it is open, so the form cannot
//! change under a confirmation; focus starts in the dialog and stays there, Escape cancels and Enter in the
//! id field confirms. What is sent is the request built when the dialog opened, not the form as it is when
//! the button is pressed: the DBA confirms exactly the call that goes out.

use console_core::build::BuiltRequest;
use leptos::html::Dialog;
use leptos::prelude::*;

use crate::i18n::{tr, T};

/// What is about to happen, as the dialog states it, and the request that does it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pending {
    /// The unsigned request built from the form when the dialog opened; it is signed when confirmed.
    pub(crate) request: BuiltRequest,
    /// `https`, or `http` for a loopback sandbox: part of what was confirmed.
    pub(crate) scheme: String,
    pub(crate) instance_id: String,
    pub(crate) operation: &'static str,
    pub(crate) current: Option<String>,
    pub(crate) target: Option<String>,
    pub(crate) count: usize,
}

/// The dialog; `on_confirm` sends the request (and scheme) it was opened with, `on_cancel` closes it.
#[component]
pub(crate) fn ConfirmDialog(
    pending: Pending,
    on_confirm: Callback<(BuiltRequest, String)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let expected = StoredValue::new(pending.instance_id.clone());
    let matches = move || typed.with(|t| expected.with_value(|e| t.trim() == e));
    let latest = tr(T::Latest);
    let (current, target) = (pending.current.clone(), pending.target.clone());
    let change = move || match (&current, &target) {
        (Some(c), Some(t)) => format!("{c} → {t}"),
        (None, Some(t)) => format!("→ {t}"),
        (Some(c), None) => format!("{c} → {}", latest()),
        (None, None) => latest().to_owned(),
    };
    let more = tr(T::MoreInstances);
    let count = pending.count;
    let call = StoredValue::new((pending.request.clone(), pending.scheme.clone()));
    let confirm = move || {
        if matches() {
            on_confirm.run(call.get_value());
        }
    };
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            // Shown as a plain (non-modal) dialog if the browser refuses the modal one, never not at all.
            if !d.open() && d.show_modal().is_err() {
                d.set_open(true);
            }
        }
    });
    view! {
        <dialog class="confirm" node_ref=dialog aria-labelledby="confirm-title" data-testid="confirm"
            on:cancel=move |ev: web_sys::Event| { ev.prevent_default(); on_cancel.run(()); }>
            <form method="dialog" class="confirm__body" on:submit=move |ev| { ev.prevent_default(); confirm(); }>
                <h2 id="confirm-title">{tr(T::ConfirmTitle)}</h2>
                <p data-testid="confirm-summary">
                    <strong>{pending.operation}</strong> " · " <code>{pending.instance_id.clone()}</code>
                    {move || (count > 1).then(|| format!(" (+{} {})", count - 1, more()))}
                    " · " <span data-testid="confirm-change">{change}</span>
                </p>
                <p class="field__message field__message--warn">{tr(T::Irreversible)}</p>
                <label for="confirm-input">{tr(T::TypeInstanceId)} " " <code>{pending.instance_id.clone()}</code></label>
                <input id="confirm-input" data-testid="confirm-input" autocomplete="off" spellcheck="false" autofocus
                    prop:value=typed on:input:target=move |ev| typed.set(ev.target().value())/>
                <div class="settings__actions">
                    <button type="submit" class="button button--danger" data-testid="confirm-send" disabled=move || !matches()>
                        {tr(T::ConfirmSend)}
                    </button>
                    <button type="button" class="button button--quiet" data-testid="confirm-cancel"
                        on:click=move |_| on_cancel.run(())>{tr(T::Cancel)}</button>
                </div>
            </form>
        </dialog>
    }
}
