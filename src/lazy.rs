//! Split points: the code a DBA does not need to open an operation's form (the fleet page, Settings, the
//! OpenAPI generator, the request preview, the result panel) is fetched the first time it is used, so the
//! first load carries less.
//!
//! In the release build (`--features split`, `scripts/build_wasm.sh`) `wasm-split-cli` cuts each function
//! below, and everything only it reaches, out of the main module into its own wasm chunk; calling it
//! fetches and instantiates that chunk once. Without the feature (tests, debug builds) they are ordinary
//! functions, called directly: the same pages, the same code, only loaded up front.
// The split macro declares each chunk's import/export pair (`extern "C"`, `#[no_mangle]`).
#![allow(unsafe_code)]

use leptos::prelude::*;

use crate::i18n::{tr, T};

/// A chunk that did not load: the network or the server went away, or a new build replaced the files.
/// Nothing the user typed is lost (it lives in the main module), so the page offers to try again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ChunkError {
    /// The fetch or the instantiation of the chunk failed (details are in the browser console). The view
    /// shows `T::ChunkFailed`, in the user's language.
    #[error("{}", T::ChunkFailed.get(console_core::Lang::En))]
    #[cfg_attr(not(feature = "split"), allow(dead_code))]
    Load,
}

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Self::Load
    }
}

/// Calls a split function and gives a future of its result: the call itself when split (the function is
/// `async` then and loads its chunk first), a ready future around the direct call otherwise.
#[cfg(feature = "split")]
macro_rules! split_call {
    ($call:expr) => {
        $call
    };
}
#[cfg(not(feature = "split"))]
macro_rules! split_call {
    ($call:expr) => {
        std::future::ready($call)
    };
}
pub(crate) use split_call;

/// The fleet page (`/fleet`): batch planning, the runner and its journal.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(fleet, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn fleet_page() -> Result<AnyView, ChunkError> {
    Ok(view! { <crate::fleet::view::FleetPage/> }.into_any())
}

/// The settings page (`/settings`): credentials, IAM login, the encrypted store.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(settings, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn settings_page() -> Result<AnyView, ChunkError> {
    Ok(view! { <crate::pages::settings::Settings/> }.into_any())
}

/// The OpenAPI description of the catalog, pretty-printed (the "Download OpenAPI" button).
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(openapi, wasm_split_path = ::leptos::wasm_split, fallible)
)]
pub(crate) fn openapi_text() -> Result<String, ChunkError> {
    let doc = console_core::openapi::openapi_json();
    Ok(serde_json::to_string_pretty(&doc).unwrap_or_default())
}

/// The request preview: HTTP text, canonical request, curl and the vendor CLI line.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(preview, wasm_split_path = ::leptos::wasm_split, fallible)
)]
pub(crate) fn preview_chunk(
    d: crate::forms::preview_panel::PreviewData,
) -> Result<AnyView, ChunkError> {
    Ok(crate::forms::preview_panel::preview_view(d))
}

/// The answer to a call, explained: error explanations and fixes, the dry-run checklist, the signature
/// diff. Only needed once something was sent.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        result,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(result_preload)
    )
)]
pub(crate) fn result_chunk(
    spec: &'static console_core::catalog::ApiSpec,
    outcome: crate::forms::result_panel::Outcome,
    lang: console_core::Lang,
    release: Callback<()>,
) -> Result<AnyView, ChunkError> {
    Ok(crate::forms::result_panel::result_view(
        spec, outcome, lang, release,
    ))
}

/// Starts fetching the result chunk (once; a failure is retried when the answer is shown), so the answer to
/// a call shows without waiting for code. Nothing to do when the chunks are not split.
pub(crate) fn prefetch_result() {
    #[cfg(feature = "split")]
    prefetch(result_preload);
}

/// The confirmation of an irreversible upgrade (a native modal dialog): only needed at "Review and
/// send", and about 3 KB of the first load if it were in the main module.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        confirm,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(confirm_preload)
    )
)]
pub(crate) fn confirm_chunk(
    pending: crate::forms::confirm::Pending,
    on_confirm: Callback<(console_core::build::BuiltRequest, String)>,
    on_cancel: Callback<()>,
) -> Result<AnyView, ChunkError> {
    use crate::forms::confirm::{ConfirmDialog, ConfirmDialogProps};
    Ok(ConfirmDialog(ConfirmDialogProps {
        pending,
        on_confirm,
        on_cancel,
    })
    .into_any())
}

/// Starts fetching the confirmation's chunk, so the dialog opens at once when the DBA presses Send.
pub(crate) fn prefetch_confirm() {
    #[cfg(feature = "split")]
    prefetch(confirm_preload);
}

/// Starts `preload` without waiting for it. The loader runs one fetch per chunk however often this is
/// called, keeps a loaded chunk, and forgets a failed fetch, so a failure costs nothing: the next prefetch,
/// or the call that needs the chunk (which reports it), fetches again.
#[cfg(feature = "split")]
fn prefetch<F>(preload: fn() -> F)
where
    F: std::future::Future<Output = Result<(), leptos::wasm_split::SplitLoaderError>> + 'static,
{
    leptos::task::spawn_local(async move {
        let _ = preload().await;
    });
}

/// A future a split function hands back: split functions cannot be `async` themselves.
pub(crate) type LocalFuture<T> = futures::future::LocalBoxFuture<'static, T>;

/// Signs and sends one call. The signer (canonicalisation, HMAC, SHA-1/SHA-256) and the HTTP client are
/// only needed once a DBA reaches a cloud, so they load with the first call, whichever comes first:
/// pre-flight, Send or a look-up.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        net,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(net_preload)
    )
)]
fn call_chunk(
    env: crate::call::CallEnv,
    call: Call,
) -> Result<LocalFuture<crate::call::Outcome>, ChunkError> {
    Ok(Box::pin(async move {
        let Call {
            built,
            scheme,
            upgrade,
        } = call;
        // While an upgrade is on its way, closing or reloading the page asks first.
        let _leaving = upgrade.is_some().then(crate::leave_guard::LeaveGuard::new);
        let sent = upgrade.as_ref().map(|_| built.clone());
        let mut answer = env.call(built, scheme).await;
        // An upgrade's answer also carries the hold it leaves on sending again
        // (`console_core::resend`), worked out here because sorting the answer reads the error texts,
        // which live in this chunk. The call also goes into the on-device history, as a batch run's
        // calls do, without the answer waiting for it (IndexedDB may be slow or blocked by another tab).
        if let (Some((spec, raw)), Some(built)) = (upgrade, sent) {
            let sorted = crate::fleet::run::outcome_of(&answer.result);
            answer.upgrade = true;
            let instances = console_core::resend::instances(spec, &raw);
            crate::fleet::history::record_later(
                built,
                instances.clone(),
                raw,
                answer.result.clone(),
                sorted.clone(),
            );
            answer.hold = console_core::resend::SendHold::after(instances, &sorted);
        }
        answer
    }))
}

/// One call to sign and send.
pub(crate) struct Call {
    pub(crate) built: console_core::build::BuiltRequest,
    pub(crate) scheme: String,
    /// For an upgrade from a form (not a read, not a dry run), which may leave a hold on sending
    /// again and is written to the on-device history: the form it came from, whose instances are held.
    pub(crate) upgrade: Option<(
        &'static console_core::catalog::ApiSpec,
        console_core::validate::RawForm,
    )>,
}

impl Call {
    /// A call that changes nothing (a read, a dry run).
    pub(crate) fn read(built: console_core::build::BuiltRequest, scheme: String) -> Self {
        Self {
            built,
            scheme,
            upgrade: None,
        }
    }
}

/// One pre-flight round (every read of the operation, their replies parsed), in the same chunk as
/// [`call_chunk`].
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(net, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn preflight_chunk(
    round: crate::forms::preflight_panel::Round,
) -> Result<LocalFuture<crate::forms::preflight_panel::Preflight>, ChunkError> {
    Ok(Box::pin(round.run()))
}

/// Starts fetching the signer's chunk when the DBA starts typing into a form, so the first pre-flight
/// does not wait for code (see [`prefetch`]: typing on costs no second fetch).
pub(crate) fn prefetch_net() {
    #[cfg(feature = "split")]
    prefetch(net_preload);
}

/// Signs and sends `call`, loading the signer first when it is not loaded yet. A chunk that does not
/// load is an outcome like any other failed call: nothing was sent.
pub(crate) async fn call(env: crate::call::CallEnv, call: Call) -> crate::call::Outcome {
    match split_call!(call_chunk(env, call)).await {
        Ok(sent) => sent.await,
        Err(e) => crate::call::CallError::from(e).into(),
    }
}

/// Runs one pre-flight round, loading the signer first when needed.
pub(crate) async fn preflight(
    round: crate::forms::preflight_panel::Round,
) -> crate::forms::preflight_panel::Preflight {
    let lang = round.lang;
    match split_call!(preflight_chunk(round)).await {
        Ok(done) => done.await,
        Err(ChunkError::Load) => {
            crate::forms::preflight_panel::Preflight::Failed(T::ChunkFailed.get(lang).to_owned())
        }
    }
}

/// A failed call's message in `lang`, made in the signer's chunk: the texts of call errors (Chinese
/// included) stay out of the first load. That chunk is loaded by then, since the error came from it.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(net, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn call_message_chunk(
    e: crate::call::CallError,
    lang: console_core::Lang,
) -> Result<String, ChunkError> {
    Ok(e.message(lang))
}

/// The message of `e` in `lang`, for views in the main module (see [`call_message_chunk`]).
pub(crate) async fn call_message(e: crate::call::CallError, lang: console_core::Lang) -> String {
    match e {
        crate::call::CallError::Chunk(_) => T::ChunkFailed.get(lang).to_owned(),
        e => split_call!(call_message_chunk(e, lang))
            .await
            .unwrap_or_else(|_| T::ChunkFailed.get(lang).to_owned()),
    }
}

/// The `/fleet` route.
#[component]
pub(crate) fn FleetRoute() -> impl IntoView {
    deferred(|| split_call!(fleet_page()))
}

/// The `/settings` route.
#[component]
pub(crate) fn SettingsRoute() -> impl IntoView {
    deferred(|| split_call!(settings_page()))
}

/// Shows "Loading…" while `load` runs, then its view; a failed load shows why and a button that tries
/// again (a failure is not cached, so the next attempt fetches afresh).
///
/// A signal and a task rather than `<Suspense>`: the async machinery Suspense brings (async derived
/// signals, suspense contexts) was the largest generic code left in the main module after the router.
pub(crate) fn deferred<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<AnyView, ChunkError>> + 'static,
{
    // `None` while loading; the view is taken out of the slot when it is rendered.
    let slot = RwSignal::new_local(None::<Result<AnyView, ChunkError>>);
    let load = StoredValue::new(load);
    // The view is built inside the task, so the task runs under an owner of its own below this one (the
    // contexts are there, also when "Try again" starts it), and is abandoned with it: a chunk that
    // arrives after the DBA left builds nothing under the next page.
    let owner = Owner::new();
    let start = move || {
        slot.set(None);
        // The loader's future is polled by one task only: it keeps the waker of its first poll. (A
        // chunk already loaded is ready at that first poll, a microtask later: before the next paint.)
        if let Some(fut) = load.try_with_value(|load| load()) {
            let (fut, abort) = futures::future::abortable(fut);
            owner.with(|| on_cleanup(move || abort.abort()));
            let fut = leptos::reactive::computed::ScopedFuture {
                owner: owner.clone(),
                observer: None,
                fut,
            };
            leptos::task::spawn_local(async move {
                if let Ok(done) = fut.await {
                    slot.set(Some(done));
                }
            });
        }
    };
    start();
    move || {
        slot.track();
        let start = start.clone();
        match slot.try_update_untracked(Option::take).flatten() {
            None => view! { <p class="chunk-loading" role="status" data-testid="chunk-loading">{tr(T::Loading)}</p> }
            .into_any(),
            Some(Ok(view)) => view,
            Some(Err(ChunkError::Load)) => view! {
                <section class="chunk-failed" role="alert" data-testid="chunk-failed">
                    <p>{tr(T::ChunkFailed)}</p>
                    <button type="button" class="button" data-testid="chunk-retry"
                        on:click=move |_| start()>{tr(T::TryAgain)}</button>
                </section>
            }
            .into_any(),
        }
    }
}
