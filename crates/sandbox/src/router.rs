//! HTTP: the axum router (cloud APIs on every path, plus the `/_sandbox/*` control endpoints) and
//! [`serve`]. Requests are read whole and handed to [`Sandbox`] as plain data, byte for byte as the browser
//! signed them (raw path and query, `Host` header included).

use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use tokio::net::TcpListener;

use crate::config::{Faults, SandboxConfig};
use crate::control::fleet_summary;
use crate::dispatch::Answer;
use crate::incoming::Incoming;
use crate::sandbox::{Sandbox, SandboxError};

/// Request bodies above this are refused (the largest real one, a 100-instance batch, is a few KB).
const MAX_BODY: usize = 1024 * 1024;

/// The sandbox's routes: `GET /_sandbox/audit`, `GET /_sandbox/state`, `GET|POST /_sandbox/faults`,
/// `GET|POST /_sandbox/fleet`, `GET /_sandbox/upgrades`, `POST /_sandbox/reset`, and every other path is a
/// cloud API (see the crate docs for dispatch).
pub fn router(state: Sandbox) -> Router {
    Router::new()
        .route("/_sandbox/audit", get(audit))
        .route("/_sandbox/state", get(state_view))
        .route("/_sandbox/faults", get(faults).post(set_faults))
        .route("/_sandbox/fleet", get(fleet).post(set_fleet))
        .route("/_sandbox/upgrades", get(upgrades))
        .route("/_sandbox/reset", post(reset))
        .fallback(cloud)
        .with_state(state)
}

/// Serves a fresh sandbox built from `cfg` on `listener` until the server stops.
///
/// # Errors
/// [`SandboxError`] when the state file cannot be loaded or the server fails.
pub async fn serve(listener: TcpListener, cfg: SandboxConfig) -> Result<(), SandboxError> {
    serve_sandbox(listener, Sandbox::new(cfg)?).await
}

/// Serves an existing sandbox (e.g. one on a test clock).
///
/// # Errors
/// [`SandboxError::Serve`] when the server fails.
pub async fn serve_sandbox(listener: TcpListener, sandbox: Sandbox) -> Result<(), SandboxError> {
    axum::serve(listener, router(sandbox))
        .await
        .map_err(SandboxError::Serve)
}

async fn audit(State(sb): State<Sandbox>) -> Json<serde_json::Value> {
    Json(json!(sb.audit()))
}

async fn state_view(State(sb): State<Sandbox>) -> Json<serde_json::Value> {
    Json(sb.state_json())
}

/// What each knob does, next to its value in `GET /_sandbox/faults` (ignored when posted back).
const FAULT_HELP: [(&str, &str); 4] = [
    ("latency_ms", "extra delay in milliseconds before every cloud API answer"),
    (
        "error_rate",
        "share of calls failing with a 5xx before anything is applied (safe to resend)",
    ),
    (
        "throttle_rate",
        "share of calls throttled before anything is applied (safe to resend after a backoff)",
    ),
    (
        "lost_reply_rate",
        "share of accepted writes that ARE applied and audited but answered with a 504 gateway timeout \
         (Alibaba ServiceTimeout, Huawei APIGW.0203): settle by reading state, do not resend blindly",
    ),
];

async fn faults(State(sb): State<Sandbox>) -> Json<serde_json::Value> {
    let mut body = json!(sb.faults());
    body["help"] = FAULT_HELP
        .iter()
        .map(|(k, v)| ((*k).to_owned(), json!(v)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    Json(body)
}

async fn fleet(State(sb): State<Sandbox>) -> Json<serde_json::Value> {
    Json(fleet_summary(sb.fleet()))
}

/// `{"per_product": N}` → exactly N fleet instances per product (see [`Sandbox::set_fleet`]).
async fn set_fleet(State(sb): State<Sandbox>, body: axum::body::Bytes) -> Response {
    #[derive(serde::Deserialize)]
    struct Wanted {
        per_product: u32,
    }
    let outcome = match serde_json::from_slice::<Wanted>(&body) {
        Ok(w) => sb.set_fleet(w.per_product),
        Err(e) => Err(SandboxError::Config(format!(
            "expected {{\"per_product\": N}}: {e}"
        ))),
    };
    match outcome {
        Ok(()) => Json(fleet_summary(sb.fleet())).into_response(),
        Err(e) => {
            let status = if matches!(e, SandboxError::Config(_)) {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::INTERNAL_SERVER_ERROR
            };
            (status, Json(json!({ "message": e.to_string() }))).into_response()
        }
    }
}

async fn upgrades(State(sb): State<Sandbox>) -> Json<serde_json::Value> {
    Json(json!(sb.upgrades()))
}

async fn set_faults(State(sb): State<Sandbox>, body: axum::body::Bytes) -> Response {
    let parsed: Result<Faults, String> = serde_json::from_slice(&body).map_err(|e| e.to_string());
    match parsed.and_then(|f| sb.set_faults(f).map(|()| f).map_err(|e| e.to_string())) {
        Ok(f) => Json(f).into_response(),
        Err(message) => {
            (StatusCode::BAD_REQUEST, Json(json!({ "message": message }))).into_response()
        }
    }
}

async fn reset(State(sb): State<Sandbox>) -> Response {
    match sb.reset() {
        Ok(()) => Json(json!({"reset": true})).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({"message": e.to_string()})),
        )
            .into_response(),
    }
}

/// Permissive CORS, so the page may also call the sandbox directly (the proxy normally answers these).
fn cors(response: &mut Response) {
    let h = response.headers_mut();
    for (name, value) in [
        ("access-control-allow-origin", "*"),
        (
            "access-control-allow-methods",
            "GET, POST, PUT, DELETE, OPTIONS",
        ),
        ("access-control-allow-headers", "*"),
        (
            "access-control-expose-headers",
            "X-Subject-Token, Date, x-acs-request-id, X-Request-Id, X-Total-Count",
        ),
    ] {
        h.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
}

async fn cloud(State(sb): State<Sandbox>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    if parts.method == Method::OPTIONS {
        let mut r = StatusCode::NO_CONTENT.into_response();
        cors(&mut r);
        return r;
    }
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
    };
    let latency = sb.faults().latency_ms;
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let mut headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    // HTTP/2 carries the host as the URI authority instead of a Host header; it is signed all the same.
    if !parts.headers.contains_key("host") {
        if let Some(authority) = parts.uri.authority() {
            headers.push(("host".to_owned(), authority.to_string()));
        }
    }
    let incoming = Incoming::new(
        parts.method.as_str(),
        parts.uri.path(),
        parts.uri.query().unwrap_or(""),
        headers,
        bytes.to_vec(),
    );
    let answer = sb.handle(&incoming);
    let mut response = render(answer);
    cors(&mut response);
    response
}

fn render(answer: Answer) -> Response {
    let mut response = Response::new(Body::from(answer.body.to_string()));
    *response.status_mut() =
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = response.headers_mut();
    h.insert(
        HeaderName::from_static("content-type"),
        HeaderValue::from_static("application/json;charset=utf-8"),
    );
    for (name, value) in answer.headers {
        if let (Ok(n), Ok(v)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            h.insert(n, v);
        }
    }
    response
}
