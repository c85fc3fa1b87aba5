//! The forwarding handler for `/proxy/{scheme}/{host[:port]}/{path...}?{query}`.
//!
//! Steps: CORS verdict (preflights answered here) → method → strict target parse + allowlist → body size →
//! concurrency permit → exact bytes upstream (raw path, raw query, body, end-to-end headers, `Host` from the
//! target) → reply streamed back with its own status. Redirects are never followed. One access-log line per
//! request, without query, headers or body (they carry signatures and tokens).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, Uri};
use axum::response::{IntoResponse, Response};
use http_body_util::Full;
use tokio::sync::Semaphore;

use crate::audit::{self, AuditLog, Entry};
use crate::client::Upstream;
use crate::error::ProxyError;
use crate::reply_body::ReplyBody;
use crate::target::{self, Target};
use crate::write_op::{self, WriteOp};
use crate::{allowlist, cors, headers, Config};

/// Reply bodies up to this size are read to find an audited write's `RequestId`.
const AUDIT_BODY_PEEK: usize = 64 * 1024;

/// What every event loop shares, built once from the [`Config`]: the settings, the concurrency bound and
/// the audit log.
#[derive(Debug)]
pub(crate) struct Common {
    pub(crate) cfg: Config,
    /// The upstream TLS settings, built once (CA files read once) for every loop and both paths.
    tls: Arc<rustls::ClientConfig>,
    pub(crate) permits: Arc<Semaphore>,
    pub(crate) audit: Option<AuditLog>,
}

/// One event loop's state: the [`Common`] parts plus its own upstream connection pools (the general
/// path's and the lane's), so a pooled connection is always driven by the loop that uses it. Nothing
/// else survives between requests (the pools are only caches).
#[derive(Debug)]
pub(crate) struct Shared {
    common: Arc<Common>,
    client: Upstream,
    lane: crate::lane::upstream::Client,
}

impl Shared {
    /// Builds the HTTP client (rustls, no redirects, no system proxy, timeouts) and opens the audit log.
    pub(crate) fn new(cfg: &Config) -> std::io::Result<Self> {
        let audit = cfg.audit_log.as_deref().map(AuditLog::open).transpose()?;
        let common = Common {
            cfg: cfg.clone(),
            tls: Arc::new(crate::tls::client_config(cfg)?),
            permits: Arc::new(Semaphore::new(cfg.max_concurrent.max(1))),
            audit,
        };
        Ok(Self::on(Arc::new(common)))
    }

    /// One loop's state over the shared `common`: connection pools of its own.
    fn on(common: Arc<Common>) -> Self {
        Self {
            client: Upstream::new(&common.cfg, &common.tls),
            lane: crate::lane::upstream::Client::new(&common.cfg, &common.tls),
            common,
        }
    }

    /// What every loop shares: settings, concurrency bound, audit log.
    pub(crate) fn common(&self) -> &Common {
        &self.common
    }

    /// This loop's upstream side for the lane.
    pub(crate) fn lane(&self) -> &crate::lane::upstream::Client {
        &self.lane
    }

    /// How long a client may take to send a request's head ([`Config::header_timeout`]).
    pub(crate) fn header_timeout(&self) -> std::time::Duration {
        self.common.cfg.header_timeout
    }

    /// State for another event loop: the same limits and audit log, a connection pool of its own.
    pub(crate) fn sibling(&self) -> Self {
        Self::on(Arc::clone(&self.common))
    }
}

/// Entry point for every method on `/proxy/*`; `peer` is the client's address, for the audit log.
///
/// Never fails: the `Result` is what a tower service returns, so the front door boxes this future as it
/// is instead of wrapping it in another one (each wrapping moves the whole, large, state once more).
pub(crate) async fn handle(
    s: Arc<Shared>,
    req: Request,
    peer: Option<SocketAddr>,
) -> Result<Response, Infallible> {
    let c = &*s.common;
    let verdict = cors::verdict(&c.cfg.cors_origins, req.headers());
    if req.method() == Method::OPTIONS {
        return Ok(cors::preflight(&verdict));
    }
    let started = Instant::now();
    let method = req.method().clone();
    // What the logs say: the target (once parsed) and, for audited writes, the operation.
    let (mut target, mut write) = (None, None);
    // The request path is only logged (shortened) when it is not a valid target, which is known before
    // anything is awaited; a valid one is logged from the target.
    let mut bad_path = None;
    let (path, query) = (req.uri().path(), req.uri().query());
    let admitted = admit(
        c,
        req.method(),
        path,
        query,
        declared_length(req.headers()),
        &verdict,
        &mut target,
    );
    let (mut res, upstream_id, code) = match admitted {
        Ok(t) => match forward(&s, req, t, &mut write).await {
            Ok((res, id)) => (res, id, None),
            Err(e) => failed(e),
        },
        Err(e) => {
            if target.is_none() {
                bad_path = Some(truncate(req.uri().path(), 200).to_owned());
            }
            failed(e)
        }
    };
    // Never the query, headers or body: they carry signatures and tokens.
    let (upstream, path) = match (&target, &bad_path) {
        (Some(t), _) => (t.origin(), t.path.as_str()),
        (None, p) => ("-".to_owned(), p.as_deref().unwrap_or_default()),
    };
    log_access(
        &method,
        &upstream,
        path,
        res.status().as_u16(),
        started,
        code,
    );
    if let (Some(log), Some(w)) = (&c.audit, &write) {
        log.record(&Entry {
            time: audit::rfc3339(std::time::SystemTime::now()),
            client: peer.map(|c| c.to_string()),
            method: method.as_str(),
            upstream,
            path,
            operation: &w.operation,
            instance_ids: &w.instance_ids,
            request_id: upstream_id,
            status: res.status().as_u16(),
            proxy_error: code,
        });
    }
    decorate(&verdict, res.headers_mut());
    Ok(res)
}

/// The access-log line of a forwarded request: never the query, headers or body (they carry
/// signatures and tokens). Shared with the lane, so both paths log alike ([`crate::access_log`]).
pub(crate) fn log_access(
    method: &Method,
    upstream: &str,
    path: &str,
    status: u16,
    started: Instant,
    code: Option<&str>,
) {
    crate::access_log::log(&crate::access_log::Access {
        method: method.as_str(),
        upstream,
        path,
        status,
        latency: started.elapsed(),
        proxy_error: code,
    });
}

/// The headers every reply of `/proxy/*` gets, forwarded or the proxy's own error (here and in the
/// lane): CORS for an allowed cross-origin caller, and the inert-document ones, so that an upstream's
/// HTML never runs on the console's origin.
pub(crate) fn decorate(verdict: &cors::Verdict, h: &mut axum::http::HeaderMap) {
    for a in additions(verdict).into_iter().flatten() {
        a.apply(h);
    }
}

/// The headers [`decorate`] adds, as data: the lane writes them into a raw reply head.
pub(crate) fn additions(verdict: &cors::Verdict) -> [Option<crate::headers::Addition>; 5] {
    let [allow, expose, vary] = cors::additions(verdict);
    let [policy, nosniff] = crate::csp::reply_additions();
    [allow, expose, vary, Some(policy), Some(nosniff)]
}

/// The proxy's own error reply, and its code for the logs.
fn failed(e: ProxyError) -> (Response, Option<String>, Option<&'static str>) {
    let code = e.code();
    (e.into_response(), None, Some(code))
}

/// The first `max` characters of `s`.
fn truncate(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}

/// The checks before anything is sent: CORS verdict, method, strict target parse, allowlist, declared
/// body size. The target, once parsed, is kept in `slot` (the logs name it even if a later check fails).
pub(crate) fn admit<'t>(
    c: &Common,
    method: &Method,
    path: &str,
    query: Option<&str>,
    declared: Option<u64>,
    verdict: &cors::Verdict,
    slot: &'t mut Option<Target>,
) -> Result<&'t Target, ProxyError> {
    if let cors::Verdict::Denied(origin) = verdict {
        return Err(ProxyError::OriginNotAllowed(origin.clone()));
    }
    let allowed = [
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
    ];
    if !allowed.contains(method) {
        return Err(ProxyError::MethodNotAllowed(method.to_string()));
    }
    let t = slot.insert(target::parse(path, query)?);
    allowlist::check(&c.cfg.upstreams, t)?;
    if declared.is_some_and(|n| n > c.cfg.body_limit as u64) {
        return Err(ProxyError::BodyTooLarge(c.cfg.body_limit));
    }
    Ok(t)
}

/// The body length a request declares (`Content-Length`), for [`admit`]'s early refusal.
fn declared_length(headers: &axum::http::HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
}

/// The forwarding of an admitted request; returns the reply and (for audited writes) the cloud's
/// request id, and sets `write` for audited writes.
async fn forward(
    s: &Shared,
    req: Request,
    t: &Target,
    write: &mut Option<WriteOp>,
) -> Result<(Response, Option<String>), ProxyError> {
    let c = &*s.common;
    let permit = Arc::clone(&c.permits)
        .try_acquire_owned()
        .map_err(|_| ProxyError::Overloaded)?;
    let (parts, body) = req.into_parts();
    // A request without a body (most reads) skips the collecting machinery altogether.
    let body = if http_body::Body::is_end_stream(&body) {
        Bytes::new()
    } else {
        read_body(body, c.cfg.body_limit).await?
    };
    if c.audit.is_some() {
        *write = write_op::classify(&parts.method, t, &parts.headers, &body);
    }
    let host = t.authority();
    let uri = origin_form(t)?;
    let mut up = axum::http::Request::new(Full::new(body));
    *up.uri_mut() = uri;
    let mut headers = parts.headers;
    let host_value = HeaderValue::from_str(&host).map_err(|_| bad("not a valid host"))?;
    headers::strip_request(&mut headers, host_value);
    *up.headers_mut() = headers;
    *up.method_mut() = parts.method;
    // The total deadline covers connecting, the reply head and the reply body.
    let deadline = tokio::time::Instant::now() + c.cfg.timeout;
    let resp = s.client.send(up, t.scheme, &host, deadline).await?;
    let (mut head, incoming) = resp.into_parts();
    headers::strip_response(&mut head.headers);
    let reply_headers = head.headers;
    let mut body = ReplyBody::new(incoming, permit, deadline, host);
    let upstream_id = if write.is_some() {
        let peeked = body.peek(AUDIT_BODY_PEEK).await;
        write_op::request_id(&reply_headers, peeked.as_deref())
    } else {
        None
    };
    let mut res = Response::new(Body::new(body));
    *res.status_mut() = head.status;
    *res.headers_mut() = reply_headers;
    Ok((res, upstream_id))
}

/// The request target upstream, in origin form (`/path?query`: the connection already goes to the
/// target's origin), checked to be exactly the path and query the client sent.
pub(crate) fn origin_form(t: &Target) -> Result<Uri, ProxyError> {
    let uri = Uri::try_from(t.path_and_query()).map_err(|_| bad("not a valid URL"))?;
    if uri.path() != t.path || uri.query() != t.query.as_deref() {
        return Err(bad("the URL would not be forwarded byte for byte"));
    }
    Ok(uri)
}

fn bad(msg: &str) -> ProxyError {
    ProxyError::BadTarget(msg.to_owned())
}

/// Reads the whole request body (it is at most `limit` bytes, and must be hashed as sent anyway).
async fn read_body(body: Body, limit: usize) -> Result<Bytes, ProxyError> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(err) = cur {
            if err.is::<http_body_util::LengthLimitError>() {
                return ProxyError::BodyTooLarge(limit);
            }
            cur = err.source();
        }
        ProxyError::BadRequestBody
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// Printable ASCII that `target::parse` may accept in a path or query (it refuses some of these).
    fn part() -> impl Strategy<Value = String> {
        proptest::collection::vec(0x21u8..0x7f, 0..40)
            .prop_map(|b| String::from_utf8(b).expect("ascii"))
    }

    proptest! {
        /// The lane skips [`super::origin_form`]: any target that `target::parse` accepts must pass it.
        #[test]
        fn every_parsed_target_has_its_origin_form(path in part(), query in proptest::option::of(part())) {
            let path = format!("/proxy/http/h.example/{}", path.replace('?', ""));
            if let Ok(t) = crate::target::parse(&path, query.as_deref()) {
                prop_assert!(super::origin_form(&t).is_ok(), "{path} {query:?}");
            }
        }
    }
}
