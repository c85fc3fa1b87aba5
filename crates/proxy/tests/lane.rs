//! The forwarding lane (`src/lane/`) over real sockets: every client connection starts there, plain
//! forwarding requests are served by it without hyper, and at the first request it does not take the
//! connection goes to hyper's server for good. These tests check, from outside, what that must not
//! change: keep-alive and pipelined requests on one connection (before and after the handover), every
//! way an upstream can frame a reply (length, chunks with trailers, close, `HEAD`), upstream connection
//! reuse without ever reusing a dead one or sending a request twice, the header timeout for a stalled
//! body, and a garbage upstream reply. Clients and special upstreams write raw bytes, so that what is
//! checked is exactly what goes over the wire.

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{config, serve, spawn_proxy, stub, Reply};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The stub's body for any path but `/redirect` and `/fail`.
const OK: &[u8] = br#"{"RequestId":"R-OK"}"#;
const BODY: &str = "{\"name\":\"升级\",\"n\":1}";

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// One client connection kept open across requests, reading replies exactly as they are framed.
struct Client {
    s: TcpStream,
    proxy: SocketAddr,
    /// Bytes read and not yet parsed (the start of the next reply, if any).
    buf: Vec<u8>,
    /// The raw bytes of the last reply read.
    last: Vec<u8>,
}

impl Client {
    async fn connect(proxy: SocketAddr) -> Self {
        let s = TcpStream::connect(proxy).await.expect("connect");
        Self {
            s,
            proxy,
            buf: Vec::new(),
            last: Vec::new(),
        }
    }

    async fn send(&mut self, bytes: &[u8]) {
        self.s.write_all(bytes).await.expect("write");
    }

    /// A keep-alive `GET` of `target`, and its reply.
    async fn get(&mut self, target: &str) -> Reply {
        let head = format!("GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n", self.proxy);
        self.send(head.as_bytes()).await;
        self.reply(false).await
    }

    /// Reads one reply (`head_only`: to a `HEAD`, so without a body) within 5 s.
    async fn reply(&mut self, head_only: bool) -> Reply {
        let read = tokio::time::timeout(Duration::from_secs(5), self.read_reply(head_only));
        read.await.expect("reply in time")
    }

    /// Reads more; false once the proxy closed the connection.
    async fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.s.read(&mut chunk).await.expect("read");
        self.buf.extend_from_slice(&chunk[..n]);
        n > 0
    }

    /// Reads until `buf` holds `at` bytes at least; the connection must stay open till then.
    async fn need(&mut self, at: usize) {
        while self.buf.len() < at {
            assert!(
                self.fill().await,
                "closed mid-reply: {:?}",
                String::from_utf8_lossy(&self.buf)
            );
        }
    }

    /// Where `needle` starts in `buf` at or after `from`, reading until it comes.
    async fn until(&mut self, needle: &[u8], from: usize) -> usize {
        loop {
            if let Some(p) = find(&self.buf, needle, from) {
                return p;
            }
            let len = self.buf.len() + 1;
            self.need(len).await;
        }
    }

    async fn read_reply(&mut self, head_only: bool) -> Reply {
        let end = self.until(b"\r\n\r\n", 0).await;
        let head = String::from_utf8(self.buf[..end].to_vec()).expect("utf-8 head");
        let mut lines = head.split("\r\n");
        let first = lines.next().expect("status line");
        assert!(first.starts_with("HTTP/1.1 "), "not a reply: {head:?}");
        let status: u16 = first[9..12].parse().expect("status");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let value = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let mut at = end + 4;
        let body = if head_only || status == 204 || status == 304 {
            Vec::new()
        } else if value("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            let mut body = Vec::new();
            loop {
                let nl = self.until(b"\r\n", at).await;
                let size = std::str::from_utf8(&self.buf[at..nl]).expect("size line");
                let size = usize::from_str_radix(size.trim(), 16).expect("hex size");
                at = nl + 2;
                if size == 0 {
                    // Trailers, up to the empty line.
                    while self.until(b"\r\n", at).await != at {
                        at = self.until(b"\r\n", at).await + 2;
                    }
                    at += 2;
                    break body;
                }
                self.need(at + size + 2).await;
                body.extend_from_slice(&self.buf[at..at + size]);
                assert_eq!(&self.buf[at + size..at + size + 2], b"\r\n", "chunk end");
                at += size + 2;
            }
        } else if let Some(n) = value("content-length") {
            let n: usize = n.parse().expect("length");
            self.need(at + n).await;
            at += n;
            self.buf[at - n..at].to_vec()
        } else {
            while self.fill().await {}
            at = self.buf.len();
            self.buf[end + 4..].to_vec()
        };
        self.last = self.buf.drain(..at).collect();
        Reply {
            status,
            headers,
            body,
        }
    }
}

/// What a raw upstream does once it has answered a request.
#[derive(Clone, Copy)]
enum After {
    /// Waits for the next request on the same connection.
    Stay,
    /// Closes the connection (a reply framed by the close, or garbage).
    Close,
    /// Waits this long for the next request, then closes the connection.
    IdleFor(Duration),
}

/// A raw-TCP upstream: its address, the TCP connections it accepted, and every request it received
/// (head and body, as text).
struct Raw {
    addr: SocketAddr,
    conns: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<String>>>,
}

/// Starts a raw upstream that answers each request with the bytes `answer(request)`, then does `after`.
async fn upstream(answer: fn(&str) -> Vec<u8>, after: After) -> Raw {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let raw = Raw {
        addr: listener.local_addr().expect("addr"),
        conns: Arc::default(),
        seen: Arc::default(),
    };
    let (conns, seen) = (Arc::clone(&raw.conns), Arc::clone(&raw.seen));
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            conns.fetch_add(1, Ordering::SeqCst);
            let seen = Arc::clone(&seen);
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let wait = match after {
                    After::IdleFor(d) => d,
                    _ => Duration::from_secs(30),
                };
                while let Ok(Some(req)) =
                    tokio::time::timeout(wait, read_request(&mut s, &mut buf)).await
                {
                    let reply = answer(&req);
                    seen.lock().expect("lock").push(req);
                    if s.write_all(&reply).await.is_err() || matches!(after, After::Close) {
                        break;
                    }
                }
            });
        }
    });
    raw
}

/// Reads one request (head, then its `Content-Length` body) off `s`; `None` once the peer closes.
async fn read_request(s: &mut TcpStream, buf: &mut Vec<u8>) -> Option<String> {
    loop {
        if let Some(end) = find(buf, b"\r\n\r\n", 0) {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map_or(0, |v| v.trim().parse().expect("length"));
            if buf.len() >= end + 4 + len {
                let req: Vec<u8> = buf.drain(..end + 4 + len).collect();
                return Some(String::from_utf8_lossy(&req).into_owned());
            }
        }
        let mut chunk = [0u8; 8 * 1024];
        match s.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// `hello world` with its length; to a `HEAD`, the same head without the body.
fn hello(req: &str) -> Vec<u8> {
    let head =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\n".to_vec();
    if req.starts_with("HEAD ") {
        head
    } else {
        [head, b"hello world".to_vec()].concat()
    }
}

/// `hello, chunks!` in three chunks, and a trailer.
fn chunks(_: &str) -> Vec<u8> {
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n\
      5\r\nhello\r\n8\r\n, chunks\r\n1\r\n!\r\n0\r\nX-Checksum: c0ffee\r\n\r\n"
        .to_vec()
}

/// 100 kB framed by nothing but the close that follows.
fn unframed(_: &str) -> Vec<u8> {
    [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n".to_vec(),
        big(),
    ]
    .concat()
}

fn big() -> Vec<u8> {
    (0..100_000u32).map(|i| b'a' + (i % 26) as u8).collect()
}

fn garbage(_: &str) -> Vec<u8> {
    b"<html>nope</html>\r\n\r\n".to_vec()
}

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
