//! The forwarding lane: every client connection starts here, and plain forwarding requests are served
//! without hyper.
//!
//! Why: the benchmark against nginx `proxy_pass` (`scripts/bench_proxy.mjs`) found the proxy's own
//! user-space work per forwarded request about twice nginx's (4.3 against 2.0 µs), with the same system
//! calls; the difference was hyper's machinery on both sides (dispatch tasks, the channel between a
//! client connection's sender and its task, body traits, boxed futures), not its parsing. The lane keeps
//! the parsing (`httparse`, hyper's own parser; rustls for TLS), the checks (the general path's
//! `admit`, CORS, header rules, error replies, access log) and drops the machinery: one task per client
//! connection reads a request, writes it to a pooled upstream connection, reads the reply and writes it
//! back, with one system call per direction for small messages.
//!
//! Nor does it build header maps: building one per request and per reply, then stripping and decorating
//! it, cost about one instruction in six per forwarded request (callgrind). The lines stay slices of the
//! bytes read and are written out filtered by the same rules the general path applies to its maps
//! (`headers::request_drops`, `headers::response_drops`, `forward::additions`). `tests/lane.rs` sends
//! one request through both paths and compares the lines on the wire, both ways; `equivalence.rs`
//! compares the lines both write for any mix of lines (a property test).
//!
//! It takes only what it can serve exactly as the general path does ([`head`] says which requests; a
//! request the general path would refuse is not one of them). At the first request it does not take
//! (the app's pages, `/api/runtime`, preflights, refusals, chunked request bodies, HTTP/1.0, or any
//! request while an audit log is kept), the connection goes to hyper's server for good, with the bytes
//! already read put back in front ([`rewind`]). So anything unusual meets the same, well-tested server
//! it always met, and the lane only ever sees requests that are already known to be well-formed.

mod body;
#[cfg(test)]
mod equivalence;
mod framing;
mod head;
mod one;
mod reply;
mod rewind;
pub(crate) mod upstream;

use std::sync::Arc;

use bytes::{Buf, BytesMut};
use hyper::server::conn::http1::Builder;
use hyper_util::rt::TokioIo;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;
use tokio::sync::{mpsc, watch};

use crate::App;
use head::Parsed;
use one::Step;

/// Serves one client connection until it closes, the loop stops, or it goes to hyper's server
/// (`http`, with `app`). `_alive` is dropped at the end, which is how the loop knows it finished.
pub(crate) async fn connection(
    mut tcp: TcpStream,
    app: App,
    http: Arc<Builder>,
    mut stop: watch::Receiver<bool>,
    _alive: mpsc::Sender<()>,
) {
    let shared = Arc::clone(app.shared());
    let cfg = &shared.common().cfg;
    let (limit, patience) = (cfg.body_limit, cfg.header_timeout);
    let mut buf = BytesMut::with_capacity(8 * 1024);
    let mut out = Vec::with_capacity(8 * 1024);
    let idle = tokio::time::sleep(patience);
    tokio::pin!(idle);
    let mut waiting = false;
    // Watching for the stop with one future for the connection's life: registered once, not per read.
    let mut watch = stop.clone();
    let stopping = watch.wait_for(|stopped| *stopped);
    tokio::pin!(stopping);
    let mut stoppable = true;
    loop {
        // An empty buffer (the usual case between two requests) has nothing to parse yet.
        let parsed = if buf.is_empty() {
            Parsed::Partial
        } else {
            head::parse(&buf, limit)
        };
        match parsed {
            Parsed::Whole(req) => {
                waiting = false;
                let used = req.head_len + req.body_len;
                match one::forward(&shared, &mut tcp, &buf[..used], req, &mut out).await {
                    Step::Next => buf.advance(used),
                    Step::Close => return,
                    Step::Other => break,
                }
                if *stop.borrow() {
                    return;
                }
                continue;
            }
            Parsed::Other => break,
            Parsed::Partial => {}
        }
        // A client gets `--header-timeout` for each whole request, or to stay idle between two.
        if !waiting {
            idle.as_mut().reset(tokio::time::Instant::now() + patience);
            waiting = true;
        }
        buf.reserve(4 * 1024);
        tokio::select! {
            biased;
            read = tcp.read_buf(&mut buf) => match read {
                // A request cut short by the client's close goes to the general server too, which
                // answers it as it always did.
                Ok(0) if !buf.is_empty() => break,
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            },
            () = &mut idle => return,
            // On stop, a request still coming in is dropped unsent, as hyper's graceful shutdown does.
            r = &mut stopping, if stoppable => {
                if r.is_ok() {
                    return;
                }
                // Nobody can stop the loop any more: stop watching.
                stoppable = false;
            }
        }
    }
    let io = TokioIo::new(rewind::Rewind::new(buf.freeze(), tcp));
    let conn = http.serve_connection(io, app);
    tokio::pin!(conn);
    let stopped = tokio::select! {
        _ = conn.as_mut() => return,
        r = stop.wait_for(|stopped| *stopped) => r.is_ok(),
    };
    if stopped {
        conn.as_mut().graceful_shutdown();
    }
    let _ = conn.await;
}
