//! "Download OpenAPI": the catalog's operations as an OpenAPI 3.0 file, generated in the page by
//! `console_core::openapi` (nothing is fetched), for teams that also use Swagger UI, Postman or code
//! generators. The file is offered through a Blob URL, so no inline script is needed (CSP-friendly).

use leptos::prelude::*;

use crate::i18n::{tr, T};

/// The name of the downloaded file.
pub(crate) const OPENAPI_FILE: &str = "upgrade-console-openapi.json";

/// A button that builds the document on click and saves it as [`OPENAPI_FILE`].
#[component]
pub(crate) fn OpenApiDownload() -> impl IntoView {
    let failed = RwSignal::new(None::<String>);
    let download = move |_| {
        let doc = console_core::openapi::openapi_json();
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        failed.set(crate::fleet::history::download(OPENAPI_FILE, "application/json", &text).err());
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
