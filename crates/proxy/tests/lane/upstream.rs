//! Raw-TCP upstreams for the lane tests: each answers with canned bytes and then stays, closes, or
//! closes after an idle time, counting its connections and recording every request.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::client::find;

/// What a raw upstream does once it has answered a request.
#[derive(Clone, Copy)]
pub(crate) enum After {
    /// Waits for the next request on the same connection.
    Stay,
    /// Closes the connection (a reply framed by the close, or garbage).
    Close,
    /// Waits this long for the next request, then closes the connection.
    IdleFor(Duration),
}

/// A raw-TCP upstream: its address, the TCP connections it accepted, and every request it received
/// (head and body, as text).
pub(crate) struct Raw {
    pub(crate) addr: SocketAddr,
    pub(crate) conns: Arc<AtomicUsize>,
    pub(crate) seen: Arc<Mutex<Vec<String>>>,
}

/// Starts a raw upstream that answers each request with the bytes `answer(request)`, then does `after`.
pub(crate) async fn upstream(answer: fn(&str) -> Vec<u8>, after: After) -> Raw {
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
pub(crate) fn hello(req: &str) -> Vec<u8> {
    let head =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\n".to_vec();
    if req.starts_with("HEAD ") {
        head
    } else {
        [head, b"hello world".to_vec()].concat()
    }
}

/// `hello, chunks!` in three chunks, and a trailer.
pub(crate) fn chunks(_: &str) -> Vec<u8> {
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n\
      5\r\nhello\r\n8\r\n, chunks\r\n1\r\n!\r\n0\r\nX-Checksum: c0ffee\r\n\r\n"
        .to_vec()
}

/// 100 kB framed by nothing but the close that follows.
pub(crate) fn unframed(_: &str) -> Vec<u8> {
    [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n".to_vec(),
        big(),
    ]
    .concat()
}

pub(crate) fn big() -> Vec<u8> {
    (0..100_000u32).map(|i| b'a' + (i % 26) as u8).collect()
}

pub(crate) fn garbage(_: &str) -> Vec<u8> {
    b"<html>nope</html>\r\n\r\n".to_vec()
}

/// A reply whose every header line tests a rule: kept, renamed, dropped, replaced, joined.
pub(crate) fn decorated(_: &str) -> Vec<u8> {
    b"HTTP/1.1 200 OK\r\nX-Acs-Request-Id: R1\r\nConnection: X-Hop\r\nX-Hop: 1\r\n\
      Location: /elsewhere\r\nSet-Cookie: a=b\r\nContent-Security-Policy: default-src *\r\n\
      X-Content-Type-Options: sniff\r\nVary: Accept\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\n\
      Access-Control-Allow-Origin: *\r\nX-Proxy-Error: fake\r\nContent-Length: 2\r\n\r\nok"
        .to_vec()
}
