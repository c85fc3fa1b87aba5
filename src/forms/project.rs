//! TaurusDB needs the Huawei project id of the region. In the sandbox it is filled in from the demo
//! account; against the real cloud a button asks IAM (`GET /v3/projects?name={region}`) with the AK/SK.

use console_core::catalog::{ApiSpec, Product};
use console_core::region::parse_project_id;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::call::CallEnv;
use crate::forms::state::FormState;
use crate::i18n::{tr, T};
use crate::upstream;

/// In sandbox mode, fills an empty `project_id` with the demo account's project for the region.
pub(crate) fn prefill_project_id(spec: &'static ApiSpec, form: FormState, env: CallEnv) {
    if spec.product != Product::TaurusDb {
        return;
    }
    Effect::new(move |_| {
        let region = env.destination(spec).region;
        let demo = env.settings.0.with(|s| {
            env.runtime
                .info
                .with(|r| upstream::demo_project_id(s, r.as_ref(), &region))
        });
        let empty = form
            .raw
            .with_untracked(|r| r.get("project_id").is_none_or(|v| v.trim().is_empty()));
        if let (true, Some(id)) = (empty, demo) {
            form.set("project_id", id);
        }
    });
}

/// The "Look up" button beside `project_id`.
#[component]
pub(crate) fn ProjectLookup(
    spec: &'static ApiSpec,
    form: FormState,
    env: CallEnv,
) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let lookup = move |_| {
        let s = env.settings.0.get_untracked();
        let region = env.destination(spec).region;
        let (scheme, request) = env
            .runtime
            .info
            .with_untracked(|r| upstream::project_id_request(&s, r.as_ref(), &region));
        spawn_local(async move {
            // Signed and sent by the chunk that holds the signer.
            match crate::lazy::call(env, crate::lazy::Call::read(request, scheme))
                .await
                .result
            {
                Ok(reply) => match parse_project_id(&reply.body, &region) {
                    Some(id) => {
                        form.set("project_id", id);
                        message.set(None);
                    }
                    None => message.set(Some(format!(
                        "{} (HTTP {})",
                        tr(T::NoProject)(),
                        reply.status
                    ))),
                },
                Err(e) => {
                    let lang = env.settings.0.with_untracked(|s| s.lang);
                    message.set(Some(crate::lazy::call_message(e, lang).await));
                }
            }
        });
    };
    view! {
        <button type="button" class="button button--quiet button--small" data-testid="project-lookup" on:click=lookup>
            {tr(T::LookUpProject)}
        </button>
        {move || message.get().map(|m| view! { <p class="field__message field__message--error" data-testid="project-lookup-error">{m}</p> })}
    }
}
