//! Content-Security-Policy on the app and on forwarded replies, and an upstream that answers bytes that
//! are not HTTP (`upstream_error` with its own message), over real sockets.

mod common;

use common::{config, get, spawn_proxy, stub};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn directives(policy: &str) -> Vec<(String, String)> {
    policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let (name, value) = d.split_once(' ').unwrap_or((d, ""));
            (name.to_owned(), value.to_owned())
        })
        .collect()
}

fn directive<'a>(ds: &'a [(String, String)], name: &str) -> &'a str {
    ds.iter()
        .find(|(n, _)| n == name)
        .map_or_else(|| panic!("no {name} in {ds:?}"), |(_, v)| v.as_str())
}

#[tokio::test]
async fn the_app_gets_a_strict_policy_with_configured_ancestors_and_connect_sources() {
    let (mut cfg, dir) = config(&[]);
    std::fs::write(dir.path().join("app-0123456789abcdef.js"), "export {}").expect("js");
    std::fs::write(
        dir.path().join("config.json"),
        r#"{"proxy_base":"https://dbproxy.example.com/"}"#,
    )
    .expect("config.json");
    cfg.frame_ancestors("'self' https://portal.example")
        .expect("ancestors");
    cfg.allow_connect("https://other-proxy.example:8443")
        .expect("connect");
    let proxy = spawn_proxy(cfg).await;
    for path in [
        "/",
        "/op/redis-major-upgrade?InstanceId=r-1",
        "/app-0123456789abcdef.js",
        "/config.json",
    ] {
        let reply = get(proxy, path).await;
        assert_eq!(reply.status, 200, "{path}");
        let policy = reply
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no CSP"));
        let ds = directives(policy);
        assert_eq!(directive(&ds, "default-src"), "'none'");
        assert_eq!(directive(&ds, "script-src"), "'self' 'wasm-unsafe-eval'");
        assert_eq!(directive(&ds, "style-src"), "'self'");
        assert_eq!(directive(&ds, "object-src"), "'none'");
        assert_eq!(directive(&ds, "base-uri"), "'self'");
        assert_eq!(
            directive(&ds, "frame-ancestors"),
            "'self' https://portal.example"
        );
        assert_eq!(
            directive(&ds, "connect-src"),
            "'self' https://other-proxy.example:8443 https://dbproxy.example.com"
        );
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    }
}

#[tokio::test]
async fn the_default_policy_lets_only_the_console_itself_frame_and_be_called() {
    let (cfg, _dir) = config(&[]);
    let proxy = spawn_proxy(cfg).await;
    let reply = get(proxy, "/settings").await;
    let ds = directives(reply.header("content-security-policy").expect("CSP"));
    assert_eq!(directive(&ds, "frame-ancestors"), "'self'");
    assert_eq!(directive(&ds, "connect-src"), "'self'");
}

#[tokio::test]
async fn forwarded_replies_and_proxy_errors_are_inert_documents() {
    let (up, _log) = stub().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    for (path, status) in [
        (format!("/proxy/http/{up}/page.html"), 200),
        (format!("/proxy/http/{up}/fail"), 503),
        ("/proxy/https/evil.example/x".to_owned(), 403),
    ] {
        let reply = get(proxy, &path).await;
        assert_eq!(reply.status, status, "{path}");
        assert_eq!(
            reply.header("content-security-policy"),
            Some("default-src 'none'; sandbox; frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    }
}

/// An upstream that reads the request, answers bytes that are not HTTP and closes.
async fn garbage() -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf).await;
            let _ = s
                .write_all(b"\x00\x17\xfe\xffSSH-2.0-garbage\r\n\r\n")
                .await;
            let _ = s.shutdown().await;
        }
    });
    addr
}

#[tokio::test]
async fn bytes_that_are_not_http_are_a_502_with_their_own_message() {
    let up = garbage().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    let reply = get(proxy, &format!("/proxy/http/{up}/?Action=X&Signature=s")).await;
    assert_eq!(
        (reply.status, reply.proxy_error().as_deref()),
        (502, Some("upstream_error"))
    );
    let json: serde_json::Value = serde_json::from_slice(&reply.body).expect("json");
    let message = json["proxy_error"]["message"].as_str().expect("message");
    assert!(message.starts_with(&format!("{up} answered with bytes that are not HTTP")));
    assert!(!message.contains("Signature"), "{message}");
}
