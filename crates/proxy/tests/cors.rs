//! CORS: preflights answered by the proxy (never forwarded), listed cross-origin pages decorated, others
//! refused, same-origin left alone.

mod common;

use common::{config, raw, spawn_proxy, stub};

const PAGE: &str = "http://localhost:3000";

async fn setup() -> (
    std::net::SocketAddr,
    std::net::SocketAddr,
    common::Log,
    tempfile::TempDir,
) {
    let (up, log) = stub().await;
    let (mut cfg, dir) = config(&[format!("http://{up}")]);
    cfg.allow_cors_origin(PAGE).expect("origin");
    (spawn_proxy(cfg).await, up, log, dir)
}

#[tokio::test]
async fn preflight_is_answered_locally_with_the_signing_headers() {
    let (proxy, up, log, _dir) = setup().await;
    let head = format!(
        "OPTIONS /proxy/http/{up}/?Action=X HTTP/1.1\r\nHost: {proxy}\r\nOrigin: {PAGE}\r\n\
         Access-Control-Request-Method: POST\r\n\
         Access-Control-Request-Headers: authorization,content-type,x-acs-date,x-sdk-date"
    );
    let reply = raw(proxy, &head, b"").await;
    assert_eq!(reply.status, 204);
    assert_eq!(reply.header("access-control-allow-origin"), Some(PAGE));
    assert_eq!(
        reply.header("access-control-allow-methods"),
        Some("GET, POST, PUT, DELETE")
    );
    assert_eq!(reply.header("access-control-max-age"), Some("600"));
    let allowed = reply
        .header("access-control-allow-headers")
        .expect("allow-headers");
    for h in [
        "authorization",
        "content-type",
        "x-acs-action",
        "x-acs-version",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-content-sha256",
        "x-acs-security-token",
        "x-sdk-date",
        "x-project-id",
        "x-security-token",
        "x-auth-token",
        "x-language",
        "x-sdk-content-sha256",
    ] {
        assert!(
            allowed.split(", ").any(|a| a == h),
            "{h} missing from {allowed}"
        );
    }
    let expose = reply
        .header("access-control-expose-headers")
        .expect("expose");
    for h in [
        "Date",
        "X-Subject-Token",
        "x-acs-request-id",
        "X-Request-Id",
        "X-Proxy-Error",
    ] {
        assert!(
            expose.split(", ").any(|e| e == h),
            "{h} missing from {expose}"
        );
    }
    let vary: Vec<&str> = reply
        .headers
        .iter()
        .filter(|(k, _)| k == "vary")
        .map(|(_, v)| v.as_str())
        .collect();
    assert!(vary.iter().any(|v| v.contains("Origin")), "{vary:?}");
    assert!(
        log.lock().expect("lock").is_empty(),
        "preflights are never forwarded"
    );
}

#[tokio::test]
async fn unknown_origins_are_refused_even_for_simple_requests() {
    let (proxy, up, log, _dir) = setup().await;
    let pre = format!(
        "OPTIONS /proxy/http/{up}/ HTTP/1.1\r\nHost: {proxy}\r\nOrigin: https://evil.example\r\n\
         Access-Control-Request-Method: POST"
    );
    let reply = raw(proxy, &pre, b"").await;
    assert_eq!(
        (reply.status, reply.proxy_error().as_deref()),
        (403, Some("origin_not_allowed"))
    );
    assert_eq!(reply.header("access-control-allow-origin"), None);
    let simple = format!(
        "POST /proxy/http/{up}/?Action=DeleteDBInstance HTTP/1.1\r\nHost: {proxy}\r\n\
         Origin: https://evil.example\r\nContent-Type: text/plain\r\nContent-Length: 1"
    );
    let reply = raw(proxy, &simple, b"x").await;
    assert_eq!(
        (reply.status, reply.proxy_error().as_deref()),
        (403, Some("origin_not_allowed"))
    );
    assert!(log.lock().expect("lock").is_empty());
}

#[tokio::test]
async fn listed_origin_gets_cors_headers_on_replies_and_proxy_errors() {
    let (proxy, up, log, _dir) = setup().await;
    let head = format!("GET /proxy/http/{up}/ok HTTP/1.1\r\nHost: {proxy}\r\nOrigin: {PAGE}");
    let reply = raw(proxy, &head, b"").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("access-control-allow-origin"), Some(PAGE));
    assert!(reply.header("access-control-expose-headers").is_some());
    let head = format!("GET /proxy/https/example.com/ HTTP/1.1\r\nHost: {proxy}\r\nOrigin: {PAGE}");
    let reply = raw(proxy, &head, b"").await;
    assert_eq!(reply.proxy_error().as_deref(), Some("target_not_allowed"));
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some(PAGE),
        "the page must read the error"
    );
    assert_eq!(log.lock().expect("lock").len(), 1);
}

#[tokio::test]
async fn same_origin_needs_no_listing_and_gets_no_cors_headers() {
    let (up, log) = stub().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    let head = format!("POST /proxy/http/{up}/ HTTP/1.1\r\nHost: {proxy}\r\nOrigin: http://{proxy}\r\nContent-Length: 0");
    let reply = raw(proxy, &head, b"").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("access-control-allow-origin"), None);
    assert_eq!(log.lock().expect("lock").len(), 1);
}
