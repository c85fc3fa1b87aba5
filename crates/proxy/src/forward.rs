//! The forwarding handler for `/proxy/{scheme}/{host[:port]}/{path...}?{query}`.
//!
//! Steps: CORS verdict (preflights answered here) → method → strict target parse + allowlist → body size →
//! concurrency permit → exact bytes upstream (raw path, raw query, body, end-to-end headers, `Host` from the
//! target) → reply streamed back with its own status. Redirects are never followed. One access-log line per
//! request, without query, headers or body (they carry signatures and tokens).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, Method};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::audit::{self, AuditLog, Entry};
use crate::error::ProxyError;
use crate::write_op::{self, WriteOp};
use crate::{allowlist, cors, headers, target, Config};

/// Reply bodies up to this size are read to find an audited write's `RequestId`.
const AUDIT_BODY_PEEK: usize = 64 * 1024;

/// Everything a request needs, built once from the [`Config`]; nothing else survives between requests
/// (the HTTP client's connection pool is only a cache).
#[derive(Debug)]
pub(crate) struct Shared {
    cfg: Config,
    client: reqwest::Client,
    permits: Arc<Semaphore>,
    audit: Option<AuditLog>,
}

impl Shared {
    /// Builds the HTTP client (rustls, no redirects, no system proxy, timeouts) and opens the audit log.
    pub(crate) fn new(cfg: &Config) -> std::io::Result<Self> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(cfg.connect_timeout)
            .timeout(cfg.timeout)
            .build()
            .map_err(|_| std::io::Error::other("cannot initialise the HTTP client"))?;
        let audit = cfg.audit_log.as_deref().map(AuditLog::open).transpose()?;
        Ok(Self {
            cfg: cfg.clone(),
            client,
            permits: Arc::new(Semaphore::new(cfg.max_concurrent.max(1))),
            audit,
        })
    }
}

/// What the access log and the audit log say about one request.
struct Outcome<'a> {
    method: &'a Method,
    client: Option<SocketAddr>,
    upstream: String,
    path: String,
    write: Option<WriteOp>,
}

/// Entry point for every method on `/proxy/*`.
pub(crate) async fn handle(State(s): State<Arc<Shared>>, req: Request) -> Response {
    let verdict = cors::verdict(&s.cfg.cors_origins, req.headers());
    if req.method() == Method::OPTIONS {
        return cors::preflight(&verdict);
    }
    let started = Instant::now();
    let method = req.method().clone();
    let mut out = Outcome {
        method: &method,
        client: req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0),
        upstream: "-".to_owned(),
        path: req.uri().path().chars().take(200).collect(),
        write: None,
    };
    let (mut res, upstream_id, code) = match forward(&s, req, &verdict, &mut out).await {
        Ok((res, id)) => (res, id, None),
        Err(e) => {
            let code = e.code();
            (e.into_response(), None, Some(code))
        }
    };
    tracing::info!(
        target: "console_proxy::access",
        method = %method,
        upstream = %out.upstream,
        path = %out.path,
        status = res.status().as_u16(),
        latency_ms = started.elapsed().as_secs_f64() * 1000.0,
        proxy_error = code.unwrap_or(""),
        "proxied"
    );
    if let (Some(log), Some(w)) = (&s.audit, &out.write) {
        log.record(&Entry {
            time: audit::rfc3339(std::time::SystemTime::now()),
            client: out.client.map(|c| c.to_string()),
            method: method.as_str(),
            upstream: out.upstream.clone(),
            path: &out.path,
            operation: &w.operation,
            instance_ids: &w.instance_ids,
            request_id: upstream_id,
            status: res.status().as_u16(),
            proxy_error: code,
        });
    }
    cors::decorate(&verdict, res.headers_mut());
    res
}

/// The forwarding itself; returns the reply and (for audited writes) the cloud's request id.
async fn forward(
    s: &Shared,
    req: Request,
    verdict: &cors::Verdict,
    out: &mut Outcome<'_>,
) -> Result<(Response, Option<String>), ProxyError> {
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
    if !allowed.contains(out.method) {
        return Err(ProxyError::MethodNotAllowed(out.method.to_string()));
    }
    let t = target::parse(req.uri().path(), req.uri().query())?;
    out.upstream = t.origin();
    out.path.clone_from(&t.path);
    allowlist::check(&s.cfg.upstreams, &t)?;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > s.cfg.body_limit as u64) {
        return Err(ProxyError::BodyTooLarge(s.cfg.body_limit));
    }
    let permit = Arc::clone(&s.permits)
        .try_acquire_owned()
        .map_err(|_| ProxyError::Overloaded)?;
    let (parts, body) = req.into_parts();
    let has_body = declared.is_some() || parts.headers.contains_key(header::TRANSFER_ENCODING);
    let body = read_body(body, s.cfg.body_limit).await?;
    if s.audit.is_some() {
        out.write = write_op::classify(out.method, &t, &parts.headers, &body);
    }
    let url = reqwest::Url::parse(&t.url()).map_err(|_| bad("not a valid URL"))?;
    if url.path() != t.path
        || url.query() != t.query.as_deref()
        || url.host_str() != Some(t.host.as_str())
    {
        return Err(bad("the URL would not be forwarded byte for byte"));
    }
    let mut rb = s
        .client
        .request(out.method.clone(), url)
        .headers(headers::upstream_request(&parts.headers));
    if has_body || !body.is_empty() {
        rb = rb.body(body);
    }
    let host = t.authority();
    let resp = rb
        .send()
        .await
        .map_err(|e| ProxyError::from_upstream(&e, &host))?;
    let status = resp.status();
    let reply_headers = headers::client_response(resp.headers());
    let (body, upstream_id) = if out.write.is_some() {
        let (peeked, body) = peek_body(resp, permit, host).await;
        (
            body,
            write_op::request_id(&reply_headers, peeked.as_deref()),
        )
    } else {
        (
            stream_body(resp.bytes_stream(), Vec::new(), permit, host),
            None,
        )
    };
    let mut res = Response::new(body);
    *res.status_mut() = status;
    *res.headers_mut() = reply_headers;
    Ok((res, upstream_id))
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

type Chunks = std::pin::Pin<Box<dyn futures_util::Stream<Item = reqwest::Result<Bytes>> + Send>>;

/// For audited writes: reads up to [`AUDIT_BODY_PEEK`] bytes of the reply; returns them when that was
/// the whole body, and a body that replays what was read then streams the rest.
async fn peek_body(
    resp: reqwest::Response,
    permit: OwnedSemaphorePermit,
    host: String,
) -> (Option<Vec<u8>>, Body) {
    let mut stream: Chunks = Box::pin(resp.bytes_stream());
    let mut seen: Vec<Bytes> = Vec::new();
    let mut size = 0;
    while size <= AUDIT_BODY_PEEK {
        match stream.next().await {
            Some(Ok(chunk)) => {
                size += chunk.len();
                seen.push(chunk);
            }
            Some(Err(e)) => {
                let rest: Chunks = Box::pin(futures_util::stream::once(async { Err(e) }));
                return (None, stream_body(rest, seen, permit, host));
            }
            None => {
                let whole = seen.concat();
                return (Some(whole), stream_body(stream, seen, permit, host));
            }
        }
    }
    (None, stream_body(stream, seen, permit, host))
}

/// Streams the reply back, holding the concurrency permit until the last byte, and turning client errors
/// into messages without the URL (reqwest's would include the signed query).
fn stream_body<S>(rest: S, first: Vec<Bytes>, permit: OwnedSemaphorePermit, host: String) -> Body
where
    S: futures_util::Stream<Item = reqwest::Result<Bytes>> + Send + 'static,
{
    let head = futures_util::stream::iter(first.into_iter().map(Ok));
    Body::from_stream(head.chain(rest).map(move |chunk| {
        let _held = &permit;
        chunk.map_err(|e| std::io::Error::other(ProxyError::from_upstream(&e, &host).to_string()))
    }))
}
