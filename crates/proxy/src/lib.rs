//! `console-proxy`: serves the built app (`dist/`) and forwards the page's already-signed requests to
//! allow-listed cloud endpoints, because the cloud APIs send no CORS headers.
//!
//! # Proxy URL format
//!
//! `/proxy/{scheme}/{host[:port]}/{path...}?{query}` forwards to `{scheme}://{host[:port]}/{path...}?{query}`,
//! for example `POST /proxy/https/mongodb.aliyuncs.com/?Action=...` → `POST https://mongodb.aliyuncs.com/?Action=...`.
//! Method, raw path, raw query and body are forwarded byte for byte; `Host` becomes the upstream host (with
//! the port only when it is not the scheme default); end-to-end headers pass unchanged, hop-by-hop headers
//! and the browser's `Origin`, `Referer`, `Cookie`, `Sec-*` are dropped. The reply is streamed back with its
//! status; redirects are not followed (`Location` is handed over as `X-Proxy-Upstream-Location`).
//!
//! Only allow-listed origins are reachable ([`allowlist`]: `https://*.aliyuncs.com` and
//! `https://*.myhuaweicloud.com` by default, extended with [`Config::allow`]). Failures of the proxy itself are
//! JSON `{"proxy_error": {"code", "message"}}` with an `X-Proxy-Error` header ([`ProxyError`]); anything without
//! that header is the cloud's own answer.
//!
//! The router is built by [`app`] from a [`Config`], so tests drive it in-process with `tower::oneshot` or
//! over a real loopback socket, and `main.rs` only parses arguments and serves.
#![forbid(unsafe_code)]

pub mod allowlist;
pub mod audit;
mod config;
pub mod cors;
mod error;
mod forward;
pub mod headers;
pub mod host;
mod static_files;
pub mod target;
pub mod write_op;

pub use config::{split_list, Config, ConfigError};
pub use error::{ProxyError, PROXY_ERROR_HEADER};

use std::sync::Arc;

use axum::routing::any;
use axum::Router;

/// Builds the whole HTTP surface. Keeping construction separate from serving lets tests and the binary
/// share exactly the same routes and layers.
///
/// # Panics
/// If the audit log cannot be opened or the HTTP client cannot be initialised; use [`try_app`] to handle that.
pub fn app(cfg: &Config) -> Router {
    try_app(cfg).expect("console-proxy: cannot start")
}

/// Like [`app`], but reports an unusable audit log path (or TLS initialisation failure) instead of panicking.
pub fn try_app(cfg: &Config) -> std::io::Result<Router> {
    let shared = Arc::new(forward::Shared::new(cfg)?);
    let files = Router::new()
        .fallback_service(static_files::service(&cfg.dist))
        .layer(axum::middleware::from_fn(static_files::cache_headers));
    Ok(Router::new()
        .route("/proxy", any(forward::handle))
        .route("/proxy/", any(forward::handle))
        .route("/proxy/{*rest}", any(forward::handle))
        .with_state(shared)
        .route(
            "/api/runtime",
            axum::routing::get(runtime_info).with_state(Arc::new(cfg.runtime.clone())),
        )
        .fallback_service(files))
}

/// `/api/runtime`: what the page should know about this server (the embedded sandbox, if any). Never
/// cached, since it changes with every start.
async fn runtime_info(
    axum::extract::State(info): axum::extract::State<Arc<serde_json::Value>>,
) -> impl axum::response::IntoResponse {
    (
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        axum::Json((*info).clone()),
    )
}
