//! Non-secret settings: proxy address, target (sandbox or real clouds), regions, endpoint overrides and
//! language. They persist in `localStorage`; secrets never go here (see `auth.rs` and `vault.rs`).

use std::collections::BTreeMap;

use console_core::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "upgrade-console.settings.v1";

/// Where signed requests go: the embedded sandbox (the default when the proxy has one) or the clouds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub(crate) enum Target {
    /// The proxy's built-in simulated clouds, with demo credentials.
    #[default]
    Sandbox,
    /// The real Alibaba Cloud and Huawei Cloud endpoints.
    Cloud,
}

/// Everything a DBA configures once per device, all of it safe to store in plain text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Settings {
    /// Base URL of the proxy; empty means "the origin that served this page".
    pub(crate) proxy_base: String,
    /// Sandbox or real clouds.
    pub(crate) target: Target,
    /// Region per cloud (`alibaba`, `huawei`).
    pub(crate) regions: BTreeMap<String, String>,
    /// Endpoint host overrides per operation id, for private gateways.
    pub(crate) endpoints: BTreeMap<String, String>,
    /// Interface language.
    pub(crate) lang: Lang,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            proxy_base: String::new(),
            target: Target::Sandbox,
            regions: BTreeMap::from([
                ("alibaba".to_owned(), "cn-hangzhou".to_owned()),
                ("huawei".to_owned(), "cn-north-4".to_owned()),
            ]),
            endpoints: BTreeMap::new(),
            lang: Lang::En,
        }
    }
}

impl Settings {
    /// The region chosen for a cloud key (`alibaba` / `huawei`).
    pub(crate) fn region(&self, cloud: &str) -> String {
        self.regions.get(cloud).cloned().unwrap_or_default()
    }
}

/// Context handle for [`Settings`]; the flag says whether they came from this device's storage (then a
/// portal's `config.json` no longer overrides the user's own choices).
#[derive(Clone, Copy)]
pub(crate) struct SettingsCtx(pub(crate) RwSignal<Settings>, pub(crate) bool);

/// Loads saved settings (ignoring a corrupt entry rather than failing) and persists every change.
pub(crate) fn provide_settings() {
    let saved = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str::<Settings>(&json).ok());
    let from_storage = saved.is_some();
    let signal = RwSignal::new(saved.unwrap_or_default());
    Effect::new(move |_| {
        let json = serde_json::to_string(&signal.get());
        if let (Some(store), Ok(json)) = (storage(), json) {
            // A full or disabled storage only loses persistence, never the session.
            let _ = store.set_item(STORAGE_KEY, &json);
        }
    });
    provide_context(SettingsCtx(signal, from_storage));
}

/// The settings context; panics only if `provide_settings` was never called (a programming error).
pub(crate) fn use_settings() -> SettingsCtx {
    expect_context::<SettingsCtx>()
}

/// `localStorage`, if the browser allows it (private modes may not).
pub(crate) fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Applies a portal's `config.json`: its presets replace the defaults on a device with no saved settings;
/// on one that has them, only an empty proxy address is filled in.
pub(crate) fn apply_portal_config(ctx: SettingsCtx, cfg: &crate::state::runtime::PortalConfig) {
    ctx.0.update(|s| {
        if let Some(proxy) = cfg.proxy_base.as_ref().filter(|_| s.proxy_base.is_empty()) {
            s.proxy_base.clone_from(proxy);
        }
        if ctx.1 {
            return;
        }
        s.regions.extend(cfg.regions.clone());
        s.endpoints.extend(cfg.endpoints.clone());
        if let Some(lang) = cfg.lang.as_deref().and_then(Lang::from_tag) {
            s.lang = lang;
        }
    });
}
