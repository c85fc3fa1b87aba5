//! Live pre-flight: as soon as credentials, region and a well-formed instance id are known, the form
//! calls the operation's read APIs through the proxy and shows current version, status, architecture,
//! the upgradable targets and anything that would make the upgrade fail.

use console_core::catalog::ApiSpec;
use console_core::explain::explain_for;
use console_core::preflight::{
    build_read, parse_reply, read_target, reads_for, PreflightFacts, ReadTarget,
};
use console_core::Lang;
use leptos::prelude::*;

use crate::call::{CallEnv, Destination};
use crate::forms::state::FormState;
use crate::i18n::{tr, T};

/// How long pre-flight waits for the inputs to settle before reading (see `use_preflight`).
const PAUSE_MS: i32 = 300;

/// The outcome of one pre-flight round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Preflight {
    /// Nothing to check yet (no credentials or no complete instance id).
    Idle,
    /// The reads answered.
    Facts(Box<PreflightFacts>),
    /// A read failed; the message says why (cloud error explained, or proxy/network).
    Failed(String),
}

/// Runs pre-flight whenever its inputs change or `refresh` is bumped. The signal is `None` until the first
/// round answers and then keeps the last answer; a round overtaken by newer inputs is dropped.
pub(crate) fn use_preflight(
    spec: &'static ApiSpec,
    form: FormState,
    env: CallEnv,
    refresh: RwSignal<u32>,
) -> ReadSignal<Option<Preflight>> {
    let out = RwSignal::new(None);
    // The number of the latest round; an answer from an older one is not shown.
    let latest = StoredValue::new(0_u64);
    // What a round reads, compared: typing into a field that names no instance starts no round.
    let inputs = Memo::new(move |_| {
        let target = form.raw.with(|r| read_target(spec, r));
        (
            target,
            env.destination(spec),
            env.settings.0.with(|s| s.lang),
        )
    });
    Effect::new(move |_| {
        refresh.track();
        let (target, dest, lang) = inputs.get();
        // Read here, not in the memo: other keys may see other instances, so any change re-checks.
        let has_creds = env.has_credentials(spec.cloud);
        // A first round (after "nothing to check yet") says it is checking rather than keep asking for
        // what is now there; later rounds keep the last facts on screen until the new ones come.
        if has_creds
            && target.is_some()
            && out.with_untracked(|o| matches!(o, Some(Preflight::Idle)))
        {
            out.set(None);
        }
        latest.update_value(|n| *n += 1);
        let round = latest.get_value();
        // A round reads no context (the call environment is passed in), so, like Send, it needs no owner.
        leptos::task::spawn_local(async move {
            // Nothing to sign with, or nothing to read: idle, without loading the signer.
            let answer = match (target, has_creds) {
                (Some(target), true) => {
                    // A pause first: while an id is being typed, each keystroke that makes it
                    // well-formed would start reads of a partial id (404s, and calls a real account
                    // may be throttled for). Only the round still latest after the pause reads.
                    crate::sleep::sleep(PAUSE_MS).await;
                    if latest.try_get_value() != Some(round) {
                        return;
                    }
                    // The reads are signed and sent by the split chunk that holds the signer.
                    crate::lazy::preflight(Round {
                        spec,
                        target,
                        dest,
                        env,
                        lang,
                    })
                    .await
                }
                _ => Preflight::Idle,
            };
            if latest.try_get_value() == Some(round) {
                out.set(Some(answer));
            }
        });
    });
    out.read_only()
}

/// The inputs of one pre-flight round.
pub(crate) struct Round {
    spec: &'static ApiSpec,
    target: ReadTarget,
    dest: Destination,
    env: CallEnv,
    /// The language of the messages, also read when the signer's chunk does not load.
    pub(crate) lang: Lang,
}

impl Round {
    /// A round of `spec`'s reads of `target` (the confirmation's batch check makes one per line).
    pub(crate) fn new(
        spec: &'static ApiSpec,
        target: ReadTarget,
        dest: Destination,
        env: CallEnv,
        lang: Lang,
    ) -> Self {
        Self {
            spec,
            target,
            dest,
            env,
            lang,
        }
    }

    /// Every read of the operation, in order; the first failure ends the round with its message.
    pub(crate) async fn run(self) -> Preflight {
        let Self {
            spec,
            target,
            dest,
            env,
            lang,
        } = self;
        let mut facts = PreflightFacts::default();
        for &call in reads_for(spec) {
            let Ok(built) = build_read(call, &target, &dest.host) else {
                return Preflight::Idle;
            };
            let reply = match env.call(built, dest.scheme.clone()).await.result {
                Ok(r) => r,
                Err(crate::call::CallError::NoCredentials(_)) => return Preflight::Idle,
                Err(e) => return Preflight::Failed(e.message(lang)),
            };
            if !(200..300).contains(&reply.status) {
                let ex = explain_for(spec, reply.status, &reply.body);
                return Preflight::Failed(format!(
                    "{} ({}): {}",
                    ex.title(lang),
                    call.api(),
                    ex.explanation(lang)
                ));
            }
            match parse_reply(spec, call, &reply.body) {
                Ok(f) => facts.merge(f),
                Err(e) => return Preflight::Failed(format!("{}: {}", call.api(), e.message(lang))),
            }
        }
        Preflight::Facts(Box::new(facts))
    }
}

/// The pre-flight panel.
#[component]
pub(crate) fn PreflightPanel(
    preflight: ReadSignal<Option<Preflight>>,
    lang: Signal<Lang>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    // `id` names the fact for tests and scripts (`fact-status`…).
    let row = |label: T, id: &'static str, value: Option<String>| {
        value.map(|v| view! { <div class="facts__row"><dt>{tr(label)}</dt><dd data-testid=id>{v}</dd></div> })
    };
    view! {
        <section class="preflight" data-testid="preflight" aria-live="polite">
            <header class="preflight__head">
                <h2>{tr(T::Preflight)}</h2>
                <button type="button" class="button button--quiet button--small" data-testid="preflight-refresh"
                    on:click=move |_| refresh.update(|n| *n += 1)>{tr(T::Refresh)}</button>
            </header>
            {move || match preflight.get() {
                None => view! { <p class="preflight__note" data-testid="preflight-loading">{tr(T::Checking)}</p> }.into_any(),
                Some(Preflight::Idle) => view! { <p class="preflight__note" data-testid="preflight-idle">{tr(T::PreflightIdle)}</p> }.into_any(),
                Some(Preflight::Failed(m)) => view! { <p class="field__message field__message--error" data-testid="preflight-error">{m}</p> }.into_any(),
                Some(Preflight::Facts(f)) => {
                    let targets = (!f.targets.is_empty()).then(|| f.targets.join(", "));
                    let blockers: Vec<String> = f.blockers.iter().map(|b| b.message(lang.get())).collect();
                    view! {
                        <dl class="facts" data-testid="preflight-facts">
                            {row(T::CurrentVersion, "fact-currentversion", f.current_version.clone())}
                            {row(T::Kernel, "fact-kernel", f.current_kernel.clone())}
                            {row(T::Status, "fact-status", f.status.clone())}
                            {row(T::Architecture, "fact-architecture", f.architecture.clone())}
                            {row(T::Health, "fact-health", f.health.clone())}
                            {row(T::Window, "fact-window", f.maintenance_window.clone())}
                            {row(T::Targets, "fact-targets", targets)}
                        </dl>
                        {(!blockers.is_empty()).then(|| view! {
                            <ul class="blockers" data-testid="preflight-blockers">
                                {blockers.into_iter().map(|b| view! { <li class="field__message field__message--error">{b}</li> }).collect_view()}
                            </ul>
                        })}
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
