//! One request through the lane: the general path's checks, the request written upstream, the reply
//! passed back (or the proxy's own error reply), the access-log line.

use std::sync::Arc;
use std::time::Instant;

use axum::http::{header, HeaderValue, Method};
use axum::response::IntoResponse;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use super::framing::{self, Framing, Head};
use super::upstream::Link;
use super::{body, head, reply};
use crate::error::ProxyError;
use crate::forward::{self, Shared};
use crate::pool::Conn;
use crate::target::Target;
use crate::{cors, headers};

/// Largest error reply the proxy writes (its JSON is a few hundred bytes).
const ERROR_MAX: usize = 16 * 1024;

/// What became of one request.
pub(super) enum Step {
    /// Answered; the connection can take the next one.
    Next,
    /// Answered (or broken off); close the connection.
    Close,
    /// Not taken, nothing sent: the general server gets the connection.
    Other,
}

/// Forwards one whole request (`bytes`: its head and body), or declines it before anything is sent:
/// whatever the general path would refuse (so that it refuses it, with its own reply and log line),
/// and any request while an audit log is kept (the audit reads the body and the reply).
pub(super) async fn forward(
    s: &Shared,
    tcp: &mut TcpStream,
    bytes: &[u8],
    req: head::Request<'_>,
    out: &mut Vec<u8>,
) -> Step {
    let c = s.common();
    if c.audit.is_some() {
        return Step::Other;
    }
    let started = Instant::now();
    let verdict = cors::verdict_of(&c.cfg.cors_origins, req.origin, req.host);
    let (path, query) = req.path_and_query();
    let mut slot = None;
    let admitted = forward::admit(
        c,
        &req.method,
        path,
        query,
        req.length.map(|n| n as u64),
        &verdict,
        &mut slot,
    );
    let Ok(t) = admitted else {
        return Step::Other;
    };
    let host = t.authority();
    // (The general path also re-parses the target as a `Uri`, which cannot fail for a target that
    // `target::parse` accepted: `forward.rs` tests that; so the lane does not. Its `Host` value is
    // checked the same way.)
    if HeaderValue::from_str(&host).is_err() {
        return Step::Other;
    }
    let Ok(permit) = Arc::clone(&c.permits).try_acquire_owned() else {
        return Step::Other;
    };
    let (method, close) = (req.method.clone(), req.close);
    let body = &bytes[req.head_len..];
    write_request(out, &req, t, &host, body);
    let deadline = tokio::time::Instant::from_std(started) + c.cfg.timeout;
    let exchanged = exchange(s, t, &host, out, method == Method::HEAD, deadline).await;
    out.clear();
    let step = match exchanged {
        Ok((mut conn, head)) => {
            let framing = match head.framing {
                Framing::Empty | Framing::Length(_) => reply::Out::AsIs,
                Framing::Chunked | Framing::Close => reply::Out::Chunked,
            };
            let additions = forward::additions(&verdict);
            reply::forwarded(out, &mut conn.sender.buf, &head, &additions, framing, close);
            let status = head.status.as_u16();
            forward::log_access(&method, &t.origin(), &t.path, status, started, None);
            match body::pass(&mut conn.sender, head.framing, tcp, out, deadline).await {
                Ok(()) => {
                    if head.reusable && conn.sender.buf.is_empty() {
                        s.lane().put(conn);
                    }
                    Step::Next
                }
                Err(body::Broken) => Step::Close,
            }
        }
        Err(e) => {
            let code = e.code();
            let mut res = e.into_response();
            forward::decorate(&verdict, res.headers_mut());
            let status = res.status();
            forward::log_access(
                &method,
                &t.origin(),
                &t.path,
                status.as_u16(),
                started,
                Some(code),
            );
            let (mut parts, body) = res.into_parts();
            let body = axum::body::to_bytes(body, ERROR_MAX)
                .await
                .unwrap_or_default();
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
            reply::head(out, status, &parts.headers, reply::Out::AsIs, close);
            out.extend_from_slice(&body);
            match tcp.write_all(out).await {
                Ok(()) => Step::Next,
                Err(_) => Step::Close,
            }
        }
    };
    out.clear();
    drop(permit);
    match step {
        Step::Next if close => {
            let _ = tcp.shutdown().await;
            Step::Close
        }
        other => other,
    }
}

/// The request as it goes upstream: method, the target's raw path and query, the client's lines in
/// their order, minus the ones that never cross ([`headers::request_drops`] and those `Connection`
/// names, the rule `headers::strip_request` applies to a map), names in lowercase as a map writes them,
/// `Host` set to `host` (in place of the client's first, else last), the exact body length (none for an
/// empty body, as hyper's client sends it), the body.
pub(super) fn write_request(
    out: &mut Vec<u8>,
    req: &head::Request<'_>,
    t: &Target,
    host: &str,
    body: &[u8],
) {
    out.clear();
    out.extend_from_slice(req.method.as_str().as_bytes());
    out.push(b' ');
    out.extend_from_slice(t.path.as_bytes());
    if let Some(q) = &t.query {
        out.push(b'?');
        out.extend_from_slice(q.as_bytes());
    }
    out.extend_from_slice(b" HTTP/1.1\r\n");
    let mut hosted = false;
    for h in &req.headers {
        let name = h.name;
        if name.eq_ignore_ascii_case("host") {
            if !hosted {
                reply::line(out, b"host", host.as_bytes());
                hosted = true;
            }
            continue;
        }
        if headers::request_drops(name.as_bytes()) || headers::listed(&req.headers, name.as_bytes())
        {
            continue;
        }
        reply::lowercase_line(out, name.as_bytes(), h.value);
    }
    if !hosted {
        reply::line(out, b"host", host.as_bytes());
    }
    if !body.is_empty() {
        reply::line(
            out,
            b"content-length",
            itoa::Buffer::new().format(body.len()).as_bytes(),
        );
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
}

/// Sends `request` on a pooled or new connection and reads the reply head, all before `deadline`.
async fn exchange(
    s: &Shared,
    t: &Target,
    host: &str,
    request: &[u8],
    head_only: bool,
    deadline: tokio::time::Instant,
) -> Result<(Conn<Link>, Head), ProxyError> {
    let mut conn = s
        .lane()
        .link(t.scheme, &t.host, t.port, host, deadline)
        .await?;
    let link = &mut conn.sender;
    let sent = tokio::time::timeout_at(deadline, async {
        link.stream
            .write_all(request)
            .await
            .map_err(|e| ProxyError::from_upstream(&e, host))?;
        framing::read_head(link, head_only, host).await
    })
    .await;
    match sent {
        Ok(Ok(head)) => Ok((conn, head)),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(ProxyError::UpstreamTimeout(host.to_owned())),
    }
}
