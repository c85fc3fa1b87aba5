//! Entering an AccessKey pair (and optional STS/security token) for one cloud. Pasted whitespace is
//! trimmed with a visible warning; the secret field is cleared once applied, so it only lives in the
//! signing state.

use console_core::sign::{Credentials, CredentialsError};
use leptos::prelude::*;

use crate::i18n::{tr, T};
use crate::state::settings::use_settings;

/// Credentials form for one cloud, writing into `target`. `cloud` names the test ids (`alibaba`, `huawei`).
#[component]
pub(crate) fn CredentialsForm(
    cloud: &'static str,
    title: T,
    target: RwSignal<Option<Credentials>>,
) -> impl IntoView {
    let key_id = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let settings = use_settings();
    // The trimmed-whitespace warning (text), or why the keys were refused (shown in the current language).
    let note = RwSignal::new(None::<Result<String, CredentialsError>>);
    let apply = move |_| {
        let tok = token.get_untracked();
        let tok = (!tok.trim().is_empty()).then_some(tok);
        match Credentials::from_pasted(
            &key_id.get_untracked(),
            &secret.get_untracked(),
            tok.as_deref(),
        ) {
            Ok((creds, trimmed)) => {
                note.set(trimmed.any().then(|| {
                    let fields = [
                        (trimmed.access_key_id, tr(T::KeyId)()),
                        (trimmed.secret, tr(T::Secret)()),
                        (trimmed.security_token, tr(T::StsToken)()),
                    ];
                    let names: Vec<&str> =
                        fields.iter().filter(|(t, _)| *t).map(|(_, n)| *n).collect();
                    Ok(format!("{} {}", tr(T::Trimmed)(), names.join(", ")))
                }));
                target.set(Some(creds));
                secret.set(String::new());
                token.set(String::new());
            }
            Err(e) => note.set(Some(Err(e))),
        }
    };
    let status = move || {
        target.with(|c| match c {
            Some(c) => format!("{} … ({})", c.access_key_id(), tr(T::InMemory)()),
            None => tr(T::NotSet)().to_owned(),
        })
    };
    let id = move |f: &str| format!("{cloud}-{f}");
    view! {
        <fieldset class="settings__group" data-testid=format!("creds-{cloud}")>
            <legend>{tr(title)}</legend>
            <p class="settings__status" data-testid=format!("creds-{cloud}-status")>{status}</p>
            <label for=id("key-id")>{tr(T::KeyId)}</label>
            <input id=id("key-id") autocomplete="off" spellcheck="false" data-testid=format!("creds-{cloud}-key-id")
                prop:value=key_id on:input:target=move |ev| key_id.set(ev.target().value())/>
            <label for=id("secret")>{tr(T::Secret)}</label>
            <input id=id("secret") type="password" autocomplete="off" data-testid=format!("creds-{cloud}-secret")
                prop:value=secret on:input:target=move |ev| secret.set(ev.target().value())/>
            <label for=id("token")>{tr(T::StsToken)}</label>
            <input id=id("token") type="password" autocomplete="off" data-testid=format!("creds-{cloud}-token")
                prop:value=token on:input:target=move |ev| token.set(ev.target().value())/>
            <div class="settings__actions">
                <button type="button" class="button" data-testid=format!("creds-{cloud}-apply") on:click=apply>
                    {tr(T::Apply)}
                </button>
                <button type="button" class="button button--quiet" data-testid=format!("creds-{cloud}-clear")
                    on:click=move |_| { target.set(None); note.set(None); }>
                    {tr(T::Clear)}
                </button>
            </div>
            {move || note.get().map(|n| view! { <p class="field__message field__message--warn" role="status"
                data-testid=format!("creds-{cloud}-note")>
                {move || match &n {
                    Ok(text) => text.clone(),
                    Err(e) => e.message(settings.0.with(|s| s.lang)),
                }}</p> })}
        </fieldset>
    }
}
