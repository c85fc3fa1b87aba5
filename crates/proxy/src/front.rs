//! The front door: `/proxy` and `/proxy/...` go straight to the forwarding handler, everything else to
//! the app's own routes (`/api/runtime`, static files).
//!
//! Why not an axum route such as `/proxy/{*rest}`: the router would then capture the rest of the path as
//! a parameter and store it in the request for every forwarded call, though the handler never reads it
//! (it parses the raw path itself). That bookkeeping was a noticeable share of the per-request work.
//!
//! Why [`App`] is served directly (`server.rs`) rather than as the fallback of an axum `Router`: that
//! router, and axum's `ConnectInfo` layer, cost every forwarded request a route lookup, a cloned boxed
//! service, a request-extension map for the client address and three nested futures. [`App`] is itself
//! the per-connection service and carries the client address, which only the app's own routes get as a
//! `ConnectInfo` extension. For in-process tests, [`crate::app`] still wraps it in a `Router`; the
//! forwarding handler then reads the address from `ConnectInfo`, if present.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::{ConnectInfo, Request};
use axum::response::Response;
use axum::Router;
use tower::Service;

use crate::forward::{self, Shared};

type Reply = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

/// One event loop's whole HTTP surface (see the module docs), built by [`crate::try_apps`]; serve it
/// with [`crate::server::Loops::serve`].
#[derive(Clone)]
pub struct App {
    shared: Arc<Shared>,
    rest: Router,
    /// The client's address, once bound to a connection.
    peer: Option<SocketAddr>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("peer", &self.peer)
            .finish_non_exhaustive()
    }
}

impl App {
    pub(crate) fn new(shared: Arc<Shared>, rest: Router) -> Self {
        Self {
            shared,
            rest,
            peer: None,
        }
    }
}

/// True for the paths the forwarding handler owns.
fn is_proxy(path: &str) -> bool {
    path.strip_prefix("/proxy")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

impl Service<Request> for App {
    type Response = Response;
    type Error = Infallible;
    type Future = Reply;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut req: Request) -> Reply {
        if is_proxy(req.uri().path()) {
            let shared = Arc::clone(&self.shared);
            let peer = self.peer.or_else(|| {
                req.extensions()
                    .get::<ConnectInfo<SocketAddr>>()
                    .map(|c| c.0)
            });
            Box::pin(forward::handle(shared, req, peer))
        } else {
            if let Some(peer) = self.peer {
                req.extensions_mut().insert(ConnectInfo(peer));
            }
            // An axum `Router` is always ready.
            Box::pin(self.rest.call(req))
        }
    }
}

impl App {
    /// How long a client may take to send a request's head, or keep a connection idle.
    pub(crate) fn header_timeout(&self) -> std::time::Duration {
        self.shared.header_timeout()
    }

    /// The loop's forwarding state, for the lane.
    pub(crate) fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// The copy that serves one accepted connection: it knows the client's address.
    pub(crate) fn for_peer(&self, peer: SocketAddr) -> Self {
        Self {
            peer: Some(peer),
            ..self.clone()
        }
    }
}

/// How `server.rs` serves it: hyper hands over the request with its body as it came off the wire.
impl hyper::service::Service<hyper::Request<hyper::body::Incoming>> for App {
    type Response = Response;
    type Error = Infallible;
    type Future = Reply;

    fn call(&self, req: hyper::Request<hyper::body::Incoming>) -> Reply {
        let req = req.map(axum::body::Body::new);
        if is_proxy(req.uri().path()) {
            Box::pin(forward::handle(Arc::clone(&self.shared), req, self.peer))
        } else {
            Service::<Request>::call(&mut self.clone(), req)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_proxy;

    #[test]
    fn owns_exactly_the_proxy_prefix() {
        for p in ["/proxy", "/proxy/", "/proxy/https/a.aliyuncs.com/x"] {
            assert!(is_proxy(p), "{p}");
        }
        for p in ["/", "/proxyx", "/proxy.js", "/api/runtime", "/op/proxy/x"] {
            assert!(!is_proxy(p), "{p}");
        }
    }
}
