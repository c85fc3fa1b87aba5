//! The confirmation step for irreversible upgrades: it names the instance and current → target version
//! and enables the final button only once the instance id has been typed.
//!
//! A native modal `<dialog>` (`showModal`): the page behind is inert while it is open, so the form cannot
//! change under a confirmation; focus starts in the dialog and stays there, Escape cancels and Enter in the
//! id field confirms. What is sent is the request built when the dialog opened, not the form as it is when
//! the button is pressed: the DBA confirms exactly the call that goes out. An upgrade deferred to the
//! maintenance window says so on its button and shows the window, in UTC and in local time. A TaurusDB
//! batch is read line by line before it can be confirmed (`crate::forms::batch_check`), and an
//! Elasticsearch upgrade recalls the form's last dry run of it (`crate::forms::earlier_check`).

use console_core::build::BuiltRequest;
use console_core::Text;
use leptos::html::Dialog;
use leptos::prelude::*;

use crate::forms::batch_check::BatchCheck;
use crate::forms::earlier_check::EarlierCheck;
use crate::i18n::{tr, T};

/// The final button of a scheduled upgrade: pressing it starts nothing now.
const SCHEDULE_SEND: Text = Text::new(
    "Schedule for the maintenance window",
    "预约在可维护时间段内升级",
);
/// The timing line of a scheduled upgrade.
const SCHEDULED_IN: Text = Text::new("Runs in the maintenance window", "将在可维护时间段内执行");
/// Shown when pre-flight did not learn the window.
const WINDOW_UNKNOWN: Text = Text::new("(window not known yet)", "（尚未获取时间段）");
/// After the local-time form of the window.
const LOCAL: Text = Text::new("local", "本地时间");

/// What is about to happen, as the dialog states it, and the request that does it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pending {
    /// The unsigned request built from the form when the dialog opened; it is signed when confirmed.
    pub(crate) request: BuiltRequest,
    /// `https`, or `http` for a loopback sandbox: part of what was confirmed.
    pub(crate) scheme: String,
    pub(crate) instance_id: String,
    /// The operation's title in both languages: the dialog follows a language switch while open.
    pub(crate) operation: Text,
    pub(crate) current: Option<String>,
    pub(crate) target: Option<String>,
    pub(crate) count: usize,
    /// The instance's maintenance window as pre-flight reported it (UTC, `18:00Z-22:00Z`), if known:
    /// a scheduled upgrade states when it will run.
    pub(crate) window: Option<String>,
    /// The form's previous answer when it was not an upgrade's (an Elasticsearch dry run's): the dialog
    /// recalls what its checks said (`crate::forms::earlier_check`).
    pub(crate) last: Option<crate::call::Outcome>,
}

/// The window as "18:00–22:00 UTC (02:00–06:00 local)", local being the browser's time zone; an
/// unusual shape is shown as reported.
fn window_text(window: &str, local: &str) -> String {
    // `getTimezoneOffset` is UTC minus local, in minutes.
    let offset = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    console_core::schedule::window_hours(window, offset).map_or_else(
        || window.to_owned(),
        |(utc, here)| format!("{utc} UTC ({here} {local})"),
    )
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
    let settings = crate::state::settings::use_settings();
    let lang = move || settings.0.with(|s| s.lang);
    // Decided from the request being confirmed, through the catalog's scheduling caution: a scheduled
    // upgrade says so on its button and states the window, so nobody expects it to start now.
    let scheduled = console_core::schedule::is_scheduled(&pending.request);
    let window = pending.window.clone();
    let timing = move || {
        let w = window.as_deref().map_or_else(
            || WINDOW_UNKNOWN.get(lang()).to_owned(),
            |w| window_text(w, LOCAL.get(lang())),
        );
        format!("{}: {w}", SCHEDULED_IN.get(lang()))
    };
    let call = StoredValue::new((pending.request.clone(), pending.scheme.clone()));
    // A TaurusDB batch is checked line by line first (`BatchCheck`): confirming waits for it.
    let blocked = RwSignal::new(false);
    let confirm = move || {
        if matches() && !blocked.get_untracked() {
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
                    <strong>{move || pending.operation.get(lang())}</strong> " · " <code>{pending.instance_id.clone()}</code>
                    {move || (count > 1).then(|| format!(" (+{} {})", count - 1, more()))}
                    " · " <span data-testid="confirm-change">{change}</span>
                </p>
                {scheduled.then(|| view! { <p data-testid="confirm-timing">{timing}</p> })}
                <BatchCheck request=pending.request.clone() blocked=blocked/>
                <EarlierCheck request=pending.request.clone() last=pending.last.clone()/>
                <p class="field__message field__message--warn">{tr(T::Irreversible)}</p>
                <label for="confirm-input">{tr(T::TypeInstanceId)} " " <code>{pending.instance_id.clone()}</code></label>
                <input id="confirm-input" data-testid="confirm-input" autocomplete="off" spellcheck="false" autofocus
                    prop:value=typed on:input:target=move |ev| typed.set(ev.target().value())/>
                <div class="settings__actions">
                    <button type="submit" class="button button--danger" data-testid="confirm-send" disabled=move || !matches() || blocked.get()>
                        {move || if scheduled { SCHEDULE_SEND.get(lang()) } else { tr(T::ConfirmSend)() }}
                    </button>
                    <button type="button" class="button button--quiet" data-testid="confirm-cancel"
                        on:click=move |_| on_cancel.run(())>{tr(T::Cancel)}</button>
                </div>
            </form>
        </dialog>
    }
}
