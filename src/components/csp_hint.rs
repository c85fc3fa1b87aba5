//! The hint under the proxy address when this page's Content-Security-Policy refuses it. The proxy
//! serves the page with `connect-src 'self'` plus the origins it was started with (`--connect-src`,
//! `proxy_base` of `dist/config.json`); a fetch to any other origin is blocked before it leaves the
//! browser, and `fetch` only says "Failed to fetch". The browser tells the page which URL was refused
//! with a `securitypolicyviolation` event, so this listens for it while Settings is open and, when the
//! address is on another origin, makes one harmless probe (`GET {proxy}/api/runtime`) to find out.

use console_core::{Lang, Text};
use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::settings::use_settings;

// Settings-only text: it lives in the settings chunk, not in the main module's `T`.
const BLOCKED: Text = Text::new(
    "This server's security policy (CSP connect-src) does not allow calls to {origin}: the browser blocks them before they leave. Start console-proxy with --connect-src {origin} (or put {origin} in dist/config.json's proxy_base).",
    "本服务器的安全策略（CSP connect-src）不允许调用 {origin}：浏览器会在请求发出前将其拦截。请以 --connect-src {origin} 启动 console-proxy（或将 {origin} 写入 dist/config.json 的 proxy_base）。",
);

/// The origin (`scheme://host[:port]`) of an absolute URL; `None` for relative or unparsable text.
fn origin_of(url: &str) -> Option<String> {
    let origin = web_sys::Url::new(url).ok()?.origin();
    // Opaque origins ("null") name nothing the flag could admit.
    (origin != "null").then_some(origin)
}

/// The proxy address's origin when it differs from the page's own; `None` for the page's origin or an
/// empty (same-origin) address, which the policy always allows.
fn foreign_origin(proxy_base: &str) -> Option<String> {
    let proxy = origin_of(proxy_base.trim())?;
    let own = window().location().origin().ok()?;
    (proxy != own).then_some(proxy)
}

/// The message for a blocked origin, with the exact flag to use.
fn blocked_text(lang: Lang, origin: &str) -> String {
    BLOCKED.get(lang).replace("{origin}", origin)
}

/// A string field of the violation event, read with `Reflect.get` (already in the JS glue) instead of
/// web-sys's `SecurityPolicyViolationEvent`, whose three getters would add to the first-load JS.
fn field(ev: &web_sys::Event, name: &str) -> String {
    js_sys::Reflect::get(ev, &name.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Shows, under the proxy field, that the page's security policy refuses the proxy address in force.
#[component]
pub(crate) fn CspHint() -> impl IntoView {
    let settings = use_settings();
    // The origins a `connect-src` violation named while Settings was open (kept per origin, so changing
    // the address back and forth needs no new probe and a late event for an old address does no harm).
    let blocked = RwSignal::new(Vec::<String>::new());
    let handle = window_event_listener_untyped("securitypolicyviolation", move |ev| {
        if field(&ev, "effectiveDirective") != "connect-src" {
            return;
        }
        if let Some(origin) = origin_of(&field(&ev, "blockedURI")) {
            blocked.update(|b| {
                if !b.contains(&origin) {
                    b.push(origin);
                }
            });
        }
    });
    on_cleanup(move || handle.remove());
    let foreign = Memo::new(move |_| settings.0.with(|s| foreign_origin(&s.proxy_base)));
    // Probe each foreign address once it is in force; the listener above is already in place. The
    // answer itself does not matter: a refused fetch fires the event, an allowed one reaches the proxy.
    Effect::new(move |_| {
        let Some(origin) = foreign.get() else {
            return;
        };
        if blocked.with_untracked(|b| b.contains(&origin)) {
            return;
        }
        spawn_local(async move {
            _ = Request::get(&format!("{origin}/api/runtime")).send().await;
        });
    });
    let shown = move || {
        let origin = foreign.get()?;
        blocked.with(|b| b.contains(&origin)).then_some(origin)
    };
    move || {
        shown().map(|origin| {
            view! {
                <p class="field__message field__message--error" data-testid="proxy-base-csp" role="alert">
                    {move || blocked_text(settings.0.with(|s| s.lang), &origin)}
                </p>
            }
        })
    }
}
