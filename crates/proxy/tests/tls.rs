//! Forwarding over TLS, as every call to the clouds goes: a loopback HTTPS upstream whose certificate is
//! signed by a throwaway CA (`tests/tls/`), trusted through `Config::ca_files` (`--ca-file`). Both the
//! lane and the general path must verify it, keep the connection, and refuse it without that CA.

mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use common::{config, raw, serve};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// What the HTTPS upstream saw: TLS connections that completed a handshake, and request lines.
#[derive(Default)]
struct Seen {
    sessions: usize,
    requests: Vec<String>,
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/tls")
        .join(name)
}

/// An HTTPS upstream on loopback answering every request `200` with `secure:` and its request line.
async fn https_upstream() -> (SocketAddr, Arc<Mutex<Seen>>) {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(fixture("server.pem"))
        .expect("server.pem")
        .collect::<Result<_, _>>()
        .expect("certs");
    let key = PrivateKeyDer::from_pem_file(fixture("server.key")).expect("server.key");
    let tls = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let seen = Arc::new(Mutex::new(Seen::default()));
    let log = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let (acceptor, log) = (acceptor.clone(), Arc::clone(&log));
            tokio::spawn(async move {
                let Ok(mut s) = acceptor.accept(tcp).await else {
                    return;
                };
                log.lock().expect("lock").sessions += 1;
                let mut buf = Vec::new();
                loop {
                    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
                        let mut chunk = [0; 4096];
                        match s.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                        continue;
                    };
                    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
                    let length: usize = head
                        .lines()
                        .filter_map(|l| l.split_once(':'))
                        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                        .map_or(0, |(_, v)| v.trim().parse().expect("length"));
                    if buf.len() < end + 4 + length {
                        let mut chunk = [0; 4096];
                        match s.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                        continue;
                    }
                    let line = head.lines().next().unwrap_or_default().to_owned();
                    let body =
                        String::from_utf8_lossy(&buf[end + 4..end + 4 + length]).into_owned();
                    buf.drain(..end + 4 + length);
                    let text = format!("secure: {line} {body}");
                    log.lock().expect("lock").requests.push(line);
                    let reply = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n{text}",
                        text.len()
                    );
                    if s.write_all(reply.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (addr, seen)
}

#[tokio::test]
async fn both_paths_forward_over_tls_with_an_extra_ca_and_keep_the_connection() {
    let (up, seen) = https_upstream().await;
    let (mut cfg, _dir) = config(&[format!("https://{up}")]);
    cfg.ca_files.push(fixture("ca.pem"));
    let (proxy, _stop) = serve(&cfg, 1);
    for i in 0..2 {
        let target = format!("/proxy/https/{up}/lane?i={i}");
        let reply = raw(
            proxy,
            &format!("GET {target} HTTP/1.1\r\nHost: {proxy}"),
            b"",
        )
        .await;
        assert_eq!(
            reply.status,
            200,
            "{:?}",
            String::from_utf8_lossy(&reply.body)
        );
        assert_eq!(
            reply.body,
            format!("secure: GET /lane?i={i} HTTP/1.1 ").as_bytes()
        );
    }
    // A chunked request body is the general path's (hyper's client): it must trust the CA too.
    let head = format!(
        "POST /proxy/https/{up}/general HTTP/1.1\r\nHost: {proxy}\r\nTransfer-Encoding: chunked"
    );
    let reply = raw(proxy, &head, b"5\r\nhello\r\n0\r\n\r\n").await;
    assert_eq!(
        reply.status,
        200,
        "{:?}",
        String::from_utf8_lossy(&reply.body)
    );
    assert_eq!(reply.body, b"secure: POST /general HTTP/1.1 hello");
    let seen = seen.lock().expect("lock");
    assert_eq!(
        seen.requests,
        [
            "GET /lane?i=0 HTTP/1.1",
            "GET /lane?i=1 HTTP/1.1",
            "POST /general HTTP/1.1"
        ]
    );
    assert_eq!(
        seen.sessions, 2,
        "one TLS session for the lane's two calls, one for the general path's pool"
    );
}

#[tokio::test]
async fn without_the_ca_the_upstream_certificate_is_refused() {
    let (up, seen) = https_upstream().await;
    let (cfg, _dir) = config(&[format!("https://{up}")]);
    let (proxy, _stop) = serve(&cfg, 1);
    let target = format!("/proxy/https/{up}/x");
    let reply = raw(
        proxy,
        &format!("GET {target} HTTP/1.1\r\nHost: {proxy}"),
        b"",
    )
    .await;
    assert_eq!(reply.status, 502);
    assert_eq!(
        reply.proxy_error().as_deref(),
        Some("upstream_connect_failed")
    );
    let seen = seen.lock().expect("lock");
    assert_eq!((seen.sessions, seen.requests.len()), (0, 0));
}
