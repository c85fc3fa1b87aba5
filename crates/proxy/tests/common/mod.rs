//! Shared helpers for the proxy's socket tests: a recording upstream stub, misbehaving upstreams, the proxy
//! itself on `127.0.0.1:0`, and a raw HTTP/1.1 client that sends exactly the bytes it is given.
#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use console_proxy::{server, try_apps, Config};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the stub received: method, raw request target, headers (in order) and body bytes.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub target: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// Everything a stub has seen so far.
pub type Log = Arc<Mutex<Vec<Seen>>>;

/// An axum upstream on `127.0.0.1:0` that records each request. Paths: `/redirect` answers 302,
/// `/fail` answers 503 with a cloud-style JSON error, anything else 200 JSON with `x-acs-request-id`.
pub async fn stub() -> (SocketAddr, Log) {
    let log: Log = Arc::default();
    let router = axum::Router::new()
        .fallback(record)
        .with_state(Arc::clone(&log));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, router).await.expect("stub") });
    (addr, log)
}

async fn record(State(log): State<Log>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.expect("body");
    let target = parts
        .uri
        .path_and_query()
        .map(ToString::to_string)
        .unwrap_or_default();
    log.lock().expect("lock").push(Seen {
        method: parts.method.to_string(),
        target,
        headers: parts.headers,
        body: body.to_vec(),
    });
    match parts.uri.path() {
        "/redirect" => (
            StatusCode::FOUND,
            [
                ("location", "http://127.0.0.1:9/elsewhere"),
                ("x-acs-request-id", "R-302"),
            ],
            "moved",
        )
            .into_response(),
        "/fail" => (
            StatusCode::SERVICE_UNAVAILABLE,
            [("content-type", "application/json")],
            r#"{"RequestId":"R-503","Code":"ServiceUnavailable"}"#,
        )
            .into_response(),
        _ => (
            StatusCode::OK,
            [
                ("content-type", "application/json"),
                ("x-acs-request-id", "R-OK"),
                ("set-cookie", "sid=1"),
                ("connection", "x-upstream-hop"),
                ("x-upstream-hop", "1"),
                ("x-end-to-end", "kept"),
            ],
            r#"{"RequestId":"R-OK"}"#,
        )
            .into_response(),
    }
}

/// An upstream that accepts connections and never answers (for timeouts and overload).
pub async fn silent() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            held.push(s);
        }
    });
    addr
}

/// An upstream that reads the request head, then drops the connection without a word.
pub async fn dropper() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf).await;
            drop(s);
        }
    });
    addr
}

/// A loopback port where nothing listens (connection refused).
pub async fn closed_port() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    listener.local_addr().expect("addr")
}

/// The proxy under test, serving `cfg` on `127.0.0.1:0` exactly as the binary does ([`server`]: its own
/// event loop on a thread of its own, with client addresses), until the test process ends.
pub async fn spawn_proxy(cfg: Config) -> SocketAddr {
    let (addr, stop) = serve(&cfg, 1);
    // Nobody stops it: the sender lives as long as the test process.
    std::mem::forget(stop);
    addr
}

/// Serves `cfg` on `loops` event loops (as the binary does) on a thread of their own; sending `true` on
/// the returned channel stops them (gracefully). The loops log to the calling thread's tracing subscriber,
/// so [`Captured`] sees their lines.
pub fn serve(cfg: &Config, loops: usize) -> (SocketAddr, tokio::sync::watch::Sender<bool>) {
    let bound = server::bind("127.0.0.1:0".parse().expect("addr"), loops).expect("bind");
    let addr = bound.local_addr();
    let apps = try_apps(cfg, bound.len()).expect("apps");
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let logs = tracing::dispatcher::get_default(Clone::clone);
    std::thread::spawn(move || {
        tracing::dispatcher::with_default(&logs, || {
            bound.serve(apps, &stopped, async {}).expect("serve");
        });
    });
    (addr, stop)
}

/// A config with an empty dist folder (kept alive by the returned guard), short timeouts, and the given
/// extra upstreams.
pub fn config(upstreams: &[String]) -> (Config, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("index.html"), "<!doctype html>").expect("index");
    let mut cfg = Config::new(dir.path());
    for u in upstreams {
        cfg.allow(u).expect("pattern");
    }
    cfg.connect_timeout = Duration::from_millis(500);
    cfg.timeout = Duration::from_millis(800);
    (cfg, dir)
}

/// A parsed HTTP/1.1 response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// First value of a header (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// The `proxy_error.code` of a JSON proxy error, checking it matches `X-Proxy-Error`.
    pub fn proxy_error(&self) -> Option<String> {
        let json: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        let code = json["proxy_error"]["code"].as_str()?.to_owned();
        assert_eq!(self.header("x-proxy-error"), Some(code.as_str()));
        assert!(json["proxy_error"]["message"].is_string());
        Some(code)
    }
}

/// Sends `head` (request line + headers, without the final blank line; `Connection: close` is added) and
/// `body` as raw bytes, and reads the whole reply.
pub async fn raw(addr: SocketAddr, head: &str, body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let mut bytes = format!("{head}\r\nConnection: close\r\n\r\n").into_bytes();
    bytes.extend_from_slice(body);
    s.write_all(&bytes).await.expect("write");
    let mut buf = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut buf))
        .await
        .expect("reply in time")
        .expect("read");
    parse(&buf)
}

/// Minimal HTTP/1.1 response parser (Content-Length, chunked, or read-to-close).
fn parse(buf: &[u8]) -> Reply {
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").expect("head");
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().expect("status line")[9..12]
        .parse()
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut rest = &buf[split + 4..];
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        let mut out = Vec::new();
        loop {
            let nl = rest
                .windows(2)
                .position(|w| w == b"\r\n")
                .expect("chunk size");
            let size =
                usize::from_str_radix(std::str::from_utf8(&rest[..nl]).expect("hex").trim(), 16)
                    .expect("size");
            if size == 0 {
                break out;
            }
            out.extend_from_slice(&rest[nl + 2..nl + 2 + size]);
            rest = &rest[nl + 2 + size + 2..];
        }
    } else {
        rest.to_vec()
    };
    Reply {
        status,
        headers,
        body,
    }
}

/// Shorthand for a body-less request through the proxy.
pub async fn get(addr: SocketAddr, target: &str) -> Reply {
    raw(addr, &format!("GET {target} HTTP/1.1\r\nHost: {addr}"), b"").await
}

/// Collects what a tracing subscriber writes, for tests that search the proxy's log lines.
#[derive(Clone, Default)]
pub struct Captured(pub Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// Makes this capture the current thread's log sink, at `level` and above, until the guard drops.
    pub fn subscribe(&self, level: tracing::Level) -> tracing::subscriber::DefaultGuard {
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(level)
            .with_ansi(false)
            .with_writer(self.clone())
            .finish();
        tracing::subscriber::set_default(subscriber)
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Self;
    fn make_writer(&'a self) -> Self {
        self.clone()
    }
}
