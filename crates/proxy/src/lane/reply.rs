//! Writing a reply head for the client, as hyper's server writes it: the status line with the canonical
//! reason, the headers as the map holds them, a `date` when there is none, then the framing.

use std::cell::RefCell;
use std::time::{Duration, SystemTime};

use axum::http::{header, HeaderMap, StatusCode};
use bytes::{Buf, BytesMut};

use super::framing::Head;
use crate::headers::{Addition, UPSTREAM_LOCATION};

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
    status_line(out, status);
    header_lines(out, headers);
    tail(out, headers.contains_key(header::DATE), framing, close);
}

/// Appends the head of a forwarded reply, read raw by [`super::framing::read_head`] at the start of `buf`,
/// and then drops it from `buf`. What [`head`] writes for the map that `headers::strip_response` and
/// `forward::decorate` would make of it, without building that map: the status line, the upstream's
/// lines that cross (names in lowercase, as a map writes them; `Location` under
/// [`UPSTREAM_LOCATION`]) minus those an addition replaces, the additions, then as [`head`].
pub(crate) fn forwarded(
    out: &mut Vec<u8>,
    buf: &mut BytesMut,
    head: &Head,
    additions: &[Option<Addition>],
    framing: Out,
    close: bool,
) {
    status_line(out, head.status);
    let raw = &buf[..head.len];
    let mut dated = false;
    for (name, value) in &head.lines {
        let (name, value) = (&raw[name.clone()], &raw[value.clone()]);
        let replaced = additions
            .iter()
            .flatten()
            .any(|a| a.replaces && name.eq_ignore_ascii_case(a.name.as_str().as_bytes()));
        if replaced {
            continue;
        }
        if name.eq_ignore_ascii_case(b"location") {
            line(out, UPSTREAM_LOCATION.as_str().as_bytes(), value);
        } else {
            dated |= name.eq_ignore_ascii_case(b"date");
            lowercase_line(out, name, value);
        }
    }
    for a in additions.iter().flatten() {
        line(out, a.name.as_str().as_bytes(), a.value.as_bytes());
    }
    tail(out, dated, framing, close);
    buf.advance(head.len);
}

fn status_line(out: &mut Vec<u8>, status: StatusCode) {
    out.extend_from_slice(b"HTTP/1.1 ");
    out.extend_from_slice(status.as_str().as_bytes());
    out.push(b' ');
    out.extend_from_slice(status.canonical_reason().unwrap_or("").as_bytes());
    out.extend_from_slice(b"\r\n");
}

/// The lines after the headers: a `date` when there is none, the framing, the close, the blank line.
fn tail(out: &mut Vec<u8>, dated: bool, framing: Out, close: bool) {
    if !dated {
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

/// Appends one `name: value` line with the name in lowercase, as a header map writes it.
pub(crate) fn lowercase_line(out: &mut Vec<u8>, name: &[u8], value: &[u8]) {
    let start = out.len();
    out.extend_from_slice(name);
    out[start..].make_ascii_lowercase();
    out.extend_from_slice(b": ");
    out.extend_from_slice(value);
    out.extend_from_slice(b"\r\n");
}

/// Appends one `name: value` line.
pub(crate) fn line(out: &mut Vec<u8>, name: &[u8], value: &[u8]) {
    out.extend_from_slice(name);
    out.extend_from_slice(b": ");
    out.extend_from_slice(value);
    out.extend_from_slice(b"\r\n");
}

/// Appends `name: value` lines, as the map holds them (requests upstream and replies alike).
fn header_lines(out: &mut Vec<u8>, headers: &HeaderMap) {
    for (name, value) in headers {
        line(out, name.as_str().as_bytes(), value.as_bytes());
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
