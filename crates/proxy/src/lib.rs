//! `console-proxy`: serves the built app (`dist/`) and, from the proxy issue on, forwards the page's
//! already-signed requests to allow-listed cloud endpoints.
//!
//! The router is built by [`app`] from a [`Config`], so tests drive it in-process with `tower::oneshot` or
//! over a real loopback socket, and `main.rs` only parses arguments and serves.
#![forbid(unsafe_code)]

mod config;
mod static_files;

pub use config::Config;

use axum::Router;

/// Builds the whole HTTP surface. Keeping construction separate from serving lets tests and the binary
/// share exactly the same routes and layers.
pub fn app(cfg: &Config) -> Router {
    Router::new()
        .fallback_service(static_files::service(&cfg.dist))
        .layer(axum::middleware::from_fn(static_files::cache_headers))
}
