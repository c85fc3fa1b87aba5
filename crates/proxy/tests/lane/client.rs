//! A raw keep-alive client for the lane tests: one connection across requests, each reply read exactly
//! as it is framed (length, chunks with trailers, the close, `HEAD`), its raw bytes kept.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::Reply;

pub(crate) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// One client connection kept open across requests, reading replies exactly as they are framed.
pub(crate) struct Client {
    s: TcpStream,
    proxy: SocketAddr,
    /// Bytes read and not yet parsed (the start of the next reply, if any).
    buf: Vec<u8>,
    /// The raw bytes of the last reply read.
    pub(crate) last: Vec<u8>,
}

impl Client {
    pub(crate) async fn connect(proxy: SocketAddr) -> Self {
        let s = TcpStream::connect(proxy).await.expect("connect");
        Self {
            s,
            proxy,
            buf: Vec::new(),
            last: Vec::new(),
        }
    }

    pub(crate) async fn send(&mut self, bytes: &[u8]) {
        self.s.write_all(bytes).await.expect("write");
    }

    /// A keep-alive `GET` of `target`, and its reply.
    pub(crate) async fn get(&mut self, target: &str) -> Reply {
        let head = format!("GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n", self.proxy);
        self.send(head.as_bytes()).await;
        self.reply(false).await
    }

    /// Reads one reply (`head_only`: to a `HEAD`, so without a body) within 5 s.
    pub(crate) async fn reply(&mut self, head_only: bool) -> Reply {
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
