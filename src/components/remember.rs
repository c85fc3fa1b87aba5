//! "Remember on this device": save the in-memory credentials encrypted under a passphrase, unlock them
//! later, or forget them. Only the encrypted blob is ever stored. Saving never drops stored credentials
//! (`vault::save`), and the status line says what actually happened: which clouds a save kept from the
//! store, and an unlock that found nothing to restore. The first save asks for the passphrase twice.

use console_core::{Cloud, Lang, Text};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{tr, T};
use crate::state::auth::use_auth;
use crate::state::settings::use_settings;
use crate::vault::{self, VaultError};

// Texts only this component shows; they live here, in the settings chunk, not in the main module's `T`.
const KEPT: Text = Text::new(
    "Credentials kept from the earlier save:",
    "已保留之前保存的凭证：",
);
const AGAIN: Text = Text::new("Passphrase again", "再次输入口令");
const MISMATCH: Text = Text::new(
    "The two passphrases differ, so nothing was saved. Type the same passphrase in both fields: a typo here would lock the saved credentials away for good.",
    "两次输入的口令不一致，因此未保存任何内容。请在两个输入框中输入相同的口令：此处输错将导致已保存的凭证永远无法解锁。",
);
const UNLOCKED_EMPTY: Text = Text::new(
    "The passphrase is right, but the saved store holds no credentials, so nothing was restored. Enter them above and save them again.",
    "口令正确，但已保存的内容中没有凭证，因此未恢复任何凭证。请在上方重新输入并保存。",
);

/// What the last action came to, shown under the buttons.
#[derive(Clone)]
enum Outcome {
    /// Saved; the clouds whose stored credentials were kept because memory had none for them.
    Saved(Vec<Cloud>),
    /// Credentials restored into memory.
    Unlocked,
    /// The passphrase opened the store, but it held nothing (an older version could save an empty one).
    UnlockedEmpty,
    /// The store was removed from this device.
    Forgotten,
    /// A first save whose two passphrases differ: refused before anything is encrypted.
    Mismatch,
    /// Refused or failed; nothing changed.
    Failed(VaultError),
}

impl Outcome {
    /// The status line in `lang`.
    fn text(&self, lang: Lang) -> String {
        match self {
            Self::Saved(kept) if kept.is_empty() => T::Saved.get(lang).to_owned(),
            Self::Saved(kept) => {
                let names: Vec<&str> = kept.iter().map(|c| c.label().get(lang)).collect();
                let (sep, gap, end) = match lang {
                    Lang::Zh => ("、", "", "。"),
                    Lang::En => (", ", " ", "."),
                };
                let (saved, kept) = (T::Saved.get(lang), KEPT.get(lang));
                format!("{saved}{gap}{kept}{gap}{}{end}", names.join(sep))
            }
            Self::Unlocked => T::Unlocked.get(lang).to_owned(),
            Self::UnlockedEmpty => UNLOCKED_EMPTY.get(lang).to_owned(),
            Self::Forgotten => T::Forgotten.get(lang).to_owned(),
            Self::Mismatch => MISMATCH.get(lang).to_owned(),
            Self::Failed(e) => e.message(lang),
        }
    }

    /// The message's CSS modifier and ARIA role: failures are alerts, an empty store a warning.
    const fn look(&self) -> (&'static str, &'static str) {
        match self {
            Self::Failed(_) | Self::Mismatch => ("field__message field__message--error", "alert"),
            Self::UnlockedEmpty => ("field__message field__message--warn", "status"),
            _ => ("field__message field__message--ok", "status"),
        }
    }
}

/// The encrypted-store controls.
#[component]
pub(crate) fn Remember() -> impl IntoView {
    let auth = use_auth();
    let passphrase = RwSignal::new(String::new());
    // The first save (no store yet) takes the passphrase twice: nothing could ever check a typo in it.
    // Later saves need the passphrase that opens the store (`vault::save`), which checks it.
    let again = RwSignal::new(String::new());
    let settings = use_settings();
    let status = RwSignal::new(None::<Outcome>);
    let saved = RwSignal::new(vault::has_saved());
    // The passphrase is cleared only on success: after a refusal it stays, so "Unlock" is one click away.
    let save = move |_| {
        let bundle = auth.bundle();
        let pass = passphrase.get_untracked();
        if !saved.get_untracked() && again.with_untracked(|a| *a != pass) {
            status.set(Some(Outcome::Mismatch));
            return;
        }
        spawn_local(async move {
            let outcome = match vault::save(&pass, bundle).await {
                Ok(kept) => {
                    passphrase.set(String::new());
                    again.set(String::new());
                    Outcome::Saved(kept)
                }
                Err(e) => Outcome::Failed(e),
            };
            status.set(Some(outcome));
            saved.set(vault::has_saved());
        });
    };
    let unlock = move |_| {
        let pass = passphrase.get_untracked();
        spawn_local(async move {
            let outcome = match vault::load(&pass).await {
                Ok(bundle) => {
                    passphrase.set(String::new());
                    if bundle.is_empty() {
                        Outcome::UnlockedEmpty
                    } else {
                        auth.restore(bundle);
                        Outcome::Unlocked
                    }
                }
                Err(e) => Outcome::Failed(e),
            };
            status.set(Some(outcome));
        });
    };
    let forget = move |_| {
        vault::forget();
        saved.set(false);
        status.set(Some(Outcome::Forgotten));
    };
    view! {
        <fieldset class="settings__group" data-testid="remember">
            <legend>{tr(T::Remember)}</legend>
            <p class="settings__help">{tr(T::RememberHelp)}</p>
            <label for="vault-pass">{tr(T::Passphrase)}</label>
            <input id="vault-pass" type="password" autocomplete="new-password" data-testid="vault-passphrase"
                prop:value=passphrase on:input:target=move |ev| passphrase.set(ev.target().value())/>
            <Show when=move || !saved.get()>
                <label for="vault-pass-again">{move || AGAIN.get(settings.0.with(|s| s.lang))}</label>
                <input id="vault-pass-again" type="password" autocomplete="new-password" data-testid="vault-passphrase-again"
                    prop:value=again on:input:target=move |ev| again.set(ev.target().value())/>
            </Show>
            <div class="settings__actions">
                <button type="button" class="button" data-testid="vault-save" on:click=save>{tr(T::SaveEncrypted)}</button>
                <Show when=move || saved.get()>
                    <button type="button" class="button" data-testid="vault-unlock" on:click=unlock>{tr(T::Unlock)}</button>
                    <button type="button" class="button button--quiet" data-testid="vault-forget" on:click=forget>
                        {tr(T::Forget)}
                    </button>
                </Show>
            </div>
            {move || status.get().map(|o| {
                let (class, role) = o.look();
                view! { <p class=class role=role data-testid="vault-status">{move || o.text(settings.0.with(|s| s.lang))}</p> }
            })}
        </fieldset>
    }
}
