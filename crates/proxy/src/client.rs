//! The upstream HTTP client: hyper's HTTP/1.1 connections over rustls, with the loop's own
//! [`crate::pool`] of idle connections, rather than a higher-level client.
//!
//! Why hyper directly: the proxy already holds a parsed, validated target and a ready header map, so it
//! needs none of what a convenience client adds per request (URL re-parsing, IDNA, default headers such
//! as `Accept`, redirect policy, boxed bodies and streams, a hashed pool key). hyper never follows
//! redirects, reads no proxy environment variables and sends exactly the method, path, query, headers
//! and body it is given (the request target in origin form, `/path?query`).
//!
//! Connections are kept alive and reused ([`crate::pool`]), with `TCP_NODELAY`, the configured connect
//! timeout, and a total deadline per exchange that [`crate::reply_body`] carries on into the reply body.
//! As hyper-util's client did, a request that a reused connection could not even start (the upstream
//! closed it while idle) is sent again on another connection; nothing that was sent is ever retried.

use std::future::poll_fn;

use axum::body::Bytes;
use axum::http::{Request, Response, Uri};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use tokio::time::Instant;
use tower::Service;

use crate::error::ProxyError;
use crate::host::Scheme;
use crate::pool::{Conn, Key, Pool, IDLE_TIMEOUT};
use crate::Config;

/// One event loop's upstream client: the connector and the loop's pool.
#[derive(Clone, Debug)]
pub(crate) struct Upstream {
    connector: HttpsConnector<HttpConnector>,
    pool: Pool,
}

impl Upstream {
    /// Builds the client: plain TCP for `http`, rustls with the process's `tls` settings for `https`
    /// (built once, `tls.rs`), HTTP/1.1 only.
    pub(crate) fn new(cfg: &Config, tls: &rustls::ClientConfig) -> Self {
        let mut tcp = HttpConnector::new();
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        tcp.set_connect_timeout(Some(cfg.connect_timeout));
        let mut tls = tls.clone();
        // The builder sets ALPN itself (`enable_http1`) and refuses a config that already has it.
        tls.alpn_protocols.clear();
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(tcp);
        Self {
            connector,
            pool: Pool::new(cfg.max_concurrent, IDLE_TIMEOUT),
        }
    }

    /// Sends one request (URI in origin form, `Host` set) to `scheme://authority` and waits for the reply
    /// head until `deadline`. `authority` names the upstream in errors; the URL never appears in them (its
    /// query carries the signature).
    pub(crate) async fn send(
        &self,
        req: Request<Full<Bytes>>,
        scheme: Scheme,
        authority: &str,
        deadline: Instant,
    ) -> Result<Response<Incoming>, ProxyError> {
        match tokio::time::timeout_at(deadline, self.exchange(req, scheme, authority)).await {
            Ok(res) => res,
            Err(_elapsed) => Err(ProxyError::UpstreamTimeout(authority.to_owned())),
        }
    }

    async fn exchange(
        &self,
        mut req: Request<Full<Bytes>>,
        scheme: Scheme,
        authority: &str,
    ) -> Result<Response<Incoming>, ProxyError> {
        loop {
            let mut conn = match self.pool.checkout(scheme, authority) {
                Some(conn) => conn,
                // Boxed: connecting (TCP, TLS, handshake) is rare and its state is large; inline, it
                // would make every request's future, which is moved around whole, that much bigger.
                None => Box::pin(self.connect(scheme, authority)).await?,
            };
            match conn.sender.try_send_request(req).await {
                Ok(res) => {
                    self.pool.release(conn);
                    return Ok(res);
                }
                Err(mut e) => match e.take_message() {
                    Some(unsent) if conn.reused => req = unsent,
                    _ => return Err(ProxyError::from_upstream(&e.into_error(), authority)),
                },
            }
        }
    }

    /// Opens a new connection (TCP, then TLS for `https`) and starts its reading task on this loop.
    async fn connect(&self, scheme: Scheme, authority: &str) -> Result<Conn, ProxyError> {
        let failed = |e: &(dyn std::error::Error + 'static)| ProxyError::from_connect(e, authority);
        let uri = Uri::builder()
            .scheme(scheme.as_str())
            .authority(authority)
            .path_and_query("/")
            .build()
            .ok()
            .filter(|u| u.authority().map(|a| a.as_str()) == Some(authority))
            .ok_or_else(|| ProxyError::BadTarget("not a valid host".to_owned()))?;
        let mut connector = self.connector.clone();
        poll_fn(|cx| connector.poll_ready(cx))
            .await
            .map_err(|e| failed(&*e))?;
        let io = connector.call(uri).await.map_err(|e| failed(&*e))?;
        let (sender, connection) = hyper::client::conn::http1::handshake(io)
            .await
            .map_err(|e| failed(&e))?;
        tokio::spawn(connection);
        Ok(Conn {
            key: std::sync::Arc::new(Key {
                scheme,
                authority: authority.into(),
            }),
            sender,
            reused: false,
        })
    }
}
