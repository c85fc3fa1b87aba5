//! The forwarding lane (`src/lane/`) over real sockets: every client connection starts there, plain
//! forwarding requests are served by it without hyper, and at the first request it does not take the
//! connection goes to hyper's server for good. These tests check, from outside, what that must not
//! change: keep-alive and pipelined requests on one connection (before and after the handover), every
//! way an upstream can frame a reply (length, chunks with trailers, close, `HEAD`), upstream connection
//! reuse without ever reusing a dead one or sending a request twice, the header timeout for a stalled
//! body, and a garbage upstream reply. Clients and special upstreams write raw bytes, so that what is
//! checked is exactly what goes over the wire.

#[path = "lane/client.rs"]
mod client;
mod common;
#[path = "lane/upstream.rs"]
mod upstream;

use client::{find, Client};
use upstream::{big, chunks, decorated, garbage, hello, unframed, upstream, After};

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::{config, serve, spawn_proxy, stub};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The stub's body for any path but `/redirect` and `/fail`.
const OK: &[u8] = br#"{"RequestId":"R-OK"}"#;
const BODY: &str = "{\"name\":\"升级\",\"n\":1}";

#[tokio::test]
async fn keep_alive_survives_the_handover_to_the_general_server() {
    let (up, log) = stub().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let mut c = Client::connect(spawn_proxy(cfg).await).await;
    for i in 0..2 {
        let r = c.get(&format!("/proxy/http/{up}/k{i}?i={i}")).await;
        assert_eq!((r.status, r.body.as_slice()), (200, OK), "request {i}");
    }
    let r = c.get("/").await;
    assert_eq!(
        (r.status, r.body.as_slice()),
        (200, &b"<!doctype html>"[..])
    );
    let r = c.get(&format!("/proxy/http/{up}/k2")).await;
    assert_eq!((r.status, r.body.as_slice()), (200, OK));
    let targets: Vec<String> = log
        .lock()
        .expect("lock")
        .iter()
        .map(|s| s.target.clone())
        .collect();
    assert_eq!(targets, ["/k0?i=0", "/k1?i=1", "/k2"]);
}

#[tokio::test]
async fn pipelined_requests_are_answered_in_order() {
    let (up, log) = stub().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    let mut c = Client::connect(proxy).await;
    let both = format!(
        "GET /proxy/http/{up}/first?a=1 HTTP/1.1\r\nHost: {proxy}\r\n\r\n\
         POST /proxy/http/{up}/fail HTTP/1.1\r\nHost: {proxy}\r\nContent-Length: {}\r\n\r\n{BODY}",
        BODY.len()
    );
    c.send(both.as_bytes()).await;
    let (first, second) = (c.reply(false).await, c.reply(false).await);
    assert_eq!((first.status, first.body.as_slice()), (200, OK));
    assert_eq!(second.status, 503);
    assert_eq!(
        second.body,
        br#"{"RequestId":"R-503","Code":"ServiceUnavailable"}"#
    );
    let seen: Vec<_> = log
        .lock()
        .expect("lock")
        .iter()
        .map(|s| (s.method.clone(), s.target.clone(), s.body.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            ("GET".into(), "/first?a=1".into(), vec![]),
            ("POST".into(), "/fail".into(), BODY.as_bytes().to_vec())
        ]
    );
}

#[tokio::test]
async fn chunked_reply_is_decoded_without_its_trailer() {
    let up = upstream(chunks, After::Stay).await;
    let (cfg, _dir) = config(&[format!("http://{}", up.addr)]);
    let mut c = Client::connect(spawn_proxy(cfg).await).await;
    for i in 0..2 {
        let r = c.get(&format!("/proxy/http/{}/c{i}", up.addr)).await;
        assert_eq!(
            (r.status, r.body.as_slice()),
            (200, &b"hello, chunks!"[..]),
            "request {i}"
        );
        assert_eq!(r.header("x-checksum"), None);
        assert!(
            find(&c.last, b"c0ffee", 0).is_none(),
            "trailer leaked: {:?}",
            String::from_utf8_lossy(&c.last)
        );
    }
    assert_eq!(up.seen.lock().expect("lock").len(), 2);
    assert_eq!(
        up.conns.load(Ordering::SeqCst),
        1,
        "reused once the chunked reply was read to its end"
    );
}

#[tokio::test]
async fn reply_framed_by_the_close_arrives_whole() {
    let up = upstream(unframed, After::Close).await;
    let (cfg, _dir) = config(&[format!("http://{}", up.addr)]);
    let mut c = Client::connect(spawn_proxy(cfg).await).await;
    for i in 0..2 {
        let r = c.get(&format!("/proxy/http/{}/u{i}", up.addr)).await;
        assert_eq!(r.status, 200, "request {i}");
        assert_eq!(r.body.len(), 100_000, "request {i}");
        assert!(r.body == big(), "request {i}: body differs");
    }
}

#[tokio::test]
async fn head_reply_keeps_its_length_but_has_no_body() {
    let up = upstream(hello, After::Stay).await;
    let (cfg, _dir) = config(&[format!("http://{}", up.addr)]);
    let proxy = spawn_proxy(cfg).await;
    let mut c = Client::connect(proxy).await;
    c.send(
        format!(
            "HEAD /proxy/http/{}/h HTTP/1.1\r\nHost: {proxy}\r\n\r\n",
            up.addr
        )
        .as_bytes(),
    )
    .await;
    let r = c.reply(true).await;
    assert_eq!((r.status, r.header("content-length")), (200, Some("11")));
    // Any body bytes would stand where the next reply's status line must be.
    let r = c.get(&format!("/proxy/http/{}/g", up.addr)).await;
    assert_eq!((r.status, r.body.as_slice()), (200, &b"hello world"[..]));
    assert_eq!(up.seen.lock().expect("lock").len(), 2);
}

#[tokio::test]
async fn chunked_request_body_is_forwarded_decoded() {
    let (up, log) = stub().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    let mut c = Client::connect(proxy).await;
    let head = format!(
        "POST /proxy/http/{up}/up HTTP/1.1\r\nHost: {proxy}\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    c.send(format!("{head}5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").as_bytes())
        .await;
    assert_eq!(c.reply(false).await.status, 200);
    assert_eq!(c.get(&format!("/proxy/http/{up}/after")).await.status, 200);
    let log = log.lock().expect("lock");
    assert_eq!(
        (log[0].target.as_str(), log[0].body.as_slice()),
        ("/up", &b"hello world"[..])
    );
    assert_eq!((log.len(), log[1].target.as_str()), (2, "/after"));
}

#[tokio::test]
async fn sequential_requests_share_one_upstream_connection() {
    let up = upstream(hello, After::Stay).await;
    let (cfg, _dir) = config(&[format!("http://{}", up.addr)]);
    let (proxy, _stop) = serve(&cfg, 1);
    let mut c = Client::connect(proxy).await;
    for i in 0..5 {
        let r = c.get(&format!("/proxy/http/{}/n{i}", up.addr)).await;
        assert_eq!(
            (r.status, r.body.as_slice()),
            (200, &b"hello world"[..]),
            "request {i}"
        );
    }
    assert_eq!(up.seen.lock().expect("lock").len(), 5);
    assert_eq!(up.conns.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_connection_the_upstream_closed_while_idle_is_not_used() {
    let up = upstream(hello, After::IdleFor(Duration::from_millis(100))).await;
    let (cfg, _dir) = config(&[format!("http://{}", up.addr)]);
    let mut c = Client::connect(spawn_proxy(cfg).await).await;
    assert_eq!(
        c.get(&format!("/proxy/http/{}/one", up.addr)).await.body,
        b"hello world"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let r = c.get(&format!("/proxy/http/{}/two", up.addr)).await;
    assert_eq!((r.status, r.body.as_slice()), (200, &b"hello world"[..]));
    let seen: Vec<String> = up
        .seen
        .lock()
        .expect("lock")
        .iter()
        .map(|r| r.lines().next().unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        seen,
        ["GET /one HTTP/1.1", "GET /two HTTP/1.1"],
        "each request sent exactly once"
    );
    assert_eq!(up.conns.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_body_that_stalls_is_cut_off_by_the_header_timeout() {
    let (up, log) = stub().await;
    let (mut cfg, _dir) = config(&[format!("http://{up}")]);
    cfg.header_timeout = Duration::from_millis(300);
    let proxy = spawn_proxy(cfg).await;
    let mut s = TcpStream::connect(proxy).await.expect("connect");
    let head = format!(
        "POST /proxy/http/{up}/stall HTTP/1.1\r\nHost: {proxy}\r\nContent-Length: 10\r\n\r\nabc"
    );
    s.write_all(head.as_bytes()).await.expect("write");
    let started = Instant::now();
    let mut got = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(3), s.read_to_end(&mut got)).await;
    assert!(read.is_ok(), "still open after 3 s");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(200) && took < Duration::from_millis(1000),
        "closed after {took:?}"
    );
    assert!(
        got.is_empty(),
        "nothing is answered: {:?}",
        String::from_utf8_lossy(&got)
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        log.lock().expect("lock").is_empty(),
        "the upstream never saw it"
    );
}

#[tokio::test]
async fn garbage_reply_head_is_a_502_and_the_connection_goes_on() {
    let bad = upstream(garbage, After::Close).await;
    let (good, _log) = stub().await;
    let (cfg, _dir) = config(&[format!("http://{}", bad.addr), format!("http://{good}")]);
    let mut c = Client::connect(spawn_proxy(cfg).await).await;
    let r = c.get(&format!("/proxy/http/{}/x", bad.addr)).await;
    assert_eq!(
        (r.status, r.proxy_error().as_deref()),
        (502, Some("upstream_error"))
    );
    let r = c.get(&format!("/proxy/http/{good}/y")).await;
    assert_eq!((r.status, r.body.as_slice()), (200, OK));
    assert_eq!(bad.seen.lock().expect("lock").len(), 1);
}

/// The header lines of a head (after its first line), sorted: what crossed, whatever the order.
fn lines(head: &str) -> Vec<String> {
    let end = head.find("\r\n\r\n").expect("head end");
    let mut lines: Vec<String> = head[..end]
        .split("\r\n")
        .skip(1)
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

#[tokio::test]
async fn the_lane_passes_exactly_the_headers_a_header_map_passes() {
    // The lane writes raw lines; hyper's path (taken for every request while an audit log is kept)
    // strips and decorates a header map. Both must put the same lines on the wire, both ways.
    let up = upstream(decorated, After::Stay).await;
    let (mut lane, _dir) = config(&[format!("http://{}", up.addr)]);
    lane.allow_cors_origin("http://portal.example")
        .expect("origin");
    let (mut general, dir) = config(&[format!("http://{}", up.addr)]);
    general
        .allow_cors_origin("http://portal.example")
        .expect("origin");
    general.audit_log = Some(dir.path().join("audit.jsonl"));
    let mut replies = Vec::new();
    for cfg in [lane, general] {
        let proxy = spawn_proxy(cfg).await;
        let mut c = Client::connect(proxy).await;
        c.send(
            format!(
                "GET /proxy/http/{}/h?a=1 HTTP/1.1\r\nHost: {proxy}\r\nHOST: second\r\n\
                 X-Mixed-Case: v\r\nOrigin: http://portal.example\r\nConnection: X-Drop\r\n\
                 X-Drop: 1\r\nSec-Fetch-Site: cross-site\r\nAccept: */*\r\nCookie: c=1\r\n\r\n",
                up.addr
            )
            .as_bytes(),
        )
        .await;
        let r = c.reply(false).await;
        assert_eq!((r.status, r.body.as_slice()), (200, &b"ok"[..]));
        replies.push(String::from_utf8(c.last.clone()).expect("utf-8"));
    }
    let seen = up.seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), 2);
    assert_eq!(lines(&seen[0]), lines(&seen[1]), "the request upstream");
    assert_eq!(
        lines(&seen[0]),
        [
            "accept: */*".to_owned(),
            format!("host: {}", up.addr),
            "x-mixed-case: v".to_owned()
        ]
    );
    assert_eq!(
        lines(&replies[0]),
        lines(&replies[1]),
        "the reply to the page"
    );
    assert_eq!(
        lines(&replies[0]),
        [
            "access-control-allow-origin: http://portal.example",
            &format!(
                "access-control-expose-headers: {}",
                console_proxy::cors::EXPOSE_HEADERS
            ),
            "content-length: 2",
            "content-security-policy: default-src 'none'; sandbox; frame-ancestors 'none'",
            "date: Mon, 01 Jan 2024 00:00:00 GMT",
            "vary: Accept",
            "vary: Origin",
            "x-acs-request-id: R1",
            "x-content-type-options: nosniff",
            "x-proxy-upstream-location: /elsewhere",
        ]
    );
}
