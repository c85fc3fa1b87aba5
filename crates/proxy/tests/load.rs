//! Reliability under load (issue 7): the real proxy, on two event loops as the binary runs it, in front of
//! a loopback echo upstream, takes a bounded burst of requests of which about 5% are malformed.
//!
//! Asserted: every well-formed request gets exactly its own echo back and reaches the upstream exactly
//! once (the upstream counts them); every malformed one gets the proxy's JSON error (or, for bytes that
//! are not HTTP at all, a 4xx from the HTTP layer or a closed connection) and never reaches the upstream;
//! the proxy keeps serving and stops cleanly afterwards. Memory: the test process's resident memory grows
//! by less than [`MAX_RSS_GROWTH`] over a first burst and by less than [`STEADY_RSS_GROWTH`] over a
//! second, identical one, so a leak of more than about 2 KiB per request (e.g. keeping request or reply
//! bodies) fails even though the first burst may still be filling allocator caches. Loopback only,
//! bounded in count (2 × [`TOTAL`]) and time ([`TIME_CAP`] per burst).

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

mod load_cases;
use load_cases::malformed;

/// Requests in the burst (after [`WARM_UP`] more that settle pools and allocator caches).
const TOTAL: usize = 3000;
const WARM_UP: usize = 300;
/// Requests in flight at once.
const CONCURRENCY: usize = 32;
/// One request in this many is malformed (5%).
const MALFORMED_EVERY: usize = 20;
/// The whole burst must finish within this.
const TIME_CAP: Duration = Duration::from_secs(20);
const PER_REQUEST: Duration = Duration::from_secs(5);
const BODY_LIMIT: usize = 4096;
const MAX_RSS_GROWTH: u64 = 32 * 1024 * 1024;
/// Growth allowed over the second burst, once pools and allocator caches are warm (observed: ~1.5 MiB).
const STEADY_RSS_GROWTH: u64 = 6 * 1024 * 1024;

/// What the upstream received: well-formed echo calls, and anything else (must stay 0).
#[derive(Default)]
struct Counts {
    echoed: AtomicUsize,
    stray: AtomicUsize,
}

type Stray = Arc<Counts>;

/// Echoes `METHOD target\n` followed by the body; counts echo calls and anything that is not one.
async fn echo(State(stray): State<Stray>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let target = parts
        .uri
        .path_and_query()
        .map_or("", |p| p.as_str())
        .to_owned();
    if !target.starts_with("/echo/") || parts.headers.contains_key("x-evil") {
        stray.stray.fetch_add(1, Ordering::Relaxed);
    } else {
        stray.echoed.fetch_add(1, Ordering::Relaxed);
    }
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let mut out = format!("{} {target}\n", parts.method).into_bytes();
    out.extend_from_slice(&body);
    ([("content-type", "application/octet-stream")], out).into_response()
}

async fn upstream() -> (SocketAddr, Stray) {
    let stray = Stray::default();
    let app = axum::Router::new()
        .fallback(echo)
        .with_state(Arc::clone(&stray));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("upstream") });
    (addr, stray)
}

/// Resident memory of this process, from `/proc/self/status`.
fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("VmRSS");
    kib * 1024
}

/// Everything a worker needs to send request `i` and check its answer.
struct Run {
    proxy: SocketAddr,
    upstream: SocketAddr,
    client: Client<HttpConnector, Full<Bytes>>,
}

impl Run {
    /// Sends request `i`; returns a description of what went wrong, if anything.
    async fn one(&self, i: usize) -> Result<(), String> {
        let work = async {
            if i % MALFORMED_EVERY == MALFORMED_EVERY - 1 {
                self.malformed(i).await
            } else {
                self.well_formed(i).await
            }
        };
        tokio::time::timeout(PER_REQUEST, work)
            .await
            .unwrap_or_else(|_| Err(format!("request {i} timed out")))
    }

    async fn well_formed(&self, i: usize) -> Result<(), String> {
        let (proxy, up) = (self.proxy, self.upstream);
        let target = format!("/echo/{i}/a%2Fb?i={i}&Signature=ab%2Bc%3D&x=%E5%8D%87");
        let method = if i % 3 == 0 {
            Method::GET
        } else {
            Method::POST
        };
        let body: Vec<u8> = if method == Method::GET {
            Vec::new()
        } else {
            (0..(i * 37) % 2048)
                .map(|n| b'a' + (n % 26) as u8)
                .collect()
        };
        let req = axum::http::Request::builder()
            .method(method.clone())
            .uri(format!("http://{proxy}/proxy/http/{up}{target}"))
            .header("content-type", "application/json")
            .header("x-acs-signature-nonce", HeaderValue::from(i))
            .body(Full::new(Bytes::from(body.clone())))
            .map_err(|e| e.to_string())?;
        let res = self
            .client
            .request(req)
            .await
            .map_err(|e| format!("{i}: {e}"))?;
        let status = res.status();
        let marked = res.headers().contains_key("x-proxy-error");
        let got = res
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        let mut want = format!("{method} {target}\n").into_bytes();
        want.extend_from_slice(&body);
        if status != 200 || marked || got != want {
            return Err(format!(
                "request {i}: {status}, proxy error: {marked}, body {:?}",
                String::from_utf8_lossy(&got[..got.len().min(120)])
            ));
        }
        Ok(())
    }

    async fn malformed(&self, i: usize) -> Result<(), String> {
        let case = malformed(i / MALFORMED_EVERY, self.proxy, self.upstream, BODY_LIMIT);
        let mut s = TcpStream::connect(self.proxy)
            .await
            .map_err(|e| e.to_string())?;
        // The proxy may answer (and close) before reading everything: write errors are expected.
        let _ = s.write_all(&case.bytes).await;
        if case.half_close {
            let _ = s.shutdown().await;
        }
        let mut reply = Vec::new();
        let _ = s.read_to_end(&mut reply).await;
        case.expect
            .check(&reply)
            .map_err(|e| format!("malformed case {} ({i}): {e}", case.name))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bounded_burst_with_malformed_requests_keeps_the_proxy_healthy() {
    let (up, stray) = upstream().await;
    let (mut cfg, _dir) = common::config(&[format!("http://{up}")]);
    cfg.body_limit = BODY_LIMIT;
    cfg.timeout = PER_REQUEST;
    let loops = console_proxy::server::bind("127.0.0.1:0".parse().expect("addr"), 2).expect("bind");
    let proxy = loops.local_addr();
    let routers = console_proxy::try_apps(&cfg, loops.len()).expect("routers");
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let server = std::thread::spawn(move || loops.serve(routers, &stopped, async {}));

    let mut http = HttpConnector::new();
    http.set_nodelay(true);
    let client = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(CONCURRENCY)
        .build(http);
    let run = Arc::new(Run {
        proxy,
        upstream: up,
        client,
    });

    let burst = |from: usize, count: usize| {
        let run = Arc::clone(&run);
        async move {
            let next = Arc::new(AtomicUsize::new(from));
            let workers: Vec<_> = (0..CONCURRENCY)
                .map(|_| {
                    let (run, next) = (Arc::clone(&run), Arc::clone(&next));
                    tokio::spawn(async move {
                        let mut failures = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            if i >= from + count {
                                break failures;
                            }
                            if let Err(e) = run.one(i).await {
                                failures.push(e);
                            }
                        }
                    })
                })
                .collect();
            let mut failures = Vec::new();
            for w in workers {
                failures.extend(w.await.expect("worker"));
            }
            failures
        }
    };

    let warm = tokio::time::timeout(TIME_CAP, burst(0, WARM_UP))
        .await
        .expect("warm-up in time");
    assert!(
        warm.is_empty(),
        "warm-up failures: {:?}",
        &warm[..warm.len().min(5)]
    );
    let well_formed = |from: usize, count: usize| {
        (from..from + count)
            .filter(|i| i % MALFORMED_EVERY != MALFORMED_EVERY - 1)
            .count()
    };
    assert_eq!(
        stray.echoed.load(Ordering::Relaxed),
        well_formed(0, WARM_UP)
    );
    let mut growth = Vec::new();
    for round in 0..2 {
        let from = WARM_UP + round * TOTAL;
        let echoed_before = stray.echoed.load(Ordering::Relaxed);
        let before = rss_bytes();
        let started = std::time::Instant::now();
        let failures = tokio::time::timeout(TIME_CAP, burst(from, TOTAL))
            .await
            .unwrap_or_else(|_| panic!("{TOTAL} requests did not finish within {TIME_CAP:?}"));
        let took = started.elapsed();
        let after = rss_bytes();
        eprintln!(
            "load: burst {}: {TOTAL} requests in {took:?}, RSS {} KiB -> {} KiB",
            round + 1,
            before / 1024,
            after / 1024
        );
        assert!(
            failures.is_empty(),
            "{} failures, first: {:?}",
            failures.len(),
            &failures[..failures.len().min(10)]
        );
        assert_eq!(
            stray.echoed.load(Ordering::Relaxed) - echoed_before,
            well_formed(from, TOTAL),
            "every well-formed request reaches the upstream exactly once"
        );
        growth.push(after.saturating_sub(before));
    }
    assert_eq!(
        stray.stray.load(Ordering::Relaxed),
        0,
        "malformed requests reached the upstream"
    );
    assert!(
        growth[0] < MAX_RSS_GROWTH,
        "RSS grew by {} KiB over the first burst",
        growth[0] / 1024
    );
    assert!(
        growth[1] < STEADY_RSS_GROWTH,
        "RSS grew by {} KiB over the second, identical burst: memory is not bounded",
        growth[1] / 1024
    );

    // Still healthy afterwards, then a clean stop.
    run.one(0).await.expect("a request after the burst");
    assert!(!server.is_finished(), "the proxy stopped serving");
    drop(run);
    stop.send(true).expect("stop");
    let stopped = tokio::task::spawn_blocking(move || server.join())
        .await
        .expect("join task");
    stopped.expect("server thread").expect("clean stop");
}
