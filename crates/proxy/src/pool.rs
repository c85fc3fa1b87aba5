//! One event loop's idle upstream connections, keyed by scheme and authority (`host[:port]`).
//!
//! Why not hyper-util's pooled client: its pool hashes the key (scheme and authority, byte by byte with
//! SipHash) two or three times per request, races every checkout against a lazy connect, and boxes and
//! moves large futures around; that was about a seventh of the proxy's own work per forwarded request.
//! Here the key is compared as text against a handful of upstreams, and a checkout is a `Vec::pop`.
//!
//! The rules are the ones hyper-util applied: a connection goes back to the pool only once hyper says it
//! is ready for another request (its reply fully read), the most recently used one is taken first, at
//! most `max_idle` are kept per upstream, and one idle for [`IDLE_TIMEOUT`] is closed: at checkout, and by
//! a sweep that runs every [`IDLE_TIMEOUT`] while anything is idle (so an idle connection lives at most
//! twice that). Each loop has its own pool, so the lock is never contended.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::time::Duration;

use axum::body::Bytes;
use http_body_util::Full;
use hyper::client::conn::http1::SendRequest;
use tokio::time::Instant;

use crate::host::Scheme;

/// How long an idle upstream connection is kept for reuse (the common keep-alive default).
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// The sending half of one upstream connection (its reading half runs as a task of the loop).
pub(crate) type Sender = SendRequest<Full<Bytes>>;

/// Which upstream a connection belongs to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Key {
    pub(crate) scheme: Scheme,
    /// `host` or `host:port`, as in the `Host` header.
    pub(crate) authority: Box<str>,
}

impl Key {
    fn is(&self, scheme: Scheme, authority: &str) -> bool {
        self.scheme == scheme && *self.authority == *authority
    }
}

/// A connection taken from the pool or just opened; [`Pool::release`] gives it back.
pub(crate) struct Conn {
    pub(crate) key: Arc<Key>,
    pub(crate) sender: Sender,
    /// True when it came from the pool: a request it could not even start may then be retried on
    /// another connection (the upstream may have closed it while it sat idle).
    pub(crate) reused: bool,
}

/// The idle connections of one upstream, most recently used last.
struct Upstream {
    key: Arc<Key>,
    idle: Vec<(Sender, Instant)>,
}

#[derive(Default)]
struct Inner {
    upstreams: Vec<Upstream>,
    sweeping: bool,
}

/// A cheaply clonable handle on one loop's pool.
#[derive(Clone)]
pub(crate) struct Pool {
    inner: Arc<Mutex<Inner>>,
    max_idle: usize,
    idle_timeout: Duration,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("max_idle", &self.max_idle)
            .finish_non_exhaustive()
    }
}

fn lock(m: &Mutex<Inner>) -> MutexGuard<'_, Inner> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Pool {
    /// An empty pool keeping at most `max_idle` idle connections per upstream, each for at most
    /// `idle_timeout` ([`IDLE_TIMEOUT`] but in tests).
    pub(crate) fn new(max_idle: usize, idle_timeout: Duration) -> Self {
        Self {
            inner: Arc::default(),
            max_idle: max_idle.max(1),
            idle_timeout,
        }
    }

    /// The most recently used idle connection to the upstream that is still open and ready, if any;
    /// closed or expired ones met on the way are dropped (which closes them).
    pub(crate) fn checkout(&self, scheme: Scheme, authority: &str) -> Option<Conn> {
        let mut inner = lock(&self.inner);
        let up = inner
            .upstreams
            .iter_mut()
            .find(|u| u.key.is(scheme, authority))?;
        let now = Instant::now();
        while let Some((sender, since)) = up.idle.pop() {
            if sender.is_ready() && now.saturating_duration_since(since) < self.idle_timeout {
                return Some(Conn {
                    key: Arc::clone(&up.key),
                    sender,
                    reused: true,
                });
            }
        }
        None
    }

    /// Called once the reply head is in: the connection goes back to the pool as soon as hyper has
    /// read the whole reply (at once for small replies; otherwise a small task waits for it).
    pub(crate) fn release(&self, mut conn: Conn) {
        if conn.sender.is_ready() {
            self.put(conn);
        } else if !conn.sender.is_closed() {
            let pool = self.clone();
            tokio::spawn(async move {
                if conn.sender.ready().await.is_ok() {
                    pool.put(conn);
                }
            });
        }
    }

    fn put(&self, conn: Conn) {
        let now = Instant::now();
        let mut inner = lock(&self.inner);
        let i = match inner.upstreams.iter().position(|u| u.key == conn.key) {
            Some(i) => i,
            None => {
                inner.upstreams.push(Upstream {
                    key: Arc::clone(&conn.key),
                    idle: Vec::new(),
                });
                inner.upstreams.len() - 1
            }
        };
        let up = &mut inner.upstreams[i];
        if up.idle.len() >= self.max_idle {
            return;
        }
        up.idle.push((conn.sender, now));
        if !inner.sweeping {
            inner.sweeping = true;
            drop(inner);
            tokio::spawn(sweep(Arc::downgrade(&self.inner), self.idle_timeout));
        }
    }

    /// How many idle connections the pool holds (tests).
    #[cfg(test)]
    fn idle(&self) -> usize {
        lock(&self.inner)
            .upstreams
            .iter()
            .map(|u| u.idle.len())
            .sum()
    }
}

/// Closes expired or closed idle connections every `timeout`; stops when nothing is idle or the pool is
/// gone.
async fn sweep(pool: Weak<Mutex<Inner>>, timeout: Duration) {
    loop {
        tokio::time::sleep(timeout).await;
        let Some(pool) = pool.upgrade() else { return };
        let mut inner = lock(&pool);
        let now = Instant::now();
        for up in &mut inner.upstreams {
            up.idle.retain(|(sender, since)| {
                !sender.is_closed() && now.saturating_duration_since(*since) < timeout
            });
        }
        inner.upstreams.retain(|u| !u.idle.is_empty());
        if inner.upstreams.is_empty() {
            inner.sweeping = false;
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper_util::rt::TokioIo;

    /// A connection to a server that answers every request with an empty 200.
    async fn conn(scheme: Scheme, authority: &str) -> Conn {
        let (client, server) = tokio::io::duplex(4096);
        tokio::spawn(hyper::server::conn::http1::Builder::new().serve_connection(
            TokioIo::new(server),
            hyper::service::service_fn(|_req| async {
                Ok::<_, std::convert::Infallible>(hyper::Response::new(Full::new(Bytes::new())))
            }),
        ));
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(client))
            .await
            .expect("handshake");
        tokio::spawn(connection);
        Conn {
            key: Arc::new(Key {
                scheme,
                authority: authority.into(),
            }),
            sender,
            reused: false,
        }
    }

    #[tokio::test]
    async fn reuses_by_key_bounds_idle_and_expires() {
        let timeout = Duration::from_millis(200);
        let pool = Pool::new(2, timeout);
        for _ in 0..3 {
            let mut c = conn(Scheme::Http, "127.0.0.1:9000").await;
            c.sender.ready().await.expect("ready");
            pool.release(c);
        }
        assert_eq!(pool.idle(), 2, "at most max_idle per upstream");
        assert!(pool.checkout(Scheme::Https, "127.0.0.1:9000").is_none());
        assert!(pool.checkout(Scheme::Http, "127.0.0.1:9001").is_none());
        let mut c = pool.checkout(Scheme::Http, "127.0.0.1:9000").expect("idle");
        assert!(c.reused);
        let req = hyper::Request::builder()
            .uri("/")
            .header("host", "x")
            .body(Full::new(Bytes::new()))
            .expect("req");
        let res = c.sender.send_request(req).await.expect("response");
        assert_eq!(res.status(), 200);
        drop(res);
        pool.release(c);
        tokio::task::yield_now().await;
        assert_eq!(pool.idle(), 2, "back once the reply is read");
        tokio::time::sleep(timeout * 2 + Duration::from_millis(50)).await;
        assert_eq!(pool.idle(), 0, "expired connections are closed");
        assert!(pool.checkout(Scheme::Http, "127.0.0.1:9000").is_none());
    }
}
