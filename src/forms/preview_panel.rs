//! Preview before sending: the exact HTTP request (secrets masked), the canonical request and string to
//! sign, and the same call as `curl` and as the vendor CLI (`aliyun` / `hcloud`, which sign by themselves).

use console_core::catalog::ApiSpec;
use console_core::validate::ValidForm;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use console_core::build::BuiltRequest;

use crate::call::CallEnv;
use crate::i18n::{tr, T};
use crate::lazy::split_call;

/// What the preview is made from: the request to sign (with its scheme), or why there is none yet. The
/// signing happens in the preview's chunk, so the signer is not part of the first load.
#[derive(Clone)]
pub(crate) struct PreviewData {
    pub(crate) request: Result<(BuiltRequest, String), String>,
    /// What the vendor CLI line is made from; the line itself is built in the preview's chunk.
    pub(crate) cli: Option<CliInput>,
    pub(crate) env: CallEnv,
}

/// The inputs of `console_core::cli::cli_command`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CliInput {
    pub(crate) spec: &'static ApiSpec,
    pub(crate) form: ValidForm,
    pub(crate) region: String,
    pub(crate) endpoint: String,
}

/// Copies text to the clipboard when the browser allows it (secure contexts); otherwise the text stays
/// visible to select by hand.
fn copy(text: String) {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return;
    };
    let has_clipboard = js_sys::Reflect::get(&nav, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined());
    if has_clipboard {
        let _ = nav.clipboard().write_text(&text);
    }
}

/// A block of text with a copy button.
#[component]
fn CopyBlock(title: T, text: String, testid: &'static str) -> impl IntoView {
    let t = text.clone();
    view! {
        <div class="preview__block">
            <div class="preview__block-head">
                <h3>{tr(title)}</h3>
                <button type="button" class="button button--quiet button--small" on:click=move |_| copy(t.clone())>{tr(T::Copy)}</button>
            </div>
            <pre data-testid=testid>{text}</pre>
        </div>
    }
}

/// The preview panel. Its view code (and the curl, HTTP and CLI renderers) is a split point, fetched the
/// first time a DBA opens a preview (`crate::lazy::preview_chunk`).
#[component]
pub(crate) fn PreviewPanel(data: Signal<Option<PreviewData>>) -> impl IntoView {
    move || {
        data.get().map(|d| {
            crate::lazy::deferred(move || split_call!(crate::lazy::preview_chunk(d.clone())))
        })
    }
}

/// The preview of `d`, signed and rendered.
pub(crate) fn preview_view(d: PreviewData) -> AnyView {
    let lang = d.env.settings.0.with_untracked(|s| s.lang);
    let prepared = d
        .request
        .and_then(|(built, scheme)| d.env.prepare(&built, &scheme).map_err(|e| e.message(lang)));
    match prepared {
        Err(e) => view! { <section class="preview" data-testid="preview"><p class="field__message field__message--error">{e}</p></section> }.into_any(),
        Ok(p) => {
            let cloud_url = format!("{}://{}{}", p.scheme, p.request.host, p.request.path_and_query);
            let http = console_core::preview::http_text(&p.request, true);
            let curl = console_core::preview::curl_for(&p.request, &p.scheme, true);
            let cli = d
                .cli
                .map(|c| console_core::cli::cli_command(c.spec, &c.form, &c.region, Some(&c.endpoint)))
                .unwrap_or_default();
            view! {
                <section class="preview" data-testid="preview">
                    <p class="preview__url" data-testid="preview-url"><code>{p.request.method.clone()} " " {cloud_url}</code></p>
                    <p class="settings__help">{tr(T::PreviewNote)}</p>
                    <CopyBlock title=T::HttpRequest text=http testid="preview-http"/>
                    {p.canonical_request.map(|c| view! { <CopyBlock title=T::CanonicalRequest text=c testid="preview-canonical"/> })}
                    {p.string_to_sign.map(|s| view! { <CopyBlock title=T::StringToSign text=s testid="preview-sts"/> })}
                    <CopyBlock title=T::AsCurl text=curl testid="preview-curl"/>
                    {(!cli.is_empty()).then(|| view! { <CopyBlock title=T::AsCli text=cli testid="preview-cli"/> })}
                </section>
            }
            .into_any()
        }
    }
}
