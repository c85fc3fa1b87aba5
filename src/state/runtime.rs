//! What the page learns at start-up: the portal's `config.json` (beside `index.html`) and the proxy's
//! `/api/runtime` (whether it embeds the sandbox, its origin and its public demo credentials).
//! Both are optional: a static host without the proxy simply has neither.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;

/// Public demo credentials of the embedded sandbox (not secrets: they only open the simulation).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct DemoCredentials {
    pub(crate) alibaba_access_key_id: String,
    pub(crate) alibaba_access_key_secret: String,
    pub(crate) huawei_access_key: String,
    pub(crate) huawei_secret_key: String,
    pub(crate) huawei_project_ids: BTreeMap<String, String>,
    pub(crate) iam_domain: String,
    pub(crate) iam_user: String,
    pub(crate) iam_password: String,
}

/// The sandbox as the proxy describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct SandboxInfo {
    /// Origin the proxy forwards sandbox calls to, e.g. `http://127.0.0.1:9000`.
    pub(crate) origin: String,
    pub(crate) credentials: DemoCredentials,
}

/// `/api/runtime`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct RuntimeInfo {
    pub(crate) sandbox: Option<SandboxInfo>,
}

/// `config.json`: presets a portal can ship beside `index.html`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct PortalConfig {
    pub(crate) proxy_base: Option<String>,
    pub(crate) regions: BTreeMap<String, String>,
    pub(crate) endpoints: BTreeMap<String, String>,
    pub(crate) lang: Option<String>,
    /// Operation ids to offer; all when absent.
    pub(crate) operations: Option<Vec<String>>,
}

impl RuntimeCtx {
    /// Whether the portal offers this operation (all are offered without a `config.json` list).
    pub(crate) fn offers(self, op_id: &str) -> bool {
        self.config.with(|c| {
            c.as_ref()
                .and_then(|c| c.operations.as_ref())
                .is_none_or(|ops| ops.iter().any(|o| o == op_id))
        })
    }
}

/// Context handle: both documents once loaded (`None` while loading or when absent).
#[derive(Clone, Copy)]
pub(crate) struct RuntimeCtx {
    pub(crate) info: RwSignal<Option<RuntimeInfo>>,
    pub(crate) config: RwSignal<Option<PortalConfig>>,
}

/// Starts both fetches; the UI renders at once and updates when they arrive.
pub(crate) fn provide_runtime() {
    let ctx = RuntimeCtx {
        info: RwSignal::new(None),
        config: RwSignal::new(None),
    };
    provide_context(ctx);
    let settings = crate::state::settings::use_settings();
    // Both at once, each applied as it arrives: neither waits for the other.
    spawn_local(async move {
        let config = fetch_json::<PortalConfig>("config.json").await;
        if let Some(cfg) = &config {
            crate::state::settings::apply_portal_config(settings, cfg);
        }
        ctx.config.set(config);
    });
    spawn_local(async move {
        ctx.info.set(fetch_json::<RuntimeInfo>("api/runtime").await);
    });
}

/// The runtime context.
pub(crate) fn use_runtime() -> RuntimeCtx {
    expect_context::<RuntimeCtx>()
}

/// GETs a JSON document relative to the page's base URL; any failure means "not provided".
async fn fetch_json<T: for<'de> Deserialize<'de>>(path: &str) -> Option<T> {
    let res = gloo_net::http::Request::get(&crate::transport::base_relative(path))
        .send()
        .await
        .ok()?;
    // A static host's SPA fallback answers a missing `config.json` with `index.html` and 200: a page, so
    // not provided (and not parsed). Any other type is parsed: hosts label JSON files in many ways.
    let html = res
        .headers()
        .get("content-type")
        .is_some_and(|t| t.to_ascii_lowercase().contains("html"));
    if !res.ok() || html {
        return None;
    }
    res.json::<T>().await.ok()
}
