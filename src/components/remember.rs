//! "Remember on this device": save the in-memory credentials encrypted under a passphrase, unlock them
//! later, or forget them. Only the encrypted blob is ever stored.

use console_core::sign::Credentials;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{tr, T};
use crate::state::auth::use_auth;
use crate::state::settings::use_settings;
use crate::vault::{self, SecretBundle, VaultError};

fn pack(c: Option<Credentials>) -> Option<(String, String, Option<String>)> {
    c.map(|c| {
        (
            c.access_key_id().to_owned(),
            c.secret().to_owned(),
            c.security_token().map(str::to_owned),
        )
    })
}

fn unpack(t: Option<(String, String, Option<String>)>) -> Option<Credentials> {
    t.map(|(id, secret, token)| {
        let c = Credentials::new(id, secret);
        match token {
            Some(t) => c.with_security_token(t),
            None => c,
        }
    })
}

/// The encrypted-store controls.
#[component]
pub(crate) fn Remember() -> impl IntoView {
    let auth = use_auth();
    let passphrase = RwSignal::new(String::new());
    let settings = use_settings();
    let status = RwSignal::new(None::<Result<T, VaultError>>);
    let saved = RwSignal::new(vault::has_saved());
    let save = move |_| {
        let bundle = SecretBundle {
            alibaba: pack(auth.alibaba.get_untracked()),
            huawei: pack(auth.huawei.get_untracked()),
        };
        let pass = passphrase.get_untracked();
        spawn_local(async move {
            status.set(Some(vault::save(&pass, &bundle).await.map(|()| T::Saved)));
            saved.set(vault::has_saved());
            passphrase.set(String::new());
        });
    };
    let unlock = move |_| {
        let pass = passphrase.get_untracked();
        spawn_local(async move {
            match vault::load(&pass).await {
                Ok(bundle) => {
                    if bundle.alibaba.is_some() {
                        auth.alibaba.set(unpack(bundle.alibaba));
                    }
                    if bundle.huawei.is_some() {
                        auth.huawei.set(unpack(bundle.huawei));
                    }
                    status.set(Some(Ok(T::Unlocked)));
                    passphrase.set(String::new());
                }
                Err(e) => status.set(Some(Err(e))),
            }
        });
    };
    let forget = move |_| {
        vault::forget();
        saved.set(false);
        status.set(Some(Ok(T::Forgotten)));
    };
    view! {
        <fieldset class="settings__group" data-testid="remember">
            <legend>{tr(T::Remember)}</legend>
            <p class="settings__help">{tr(T::RememberHelp)}</p>
            <label for="vault-pass">{tr(T::Passphrase)}</label>
            <input id="vault-pass" type="password" autocomplete="new-password" data-testid="vault-passphrase"
                prop:value=passphrase on:input:target=move |ev| passphrase.set(ev.target().value())/>
            <div class="settings__actions">
                <button type="button" class="button" data-testid="vault-save" on:click=save>{tr(T::SaveEncrypted)}</button>
                <Show when=move || saved.get()>
                    <button type="button" class="button" data-testid="vault-unlock" on:click=unlock>{tr(T::Unlock)}</button>
                    <button type="button" class="button button--quiet" data-testid="vault-forget" on:click=forget>
                        {tr(T::Forget)}
                    </button>
                </Show>
            </div>
            {move || status.get().map(|s| match s {
                Ok(t) => view! { <p class="field__message field__message--ok" role="status" data-testid="vault-status">{tr(t)}</p> }.into_any(),
                Err(e) => view! { <p class="field__message field__message--error" role="alert" data-testid="vault-status">
                    {move || e.message(settings.0.with(|s| s.lang))}</p> }.into_any(),
            })}
        </fieldset>
    }
}
