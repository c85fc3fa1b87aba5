//! The form of one operation, rendered from its catalog entry: region and destination, the fields with
//! inline validation, live pre-flight, advisories, a summary of what blocks Send, preview, the
//! confirmation step and the result.

use console_core::build::{build, BuiltRequest};
use console_core::catalog::{ApiSpec, Cloud, Product};
use console_core::preflight::read_target;
use console_core::region::regions;
use console_core::validate::validate_with;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::call::use_call_env;
use crate::forms::confirm::Pending;
use crate::forms::field_input::FieldInput;
use crate::forms::preflight_panel::{use_preflight, Preflight, PreflightPanel};
use crate::forms::preview_panel::{CliInput, PreviewData, PreviewPanel};
use crate::forms::result_panel::ResultPanel;
use crate::forms::state::use_form_state;
use crate::i18n::{tr, T};
use crate::lazy::split_call;
use crate::upstream::in_sandbox;

/// Every operation's form: no hand-written form per API.
#[component]
pub(crate) fn OperationForm(spec: &'static ApiSpec) -> impl IntoView {
    let env = use_call_env();
    let lang = Signal::derive(move || env.settings.0.with(|s| s.lang));
    let form = use_form_state(spec);
    // The answer and the busy flag belong to the page (`crate::state::answers`): a call that ends after
    // the DBA left still reports, and its hold on Send is there on coming back.
    let answer = crate::state::answers::use_answers().of(spec.id);
    let (outcome, sending, refresh) = (answer.outcome, answer.sending, answer.refresh);
    let preflight = use_preflight(spec, form, env, refresh);
    let facts = Memo::new(move |_| match preflight.get() {
        Some(Preflight::Facts(f)) => Some(*f),
        _ => None,
    });
    let validated = Memo::new(move |_| {
        form.raw
            .with(|r| facts.with(|f| validate_with(spec, r, f.as_ref())))
    });
    let dest = Memo::new(move |_| env.destination(spec));
    let suggestions = Signal::derive(move || {
        facts.with(|f| f.as_ref().map(|f| f.targets.clone()).unwrap_or_default())
    });
    let has_creds = Memo::new(move |_| env.has_credentials(spec.cloud));
    let sandbox = Memo::new(move |_| {
        env.settings
            .0
            .with(|s| env.runtime.info.with(|r| in_sandbox(s, r.as_ref())))
    });
    let is_dry_run =
        move || spec.product == Product::Elasticsearch && form.value("dryRun") == "true";
    // After an accepted or unclear upgrade, Send is held for the instances it named (the hold comes
    // with the answer, see `console_core::resend`), until the DBA turns to other instances or allows
    // sending again from the answer's panel, which also says why.
    let held = Memo::new(move |_| {
        outcome.with(|o| {
            o.as_ref()
                .and_then(|o| o.hold.as_ref())
                .is_some_and(|h| form.raw.with(|r| h.covers(spec, r)))
        })
    });
    // Why Send is not possible right now, in the order a DBA would fix things.
    let reasons = Memo::new(move |_| {
        let lang = lang.get();
        let mut out = Vec::new();
        if !has_creds.get() {
            out.push(T::NeedCredentials.get(lang).to_owned());
        }
        if held.get() && !is_dry_run() {
            out.push(T::Held.get(lang).to_owned());
        }
        validated.with(|v| {
            for (name, issue) in v.errors_in_form_order(spec) {
                let label = spec.field(name).map_or(name, |f| f.label.get(lang));
                out.push(format!("{label}: {}", issue.message(lang)));
            }
        });
        // A dry run only reports the checks, so pre-flight blockers (e.g. health red) must not stop it:
        // its checklist is where the DBA reads why the upgrade would fail.
        if !is_dry_run() {
            facts.with(|f| {
                out.extend(
                    f.iter()
                        .flat_map(|f| f.blockers.iter().map(|b| b.message(lang))),
                )
            });
        }
        out
    });
    let advisories = Memo::new(move |_| {
        validated.with(|v| {
            v.form_warnings
                .iter()
                .map(|w| w.message(lang.get()))
                .collect::<Vec<_>>()
        })
    });

    let show_preview = RwSignal::new(false);
    // Not a memo: every read signs afresh (new nonce and time), as the request sent would be.
    let preview = Signal::derive(move || {
        if !show_preview.get() {
            return None;
        }
        let d = dest.get();
        let v = validated.get();
        env.auth.alibaba.track();
        env.auth.huawei.track();
        env.auth.iam_token.track();
        let Some(valid) = v.valid else {
            return Some(PreviewData {
                request: Err(T::FixFirst.get(lang.get()).to_owned()),
                cli: None,
                env,
            });
        };
        let built = build(spec, &valid, &d.host);
        Some(PreviewData {
            request: Ok((built, d.scheme)),
            cli: Some(CliInput {
                spec,
                form: valid,
                region: d.region,
                endpoint: d.cloud_host,
            }),
            env,
        })
    });

    let send_button = NodeRef::<leptos::html::Button>::new();
    let pending = RwSignal::new(None::<Pending>);
    // The request the form describes right now, unsigned, and its scheme.
    let request_now = move || {
        let valid = validated.get_untracked().valid?;
        let d = dest.get_untracked();
        Some((build(spec, &valid, &d.host), d.scheme))
    };
    // A confirmation is for one request: if the form changes while the dialog's code is still loading
    // (the page is not inert until the modal opens), the confirmation is dropped and Send starts over.
    // The request is built again only while a confirmation is pending, not on every keystroke.
    Effect::new(move |_| {
        validated.track();
        dest.track();
        let stale = pending.with_untracked(|p| {
            p.as_ref()
                .is_some_and(|p| request_now().is_none_or(|(r, s)| r != p.request || s != p.scheme))
        });
        if stale {
            pending.set(None);
        }
    });
    // Sends `built` as it is: a confirmed upgrade sends exactly what its dialog showed.
    let send_now = move |built: BuiltRequest, scheme: String, dry: bool| {
        pending.set(None);
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        // The previous answer goes: left on screen, it would read as this call's until the new one came.
        outcome.set(None);
        let sent = crate::lazy::Call {
            built,
            scheme,
            upgrade: (!dry).then(|| (spec, form.raw.get_untracked())),
        };
        spawn_local(async move {
            // Signed (with a fresh nonce and time) and sent in the chunk that holds the signer.
            let answer = crate::lazy::call(env, sent).await;
            let follow = answer.hold.is_some();
            outcome.set(Some(answer));
            sending.set(false);
            // The dialog is gone: keyboard focus goes back to Send rather than to the page's start
            // (if the form is still on screen: the DBA may have gone elsewhere meanwhile).
            if let Some(Some(b)) = send_button.try_get_untracked() {
                let _ = b.focus();
            }
            if follow {
                // Follow the upgrade for a while (read at once: an unclear answer may hide a started
                // one): pre-flight shows the instance's state as it changes.
                // `refresh` is the page's, so a form left and opened again keeps following.
                for _ in 0..45 {
                    refresh.update(|n| *n += 1);
                    crate::sleep::sleep(2000).await;
                }
            }
        });
    };
    let on_send = move |_| {
        form.submitted.set(true);
        if !reasons.get_untracked().is_empty() || sending.get_untracked() {
            return;
        }
        // The answer's view is a lazily loaded chunk: fetch it while the DBA confirms and the call runs.
        crate::lazy::prefetch_result();
        crate::lazy::prefetch_confirm();
        let Some((request, scheme)) = request_now() else {
            return;
        };
        if is_dry_run() {
            return send_now(request, scheme, true);
        }
        let target = form.raw.with_untracked(|r| read_target(spec, r));
        let f = facts.get_untracked();
        pending.set(target.map(|t| {
            Pending {
                request,
                scheme,
                instance_id: t.instance_id,
                operation: spec
                    .operation()
                    .map_or(console_core::Text::new(spec.api, spec.api), |o| o.title),
                // Without a target field the call moves the kernel (minor) version: show that one.
                current: f
                    .as_ref()
                    .and_then(|f| match (spec.target_field, &f.current_kernel) {
                        (None, Some(kernel)) => Some(kernel.clone()),
                        _ => f.current_version.clone(),
                    }),
                target: spec
                    .target_field
                    .map(|n| form.value(n))
                    .filter(|v| !v.is_empty()),
                count: form
                    .value("databases_instance_infos")
                    .lines()
                    .filter(|l| !l.trim().is_empty() && !l.trim().starts_with('#'))
                    .count()
                    .max(1),
                window: f.as_ref().and_then(|f| f.maintenance_window.clone()),
                last: outcome.get_untracked().filter(|o| !o.upgrade),
            }
        }));
    };

    let cloud_key = if spec.cloud == Cloud::Alibaba {
        "alibaba"
    } else {
        "huawei"
    };
    let filled = crate::forms::project::prefill_project_id(spec, form, env);
    view! {
        <section class="pane op-form" data-testid=format!("pane-op-{}", spec.id)>
            <p class="pane__crumb">{move || spec.cloud.label().get(lang.get())} " · " {move || spec.product.label().get(lang.get())}</p>
            <h1>{move || spec.operation().map_or(spec.api, |o| o.title.get(lang.get()))}</h1>
            <p class="pane__api">"API: " <code>{spec.api}</code> " (" {spec.version} ") · " {move || spec.summary.get(lang.get())}</p>
            <div class="op-form__where">
                <label for="region">{tr(T::Region)}</label>
                <select id="region" data-testid="region" on:change:target=move |ev| {
                    let v = ev.target().value();
                    env.settings.0.update(|s| { s.regions.insert(cloud_key.to_owned(), v); });
                }>
                    {regions(spec.product).iter().map(|r| {
                        let id = r.id;
                        view! { <option value=id selected=move || dest.with(|d| d.region == id)>{move || format!("{} ({id})", r.name.get(lang.get()))}</option> }
                    }).collect_view()}
                </select>
                <input class="op-form__endpoint" data-testid="endpoint-override" spellcheck="false"
                    aria-label=move || tr(T::EndpointOverride)() placeholder=move || tr(T::EndpointOverride)()
                    prop:value=move || env.settings.0.with(|s| s.endpoints.get(spec.id).cloned().unwrap_or_default())
                    on:change:target=move |ev| {
                        let v = ev.target().value().trim().to_owned();
                        env.settings.0.update(|s| {
                            if v.is_empty() { s.endpoints.remove(spec.id); } else { s.endpoints.insert(spec.id.to_owned(), v); }
                        });
                    }/>
                <span class="op-form__dest" data-testid="destination">
                    "→ " <code>{move || dest.with(|d| d.cloud_host.clone())}</code>
                    {move || sandbox.get().then(|| view! { " " <span class="tag tag--sandbox">{tr(T::ViaSandbox)}</span> })}
                </span>
            </div>
            <div class="op-form__grid">
                <form class="op-form__fields" novalidate on:submit=move |ev| ev.prevent_default()>
                    {spec.fields.iter().filter(|f| !f.advanced).map(|f| view! {
                        <FieldInput field=f form=form validated=validated lang=lang suggestions=suggestions/>
                    }).collect_view()}
                    <details class="op-form__advanced">
                        <summary>{tr(T::Advanced)}</summary>
                        {spec.fields.iter().filter(|f| f.advanced).map(|f| view! {
                            <FieldInput field=f form=form validated=validated lang=lang suggestions=suggestions/>
                        }).collect_view()}
                    </details>
                </form>
                <div class="op-form__side">
                    {(spec.product == Product::TaurusDb).then(|| view! {
                        <crate::forms::project::ProjectLookup spec=spec form=form env=env filled=filled/>
                    })}
                    <PreflightPanel preflight=preflight lang=lang refresh=refresh/>
                </div>
            </div>
            <Show when=move || !advisories.get().is_empty()>
                <ul class="advisories" data-testid="advisories">
                    {move || advisories.get().into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
                </ul>
            </Show>
            <Show when=move || !reasons.get().is_empty()>
                <div class="send-summary" data-testid="send-summary" role="status">
                    <strong>{tr(T::SendBlocked)}</strong>
                    <ul>{move || reasons.get().into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                </div>
            </Show>
            <div class="settings__actions">
                <button type="button" class="button" data-testid="send" node_ref=send_button
                    aria-disabled=move || (!reasons.get().is_empty() || sending.get()).to_string()
                    aria-busy=move || sending.get().to_string()
                    // The press keeps focus where it was: leaving a field shows its message, which could
                    // move this button down between press and release and lose the click.
                    on:mousedown=|ev| ev.prevent_default()
                    on:click=on_send>
                    {move || if is_dry_run() { tr(T::RunChecks)() } else { tr(T::Send)() }}
                </button>
                <button type="button" class="button button--quiet" data-testid="toggle-preview"
                    on:click=move |_| show_preview.update(|v| *v = !*v)>{tr(T::Preview)}</button>
                <button type="button" class="button button--quiet" data-testid="clear-form"
                    on:click=move |_| form.clear(spec)>{tr(T::ClearForm)}</button>
            </div>
            {move || pending.get().map(|p| {
                let on_confirm = Callback::new(move |(request, scheme)| send_now(request, scheme, false));
                // Cancelled (Escape or the button): keyboard focus goes back to Send, as after sending,
                // once the modal is gone (the page behind is inert until then).
                let on_cancel = Callback::new(move |()| {
                    pending.set(None);
                    request_animation_frame(move || {
                        if let Some(Some(b)) = send_button.try_get_untracked() {
                            let _ = b.focus();
                        }
                    });
                });
                // The dialog's code is a split chunk (fetched ahead by `prefetch_confirm`).
                crate::lazy::deferred(move || split_call!(crate::lazy::confirm_chunk(p.clone(), on_confirm, on_cancel)))
            })}
            <PreviewPanel data=preview/>
            <ResultPanel spec=spec outcome=outcome lang=lang
                release=Callback::new(move |()| outcome.update(|o| if let Some(o) = o { o.hold = None }))/>
        </section>
    }
}
