//! The top bar: brand, language switch, and the always-visible mode banner (sandbox or real clouds) with
//! the clock-skew warning, so a DBA always knows where a click will land.

use console_core::Lang;
use leptos::prelude::*;

use crate::i18n::{tr, T};
use crate::state::auth::use_auth;
use crate::state::clock::use_clock;
use crate::state::runtime::use_runtime;
use crate::state::settings::use_settings;
use crate::upstream::in_sandbox;

/// Header with brand and language switch, followed by the mode banner.
#[component]
pub(crate) fn Header() -> impl IntoView {
    let settings = use_settings();
    let set_lang = move |lang: Lang| settings.0.update(|s| s.lang = lang);
    // `<html lang>` follows the choice, for screen readers, fonts and the browser's translation offer.
    Effect::new(move |_| {
        let tag = settings.0.with(|s| s.lang).tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
    });
    view! {
        <header class="app-header" data-testid="app-header">
            <a class="app-header__brand" href="./">"upgrade-console"</a>
            <span class="app-header__tagline">{tr(T::Tagline)}</span>
            <span class="app-header__spacer"></span>
            <div class="lang-switch" role="group" aria-label="Language / 语言">
                <button type="button" data-testid="lang-en"
                    aria-pressed=move || (settings.0.with(|s| s.lang) == Lang::En).to_string()
                    on:click=move |_| set_lang(Lang::En)>"EN"</button>
                <button type="button" data-testid="lang-zh"
                    aria-pressed=move || (settings.0.with(|s| s.lang) == Lang::Zh).to_string()
                    on:click=move |_| set_lang(Lang::Zh)>"中文"</button>
            </div>
        </header>
        <ModeBanner/>
        <ClockWarning/>
    }
}

/// Sandbox or real-cloud banner; in sandbox mode it offers the demo credentials.
#[component]
fn ModeBanner() -> impl IntoView {
    let settings = use_settings();
    let runtime = use_runtime();
    let auth = use_auth();
    let sandbox = Memo::new(move |_| {
        settings
            .0
            .with(|s| runtime.info.with(|r| in_sandbox(s, r.as_ref())))
    });
    // The button goes once the demo keys are in: keyboard focus moves to the line that replaces it,
    // rather than falling back to the start of the page.
    let in_use = NodeRef::<leptos::html::Span>::new();
    let use_demo = move |_| {
        if let Some(info) = runtime.info.get_untracked().and_then(|r| r.sandbox) {
            crate::demo::apply(auth, &info.credentials);
            request_animation_frame(move || {
                if let Some(s) = in_use.get_untracked() {
                    let _ = s.focus();
                }
            });
        }
    };
    let demo_in_use = move || {
        runtime.info.with(|r| {
            r.as_ref()
                .and_then(|r| r.sandbox.as_ref())
                .is_some_and(|s| {
                    auth.alibaba.with(|c| {
                        c.as_ref().is_some_and(|c| {
                            c.access_key_id() == s.credentials.alibaba_access_key_id
                        })
                    })
                })
        })
    };
    move || {
        if sandbox.get() {
            view! {
                <div class="banner banner--sandbox" data-testid="sandbox-banner" role="status">
                    <span>{tr(T::SandboxBanner)}</span>
                    <Show when=demo_in_use fallback=move || view! {
                        <button type="button" class="button button--small" data-testid="use-demo" on:click=use_demo>
                            {tr(T::UseDemo)}
                        </button>
                    }>
                        <span data-testid="demo-in-use" tabindex="-1" node_ref=in_use>{tr(T::DemoInUse)}</span>
                    </Show>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="banner banner--cloud" data-testid="cloud-banner" role="status">{tr(T::CloudBanner)}</div>
            }
            .into_any()
        }
    }
}

/// Shown only when the measured skew exceeds the threshold.
#[component]
fn ClockWarning() -> impl IntoView {
    let clock = use_clock();
    move || {
        clock.correction_tracked().map(|offset| {
            view! {
                <div class="banner banner--warn" data-testid="clock-skew" role="alert">
                    {tr(T::ClockSkew)} " " {offset} " " {tr(T::ClockSkewFix)}
                </div>
            }
        })
    }
}
