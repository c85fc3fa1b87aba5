//! Reading a forwarding request off the client's bytes, for the lane.
//!
//! The lane takes only the plain case: HTTP/1.1, a `/proxy/` origin-form target, one of the forwarded
//! methods, a body framed by at most one all-digit `Content-Length` within the body limit, and no
//! `Transfer-Encoding`, `Expect` or `Upgrade`. Anything else (malformed, chunked, HTTP/1.0, absolute
//! form, a head too large) is [`Parsed::Other`] and goes to the general server as it came, which answers
//! it exactly as it did before the lane existed. The head is parsed by `httparse`, hyper's own parser,
//! and its lines stay slices of the client's bytes: only the few values the checks read are picked out,
//! and the lines that cross are written upstream as they are (no header map is built per request). A
//! line that a header map would not hold (a value with control bytes) sends the request to the general
//! server, as a name `httparse` rejects does.

use axum::http::Method;

use crate::headers;

/// Header lines read per request; a request with more goes to the general server.
const MAX_HEADERS: usize = 64;

/// Bytes of a request head the lane reads before leaving it to the general server.
pub(crate) const HEAD_MAX: usize = 16 * 1024;

/// What the buffered bytes hold.
#[derive(Debug)]
pub(crate) enum Parsed<'b> {
    /// Not a whole request yet (the head, or the body it announces, is still coming).
    Partial,
    /// Not for the lane (see the module docs).
    Other,
    /// A whole request, head and body, at the start of the buffer.
    Whole(Request<'b>),
}

/// A request the lane forwards: slices of the client's bytes.
#[derive(Debug)]
pub(crate) struct Request<'b> {
    pub(crate) method: Method,
    /// The request target as sent (`/proxy/...`, with its query).
    pub(crate) target: &'b str,
    /// The header lines, in the client's order.
    pub(crate) headers: Vec<httparse::Header<'b>>,
    /// The first `Origin` and `Host` values (the CORS verdict reads them).
    pub(crate) origin: Option<&'b [u8]>,
    pub(crate) host: Option<&'b [u8]>,
    /// The declared `Content-Length`, if any.
    pub(crate) length: Option<usize>,
    /// Bytes of the head, then of the body that follows it.
    pub(crate) head_len: usize,
    pub(crate) body_len: usize,
    /// The client asked to close the connection after this request.
    pub(crate) close: bool,
}

impl Request<'_> {
    /// The raw path and query, split as hyper's `Uri` splits them.
    pub(crate) fn path_and_query(&self) -> (&str, Option<&str>) {
        match self.target.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (self.target, None),
        }
    }
}

/// Reads `buf` (see [`Parsed`]); `body_limit` is the largest body the lane takes.
pub(crate) fn parse(buf: &[u8], body_limit: usize) -> Parsed<'_> {
    // Uninitialised slots: zeroing them all would cost more than reading a small request.
    let mut slots = [const { std::mem::MaybeUninit::uninit() }; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut []);
    let head_len = match req.parse_with_uninit_headers(buf, &mut slots) {
        // A whole head larger than the lane waits for (it can be whole at once in a buffer grown by
        // an earlier, larger body) is left to the general server too, with its own limits.
        Ok(httparse::Status::Complete(n)) if n <= HEAD_MAX => n,
        Ok(httparse::Status::Partial) if buf.len() <= HEAD_MAX => return Parsed::Partial,
        _ => return Parsed::Other,
    };
    let (Some(1), Some(method), Some(target)) = (req.version, req.method, req.path) else {
        return Parsed::Other;
    };
    let Some(method) = forwarded_method(method) else {
        return Parsed::Other;
    };
    if !target.starts_with("/proxy/") {
        return Parsed::Other;
    }
    let (mut length, mut close, mut origin, mut host) = (None, false, None, None);
    for h in req.headers.iter() {
        if !headers::map_holds(h) {
            return Parsed::Other;
        }
        let name = h.name;
        if name.eq_ignore_ascii_case("content-length") {
            match (length, digits(h.value)) {
                (None, Some(n)) => length = Some(n),
                _ => return Parsed::Other,
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding")
            || name.eq_ignore_ascii_case("expect")
            || name.eq_ignore_ascii_case("upgrade")
        {
            return Parsed::Other;
        } else if name.eq_ignore_ascii_case("connection") {
            // Read as hyper's server reads it: a value that is not visible ASCII names nothing.
            for token in headers::connection_tokens(h.value) {
                if token.eq_ignore_ascii_case(b"close") {
                    close = true;
                } else if token.eq_ignore_ascii_case(b"upgrade") {
                    return Parsed::Other;
                }
            }
        } else if name.eq_ignore_ascii_case("origin") {
            origin = origin.or(Some(h.value));
        } else if name.eq_ignore_ascii_case("host") {
            host = host.or(Some(h.value));
        }
    }
    let body_len = length.unwrap_or(0);
    if body_len > body_limit {
        return Parsed::Other;
    }
    if buf.len() - head_len < body_len {
        return Parsed::Partial;
    }
    Parsed::Whole(Request {
        method,
        target,
        headers: req.headers.to_vec(),
        origin,
        host,
        length,
        head_len,
        body_len,
        close,
    })
}

/// The methods the proxy forwards (others get the general path's refusal).
fn forwarded_method(m: &str) -> Option<Method> {
    Some(match m {
        "GET" => Method::GET,
        "POST" => Method::POST,
        "HEAD" => Method::HEAD,
        "PUT" => Method::PUT,
        "PATCH" => Method::PATCH,
        "DELETE" => Method::DELETE,
        _ => return None,
    })
}

/// A `Content-Length` value: ASCII digits only, no sign, no spaces, no list.
fn digits(v: &[u8]) -> Option<usize> {
    if v.is_empty() || v.len() > 15 || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(v).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(bytes: &str) -> Request<'_> {
        match parse(bytes.as_bytes(), 1024) {
            Parsed::Whole(r) => r,
            other => panic!("{bytes:?}: {other:?}"),
        }
    }

    fn kind(bytes: &str) -> &'static str {
        match parse(bytes.as_bytes(), 1024) {
            Parsed::Whole(_) => "whole",
            Parsed::Partial => "partial",
            Parsed::Other => "other",
        }
    }

    #[test]
    fn takes_a_plain_request_with_its_body() {
        let text = "POST /proxy/https/a.aliyuncs.com/?A=1&B=%2F HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: keep-alive, Close\r\n\r\n{}GET";
        let r = whole(text);
        assert_eq!(r.method, Method::POST);
        assert_eq!(
            r.path_and_query(),
            ("/proxy/https/a.aliyuncs.com/", Some("A=1&B=%2F"))
        );
        assert_eq!((r.head_len + r.body_len, r.body_len), (text.len() - 3, 2));
        assert!(r.close);
        assert_eq!(
            (r.host, r.origin, r.length),
            (Some(&b"x"[..]), None, Some(2))
        );
        assert_eq!(r.headers.len(), 3);
        // hyper's server reads no token from a value that is not visible ASCII.
        let r = whole("GET /proxy/http/h/p HTTP/1.1\r\nConnection: close, \u{e9}\r\n\r\n");
        assert!(!r.close);
        let r = whole("GET /proxy/http/h/p? HTTP/1.1\r\n\r\n");
        assert_eq!(r.path_and_query(), ("/proxy/http/h/p", Some("")));
        assert!(!r.close);
    }

    #[test]
    fn waits_for_the_head_and_the_announced_body() {
        assert_eq!(
            kind("GET /proxy/http/h/ HTTP/1.1\r\nHost: x\r\n"),
            "partial"
        );
        assert_eq!(
            kind("POST /proxy/http/h/ HTTP/1.1\r\nContent-Length: 5\r\n\r\nabc"),
            "partial"
        );
        assert_eq!(kind(""), "partial");
    }

    #[test]
    fn leaves_everything_unusual_to_the_general_server() {
        for bytes in [
            "GET /proxy/http/h/ HTTP/1.0\r\n\r\n",
            "GET /index.html HTTP/1.1\r\n\r\n",
            "GET /proxyx/a HTTP/1.1\r\n\r\n",
            "GET http://h/proxy/http/h/ HTTP/1.1\r\n\r\n",
            "OPTIONS /proxy/http/h/ HTTP/1.1\r\n\r\n",
            "TRACE /proxy/http/h/ HTTP/1.1\r\n\r\n",
            "POST /proxy/http/h/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "POST /proxy/http/h/ HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nab",
            "POST /proxy/http/h/ HTTP/1.1\r\nContent-Length: +1\r\n\r\na",
            "POST /proxy/http/h/ HTTP/1.1\r\nContent-Length: 1, 1\r\n\r\na",
            "POST /proxy/http/h/ HTTP/1.1\r\nContent-Length: 2000\r\n\r\n",
            "POST /proxy/http/h/ HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\na",
            "GET /proxy/http/h/ HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n",
            "GET /proxy/http/h/ HTTP/1.1\r\nBad Header: x\r\n\r\n",
            "GET /proxy/http/h/ HTTP/1.1\r\nX: a\x01b\r\n\r\n",
            "G\x00T /proxy/http/h/ HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(kind(bytes), "other", "{bytes:?}");
        }
        let long = format!("GET /proxy/http/h/{} HTTP/1.1\r\n", "a".repeat(HEAD_MAX));
        assert_eq!(kind(&long), "other");
        // Whole at once, but larger than the lane waits for; a name no header map takes.
        assert_eq!(kind(&format!("{long}\r\n")), "other");
        let name = "X".repeat(70_000);
        assert!(matches!(
            parse(
                format!("GET /proxy/http/h/ HTTP/1.1\r\n{name}: v\r\n\r\n").as_bytes(),
                1024
            ),
            Parsed::Other
        ));
        let many: String = (0..70).map(|i| format!("X-{i}: v\r\n")).collect();
        assert_eq!(
            kind(&format!("GET /proxy/http/h/ HTTP/1.1\r\n{many}\r\n")),
            "other"
        );
    }
}
