//! The upstream HTTP client: hyper's pooled HTTP/1.1 client over rustls, used directly rather than
//! through a higher-level crate.
//!
//! Why hyper directly: the proxy already holds a parsed, validated target and a ready header map, so it
//! needs none of what a convenience client adds per request (URL re-parsing, IDNA, default headers such
//! as `Accept`, redirect policy, boxed bodies and streams). hyper never follows redirects, reads no proxy
//! environment variables and sends exactly the method, path, query, headers and body it is given.
//!
//! Connections are kept alive and reused (at most `max_concurrent` idle ones per upstream, closed after
//! 90 s idle), with `TCP_NODELAY`, the configured connect timeout, and a total deadline per exchange that
//! [`crate::reply_body`] carries on into the reply body.

use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Request, Response};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use tokio::time::Instant;

use crate::error::ProxyError;
use crate::Config;

/// How long an idle upstream connection is kept for reuse (the common keep-alive default).
const IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// A cheaply clonable handle on the shared connection pool.
#[derive(Clone, Debug)]
pub(crate) struct Upstream {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl Upstream {
    /// Builds the client: plain TCP for `http`, rustls with the webpki roots for `https`, HTTP/1.1 only.
    pub(crate) fn new(cfg: &Config) -> std::io::Result<Self> {
        let mut tcp = HttpConnector::new();
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        tcp.set_connect_timeout(Some(cfg.connect_timeout));
        let tls = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|_| std::io::Error::other("cannot initialise TLS"))?
            .https_or_http()
            .enable_http1()
            .wrap_connector(tcp);
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(IDLE_TIMEOUT)
            .pool_max_idle_per_host(cfg.max_concurrent.max(1))
            .set_host(false)
            .build(tls);
        Ok(Self { client })
    }

    /// Sends one request and waits for the reply head until `deadline`. `host` names the upstream in
    /// errors; the URL never appears in them (its query carries the signature).
    pub(crate) async fn send(
        &self,
        req: Request<Full<Bytes>>,
        deadline: Instant,
        host: &str,
    ) -> Result<Response<Incoming>, ProxyError> {
        match tokio::time::timeout_at(deadline, self.client.request(req)).await {
            Ok(Ok(res)) => Ok(res),
            Ok(Err(e)) => Err(ProxyError::from_upstream(&e, host)),
            Err(_elapsed) => Err(ProxyError::UpstreamTimeout(host.to_owned())),
        }
    }
}
