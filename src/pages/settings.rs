//! The settings route: where requests go (sandbox or real clouds), the proxy address, language, and
//! credentials. Non-secret choices persist on this device; secrets stay in memory unless the user opts
//! into the encrypted store.

use console_core::proxy_base::{check_proxy_base, ProxyBaseIssue};
use console_core::Lang;
use leptos::prelude::*;

use crate::components::credentials_form::CredentialsForm;
use crate::components::csp_hint::CspHint;
use crate::components::iam_login::IamLogin;
use crate::components::remember::Remember;
use crate::i18n::{tr, T};
use crate::state::auth::use_auth;
use crate::state::runtime::use_runtime;
use crate::state::settings::{use_settings, Target};

/// Settings pane.
#[component]
pub(crate) fn Settings() -> impl IntoView {
    let settings = use_settings();
    let runtime = use_runtime();
    let auth = use_auth();
    let has_sandbox = move || {
        runtime
            .info
            .with(|r| r.as_ref().is_some_and(|r| r.sandbox.is_some()))
    };
    // A typed proxy address is used only once it is a usable one. A refused one is kept with its issue,
    // and the field shows it (else the address in force), so it stays visible next to its message even
    // when other settings change meanwhile.
    let refused = RwSignal::new(None::<(String, ProxyBaseIssue)>);
    let set_proxy = move |typed: String| {
        let typed = typed.trim().to_owned();
        match check_proxy_base(&typed) {
            Ok(()) => {
                refused.set(None);
                settings.0.update(|s| s.proxy_base = typed);
            }
            Err(issue) => refused.set(Some((typed, issue))),
        }
    };
    let proxy_shown = move || {
        refused
            .with(|r| r.as_ref().map(|(typed, _)| typed.clone()))
            .unwrap_or_else(|| settings.0.with(|s| s.proxy_base.clone()))
    };
    let proxy_issue = move || refused.with(|r| r.as_ref().map(|(_, issue)| *issue));
    let target = move || settings.0.with(|s| s.target);
    let set_target = move |t: Target| settings.0.update(|s| s.target = t);
    view! {
        <section class="pane settings" data-testid="pane-settings">
            <h1>{tr(T::Settings)}</h1>
            <fieldset class="settings__group" data-testid="settings-target">
                <legend>{tr(T::Target)}</legend>
                <label class="settings__choice">
                    <input type="radio" name="target" data-testid="target-sandbox" disabled=move || !has_sandbox()
                        prop:checked=move || target() == Target::Sandbox on:change=move |_| set_target(Target::Sandbox)/>
                    {tr(T::TargetSandbox)}
                </label>
                <label class="settings__choice">
                    <input type="radio" name="target" data-testid="target-cloud"
                        prop:checked=move || target() == Target::Cloud on:change=move |_| set_target(Target::Cloud)/>
                    {tr(T::TargetCloud)}
                </label>
                <Show when=move || !has_sandbox()>
                    <p class="settings__help">{tr(T::NoSandbox)}</p>
                </Show>
            </fieldset>
            <fieldset class="settings__group">
                <legend>{tr(T::Proxy)}</legend>
                <input id="proxy-base" data-testid="proxy-base" placeholder="https://proxy.example.com" spellcheck="false"
                    aria-describedby="proxy-base-help proxy-base-message" aria-invalid=move || proxy_issue().is_some().to_string()
                    prop:value=proxy_shown on:change:target=move |ev| set_proxy(ev.target().value())/>
                <p id="proxy-base-help" class="settings__help">{tr(T::ProxyHelp)}</p>
                <div id="proxy-base-message" aria-live="polite">
                    {move || proxy_issue().map(|i| view! {
                        <p class="field__message field__message--error" data-testid="proxy-base-error">
                            {move || i.message(settings.0.with(|s| s.lang))}
                        </p>
                    })}
                    <CspHint/>
                </div>
            </fieldset>
            <fieldset class="settings__group">
                <legend>{tr(T::Language)}</legend>
                <select data-testid="language" on:change:target=move |ev| {
                    let lang = if ev.target().value() == "zh" { Lang::Zh } else { Lang::En };
                    settings.0.update(|s| s.lang = lang);
                }>
                    <option value="en" selected=move || settings.0.with(|s| s.lang == Lang::En)>"English"</option>
                    <option value="zh" selected=move || settings.0.with(|s| s.lang == Lang::Zh)>"简体中文"</option>
                </select>
            </fieldset>
            <CredentialsForm cloud="alibaba" title=T::AlibabaCreds target=auth.alibaba/>
            <CredentialsForm cloud="huawei" title=T::HuaweiCreds target=auth.huawei/>
            <IamLogin/>
            <Remember/>
        </section>
    }
}
