//! One event loop's idle upstream connections, keyed by scheme and authority (`host[:port]`): hyper's
//! connections for the general path (`client.rs`) and raw ones for the lane (`lane/upstream.rs`), one
//! pool each, with the same rules.
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

/// What the pool needs to know about an idle connection.
pub(crate) trait Idle: Send + 'static {
    /// Can take a request now (checked at checkout).
    fn ready(&self) -> bool;
    /// Gone for good (checked by the sweep).
    fn closed(&self) -> bool;
}

impl Idle for Sender {
    fn ready(&self) -> bool {
        self.is_ready()
    }
    fn closed(&self) -> bool {
        self.is_closed()
    }
}

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

/// A connection taken from the pool or just opened; [`Pool::release`] (or [`Pool::put`]) gives it back.
pub(crate) struct Conn<T = Sender> {
    pub(crate) key: Arc<Key>,
    pub(crate) sender: T,
    /// True when it came from the pool: a request it could not even start may then be retried on
    /// another connection (the upstream may have closed it while it sat idle).
    pub(crate) reused: bool,
}

/// The idle connections of one upstream, most recently used last.
struct Upstream<T> {
    key: Arc<Key>,
    idle: Vec<(T, Instant)>,
}

struct Inner<T> {
    upstreams: Vec<Upstream<T>>,
    sweeping: bool,
}

/// A cheaply clonable handle on one loop's pool.
pub(crate) struct Pool<T = Sender> {
    inner: Arc<Mutex<Inner<T>>>,
    max_idle: usize,
    idle_timeout: Duration,
}

impl<T> Clone for Pool<T> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
            max_idle: self.max_idle,
            idle_timeout: self.idle_timeout,
        }
    }
}

impl<T> std::fmt::Debug for Pool<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("max_idle", &self.max_idle)
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<Inner<T>>) -> MutexGuard<'_, Inner<T>> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<T: Idle> Pool<T> {
    /// An empty pool keeping at most `max_idle` idle connections per upstream, each for at most
    /// `idle_timeout` ([`IDLE_TIMEOUT`] but in tests).
    pub(crate) fn new(max_idle: usize, idle_timeout: Duration) -> Self {
        Self {
            inner: Arc::new(Mutex::new(Inner {
                upstreams: Vec::new(),
                sweeping: false,
            })),
            max_idle: max_idle.max(1),
            idle_timeout,
        }
    }

    /// The most recently used idle connection to the upstream that is still open and ready, if any;
    /// closed or expired ones met on the way are dropped (which closes them).
    pub(crate) fn checkout(&self, scheme: Scheme, authority: &str) -> Option<Conn<T>> {
        let mut inner = lock(&self.inner);
        let up = inner
            .upstreams
            .iter_mut()
            .find(|u| u.key.is(scheme, authority))?;
        let now = Instant::now();
        while let Some((sender, since)) = up.idle.pop() {
            if sender.ready() && now.saturating_duration_since(since) < self.idle_timeout {
                return Some(Conn {
                    key: Arc::clone(&up.key),
                    sender,
                    reused: true,
                });
            }
        }
        None
    }

    /// Keeps `conn` for reuse (if fewer than `max_idle` of its upstream are idle).
    pub(crate) fn put(&self, conn: Conn<T>) {
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

impl Pool<Sender> {
    /// Called once the reply head is in: the connection goes back to the pool as soon as hyper has
    /// read the whole reply (at once for small replies; otherwise a small task waits for it).
    pub(crate) fn release(&self, mut conn: Conn) {
        if conn.sender.is_ready() {
            self.put(conn);
        } else if !conn.sender.is_closed() {
            let pool = self.clone();
            tokio::spawn(async move {
                if SendRequest::ready(&mut conn.sender).await.is_ok() {
                    pool.put(conn);
                }
            });
        }
    }
}

/// Closes expired or closed idle connections every `timeout`; stops when nothing is idle or the pool is
/// gone.
async fn sweep<T: Idle>(pool: Weak<Mutex<Inner<T>>>, timeout: Duration) {
    loop {
        tokio::time::sleep(timeout).await;
        let Some(pool) = pool.upgrade() else { return };
        let mut inner = lock(&pool);
        let now = Instant::now();
        for up in &mut inner.upstreams {
            up.idle.retain(|(sender, since)| {
                !sender.closed() && now.saturating_duration_since(*since) < timeout
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
            SendRequest::ready(&mut c.sender).await.expect("ready");
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
