//! Serving the single-page app: precompressed assets, SPA fallback, and cache headers.
//!
//! trunk names every asset with a content hash (`console-0123456789abcdef_bg.wasm`), so those can be
//! cached for a year; `index.html` (and any unhashed file such as `config.json`) must be revalidated so a
//! new deploy is picked up at once.
//!
//! A path the OS refuses to look up because it is too long (`ENAMETOOLONG`: a segment over 255 bytes, or
//! the whole over `PATH_MAX`) names no file either, so it gets the app shell like any unknown path;
//! tower-http only does that for "not found", "permission denied" and "not a directory", and would answer
//! an empty 500 and log an error for anything else.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower::Service;
use tower_http::services::{ServeDir, ServeFile};

/// Cache policy for content-hashed assets: immutable for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache policy for everything else: always revalidate.
const REVALIDATE: &str = "no-cache";

/// `dist/` with `.br`/`.gz` siblings, falling back to `index.html`; cloned per request (cheap, `Arc`s).
#[derive(Clone)]
pub(crate) struct Files {
    dir: ServeDir<ServeFile>,
    index: ServeFile,
}

/// The file service: serves `dist/` with `.br`/`.gz` siblings when the client accepts them, and answers
/// any unknown path with `index.html` so deep links such as `/op/redis-major-upgrade` load the app.
pub(crate) fn service(dist: &Path) -> Files {
    let index = ServeFile::new(dist.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let dir = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index.clone());
    Files { dir, index }
}

impl Service<Request> for Files {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        // `ServeFile`, the only inner service with a readiness to poll, is always ready.
        Poll::Ready(Ok(()))
    }

    /// `ServeDir::try_call` (which, unlike `call`, hands back the error instead of logging it and
    /// answering 500) consumes the request, so the index gets a copy of its head.
    fn call(&mut self, req: Request) -> Self::Future {
        let mut again = Request::new(Body::empty());
        *again.method_mut() = req.method().clone();
        *again.uri_mut() = req.uri().clone();
        *again.headers_mut() = req.headers().clone();
        let (mut dir, mut index) = (self.dir.clone(), self.index.clone());
        Box::pin(async move {
            Ok(match dir.try_call(req).await {
                Ok(res) => res.into_response(),
                Err(e) if names_no_file(&e) => {
                    let Ok(res) = index.call(again).await;
                    res.into_response()
                }
                Err(e) => {
                    tracing::error!(error = %e, "Failed to read file");
                    StatusCode::INTERNAL_SERVER_ERROR.into_response()
                }
            })
        })
    }
}

/// True when the OS refused the path itself as too long (`ENAMETOOLONG`), so no file by that name can
/// exist. Matched by number, as tower-http does for `ENOTDIR`: `io::ErrorKind::InvalidFilename` needs Rust
/// 1.87 (the MSRV is 1.85). Windows' equivalent is already "not a file" inside tower-http.
fn names_no_file(e: &io::Error) -> bool {
    let too_long = if cfg!(any(target_os = "linux", target_os = "android")) {
        36
    } else if cfg!(any(
        target_vendor = "apple",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly"
    )) {
        63
    } else {
        return false;
    };
    e.raw_os_error() == Some(too_long)
}

/// True when a file name carries trunk's content hash (`name-<hash>.ext` or `name-<hash>_bg.wasm`).
/// trunk prints a 64-bit hash in hex without zero padding, so it has up to 16 digits; 12 or more (a
/// shorter one has odds below 1 in 10^4) tells it apart from ordinary words.
pub(crate) fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let Some((_, tail)) = file.split_once('-') else {
        return false;
    };
    tail.split(['_', '.']).next().is_some_and(|hash| {
        (12..=16).contains(&hash.len())
            && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// Adds `Cache-Control` to every successful file response, long for hashed assets, `no-cache` otherwise.
pub(crate) async fn cache_headers(req: Request, next: Next) -> Response {
    let hashed = is_hashed(req.uri().path());
    let mut res = next.run(req).await;
    if res.status().is_success() && !res.headers().contains_key(header::CACHE_CONTROL) {
        let value = if hashed { IMMUTABLE } else { REVALIDATE };
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn recognises_trunk_hashes() {
        assert!(is_hashed("/console-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed("/console-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed("/main-00ff00ff00ff00ff.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/op/redis-major-upgrade"));
        assert!(!is_hashed("/config.json"));
        // Regression: trunk does not zero-pad, so a CSS hash came out with 15 digits.
        assert!(is_hashed("/main-ee4e242fc0246b1.css"));
        assert!(!is_hashed("/console-1a2b3c4d5.js"));
        assert!(!is_hashed("/op-redis-major-upgrade"));
    }
}
