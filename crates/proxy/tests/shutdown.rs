//! Stopping the event loops (`server.rs`), over real sockets: a request in flight is answered in full,
//! an idle kept-alive connection is closed, and nothing new is accepted.

mod common;

use std::time::Duration;

use common::{config, get, serve};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How long the slow upstream takes to answer.
const SLOW: Duration = Duration::from_millis(400);

/// An upstream that answers every request with `200 slow`, `SLOW` after reading its head.
async fn slow_upstream() -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf).await;
                tokio::time::sleep(SLOW).await;
                let reply =
                    b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nslow";
                let _ = s.write_all(reply).await;
            });
        }
    });
    addr
}

#[tokio::test]
async fn stopping_answers_requests_in_flight_then_accepts_nothing() {
    let up = slow_upstream().await;
    let (mut cfg, _dir) = config(&[format!("http://{up}")]);
    cfg.timeout = Duration::from_secs(5);
    let (proxy, stop) = serve(&cfg, 2);

    // A kept-alive connection that has finished its only request: stopping closes it.
    let mut idle = TcpStream::connect(proxy).await.expect("connect");
    let head = format!("GET /api/runtime HTTP/1.1\r\nHost: {proxy}\r\n\r\n");
    idle.write_all(head.as_bytes()).await.expect("write");
    let mut first = [0u8; 1024];
    let n = idle.read(&mut first).await.expect("read");
    assert!(
        first[..n].starts_with(b"HTTP/1.1 200"),
        "served before the stop"
    );

    let in_flight = tokio::spawn(async move { get(proxy, &format!("/proxy/http/{up}/x")).await });
    tokio::time::sleep(SLOW / 4).await;
    stop.send(true).expect("the loops are running");

    let reply = tokio::time::timeout(SLOW * 4, in_flight)
        .await
        .expect("the request in flight is answered in time")
        .expect("request task");
    assert_eq!((reply.status, reply.body.as_slice()), (200, &b"slow"[..]));

    let mut rest = Vec::new();
    let closed = tokio::time::timeout(SLOW * 4, idle.read_to_end(&mut rest)).await;
    assert!(
        matches!(closed, Ok(Ok(0))),
        "the idle connection is closed: {closed:?}"
    );

    // The listening sockets are gone once every loop has stopped.
    let mut refused = false;
    for _ in 0..50 {
        if TcpStream::connect(proxy).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(refused, "no new connection is accepted after the stop");
}
