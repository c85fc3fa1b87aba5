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

// After the macro: the chunk files below use it.
mod forms;
mod net;

pub(crate) use forms::{
    confirm_chunk, prefetch_confirm, prefetch_result, preview_chunk, result_chunk,
};
pub(crate) use net::{call, call_message, prefetch_net, preflight, Call};

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

/// Starts `preload` without waiting for it. The loader runs one fetch per chunk however often this is
/// called, keeps a loaded chunk, and forgets a failed fetch, so a failure costs nothing: the next prefetch,
/// or the call that needs the chunk (which reports it), fetches again.
#[cfg(feature = "split")]
pub(super) fn prefetch<F>(preload: fn() -> F)
where
    F: std::future::Future<Output = Result<(), leptos::wasm_split::SplitLoaderError>> + 'static,
{
    leptos::task::spawn_local(async move {
        let _ = preload().await;
    });
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
