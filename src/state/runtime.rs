//! What the page learns at start-up: the portal's `config.json` (beside `index.html`) and the proxy's
//! `/api/runtime` (whether it embeds the sandbox, its origin and its public demo credentials).
//! Both are optional: a static host without the proxy simply has neither.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// Public demo credentials of the embedded sandbox (not secrets: they only open the simulation).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DemoCredentials {
    /// The sandbox's Alibaba Cloud AccessKey, filled in by "Use demo credentials".
    pub(crate) alibaba_access_key_id: String,
    /// Its secret (public: it only opens the simulation).
    pub(crate) alibaba_access_key_secret: String,
    /// The sandbox's Huawei Cloud AK.
    pub(crate) huawei_access_key: String,
    /// Its SK.
    pub(crate) huawei_secret_key: String,
    /// The sandbox's project id per region, for TaurusDB calls.
    pub(crate) huawei_project_ids: BTreeMap<String, String>,
    /// The sandbox's IAM account, to try the token login.
    pub(crate) iam_domain: String,
    /// Its IAM user.
    pub(crate) iam_user: String,
    /// Its IAM password.
    pub(crate) iam_password: String,
}

/// The sandbox as the proxy describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SandboxInfo {
    /// Origin the proxy forwards sandbox calls to, e.g. `http://127.0.0.1:9000`.
    pub(crate) origin: String,
    /// What "Use demo credentials" fills in.
    pub(crate) credentials: DemoCredentials,
}

/// `/api/runtime`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RuntimeInfo {
    /// The embedded sandbox, when the proxy runs one: the banner and the demo credentials need it.
    pub(crate) sandbox: Option<SandboxInfo>,
}

/// `config.json`: presets a portal can ship beside `index.html`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PortalConfig {
    /// The portal's proxy, filled in when the user has none set.
    pub(crate) proxy_base: Option<String>,
    /// The default region per cloud (`alibaba`, `huawei`).
    pub(crate) regions: BTreeMap<String, String>,
    /// Endpoint overrides per operation id (a VPC endpoint, say).
    pub(crate) endpoints: BTreeMap<String, String>,
    /// The interface language for users who have not chosen one.
    pub(crate) lang: Option<String>,
    /// Operation ids to offer; all when absent.
    pub(crate) operations: Option<Vec<String>>,
}

// Both documents are read field by field from a JSON value rather than with derived `Deserialize`
// impls: the value parser is in the main module anyway (validation uses it), and four derived impls
// were 15 KB of it. A field of the wrong type is ignored on its own (it used to void the whole file).

impl DemoCredentials {
    fn from_json(v: &Value) -> Self {
        Self {
            alibaba_access_key_id: text(v, "alibaba_access_key_id"),
            alibaba_access_key_secret: text(v, "alibaba_access_key_secret"),
            huawei_access_key: text(v, "huawei_access_key"),
            huawei_secret_key: text(v, "huawei_secret_key"),
            huawei_project_ids: text_map(v, "huawei_project_ids"),
            iam_domain: text(v, "iam_domain"),
            iam_user: text(v, "iam_user"),
            iam_password: text(v, "iam_password"),
        }
    }
}

impl RuntimeInfo {
    fn from_json(v: &Value) -> Self {
        let sandbox = v
            .get("sandbox")
            .filter(|s| s.is_object())
            .map(|s| SandboxInfo {
                origin: text(s, "origin"),
                credentials: s
                    .get("credentials")
                    .map(DemoCredentials::from_json)
                    .unwrap_or_default(),
            });
        Self { sandbox }
    }
}

impl PortalConfig {
    fn from_json(v: &Value) -> Self {
        Self {
            proxy_base: opt_text(v, "proxy_base"),
            regions: text_map(v, "regions"),
            endpoints: text_map(v, "endpoints"),
            lang: opt_text(v, "lang"),
            operations: v.get("operations").and_then(Value::as_array).map(|ops| {
                ops.iter()
                    .filter_map(|o| o.as_str().map(str::to_owned))
                    .collect()
            }),
        }
    }
}

/// The string at `key`, if there is one.
fn opt_text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The string at `key`, or empty.
fn text(v: &Value, key: &str) -> String {
    opt_text(v, key).unwrap_or_default()
}

/// The object of strings at `key` (other entries left out), or empty.
fn text_map(v: &Value, key: &str) -> BTreeMap<String, String> {
    v.get(key)
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default()
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
        let config = fetch_json("config.json")
            .await
            .map(|v| PortalConfig::from_json(&v));
        if let Some(cfg) = &config {
            crate::state::settings::apply_portal_config(settings, cfg);
        }
        ctx.config.set(config);
    });
    spawn_local(async move {
        let info = fetch_json("api/runtime").await;
        ctx.info.set(info.map(|v| RuntimeInfo::from_json(&v)));
    });
}

/// The runtime context.
pub(crate) fn use_runtime() -> RuntimeCtx {
    expect_context::<RuntimeCtx>()
}

/// GETs a JSON object relative to the page's base URL; any failure (or another JSON type) means "not
/// provided".
async fn fetch_json(path: &str) -> Option<Value> {
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
    res.json::<Value>().await.ok().filter(Value::is_object)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{PortalConfig, RuntimeInfo};

    #[test]
    fn documents_are_read_field_by_field() {
        let cfg = PortalConfig::from_json(&json!({
            "proxy_base": "https://p.example", "regions": {"alibaba": "cn-beijing", "huawei": 7},
            "lang": 5, "operations": ["redis-major-upgrade", 3], "unknown": true
        }));
        assert_eq!(cfg.proxy_base.as_deref(), Some("https://p.example"));
        assert_eq!(cfg.regions.len(), 1, "a non-string region is left out");
        assert_eq!(cfg.lang, None, "a wrong-typed field is ignored on its own");
        assert_eq!(cfg.operations, Some(vec!["redis-major-upgrade".to_owned()]));
        assert_eq!(PortalConfig::from_json(&json!({})), PortalConfig::default());

        let info = RuntimeInfo::from_json(&json!({"sandbox": {"origin": "http://127.0.0.1:9",
            "credentials": {"alibaba_access_key_id": "demo", "huawei_project_ids": {"cn-north-4": "p1"}}}}));
        let sandbox = info.sandbox.expect("sandbox");
        assert_eq!(sandbox.origin, "http://127.0.0.1:9");
        assert_eq!(sandbox.credentials.alibaba_access_key_id, "demo");
        assert_eq!(sandbox.credentials.huawei_project_ids["cn-north-4"], "p1");
        assert_eq!(
            RuntimeInfo::from_json(&json!({"sandbox": null})).sandbox,
            None
        );
        assert_eq!(
            RuntimeInfo::from_json(&json!({"sandbox": "yes"})).sandbox,
            None
        );
    }
}
