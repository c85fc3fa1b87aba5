//! The answer, read for the DBA: success with its RequestId (and the Elasticsearch dry-run checklist),
//! a cloud error explained with a fix (and, for a signature mismatch, our string to sign diffed against
//! the server's), a reply that is not a cloud API answer at all (an HTML page, bytes that are not JSON),
//! or a proxy / network failure, each told apart from the others.

use console_core::catalog::ApiSpec;
use console_core::diff::{diff_lines, DiffKind};
use console_core::dryrun::checklist;
use console_core::explain::{explain_for, explain_write, Category};
use console_core::reply::{request_id, unreadable};
use console_core::{Lang, Text};
use leptos::prelude::*;

use crate::call::CallError;
pub(crate) use crate::call::Outcome;
use crate::error_text::proxy_reason;
use crate::i18n::{tr, T};
use crate::lazy::split_call;
use crate::transport::SendError;

/// The result panel. Its view code (with the explanations, the dry-run checklist and the diff) is a split
/// point (`crate::lazy::result_chunk`), fetched when the first answer arrives.
#[component]
pub(crate) fn ResultPanel(
    spec: &'static ApiSpec,
    outcome: RwSignal<Option<Outcome>>,
    lang: Signal<Lang>,
    /// Lifts the hold an upgrade's answer puts on sending again ("Allow sending again").
    release: Callback<()>,
) -> impl IntoView {
    // A live region that is always there, so screen readers announce each answer as it arrives.
    view! {
        <div aria-live="polite" data-testid="result-live">
            {move || {
                let o = outcome.get()?;
                let lang = lang.get();
                Some(crate::lazy::deferred(move || {
                    split_call!(crate::lazy::result_chunk(spec, o.clone(), lang, release))
                }))
            }}
        </div>
    }
}

/// The heading of a dry run's answer: how many of its checks failed.
fn dry_run_heading(failed: usize, all: usize, lang: Lang) -> String {
    match (failed, lang) {
        (0, Lang::En) => format!("Pre-upgrade checks passed ({all} of {all})"),
        (0, Lang::Zh) => format!("升级前检查全部通过（{all} 项）"),
        (n, Lang::En) => {
            format!("Pre-upgrade checks: {n} of {all} failed; the upgrade would be refused")
        }
        (n, Lang::Zh) => format!("升级前检查：{all} 项中 {n} 项未通过，升级将被拒绝"),
    }
}

/// The button that lifts a hold (here, not in `T`, so that the text stays in this chunk).
const ALLOW_RESEND: Text = Text::new("Allow sending again", "允许再次发送");

/// One outcome, rendered in `lang`, followed by the hold it puts on sending again, if any.
pub(crate) fn result_view(
    spec: &'static ApiSpec,
    o: Outcome,
    lang: Lang,
    release: Callback<()>,
) -> AnyView {
    let hold = o.hold.as_ref().map(|h| {
        view! {
            <div class="result-hold" data-testid="hold" role="status">
                <p data-testid="hold-reason">{h.message(lang).to_owned()}</p>
                <button type="button" class="button button--quiet button--small" data-testid="allow-resend"
                    on:click=move |_| release.run(())>
                    {ALLOW_RESEND.get(lang)}
                </button>
            </div>
        }
    });
    view! { {answer_view(spec, o, lang)} {hold} }.into_any()
}

/// The answer itself.
fn answer_view(spec: &'static ApiSpec, o: Outcome, lang: Lang) -> AnyView {
    // An upgrade's answer, not a dry run's (see `Outcome::upgrade`).
    let write = o.upgrade;
    // Not a cloud API answer (an HTML error page, bytes that are not JSON): never "accepted".
    let bad = o
        .result
        .as_ref()
        .ok()
        .and_then(|r| unreadable(r.status, &r.headers, &r.body));
    if let Some(u) = bad {
        return view! {
            <section class="result result--network" data-testid="result" data-kind="unreadable" data-category=u.code()>
                <h2>{u.title(lang)}</h2>
                <p data-testid="result-message">{u.message(lang)}</p>
            </section>
        }
        .into_any();
    }
    match o.result {
        Err(CallError::Send(SendError::Proxy {
            status,
            code,
            message,
        })) => {
            let reason = proxy_reason(&code, &message, lang);
            view! {
                <section class="result result--proxy" data-testid="result" data-kind="proxy">
                    <h2>{tr(T::ProxyFailed)}</h2>
                    <p><code data-testid="result-code">{code}</code> " · HTTP " {status}</p>
                    <p data-testid="result-message">{reason}</p>
                </section>
            }
            .into_any()
        }
        // Nothing left the page (no credentials, no clock, a request that cannot be signed, the signer's
        // code not loaded): not a network failure, and safe to try again once fixed.
        Err(e) if !matches!(e, CallError::Send(_)) => view! {
            <section class="result result--network" data-testid="result" data-kind="not-sent">
                <h2>{tr(T::NotSent)}</h2>
                <p data-testid="result-message">{e.message(lang)}</p>
            </section>
        }
        .into_any(),
        Err(e) => view! {
            <section class="result result--network" data-testid="result" data-kind="network">
                <h2>{tr(T::NetworkFailed)}</h2>
                <p data-testid="result-message">{e.message(lang)}</p>
            </section>
        }
        .into_any(),
        Ok(reply) if (200..300).contains(&reply.status) => {
            let rid = request_id(&reply.headers, &reply.body).unwrap_or_default();
            let checks = checklist(&reply.body);
            // A dry run is read by its verdict, not by the HTTP status: a 200 can carry failed checks.
            // (A real upgrade's answer may list its checks too; it is headed as accepted.)
            let verdict = checks
                .as_ref()
                .filter(|_| !write)
                .map(|cs| (cs.iter().filter(|c| !c.passed).count(), cs.len()));
            let (class, kind, heading) = match verdict {
                Some((0, all)) => ("result result--ok", "ok", dry_run_heading(0, all, lang)),
                Some((n, all)) => (
                    "result result--cloud",
                    "dry-run-failed",
                    dry_run_heading(n, all, lang),
                ),
                None => ("result result--ok", "ok", T::Accepted.get(lang).to_owned()),
            };
            view! {
                <section class=class data-testid="result" data-kind=kind>
                    <h2 data-testid="result-heading">{heading}</h2>
                    <p>"HTTP " <span data-testid="result-status">{reply.status}</span> " · RequestId "
                        <code data-testid="result-request-id">{rid}</code></p>
                    {checks.map(|cs| view! {
                        <ul class="checklist" data-testid="dryrun-checklist">
                            {cs.into_iter().map(|c| {
                                let title = c.title(lang);
                                view! {
                                    <li class="checklist__row" class:checklist__row--fail=!c.passed
                                        data-testid=format!("check-{}", c.kind) data-passed=c.passed.to_string()>
                                        <span class="checklist__mark" aria-hidden="true">{if c.passed { "✔" } else { "✘" }}</span>
                                        <span>{title}</span>
                                        {c.problems.into_iter().map(|p| view! {
                                            <p class="checklist__problem"><code>{p.code.clone()}</code> " " {p.message.clone()}
                                                {p.fix(lang).map(|f| view! { <br/><em>{f}</em> })}</p>
                                        }).collect_view()}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })}
                </section>
            }.into_any()
        }
        Ok(reply) => {
            let ex = if write {
                explain_write(spec, reply.status, &reply.body)
            } else {
                explain_for(spec, reply.status, &reply.body)
            };
            let diff = match &ex.category {
                Category::SignatureMismatch {
                    server_string_to_sign: Some(server),
                } => {
                    // Compare like with like: the server sends its string to sign (Alibaba RPC V1:
                    // one line; ACS3: the algorithm line, then a hash) or its canonical request
                    // (Huawei). Our string to sign starts with the same line when it is the former.
                    let first = |s: &str| s.lines().next().unwrap_or("").trim().to_owned();
                    let ours = o.prepared.as_ref().and_then(|p| match &p.string_to_sign {
                        Some(sts) if first(sts) == first(server) => Some(sts.clone()),
                        _ => p
                            .canonical_request
                            .clone()
                            .or_else(|| p.string_to_sign.clone()),
                    });
                    ours.map(|ours| diff_lines(&ours, server))
                }
                _ => None,
            };
            view! {
                <section class="result result--cloud" data-testid="result" data-kind="cloud" data-category=ex.category.code()>
                    <h2>{ex.title(lang)}</h2>
                    <p><code data-testid="result-code">{ex.code.clone().unwrap_or_default()}</code> " · HTTP " {reply.status}
                        {ex.request_id.clone().map(|r| view! { " · RequestId " <code>{r}</code> })}</p>
                    <p data-testid="result-message">{ex.message.clone().unwrap_or_default()}</p>
                    <p>{ex.explanation(lang)}</p>
                    <p class="result__fix"><strong>{tr(T::Fix)}</strong> " " {ex.fix(lang)}</p>
                    {diff.map(|d| view! {
                        <div class="diff" data-testid="signature-diff">
                            <h3>{tr(T::SignatureDiff)}</h3>
                            <pre>{d.into_iter().map(|l| {
                                let (class, mark) = match l.kind {
                                    DiffKind::Same => ("diff__same", "  "),
                                    DiffKind::Ours => ("diff__ours", "- "),
                                    DiffKind::Theirs => ("diff__theirs", "+ "),
                                };
                                view! { <span class=class>{mark}{l.text}"\n"</span> }
                            }).collect_view()}</pre>
                        </div>
                    })}
                </section>
            }.into_any()
        }
    }
}
