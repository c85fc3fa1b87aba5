//! One field of a catalog form: the right widget for its kind, its help, and its inline message with
//! `aria-invalid` / `aria-describedby`. Which message to show is decided by the core's validation; when
//! to show it by [`FormState::visible`].

use console_core::field::{FieldKind, FieldSpec};
use console_core::validate::Validated;
use console_core::Lang;
use leptos::prelude::*;

use crate::forms::state::FormState;

/// A labelled input bound to `form`, with `suggestions` (e.g. pre-flight targets) offered in its list.
#[component]
pub(crate) fn FieldInput(
    field: &'static FieldSpec,
    form: FormState,
    validated: Memo<Validated>,
    lang: Signal<Lang>,
    suggestions: Signal<Vec<String>>,
) -> impl IntoView {
    let name = field.name;
    let id = format!("field-{name}");
    let msg_id = format!("field-{name}-message");
    let help_id = format!("field-{name}-help");
    let error = Memo::new(move |_| {
        let lang = lang.get();
        validated.with(|v| v.errors.get(name).map(|i| (i.code(), i.message(lang))))
    });
    let warnings = Memo::new(move |_| {
        let lang = lang.get();
        validated.with(|v| {
            v.warnings
                .get(name)
                .map(|w| w.iter().map(|i| i.message(lang)).collect::<Vec<_>>())
        })
    });
    let shown_error = move || form.visible(name).then(|| error.get()).flatten();
    let invalid = move || shown_error().is_some().to_string();
    let describedby = format!("{help_id} {msg_id}");
    let on_blur = move |_| {
        form.touched.update(|t| {
            t.insert(name);
        })
    };
    let value = move || form.value(name);
    let input: AnyView = match field.kind {
        FieldKind::Bool => view! {
            <input type="checkbox" id=id.clone() data-testid=format!("input-{name}") aria-describedby=describedby.clone()
                aria-invalid=invalid prop:checked=move || value() == "true" on:blur=on_blur
                on:change:target=move |ev| form.set(name, ev.target().checked().to_string())/>
        }
        .into_any(),
        kind if kind.is_multiline() => view! {
            <textarea id=id.clone() rows="5" spellcheck="false" data-testid=format!("input-{name}")
                aria-describedby=describedby.clone() aria-invalid=invalid placeholder=field.example
                prop:value=value on:blur=on_blur on:input:target=move |ev| { on_keystroke(); form.set(name, ev.target().value()) }></textarea>
        }
        .into_any(),
        kind => {
            let list_id = format!("field-{name}-choices");
            let choices = kind.choices();
            view! {
                <input id=id.clone() spellcheck="false" autocomplete="off" data-testid=format!("input-{name}")
                    list=(!choices.is_empty() || field.name == "version" || field.name.ends_with("Version")).then(|| list_id.clone())
                    aria-describedby=describedby.clone() aria-invalid=invalid placeholder=field.example
                    prop:value=value on:blur=on_blur on:input:target=move |ev| { on_keystroke(); form.set(name, ev.target().value()) }/>
                <datalist id=list_id>
                    {move || suggestions.get().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                    {choices.iter().map(|c| view! { <option value=c.value>{move || c.label.get(lang.get())}</option> }).collect_view()}
                </datalist>
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:field--error=move || shown_error().is_some() data-testid=format!("field-{name}")>
            <label for=id.clone()>
                {move || field.label.get(lang.get())}
                {field.required.then_some(view! { <span class="field__required" aria-hidden="true">" *"</span> })}
                <code class="field__name">{name}</code>
            </label>
            {input}
            <p class="field__help" id=help_id>{move || field.help.get(lang.get())}</p>
            <div id=msg_id aria-live="polite">
                {move || shown_error().map(|(code, m)| view! {
                    <p class="field__message field__message--error" data-testid=format!("error-{name}") data-code=code>{m}</p>
                })}
                {move || form.visible(name).then(|| warnings.get()).flatten().map(|ws| ws.into_iter().map(|w| view! {
                    <p class="field__message field__message--warn" data-testid=format!("warning-{name}")>{w}</p>
                }).collect_view())}
            </div>
        </div>
    }
}

/// On every keystroke: starts fetching the signer (the pre-flight of what is being typed will need it) and
/// the confirmation dialog (Send will need it), and
/// marks `field-input` so `make bench` can time keystroke → inline message (it observes the message element
/// and measures from this mark; only the latest mark is kept).
fn on_keystroke() {
    crate::lazy::prefetch_net();
    crate::lazy::prefetch_confirm();
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        perf.clear_marks_with_mark_name("field-input");
        // A failed mark only costs a benchmark figure, never the form.
        let _ = perf.mark("field-input");
    }
}
