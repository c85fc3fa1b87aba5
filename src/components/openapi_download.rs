//! "Download OpenAPI": the catalog's operations as an OpenAPI 3.0 file, generated in the page by
//! `console_core::openapi` for teams that also use Swagger UI, Postman or code generators. The generator
//! is a split point (`crate::lazy::openapi_text`): its code is fetched on the first click. The file is offered through a Blob URL, so no inline script is needed (CSP-friendly).

use leptos::prelude::*;

use crate::i18n::{tr, T};
use crate::lazy::split_call;
use crate::state::settings::use_settings;

/// The name of the downloaded file.
pub(crate) const OPENAPI_FILE: &str = "upgrade-console-openapi.json";

/// A button that builds the document on click and saves it as [`OPENAPI_FILE`].
#[component]
pub(crate) fn OpenApiDownload() -> impl IntoView {
    let failed = RwSignal::new(None::<String>);
    let settings = use_settings();
    let download = move |_| {
        leptos::task::spawn_local(async move {
            let outcome = match split_call!(crate::lazy::openapi_text()).await {
                Ok(text) => {
                    crate::download::download(OPENAPI_FILE, "application/json", &text).err()
                }
                // The chunk did not load: the same message as any other chunk, in the UI's language.
                Err(_) => Some(
                    T::ChunkFailed
                        .get(settings.0.with_untracked(|s| s.lang))
                        .to_owned(),
                ),
            };
            failed.set(outcome);
        });
    };
    view! {
        <p class="openapi-download">
            <button type="button" class="button button--quiet" data-testid="download-openapi" on:click=download>
                {tr(T::DownloadOpenApi)}
            </button>
            " " <span class="settings__help">{tr(T::DownloadOpenApiHelp)}</span>
            {move || failed.get().map(|e| view! { <span role="alert" data-testid="download-openapi-error">{e}</span> })}
        </p>
    }
}
