//! The signer's chunk: signing and sending every call (pre-flight reads, upgrades, look-ups) and the
//! texts of call errors, loaded with the first call (see the parent module for how split points work).
// The split macro declares each chunk's import/export pair (`extern "C"`, `#[no_mangle]`).
#![allow(unsafe_code)]

#[cfg(feature = "split")]
use super::prefetch;
use super::ChunkError;
use crate::i18n::T;

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
