//! Serving the apps on several single-threaded event loops, one per core, like nginx's workers.
//!
//! Each loop is a thread with its own current-thread tokio runtime and its own listening socket; the
//! sockets share one address with `SO_REUSEPORT`, so the kernel spreads new connections over the loops
//! and a connection stays on its loop for good. With [`crate::try_apps`], each loop also has its own
//! upstream connection pool. A request is therefore handled start to finish on one thread, without the
//! cross-thread wake-ups and work stealing of a multi-threaded runtime, which on a small machine cost
//! more than they bring. One loop (`--workers 1`) is a plain socket without `SO_REUSEPORT`.
//!
//! Accepted connections get `TCP_NODELAY`, so a reply's last small write is never held back waiting for
//! an acknowledgement, and start in the forwarding lane (`lane/`), which hands a connection to
//! hyper's HTTP/1.1 server at the first request it does not take. Why not `axum::serve`: it
//! serves through hyper-util's auto builder (which first sniffs for HTTP/2, then reads every byte through a
//! rewinding wrapper), selects on a shutdown signal at every wake-up, and clones the service and boxes the
//! request body for every request. The console is reached over plain HTTP/1.1 (browsers speak HTTP/2 only
//! over TLS), so none of that buys anything here.

use std::io;
use std::net::SocketAddr;
use std::thread::JoinHandle;

use hyper_util::rt::TokioTimer;
use tokio::net::{TcpListener, TcpSocket};
use tokio::runtime::Runtime;
use tokio::sync::{mpsc, watch};

use crate::App;

/// Connections waiting to be accepted, per loop.
const BACKLOG: u32 = 1024;

/// Period of a timer that each loop keeps running, so that its timer wheel always holds an entry due
/// within this long. Why: tokio wakes its own poller through an eventfd (a `write(2)`, then an extra
/// `epoll_wait` round) whenever a new timer is due before every timer already planned, and each forwarded
/// request sets one (its deadline, `--timeout`, 30 s by default); with no other timer pending, about one
/// request in five paid for that in a loopback benchmark. A deadline longer than this tick never does.
const TICK: std::time::Duration = std::time::Duration::from_secs(1);

/// A loop that is bound but not yet serving: its runtime and its listening socket (registered with
/// that runtime).
struct Bound {
    runtime: Runtime,
    listener: TcpListener,
}

/// The bound loops, ready to [`Loops::serve`].
pub struct Loops {
    loops: Vec<Bound>,
    addr: SocketAddr,
}

/// Binds `count` loops (at least one) to `addr`; port 0 picks one free port for all of them.
///
/// A port that anything already listens on is refused, as with a single socket: `SO_REUSEPORT` alone
/// would let a second console-proxy (same user, same port) silently share the traffic of the first. A
/// plain probe bind, which no `SO_REUSEPORT` group admits, checks that first (and resolves port 0).
pub fn bind(addr: SocketAddr, count: usize) -> io::Result<Loops> {
    let shared_port = count > 1;
    let mut loops = Vec::with_capacity(count.max(1));
    let mut bound = addr;
    if shared_port {
        bound = std::net::TcpListener::bind(addr)?.local_addr()?;
    }
    for _ in 0..count.max(1) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let listener = {
            let _in_runtime = runtime.enter();
            listen(bound, shared_port)?
        };
        bound = listener.local_addr()?;
        loops.push(Bound { runtime, listener });
    }
    Ok(Loops { loops, addr: bound })
}

impl Loops {
    /// The address actually bound.
    #[must_use]
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many loops there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.loops.len()
    }

    /// Always false: there is at least one loop.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.loops.is_empty()
    }

    /// Runs `fut` on the first loop's runtime before serving; tasks it spawns (an embedded sandbox)
    /// live on that loop.
    pub fn block_on<F: std::future::Future>(&self, fut: F) -> F::Output {
        self.loops[0].runtime.block_on(fut)
    }

    /// Serves `apps[i]` on loop `i` until `stop` turns true, then lets open requests finish. Loop 0
    /// runs on the calling thread together with `also` (signal handling); the others get threads of
    /// their own. Returns when every loop has stopped.
    pub fn serve<F>(self, apps: Vec<App>, stop: &watch::Receiver<bool>, also: F) -> io::Result<()>
    where
        F: std::future::Future<Output = ()>,
    {
        let mut pairs = self.loops.into_iter().zip(apps);
        let Some((first, first_app)) = pairs.next() else {
            return Ok(());
        };
        let others: Vec<JoinHandle<io::Result<()>>> = pairs
            .enumerate()
            .map(|(i, (l, app))| {
                let stop = stop.clone();
                std::thread::Builder::new()
                    .name(format!("loop-{}", i + 1))
                    .spawn(move || l.runtime.block_on(serve_one(l.listener, app, stop)))
            })
            .collect::<io::Result<_>>()?;
        let stop = stop.clone();
        let served = first.runtime.block_on(async move {
            let (served, ()) = tokio::join!(serve_one(first.listener, first_app, stop), also);
            served
        });
        for t in others {
            t.join()
                .map_err(|_| io::Error::other("an event loop panicked"))??;
        }
        served
    }
}

fn listen(addr: SocketAddr, shared_port: bool) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    if shared_port {
        socket.set_reuseport(true)?;
    }
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Serves one loop: each accepted connection is a task of this loop, served with a copy of [`App`]
/// that knows the client's address. A connection whose client does not send a whole request head within
/// [`crate::Config::header_timeout`] (also while it is idle between requests) is closed. On `stop`, no new connection is accepted, idle ones are closed and
/// open requests are answered first. A [`TICK`] timer runs alongside (see there).
async fn serve_one(
    listener: TcpListener,
    app: App,
    mut stop: watch::Receiver<bool>,
) -> io::Result<()> {
    let tick = tokio::spawn(async {
        loop {
            tokio::time::sleep(TICK).await;
        }
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(app.header_timeout());
    let http = std::sync::Arc::new(http);
    // Each connection holds a sender; `recv` ends once every one of them is gone.
    let (alive, mut all_done) = mpsc::channel::<()>(1);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.wait_for(|stopped| *stopped) => break,
        };
        let (tcp, peer) = match accepted {
            Ok(pair) => pair,
            Err(e) => {
                pause_after(&e).await;
                continue;
            }
        };
        let _ = tcp.set_nodelay(true);
        tokio::spawn(crate::lane::connection(
            tcp,
            app.for_peer(peer),
            std::sync::Arc::clone(&http),
            stop.clone(),
            alive.clone(),
        ));
    }
    drop(listener);
    drop(alive);
    let _ = all_done.recv().await;
    tick.abort();
    Ok(())
}

/// What to do after `accept` failed: a connection that went away before it was accepted is nothing; any
/// other error (out of file descriptors, say) is logged and accepting pauses for a second, so that the
/// loop does not spin while the condition lasts (as `axum::serve` does).
async fn pause_after(e: &io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!("cannot accept a connection: {e}");
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loops_share_one_port_that_nobody_else_can_join() {
        let loops = bind("127.0.0.1:0".parse().expect("addr"), 3).expect("bind");
        assert_eq!(loops.len(), 3);
        let addr = loops.local_addr();
        assert_ne!(addr.port(), 0);
        assert!(
            bind(addr, 2).is_err(),
            "a second group must not join the port"
        );
        assert!(bind(addr, 1).is_err());
        drop(loops);
        assert!(bind(addr, 2).is_ok(), "free again once the loops are gone");
    }
}
