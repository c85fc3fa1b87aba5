//! Transparent forwarding over real loopback sockets: what the upstream stub receives must be exactly what
//! the page signed, and what the page gets back must be the upstream's answer (redirects not followed).

mod common;

use common::{config, raw, spawn_proxy, stub};

const BODY: &str = "{\"name\":\"升级 — übung\",\"note\":\"a+b=c&d\"}";
const QUERY: &str = "Action=UpgradeDBInstanceKernelVersion&Name=a%2Fb%3Ac%20d%2Ae&Timestamp=2024-01-01T00%3A00%3A00Z&Signature=ab%2Bc%3D";

#[tokio::test]
async fn signed_request_arrives_byte_for_byte() {
    let (up, log) = stub().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    let path = format!("/proxy/http/{up}/v1/a%2Fb/x%20y");
    let head = format!(
        "POST {path}?{QUERY} HTTP/1.1\r\nHost: {proxy}\r\n\
         Authorization: ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=0f\r\n\
         x-acs-action: UpgradeDBInstanceKernelVersion\r\nx-acs-date: 2024-01-01T00:00:00Z\r\n\
         x-acs-content-sha256: e3b0c442\r\nx-acs-signature-nonce: n-1\r\nx-acs-security-token: tok\r\n\
         Content-Type: application/json; charset=utf-8\r\nX-Sdk-Date: 20240101T000000Z\r\n\
         X-Project-Id: p1\r\nAccept: */*\r\nUser-Agent: Mozilla/5.0 test\r\n\
         Origin: http://{proxy}\r\nReferer: http://{proxy}/op/x\r\nCookie: sid=1\r\n\
         Sec-Fetch-Mode: cors\r\nSec-Ch-Ua: x\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\n\
         Proxy-Authorization: Basic eA==\r\nConnection: X-Hop\r\nX-Hop: 1\r\nContent-Length: {}",
        BODY.len()
    );
    let reply = raw(proxy, &head, BODY.as_bytes()).await;
    assert_eq!(
        reply.status,
        200,
        "{:?}",
        String::from_utf8_lossy(&reply.body)
    );

    let seen = log.lock().expect("lock")[0].clone();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.target, format!("/v1/a%2Fb/x%20y?{QUERY}"));
    assert_eq!(seen.body, BODY.as_bytes());
    let h = &seen.headers;
    assert_eq!(h["host"], up.to_string());
    for (name, value) in [
        (
            "authorization",
            "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=0f",
        ),
        ("x-acs-action", "UpgradeDBInstanceKernelVersion"),
        ("x-acs-date", "2024-01-01T00:00:00Z"),
        ("x-acs-content-sha256", "e3b0c442"),
        ("x-acs-signature-nonce", "n-1"),
        ("x-acs-security-token", "tok"),
        ("content-type", "application/json; charset=utf-8"),
        ("x-sdk-date", "20240101T000000Z"),
        ("x-project-id", "p1"),
        ("accept", "*/*"),
        ("user-agent", "Mozilla/5.0 test"),
    ] {
        assert_eq!(
            h.get(name).map(|v| v.as_bytes()),
            Some(value.as_bytes()),
            "{name}"
        );
    }
    assert_eq!(h["content-length"], BODY.len().to_string());
    for gone in [
        "origin",
        "referer",
        "cookie",
        "sec-fetch-mode",
        "sec-ch-ua",
        "keep-alive",
        "te",
        "proxy-authorization",
        "x-hop",
        "transfer-encoding",
    ] {
        assert!(h.get(gone).is_none(), "{gone} must not be forwarded");
    }

    assert_eq!(reply.body, br#"{"RequestId":"R-OK"}"#);
    assert_eq!(reply.header("x-acs-request-id"), Some("R-OK"));
    assert_eq!(reply.header("x-end-to-end"), Some("kept"));
    assert_eq!(reply.header("content-type"), Some("application/json"));
    for gone in [
        "set-cookie",
        "x-upstream-hop",
        "x-proxy-error",
        "access-control-allow-origin",
    ] {
        assert_eq!(reply.header(gone), None, "{gone}");
    }
}

#[tokio::test]
async fn bodyless_get_stays_bodyless_and_query_order_is_kept() {
    let (up, log) = stub().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    let q = "b=2&a=1&a=0&empty=&flag&x=%E5%8D%87%2a";
    let reply = common::get(proxy, &format!("/proxy/http/{up}/openapi/instances?{q}")).await;
    assert_eq!(reply.status, 200);
    let seen = log.lock().expect("lock")[0].clone();
    assert_eq!(
        (seen.method.as_str(), seen.target.as_str()),
        ("GET", &*format!("/openapi/instances?{q}"))
    );
    assert!(seen.headers.get("content-length").is_none());
    assert!(seen.headers.get("transfer-encoding").is_none());
    assert!(seen.body.is_empty());
    // No path after the host means "/".
    let reply = common::get(proxy, &format!("/proxy/http/{up}?Action=DescribeRegions")).await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        log.lock().expect("lock")[1].target,
        "/?Action=DescribeRegions"
    );
}

#[tokio::test]
async fn upstream_5xx_is_passed_through_without_the_proxy_marker() {
    let (up, _log) = stub().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    let reply = common::get(proxy, &format!("/proxy/http/{up}/fail")).await;
    assert_eq!(reply.status, 503);
    assert_eq!(
        reply.body,
        br#"{"RequestId":"R-503","Code":"ServiceUnavailable"}"#
    );
    assert_eq!(reply.header("x-proxy-error"), None);
    assert_eq!(reply.proxy_error(), None);
}

#[tokio::test]
async fn redirects_are_returned_not_followed() {
    let (up, log) = stub().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    let reply = common::get(proxy, &format!("/proxy/http/{up}/redirect?x=1")).await;
    assert_eq!(reply.status, 302);
    assert_eq!(reply.body, b"moved");
    assert_eq!(
        reply.header("location"),
        None,
        "the browser must not follow it"
    );
    assert_eq!(
        reply.header("x-proxy-upstream-location"),
        Some("http://127.0.0.1:9/elsewhere")
    );
    assert_eq!(reply.header("x-acs-request-id"), Some("R-302"));
    assert_eq!(
        log.lock().expect("lock").len(),
        1,
        "exactly one upstream request"
    );
}

#[tokio::test]
async fn methods_outside_the_api_set_are_refused() {
    let (up, log) = stub().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    let reply = raw(
        proxy,
        &format!("TRACE /proxy/http/{up}/ HTTP/1.1\r\nHost: {proxy}"),
        b"",
    )
    .await;
    assert_eq!(
        (reply.status, reply.proxy_error().as_deref()),
        (405, Some("method_not_allowed"))
    );
    for m in ["PUT", "DELETE", "PATCH"] {
        let head = format!("{m} /proxy/http/{up}/x HTTP/1.1\r\nHost: {proxy}\r\nContent-Length: 2");
        assert_eq!(raw(proxy, &head, b"{}").await.status, 200, "{m}");
    }
    assert_eq!(log.lock().expect("lock").len(), 3);
}
