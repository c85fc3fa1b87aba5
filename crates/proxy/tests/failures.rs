//! Limits and upstream failures, each with its own status and `X-Proxy-Error` code, over real sockets with
//! short timeouts (connect 500 ms, total 800 ms).

mod common;

use std::time::{Duration, Instant};

use common::{config, get, raw, spawn_proxy, stub};

#[tokio::test]
async fn body_limit_holds_for_declared_and_chunked_bodies() {
    let (up, log) = stub().await;
    let (mut cfg, _dir) = config(&[format!("http://{up}")]);
    cfg.body_limit = 1024;
    let proxy = spawn_proxy(cfg).await;
    let target = format!("/proxy/http/{up}/");
    let big = vec![b'x'; 1025];
    let head = format!("POST {target} HTTP/1.1\r\nHost: {proxy}\r\nContent-Length: 1025");
    let reply = raw(proxy, &head, &big).await;
    assert_eq!(
        (reply.status, reply.proxy_error().as_deref()),
        (413, Some("body_too_large"))
    );

    let head = format!("POST {target} HTTP/1.1\r\nHost: {proxy}\r\nTransfer-Encoding: chunked");
    let chunked = format!("400\r\n{}\r\n1\r\ny\r\n0\r\n\r\n", "x".repeat(1024));
    let reply = raw(proxy, &head, chunked.as_bytes()).await;
    assert_eq!(
        (reply.status, reply.proxy_error().as_deref()),
        (413, Some("body_too_large"))
    );
    assert!(log.lock().expect("lock").is_empty());

    let exact = vec![b'x'; 1024];
    let head = format!("POST {target} HTTP/1.1\r\nHost: {proxy}\r\nContent-Length: 1024");
    assert_eq!(raw(proxy, &head, &exact).await.status, 200);
    assert_eq!(log.lock().expect("lock")[0].body.len(), 1024);
}

#[tokio::test]
async fn silent_upstream_times_out_with_504() {
    let up = common::silent().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    let started = Instant::now();
    let reply = get(proxy, &format!("/proxy/http/{up}/?Action=X&Signature=s")).await;
    assert_eq!(
        (reply.status, reply.proxy_error().as_deref()),
        (504, Some("upstream_timeout"))
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn dropped_connection_is_a_distinct_502() {
    let up = common::dropper().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    let reply = get(proxy, &format!("/proxy/http/{up}/")).await;
    assert_eq!(
        (reply.status, reply.proxy_error().as_deref()),
        (502, Some("upstream_connection_reset"))
    );
    let head = format!("POST /proxy/http/{up}/ HTTP/1.1\r\nHost: {proxy}\r\nContent-Length: 2");
    let reply = raw(proxy, &head, b"{}").await;
    assert_eq!(
        reply.proxy_error().as_deref(),
        Some("upstream_connection_reset")
    );
}

#[tokio::test]
async fn refused_connection_is_upstream_connect_failed() {
    let up = common::closed_port().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    let reply = get(proxy, &format!("/proxy/http/{up}/")).await;
    assert_eq!(
        (reply.status, reply.proxy_error().as_deref()),
        (502, Some("upstream_connect_failed"))
    );
    let json: serde_json::Value = serde_json::from_slice(&reply.body).expect("json");
    let message = json["proxy_error"]["message"].as_str().expect("message");
    assert_eq!(message, format!("could not connect to {up}"));
}

#[tokio::test]
async fn beyond_the_concurrency_bound_answers_503_at_once() {
    let slow = common::silent().await;
    let (fast, _log) = stub().await;
    let (mut cfg, _dir) = config(&[format!("http://{slow}"), format!("http://{fast}")]);
    cfg.max_concurrent = 1;
    let proxy = spawn_proxy(cfg).await;
    let held = tokio::spawn(async move { get(proxy, &format!("/proxy/http/{slow}/")).await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let reply = get(proxy, &format!("/proxy/http/{fast}/")).await;
    assert_eq!(
        (reply.status, reply.proxy_error().as_deref()),
        (503, Some("overloaded"))
    );
    assert!(
        started.elapsed() < Duration::from_millis(700),
        "answered at once, not queued"
    );
    assert_eq!(held.await.expect("task").status, 504);
    let reply = get(proxy, &format!("/proxy/http/{fast}/")).await;
    assert_eq!(
        reply.status, 200,
        "the permit is released after the slow request"
    );
}
