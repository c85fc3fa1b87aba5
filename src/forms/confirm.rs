//! The confirmation step for irreversible upgrades: it names the instance and current → target version
//! and enables the final button only once the instance id has been typed.

use leptos::prelude::*;

use crate::i18n::{tr, T};

/// What is about to happen, as the dialog states it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pending {
    pub(crate) instance_id: String,
    pub(crate) operation: &'static str,
    pub(crate) current: Option<String>,
    pub(crate) target: Option<String>,
    pub(crate) count: usize,
}

/// The dialog; `on_confirm` runs the call, `on_cancel` closes it.
#[component]
pub(crate) fn ConfirmDialog(
    pending: Pending,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let expected = pending.instance_id.clone();
    let matches = move || typed.with(|t| t.trim() == expected);
    let change = match (&pending.current, &pending.target) {
        (Some(c), Some(t)) => format!("{c} → {t}"),
        (None, Some(t)) => format!("→ {t}"),
        (Some(c), None) => format!("{c} → latest"),
        (None, None) => "latest".to_owned(),
    };
    view! {
        <div class="confirm" role="dialog" aria-modal="true" aria-labelledby="confirm-title" data-testid="confirm">
            <h2 id="confirm-title">{tr(T::ConfirmTitle)}</h2>
            <p data-testid="confirm-summary">
                <strong>{pending.operation}</strong> " · " <code>{pending.instance_id.clone()}</code>
                {(pending.count > 1).then(|| format!(" (+{} more)", pending.count - 1))}
                " · " <span data-testid="confirm-change">{change}</span>
            </p>
            <p class="field__message field__message--warn">{tr(T::Irreversible)}</p>
            <label for="confirm-input">{tr(T::TypeInstanceId)} " " <code>{pending.instance_id.clone()}</code></label>
            <input id="confirm-input" data-testid="confirm-input" autocomplete="off" spellcheck="false"
                prop:value=typed on:input:target=move |ev| typed.set(ev.target().value())/>
            <div class="settings__actions">
                <button type="button" class="button button--danger" data-testid="confirm-send" disabled=move || !matches()
                    on:click=move |_| on_confirm.run(())>{tr(T::ConfirmSend)}</button>
                <button type="button" class="button button--quiet" data-testid="confirm-cancel"
                    on:click=move |_| on_cancel.run(())>{tr(T::Cancel)}</button>
            </div>
        </div>
    }
}
