//! The chunks of an operation's form that only its use needs: the request preview, the answer's
//! explanation and the confirmation dialog (see the parent module for how split points work).
// The split macro declares each chunk's import/export pair (`extern "C"`, `#[no_mangle]`).
#![allow(unsafe_code)]

use leptos::prelude::*;

#[cfg(feature = "split")]
use super::prefetch;
use super::ChunkError;

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
