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
//!
//! # Performance
//!
//! The binary serves on one single-threaded event loop per CPU ([`server`], one [`App`] each from
//! [`try_apps`], served without an outer router). Plain forwarding requests go through the lane
//! (`lane/`): `httparse` heads, raw pooled upstream connections, no hyper machinery; everything else,
//! and every connection from its first request the lane does not take, is served by hyper, which forwards
//! over its HTTP/1.1 connections with each loop's own pool of idle ones (`client.rs`, `pool.rs`) and
//! passes reply bodies through frame by frame (`reply_body.rs`). Log lines are buffered ([`log_writer`],
//! [`log_format`]) and the per-request access line skips tracing's event machinery ([`access_log`]), so
//! it costs little. `scripts/bench_proxy.mjs` measures the
//! result against nginx `proxy_pass`.
#![forbid(unsafe_code)]

pub mod access_log;
pub mod allowlist;
pub mod audit;
mod client;
mod config;
pub mod cors;
pub mod csp;
mod error;
mod forward;
mod front;
pub mod headers;
pub mod host;
mod lane;
pub mod log_format;
pub mod log_writer;
mod pool;
mod reply_body;
pub mod server;
mod static_files;
pub mod target;
mod tls;
pub mod write_op;

pub use config::{split_list, Config, ConfigError};
pub use error::{ProxyError, PROXY_ERROR_HEADER};
pub use front::App;

use std::sync::Arc;

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
    let app = build(cfg, Arc::new(forward::Shared::new(cfg)?));
    Ok(Router::new().fallback_service(app))
}

/// `count` apps for `count` single-threaded event loops (see [`server`]): they share the settings, the
/// concurrency bound and the audit log, and each has its own upstream connection pool, so a request never
/// has to wake another thread. Each is served directly, without an outer `Router` ([`App`]).
pub fn try_apps(cfg: &Config, count: usize) -> std::io::Result<Vec<App>> {
    let first = forward::Shared::new(cfg)?;
    let mut apps = Vec::with_capacity(count.max(1));
    for _ in 1..count {
        apps.push(build(cfg, Arc::new(first.sibling())));
    }
    apps.insert(0, build(cfg, Arc::new(first)));
    Ok(apps)
}

fn build(cfg: &Config, shared: Arc<forward::Shared>) -> App {
    let policy = app_policy(cfg);
    let files = Router::new()
        .fallback_service(static_files::service(&cfg.dist))
        .layer(axum::middleware::from_fn(static_files::cache_headers))
        .layer(axum::middleware::from_fn(
            move |req: axum::extract::Request, next: axum::middleware::Next| {
                let policy = policy.clone();
                async move {
                    let mut res = next.run(req).await;
                    csp::decorate_app(res.headers_mut(), &policy);
                    res
                }
            },
        ));
    let rest = Router::new()
        .route(
            "/api/runtime",
            axum::routing::get(runtime_info).with_state(Arc::new(cfg.runtime.clone())),
        )
        .fallback_service(files);
    App::new(shared, rest)
}

/// The app's Content-Security-Policy ([`csp`]): `connect-src` also admits the proxy that
/// `dist/config.json` names, read once at start.
fn app_policy(cfg: &Config) -> axum::http::HeaderValue {
    let mut connect = cfg.connect_src.clone();
    if let Some(o) = csp::config_json_proxy(&cfg.dist) {
        if !connect.contains(&o) {
            connect.push(o);
        }
    }
    let text = csp::app_policy(&cfg.frame_ancestors, &connect);
    // Every part was checked to be a keyword or a canonical origin, so this cannot fail.
    axum::http::HeaderValue::from_str(&text).expect("a valid CSP header value")
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
