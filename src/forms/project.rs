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

/// The project id the console itself put into the field (the demo account's, or a look-up's), if the
/// field still holds it: that one belongs to a region, and goes when the region changes. One typed by
/// the DBA is never touched.
pub(crate) type Filled = StoredValue<Option<String>>;

/// In sandbox mode, fills an empty `project_id` with the demo account's project for the region; on a
/// change of region, a project id the console filled in is replaced by the new region's (or cleared).
/// Returns what was filled in, for [`ProjectLookup`] to record its own.
pub(crate) fn prefill_project_id(spec: &'static ApiSpec, form: FormState, env: CallEnv) -> Filled {
    let filled: Filled = StoredValue::new(None);
    if spec.product != Product::TaurusDb {
        return filled;
    }
    Effect::new(move |_| {
        let region = env.destination(spec).region;
        let demo = env.settings.0.with(|s| {
            env.runtime
                .info
                .with(|r| upstream::demo_project_id(s, r.as_ref(), &region))
        });
        let now = form
            .raw
            .with_untracked(|r| r.get("project_id").map(|v| v.trim().to_owned()));
        let ours = now.as_deref().is_none_or(str::is_empty)
            || filled.with_value(|f| f.is_some() && f.as_deref() == now.as_deref());
        if ours && demo.as_deref().unwrap_or("") != now.as_deref().unwrap_or("") {
            filled.set_value(demo.clone());
            form.set("project_id", demo.unwrap_or_default());
        }
    });
    filled
}

/// The "Look up" button beside `project_id`.
#[component]
pub(crate) fn ProjectLookup(
    spec: &'static ApiSpec,
    form: FormState,
    env: CallEnv,
    filled: Filled,
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
                        filled.set_value(Some(id.clone()));
                        form.set("project_id", id);
                        message.set(None);
                    }
                    // The language from the call environment: after the await there is no
                    // reactive owner to find a context in (`tr` would look for one).
                    None => message.set(Some(format!(
                        "{} (HTTP {})",
                        T::NoProject.get(env.settings.0.with_untracked(|s| s.lang)),
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
