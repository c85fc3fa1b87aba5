//! The committed `deploy/nginx-forward.conf`, run with the real nginx (when `/usr/sbin/nginx` exists) on
//! loopback in a temporary prefix, forwarding to a loopback stub: the same byte-for-byte checks as the
//! proxy's own, plus redirects, cloud 5xx, refused targets and preflights.

mod common;

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{get, raw, stub};

const NGINX: &str = "/usr/sbin/nginx";
const PAGE: &str = "http://localhost:3000";

/// Stops nginx when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Writes an nginx.conf around the committed site file, with the loopback stub location enabled.
fn configure(prefix: &Path, port: u16, upstream: SocketAddr) -> String {
    let site_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../deploy/nginx-forward.conf"
    );
    let site = std::fs::read_to_string(site_path).expect("deploy/nginx-forward.conf");
    let stub_line = r"# location ~ ^/proxy/http/(127\.0\.0\.1:9000)";
    assert!(site.contains(stub_line) && site.contains("listen 8080;"));
    let mut site = site
        .replace("listen 8080;", &format!("listen 127.0.0.1:{port};"))
        .replace(
            stub_line,
            &format!(
                r"location ~ ^/proxy/http/(127\.0\.0\.1:{})",
                upstream.port()
            ),
        )
        .replace(&format!("# \"{PAGE}\""), &format!("\"{PAGE}\""));
    if !Path::new("/etc/ssl/certs/ca-certificates.crt").exists() {
        site = site.replace(
            "proxy_ssl_trusted_certificate",
            "# proxy_ssl_trusted_certificate",
        );
        site = site.replace("proxy_ssl_verify on;", "proxy_ssl_verify off;");
    }
    std::fs::write(prefix.join("site.conf"), site).expect("site");
    let p = prefix.display();
    format!(
        "daemon off; master_process off; worker_processes 1; user root;\n\
         error_log {p}/error.log; pid {p}/nginx.pid;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  access_log {p}/access.log;\n\
         client_body_temp_path {p}/body; proxy_temp_path {p}/proxy; fastcgi_temp_path {p}/fcgi;\n\
         uwsgi_temp_path {p}/uwsgi; scgi_temp_path {p}/scgi;\n  include {p}/site.conf;\n}}\n"
    )
}

#[tokio::test]
async fn nginx_forward_conf_forwards_byte_for_byte() {
    if !Path::new(NGINX).exists() {
        eprintln!("skipped: {NGINX} is not installed");
        return;
    }
    let (up, log) = stub().await;
    let port = common::closed_port().await.port();
    let prefix = tempfile::tempdir().expect("prefix");
    std::fs::write(
        prefix.path().join("nginx.conf"),
        configure(prefix.path(), port, up),
    )
    .expect("conf");
    let child = Command::new(NGINX)
        .arg("-p")
        .arg(prefix.path())
        .arg("-c")
        .arg(prefix.path().join("nginx.conf"))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(prefix.path().join("stderr.log")).expect("stderr log"))
        .spawn()
        .expect("spawn nginx");
    let _nginx = Running(child);
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let mut ready = false;
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let errors = || {
        let read = |f: &str| std::fs::read_to_string(prefix.path().join(f)).unwrap_or_default();
        format!("{}{}", read("stderr.log"), read("error.log"))
    };
    assert!(ready, "nginx did not start: {}", errors());

    let body = "{\"name\":\"升级 — übung\"}";
    let query = "Action=UpgradeDBInstanceKernelVersion&Name=a%2Fb%3Ac%20d%2Ae&Signature=ab%2Bc%3D";
    let head = format!(
        "POST /proxy/http/{up}/v1/a%2Fb/x%20y?{query} HTTP/1.1\r\nHost: {addr}\r\n\
         Authorization: ACS3-HMAC-SHA256 Credential=AK,Signature=0f\r\nx-acs-date: 2024-01-01T00:00:00Z\r\n\
         Content-Type: application/json; charset=utf-8\r\nX-Sdk-Date: 20240101T000000Z\r\n\
         Origin: {PAGE}\r\nReferer: {PAGE}/op/x\r\nCookie: sid=1\r\nSec-Fetch-Mode: cors\r\n\
         Keep-Alive: timeout=5\r\nTE: trailers\r\nContent-Length: {}",
        body.len()
    );
    let reply = raw(addr, &head, body.as_bytes()).await;
    assert_eq!(reply.status, 200, "{}", errors());
    let seen = log.lock().expect("lock")[0].clone();
    assert_eq!(seen.target, format!("/v1/a%2Fb/x%20y?{query}"));
    assert_eq!(seen.body, body.as_bytes());
    let h = &seen.headers;
    assert_eq!(h["host"], up.to_string());
    assert_eq!(
        h["authorization"],
        "ACS3-HMAC-SHA256 Credential=AK,Signature=0f"
    );
    assert_eq!(h["x-acs-date"], "2024-01-01T00:00:00Z");
    assert_eq!(h["content-type"], "application/json; charset=utf-8");
    assert_eq!(h["x-sdk-date"], "20240101T000000Z");
    for gone in [
        "origin",
        "referer",
        "cookie",
        "sec-fetch-mode",
        "keep-alive",
        "te",
    ] {
        assert!(h.get(gone).is_none(), "{gone} must not be forwarded");
    }
    assert_eq!(reply.body, br#"{"RequestId":"R-OK"}"#);
    assert_eq!(reply.header("access-control-allow-origin"), Some(PAGE));
    assert_eq!(reply.header("set-cookie"), None);
    assert_eq!(
        reply.header("content-security-policy"),
        Some("default-src 'none'; sandbox; frame-ancestors 'none'"),
        "inert if opened as a page, as console-proxy does"
    );

    let moved = get(addr, &format!("/proxy/http/{up}/redirect")).await;
    assert_eq!((moved.status, moved.header("location")), (302, None));
    assert_eq!(
        moved.header("x-proxy-upstream-location"),
        Some("http://127.0.0.1:9/elsewhere")
    );
    let fail = get(addr, &format!("/proxy/http/{up}/fail")).await;
    assert_eq!((fail.status, fail.header("x-proxy-error")), (503, None));
    assert_eq!(
        fail.body,
        br#"{"RequestId":"R-503","Code":"ServiceUnavailable"}"#
    );
    assert_eq!(log.lock().expect("lock").len(), 3, "redirect not followed");

    for refused in [
        "/proxy/https/evil.example/",
        "/proxy/https/aliyuncs.com.evil.com/",
        "/proxy/http/127.0.0.1:1/",
    ] {
        let reply = get(addr, refused).await;
        assert_eq!(
            (reply.status, reply.proxy_error().as_deref()),
            (403, Some("target_not_allowed")),
            "{refused}"
        );
    }
    let pre = format!(
        "OPTIONS /proxy/http/{up}/ HTTP/1.1\r\nHost: {addr}\r\nOrigin: {PAGE}\r\nAccess-Control-Request-Method: POST"
    );
    let reply = raw(addr, &pre, b"").await;
    assert_eq!(reply.status, 204);
    assert_eq!(reply.header("access-control-allow-origin"), Some(PAGE));
    assert!(reply
        .header("access-control-allow-headers")
        .is_some_and(|v| v.contains("x-acs-date")));
    assert_eq!(
        log.lock().expect("lock").len(),
        3,
        "preflight not forwarded"
    );
}
