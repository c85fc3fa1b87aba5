//! Huawei IAM password login: exchanges account, user and password for a project-scoped token through
//! the proxy, then TaurusDB calls carry `X-Auth-Token`. The password is sent once, to IAM, and not kept.

use console_core::sign::{
    iam_token_request, parse_iam_token_response, IamPasswordLogin, TokenError,
};
use console_core::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{tr, T};
use crate::state::auth::use_auth;
use crate::state::clock::use_clock;
use crate::state::runtime::use_runtime;
use crate::state::settings::use_settings;
use crate::transport::{self, SendError};
use crate::upstream;

/// Why a login gave no token: a field or IAM's reply (a [`TokenError`]), or the way there.
#[derive(Clone)]
enum LoginError {
    Token(TokenError),
    Send(SendError),
}

impl LoginError {
    /// The message in `lang`, read when shown so a language switch re-renders it.
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Token(e) => e.message(lang),
            Self::Send(e) => e.message(lang),
        }
    }
}

/// The IAM login form and the current token's expiry.
#[component]
pub(crate) fn IamLogin() -> impl IntoView {
    let auth = use_auth();
    let settings = use_settings();
    let runtime = use_runtime();
    let clock = use_clock();
    let domain = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let message = RwSignal::new(None::<LoginError>);
    let busy = RwSignal::new(false);
    let login = move |_| {
        let s = settings.0.get_untracked();
        let region = s.region("huawei");
        let cloud_host = format!("iam.{region}.myhuaweicloud.com");
        let (scheme, host) =
            upstream::resolve(&s, runtime.info.get_untracked().as_ref(), &cloud_host);
        let (d, u, p) = (
            domain.get_untracked(),
            user.get_untracked(),
            password.get_untracked(),
        );
        let req = iam_token_request(&IamPasswordLogin {
            iam_host: &host,
            domain_name: d.trim(),
            user_name: u.trim(),
            password: &p,
            project_name: &region,
        });
        let req = match req {
            Ok(r) => r,
            Err(e) => return message.set(Some(LoginError::Token(e))),
        };
        busy.set(true);
        spawn_local(async move {
            let outcome = transport::send(&s.proxy_base, &scheme, &req).await;
            busy.set(false);
            let token = outcome.map_err(LoginError::Send).and_then(|reply| {
                if let Some(date) = reply.header("date") {
                    clock.observe(date);
                }
                parse_iam_token_response(reply.status, &reply.headers, reply.body.as_bytes())
                    .map_err(LoginError::Token)
            });
            match token {
                Ok(token) => {
                    message.set(None);
                    password.set(String::new());
                    auth.iam_token.set(Some(token));
                }
                Err(e) => message.set(Some(e)),
            }
        });
    };
    let expiry = move || {
        auth.iam_token
            .with(|t| t.as_ref().map(|t| t.expires_at.clone()))
    };
    view! {
        <fieldset class="settings__group" data-testid="iam-login">
            <legend>{tr(T::IamLogin)}</legend>
            <label for="iam-domain">{tr(T::IamDomain)}</label>
            <input id="iam-domain" autocomplete="off" data-testid="iam-domain"
                prop:value=domain on:input:target=move |ev| domain.set(ev.target().value())/>
            <label for="iam-user">{tr(T::IamUser)}</label>
            <input id="iam-user" autocomplete="username" data-testid="iam-user"
                prop:value=user on:input:target=move |ev| user.set(ev.target().value())/>
            <label for="iam-password">{tr(T::IamPassword)}</label>
            <input id="iam-password" type="password" autocomplete="current-password" data-testid="iam-password"
                prop:value=password on:input:target=move |ev| password.set(ev.target().value())/>
            <div class="settings__actions">
                <button type="button" class="button" data-testid="iam-get-token" disabled=move || busy.get() on:click=login>
                    {tr(T::GetToken)}
                </button>
                <button type="button" class="button button--quiet" on:click=move |_| auth.iam_token.set(None)>
                    {tr(T::Clear)}
                </button>
            </div>
            {move || expiry().map(|e| view! {
                <p class="settings__status" data-testid="iam-token-expiry">{tr(T::TokenExpires)} " " {e}</p>
            })}
            {move || message.get().map(|m| view! {
                <p class="field__message field__message--error" role="alert" data-testid="iam-error">
                    {move || m.message(settings.0.with(|s| s.lang))}
                </p>
            })}
        </fieldset>
    }
}
