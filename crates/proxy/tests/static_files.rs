//! The proxy's file serving, driven in-process with `tower::ServiceExt::oneshot` over a temporary dist/.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::Captured;
use console_proxy::{app, Config};
use http_body_util::BodyExt;
use tower::ServiceExt;

const INDEX: &str = "<!doctype html><title>shell</title>";
const WASM: &str = "console-0123456789abcdef_bg.wasm";

fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("index.html"), INDEX).expect("index");
    std::fs::write(dir.path().join(WASM), b"\0asm\x01\0\0\0").expect("wasm");
    std::fs::write(dir.path().join(format!("{WASM}.br")), b"brotli-bytes").expect("br");
    std::fs::write(dir.path().join("config.json"), b"{}").expect("config");
    dir
}

async fn get(
    dir: &tempfile::TempDir,
    path: &str,
    accept: &str,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let req = Request::get(path)
        .header(header::ACCEPT_ENCODING, accept)
        .body(Body::empty())
        .expect("request");
    let res = app(&Config::new(dir.path()))
        .oneshot(req)
        .await
        .expect("infallible");
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes().to_vec();
    (parts.status, parts.headers, bytes)
}

#[tokio::test]
async fn deep_links_get_the_shell_with_no_cache() {
    let dir = dist();
    for path in ["/", "/op/redis-major-upgrade", "/settings", "/op/x?y=1"] {
        let (status, headers, body) = get(&dir, path, "identity").await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(body, INDEX.as_bytes(), "{path}");
        assert_eq!(headers[header::CACHE_CONTROL], "no-cache", "{path}");
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_with_the_right_type() {
    let dir = dist();
    let (status, headers, body) = get(&dir, &format!("/{WASM}"), "identity").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(&body[..4], b"\0asm");
}

#[tokio::test]
async fn precompressed_copy_is_served_when_accepted() {
    let dir = dist();
    let (_, headers, body) = get(&dir, &format!("/{WASM}"), "gzip, br").await;
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(headers[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(body, b"brotli-bytes");
}

#[tokio::test]
async fn unhashed_files_are_revalidated() {
    let dir = dist();
    let (status, headers, body) = get(&dir, "/config.json", "identity").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    assert_eq!(body, b"{}");
}

#[tokio::test]
async fn traversal_never_escapes_dist() {
    let dir = dist();
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
    ] {
        let (_, _, body) = get(&dir, path, "identity").await;
        assert!(!String::from_utf8_lossy(&body).contains("root:"), "{path}");
    }
}

/// Paths the OS refuses to look up (`ENAMETOOLONG`: a segment over 255 bytes, or the whole path over
/// `PATH_MAX`) name no file either, so they get the same answer as an unknown app path, never an empty 500.
#[tokio::test]
async fn names_too_long_for_the_os_get_the_shell() {
    let errors = Captured::default();
    let _guard = errors.subscribe(tracing::Level::ERROR);
    let dir = dist();
    let (_, unknown, _) = get(&dir, "/op/zzz", "identity").await;
    assert!(unknown.contains_key(header::CONTENT_SECURITY_POLICY));
    let z = |n| "z".repeat(n);
    let paths = [
        format!("/op/{}", z(4_500)),
        format!("/op/{}", format!("{}/", z(100)).repeat(45)),
        format!("/{}", z(300)),
    ];
    for path in &paths {
        for accept in ["identity", "gzip, br"] {
            let (status, headers, body) = get(&dir, path, accept).await;
            let what = format!("{} bytes, {accept}", path.len());
            assert_eq!(status, StatusCode::OK, "{what}");
            assert_eq!(body, INDEX.as_bytes(), "{what}");
            assert_eq!(headers, unknown, "{what}");
        }
    }
    // A name that fits, but not once `.br` is appended to look for a precompressed copy.
    let (status, _, body) = get(&dir, &format!("/{}", z(254)), "br").await;
    assert_eq!(
        (status, body.as_slice()),
        (StatusCode::OK, INDEX.as_bytes())
    );
    let logged = String::from_utf8_lossy(&errors.0.lock().expect("lock")).into_owned();
    assert!(logged.is_empty(), "logged an error: {logged}");
}
