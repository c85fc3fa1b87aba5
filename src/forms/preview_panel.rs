//! Preview before sending: the exact HTTP request (secrets masked), the canonical request and string to
//! sign, and the same call as `curl` and as the vendor CLI (`aliyun` / `hcloud`, which sign by themselves).

use console_core::catalog::ApiSpec;
use console_core::validate::ValidForm;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use console_core::build::BuiltRequest;

use crate::call::CallEnv;
use console_core::Text;

use crate::i18n::{tr, T};
use crate::lazy::split_call;
use crate::state::settings::use_settings;

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

/// What a copy button's last click did, said in a polite live region next to it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Copied {
    /// The clipboard holds the text.
    Done,
    /// No clipboard here (plain-http origins have no `navigator.clipboard`) or it refused: the block's
    /// text is selected instead, so Ctrl+C copies it.
    Selected,
}

/// The copy buttons' accessible names: what each one copies (the visible text is just "Copy").
const COPY_HTTP: Text = Text::new("Copy HTTP request", "复制 HTTP 请求");
const COPY_CANONICAL: Text = Text::new("Copy canonical request", "复制规范请求");
const COPY_STS: Text = Text::new("Copy string to sign", "复制待签名字符串");
const COPY_CURL: Text = Text::new("Copy curl command", "复制 curl 命令");
const COPY_CLI: Text = Text::new("Copy CLI command", "复制 CLI 命令");
/// The live region's texts after a click.
const COPIED: Text = Text::new("Copied", "已复制");
const SELECTED: Text = Text::new(
    "Copy not available here: the text is selected, press Ctrl+C",
    "此处无法复制：文本已选中，请按 Ctrl+C",
);
/// How long the feedback stays (milliseconds): long enough to read, short enough not to go stale.
const FEEDBACK_MS: i32 = 2500;

/// Copies `text` to the clipboard when the browser allows it (secure contexts); otherwise, or when the
/// write is refused, selects the text of `block`.
async fn copy(text: String, block: Option<JsValue>) -> Copied {
    let nav = web_sys::window().map(|w| w.navigator());
    let clipboard = nav.filter(|n| {
        js_sys::Reflect::get(n, &JsValue::from_str("clipboard"))
            .is_ok_and(|c| !c.is_undefined() && !c.is_null())
    });
    if let Some(n) = clipboard {
        if JsFuture::from(n.clipboard().write_text(&text))
            .await
            .is_ok()
        {
            return Copied::Done;
        }
    }
    if let Some(el) = block {
        select(&el);
    }
    Copied::Selected
}

/// `getSelection().selectAllChildren(el)`, called by name: the `Selection` binding is not worth a
/// web-sys feature for one call.
fn select(el: &JsValue) {
    let call = |this: &JsValue, name: &str, arg: Option<&JsValue>| {
        js_sys::Reflect::get(this, &JsValue::from_str(name))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| match arg {
                Some(a) => f.call1(this, a).ok(),
                None => f.call0(this).ok(),
            })
    };
    if let Some(w) = web_sys::window() {
        if let Some(sel) = call(&w, "getSelection", None) {
            call(&sel, "selectAllChildren", Some(el));
        }
    }
}

/// A block of text with a copy button named after what it copies (`name`), and a live region that
/// says what the click did.
#[component]
fn CopyBlock(title: T, name: Text, text: String, testid: &'static str) -> impl IntoView {
    let t = StoredValue::new(text.clone());
    let lang = use_settings();
    let lang = move || lang.0.with(|s| s.lang);
    let block = NodeRef::<leptos::html::Pre>::new();
    let status = RwSignal::new(None::<Copied>);
    let clicks = StoredValue::new(0u32);
    let on_click = move |_| {
        clicks.update_value(|n| *n += 1);
        let mine = clicks.get_value();
        let el = block.get_untracked().map(JsValue::from);
        spawn_local(async move {
            let done = copy(t.get_value(), el).await;
            let _ = status.try_set(Some(done));
            crate::sleep::sleep(FEEDBACK_MS).await;
            // A later click restarts the time.
            if clicks.try_get_value() == Some(mine) {
                let _ = status.try_set(None);
            }
        });
    };
    view! {
        <div class="preview__block">
            <div class="preview__block-head">
                <h3>{tr(title)}</h3>
                <span class="preview__copied" role="status" aria-live="polite" data-testid=format!("{testid}-copied")>
                    {move || status.get().map(|c| if c == Copied::Done { COPIED } else { SELECTED }.get(lang()))}
                </span>
                <button type="button" class="button button--quiet button--small" aria-label=move || name.get(lang())
                    on:click=on_click>{tr(T::Copy)}</button>
            </div>
            <pre data-testid=testid node_ref=block>{text}</pre>
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
                    <CopyBlock title=T::HttpRequest name=COPY_HTTP text=http testid="preview-http"/>
                    {p.canonical_request.map(|c| view! { <CopyBlock title=T::CanonicalRequest name=COPY_CANONICAL text=c testid="preview-canonical"/> })}
                    {p.string_to_sign.map(|s| view! { <CopyBlock title=T::StringToSign name=COPY_STS text=s testid="preview-sts"/> })}
                    <CopyBlock title=T::AsCurl name=COPY_CURL text=curl testid="preview-curl"/>
                    {(!cli.is_empty()).then(|| view! { <CopyBlock title=T::AsCli name=COPY_CLI text=cli testid="preview-cli"/> })}
                </section>
            }
            .into_any()
        }
    }
}
