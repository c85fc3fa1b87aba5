//! Clients that are slow or silent cannot hold the proxy's sockets for good: a request head not
//! finished within `Config::header_timeout`, or a kept-alive connection idle for that long, is closed,
//! while a client that is merely a little slow is served. Over real sockets, on the binary's own loops.

mod common;

use std::time::{Duration, Instant};

use common::{config, serve};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const HEADER_TIMEOUT: Duration = Duration::from_millis(300);

/// Waits for the proxy to close `s`; returns what it sent before, and how long that took.
async fn until_closed(s: &mut TcpStream) -> (Vec<u8>, Duration) {
    let started = Instant::now();
    let mut got = Vec::new();
    let read = tokio::time::timeout(HEADER_TIMEOUT * 10, s.read_to_end(&mut got)).await;
    assert!(
        read.is_ok(),
        "the connection is still open after {:?}",
        HEADER_TIMEOUT * 10
    );
    (got, started.elapsed())
}

#[tokio::test]
async fn slow_or_idle_clients_are_closed_and_a_little_slow_one_is_served() {
    let (mut cfg, _dir) = config(&[]);
    cfg.header_timeout = HEADER_TIMEOUT;
    let (proxy, _stop) = serve(&cfg, 1);

    // A head that never ends.
    let mut partial = TcpStream::connect(proxy).await.expect("connect");
    partial
        .write_all(b"GET /api/runtime HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    let (_, took) = until_closed(&mut partial).await;
    assert!(took >= HEADER_TIMEOUT / 2, "closed too early: {took:?}");

    // A connection that says nothing at all.
    let mut silent = TcpStream::connect(proxy).await.expect("connect");
    let (got, _) = until_closed(&mut silent).await;
    assert!(got.is_empty(), "nothing is sent to a silent client");

    // A kept-alive connection after one answered request.
    let mut kept = TcpStream::connect(proxy).await.expect("connect");
    kept.write_all(b"GET /api/runtime HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    let (got, _) = until_closed(&mut kept).await;
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 200"), "answered first: {text}");

    // A head sent in pieces, each well within the limit, is answered.
    let mut slow = TcpStream::connect(proxy).await.expect("connect");
    for piece in [
        &b"GET /api/runtime HTTP/1.1\r\n"[..],
        b"Host: x\r\n",
        b"Connection: close\r\n\r\n",
    ] {
        slow.write_all(piece).await.expect("write");
        tokio::time::sleep(HEADER_TIMEOUT / 5).await;
    }
    let (got, _) = until_closed(&mut slow).await;
    let text = String::from_utf8_lossy(&got);
    assert!(
        text.starts_with("HTTP/1.1 200"),
        "a little slow is fine: {text}"
    );
}
