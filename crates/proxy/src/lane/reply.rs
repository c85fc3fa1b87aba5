//! Writing a reply head for the client, as hyper's server writes it: the status line with the canonical
//! reason, the headers as the map holds them, a `date` when there is none, then the framing.

use std::cell::RefCell;
use std::time::{Duration, SystemTime};

use axum::http::{header, HeaderMap, StatusCode};

/// How the reply body goes to the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Out {
    /// As the headers say (`Content-Length`, or no body).
    AsIs,
    /// Re-framed as chunks (the upstream sent chunks, or ran its body to the close).
    Chunked,
}

/// Appends the head to `out`. `close`: the connection ends after this reply.
pub(crate) fn head(
    out: &mut Vec<u8>,
    status: StatusCode,
    headers: &HeaderMap,
    framing: Out,
    close: bool,
) {
    out.extend_from_slice(b"HTTP/1.1 ");
    out.extend_from_slice(status.as_str().as_bytes());
    out.push(b' ');
    out.extend_from_slice(status.canonical_reason().unwrap_or("").as_bytes());
    out.extend_from_slice(b"\r\n");
    header_lines(out, headers);
    if !headers.contains_key(header::DATE) {
        out.extend_from_slice(b"date: ");
        with_date(|d| out.extend_from_slice(d.as_bytes()));
        out.extend_from_slice(b"\r\n");
    }
    if framing == Out::Chunked {
        out.extend_from_slice(b"transfer-encoding: chunked\r\n");
    }
    if close {
        out.extend_from_slice(b"connection: close\r\n");
    }
    out.extend_from_slice(b"\r\n");
}

/// Appends `name: value` lines, as the map holds them (requests upstream and replies alike).
pub(crate) fn header_lines(out: &mut Vec<u8>, headers: &HeaderMap) {
    for (name, value) in headers {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
}

/// Appends one chunk of a chunked body (an empty `data` ends the body).
pub(crate) fn chunk(out: &mut Vec<u8>, data: &[u8]) {
    use std::io::Write;
    let _ = write!(out, "{:x}\r\n", data.len());
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
}

thread_local! {
    /// This thread's formatted `Date` and the second it names: formatting once a second, not per reply.
    static DATE: RefCell<(u64, String)> = const { RefCell::new((u64::MAX, String::new())) };
}

fn with_date(f: impl FnOnce(&str)) {
    let now = SystemTime::now();
    let secs = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    DATE.with_borrow_mut(|(at, text)| {
        if *at != secs {
            *at = secs;
            *text = httpdate::fmt_http_date(now);
        }
        f(text);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn writes_what_hyper_writes() {
        let mut h = HeaderMap::new();
        h.insert("content-type", HeaderValue::from_static("application/json"));
        h.append("vary", HeaderValue::from_static("a"));
        h.append("vary", HeaderValue::from_static("Origin"));
        let mut out = Vec::new();
        head(&mut out, StatusCode::BAD_GATEWAY, &h, Out::Chunked, true);
        let text = String::from_utf8(out).expect("utf8");
        let (first, rest) = text.split_once("date: ").expect("a date");
        assert_eq!(first, "HTTP/1.1 502 Bad Gateway\r\ncontent-type: application/json\r\nvary: a\r\nvary: Origin\r\n");
        assert!(
            rest.ends_with(" GMT\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n"),
            "{rest}"
        );
        h.insert(
            "date",
            HeaderValue::from_static("Tue, 01 Jan 2030 00:00:00 GMT"),
        );
        let mut out = Vec::new();
        head(
            &mut out,
            StatusCode::from_u16(599).expect("code"),
            &h,
            Out::AsIs,
            false,
        );
        assert!(out.starts_with(b"HTTP/1.1 599 \r\n"));
        assert_eq!(out.windows(6).filter(|w| w == b"date: ").count(), 1);
        let mut out = Vec::new();
        chunk(&mut out, b"hello, world!!!!!");
        chunk(&mut out, b"");
        assert_eq!(out, b"11\r\nhello, world!!!!!\r\n0\r\n\r\n");
    }
}
