//! Serving the single-page app: precompressed assets, SPA fallback, and cache headers.
//!
//! trunk names every asset with a content hash (`console-0123456789abcdef_bg.wasm`), so those can be
//! cached for a year; `index.html` (and any unhashed file such as `config.json`) must be revalidated so a
//! new deploy is picked up at once.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::services::{ServeDir, ServeFile};

/// Cache policy for content-hashed assets: immutable for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache policy for everything else: always revalidate.
const REVALIDATE: &str = "no-cache";

/// The file service: serves `dist/` with `.br`/`.gz` siblings when the client accepts them, and answers
/// any unknown path with `index.html` so deep links such as `/op/redis-major-upgrade` load the app.
pub(crate) fn service(dist: &Path) -> ServeDir<ServeFile> {
    let index = ServeFile::new(dist.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index)
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
