//! Reading an upstream's reply head with `httparse`, and how its body is framed (RFC 9112 §6.3): the
//! lane passes the body on by that framing ([`super::body`]) and reuses the connection only when the
//! framing says where the reply ends.

use std::ops::Range;

use axum::http::StatusCode;
use bytes::Buf;
use tokio::io::AsyncReadExt;

use super::upstream::Link;
use crate::error::ProxyError;
use crate::headers::{listed, map_holds, response_drops};

/// Reply head lines read; a reply with more is not HTTP the proxy forwards (hyper's client, on the
/// general path, reads 100 too).
const MAX_HEADERS: usize = 100;
/// Bytes of a reply head read before giving up on it as not HTTP.
const HEAD_MAX: usize = 256 * 1024;

/// How the reply's body is framed on the upstream connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    /// No body (a `HEAD` request, 204, 304).
    Empty,
    Length(u64),
    Chunked,
    /// Until the upstream closes the connection.
    Close,
}

/// A reply head as read from the upstream; its bytes stay at the start of the link's buffer, for
/// [`super::reply::forwarded`] to copy the lines that cross and then drop.
pub(crate) struct Head {
    pub(crate) status: StatusCode,
    pub(crate) framing: Framing,
    /// The connection may carry another request once this reply is read.
    pub(crate) reusable: bool,
    /// Bytes of the head.
    pub(crate) len: usize,
    /// Where the name and the value of each line that crosses to the client lie in the head: every
    /// line but those [`response_drops`] picks, those `Connection` names, and a `Content-Length` that
    /// a transfer coding overrides.
    pub(crate) lines: Vec<(Range<usize>, Range<usize>)>,
}

/// Reads the reply head (skipping interim 1xx replies) from `link`; what follows it stays in
/// `link.buf`. `head_only`: the request was `HEAD`, so the reply has no body whatever it says.
pub(crate) async fn read_head(
    link: &mut Link,
    head_only: bool,
    authority: &str,
) -> Result<Head, ProxyError> {
    let bad = || ProxyError::UpstreamBadReply(authority.to_owned());
    loop {
        if link.buf.is_empty() {
            // Nothing to parse yet (the usual case: the reply has not been read).
        } else if let Some((len, head)) = parse_head(&link.buf, head_only).map_err(|()| bad())? {
            match head {
                Some(head) => return Ok(head),
                None => {
                    link.buf.advance(len);
                    continue;
                }
            }
        }
        if link.buf.len() > HEAD_MAX {
            return Err(bad());
        }
        link.buf.reserve(4096);
        match link.stream.read_buf(&mut link.buf).await {
            Ok(0) => return Err(ProxyError::UpstreamReset(authority.to_owned())),
            Ok(_) => {}
            Err(e) => return Err(ProxyError::from_upstream(&e, authority)),
        }
    }
}

/// One reply head at the start of `buf`: its length and the head, `None` for an interim 1xx reply;
/// `Ok(None)` when incomplete; `Err` when it is not an HTTP/1.x reply the proxy can forward.
#[allow(clippy::type_complexity)]
pub(super) fn parse_head(buf: &[u8], head_only: bool) -> Result<Option<(usize, Option<Head>)>, ()> {
    // Uninitialised slots: zeroing them all would cost more than reading a small reply.
    let mut slots = [const { std::mem::MaybeUninit::uninit() }; MAX_HEADERS];
    let mut res = httparse::Response::new(&mut []);
    let parsed = httparse::ParserConfig::default()
        .parse_response_with_uninit_headers(&mut res, buf, &mut slots);
    let len = match parsed.map_err(|_| ())? {
        httparse::Status::Complete(n) => n,
        httparse::Status::Partial => return Ok(None),
    };
    let status = StatusCode::from_u16(res.code.ok_or(())?).map_err(|_| ())?;
    if status == StatusCode::SWITCHING_PROTOCOLS {
        return Err(());
    }
    if status.is_informational() {
        return Ok(Some((len, None)));
    }
    let (mut length, mut chunked, mut encoded, mut close) = (None, false, false, false);
    for h in res.headers.iter() {
        // A line a header map would not hold is not a reply the proxy forwards.
        if !map_holds(h) {
            return Err(());
        }
        let name = h.name;
        if name.eq_ignore_ascii_case("content-length") {
            let n: u64 = std::str::from_utf8(h.value)
                .map_err(|_| ())?
                .trim()
                .parse()
                .map_err(|_| ())?;
            if length.is_some_and(|l| l != n) {
                return Err(());
            }
            length = Some(n);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            encoded = true;
            // The last coding decides: chunked last frames the body, anything else runs to the close.
            chunked = h
                .value
                .rsplit(|b| *b == b',')
                .next()
                .is_some_and(|t| t.trim_ascii().eq_ignore_ascii_case(b"chunked"));
        } else if name.eq_ignore_ascii_case("connection") {
            close |= h
                .value
                .split(|b| *b == b',')
                .any(|t| t.trim_ascii().eq_ignore_ascii_case(b"close"));
        }
    }
    // Where a slice of the head lies in it (`httparse` hands out slices of `buf`; an empty value that
    // were not one would lie nowhere, and is then written as the empty value it is).
    let at = |part: &[u8]| {
        let start = (part.as_ptr() as usize).wrapping_sub(buf.as_ptr() as usize);
        let range = start..start.saturating_add(part.len());
        if buf
            .get(range.clone())
            .is_some_and(|s| std::ptr::eq(s, part))
        {
            range
        } else {
            0..0
        }
    };
    let mut lines = Vec::with_capacity(res.headers.len());
    for h in res.headers.iter() {
        let n = h.name.as_bytes();
        // A coding wins over a length (RFC 9112 §6.3), and the length must not be passed on.
        let dropped = response_drops(n)
            || (encoded && n.eq_ignore_ascii_case(b"content-length"))
            || listed(res.headers, n);
        if !dropped {
            lines.push((at(n), at(h.value)));
        }
    }
    let framing =
        if head_only || status == StatusCode::NO_CONTENT || status == StatusCode::NOT_MODIFIED {
            Framing::Empty
        } else if encoded {
            if chunked {
                Framing::Chunked
            } else {
                Framing::Close
            }
        } else if let Some(n) = length {
            Framing::Length(n)
        } else {
            Framing::Close
        };
    let reusable = res.version == Some(1) && !close && framing != Framing::Close;
    Ok(Some((
        len,
        Some(Head {
            status,
            framing,
            reusable,
            len,
            lines,
        }),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(bytes: &str, head_only: bool) -> Head {
        match parse_head(bytes.as_bytes(), head_only) {
            Ok(Some((n, Some(h)))) => {
                assert_eq!(n, bytes.find("\r\n\r\n").expect("end") + 4);
                h
            }
            _ => panic!("{bytes:?}"),
        }
    }

    #[test]
    fn frames_replies_as_rfc_9112_says() {
        let h = head(
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
            false,
        );
        assert_eq!((h.framing, h.reusable), (Framing::Length(5), true));
        let h = head(
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            false,
        );
        assert_eq!(h.framing, Framing::Chunked);
        assert!(
            h.lines.is_empty(),
            "neither the length nor the coding crosses"
        );
        let h = head(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
            false,
        );
        assert_eq!((h.framing, h.reusable), (Framing::Close, false));
        let h = head(
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\n",
            false,
        );
        assert_eq!((h.framing, h.reusable), (Framing::Length(1), false));
        let h = head("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\n", false);
        assert!(!h.reusable);
        let h = head("HTTP/1.1 200 OK\r\n\r\n", false);
        assert_eq!(h.framing, Framing::Close);
        assert_eq!(
            head("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", true).framing,
            Framing::Empty
        );
        assert_eq!(
            head("HTTP/1.1 204 No Content\r\n\r\n", false).framing,
            Framing::Empty
        );
        assert_eq!(
            head(
                "HTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\n\r\n",
                false
            )
            .framing,
            Framing::Empty
        );
    }

    #[test]
    fn lines_that_cross_lie_where_they_were_read() {
        let text = "HTTP/1.1 200 OK\r\nX-Empty:\r\nConnection: X-Hop, keep-alive\r\nX-HOP: 1\r\n\
                    Set-Cookie: a=b\r\nX-Acs-Request-Id: R1\r\nContent-Length: 0\r\n\r\n";
        let h = head(text, false);
        let lines: Vec<_> = h
            .lines
            .iter()
            .map(|(n, v)| (&text[n.clone()], &text[v.clone()]))
            .collect();
        assert_eq!(
            lines,
            [
                ("X-Empty", ""),
                ("X-Acs-Request-Id", "R1"),
                ("Content-Length", "0")
            ]
        );
    }

    #[test]
    fn skips_interim_replies_and_refuses_what_is_not_http() {
        assert!(matches!(
            parse_head(b"HTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\n", false),
            Ok(Some((_, None)))
        ));
        assert!(matches!(
            parse_head(b"HTTP/1.1 200 OK\r\nContent-", false),
            Ok(None)
        ));
        for bad in [
            &b"<html>bad gateway</html>\r\n\r\n"[..],
            b"HTTP/1.1 101 Switching Protocols\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nX: a\x01\r\n\r\n",
        ] {
            assert!(
                parse_head(bad, false).is_err(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        // A name no header map takes; more lines than hyper's client reads.
        let long = format!("HTTP/1.1 200 OK\r\n{}: v\r\n\r\n", "X".repeat(70_000));
        let many: String = (0..101).map(|i| format!("X-{i}: v\r\n")).collect();
        for bad in [long, format!("HTTP/1.1 200 OK\r\n{many}\r\n")] {
            let bad = bad.as_bytes();
            assert!(
                parse_head(bad, false).is_err(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
