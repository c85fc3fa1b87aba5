//! The front door of the router: `/proxy` and `/proxy/...` go straight to the forwarding handler,
//! everything else to the app's own routes (`/api/runtime`, static files).
//!
//! Why not an axum route such as `/proxy/{*rest}`: the router would then capture the rest of the path as
//! a parameter and store it in the request for every forwarded call, though the handler never reads it
//! (it parses the raw path itself). That bookkeeping was a noticeable share of the per-request work.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::response::Response;
use axum::Router;
use tower::Service;

use crate::forward::{self, Shared};

type Reply = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

/// Dispatches on the path prefix (see the module docs).
#[derive(Clone)]
pub(crate) struct Front {
    shared: Arc<Shared>,
    rest: Router,
}

impl Front {
    pub(crate) fn new(shared: Arc<Shared>, rest: Router) -> Self {
        Self { shared, rest }
    }
}

/// True for the paths the forwarding handler owns.
fn is_proxy(path: &str) -> bool {
    path.strip_prefix("/proxy")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

impl Service<Request> for Front {
    type Response = Response;
    type Error = Infallible;
    type Future = Reply;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request) -> Reply {
        if is_proxy(req.uri().path()) {
            let shared = Arc::clone(&self.shared);
            Box::pin(async move { Ok(forward::handle(shared, req).await) })
        } else {
            // An axum `Router` is always ready.
            Box::pin(self.rest.call(req))
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
