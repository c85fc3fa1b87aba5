//! The only place the app talks to the network: a signed request goes to the proxy, which forwards it
//! unchanged to `{scheme}://{host}`. Replies are sorted into the three things a DBA must tell apart:
//! the cloud's own answer, a refusal by the proxy, and a network/CORS failure before any answer.

use console_core::sign::OutgoingRequest;
use gloo_net::http::{Request, RequestBuilder};
use thiserror::Error;

/// A reply from the cloud (or the sandbox), whatever its status: cloud errors are answers too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Reply {
    /// A response header, case-insensitively.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why no cloud answer arrived. `Display` is the English message (also what the fleet's journal keeps);
/// `message(lang)` (`crate::error_text`) gives it in the UI's language.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub(crate) enum SendError {
    /// No complete answer came back: the browser could not reach the proxy at all (wrong proxy URL,
    /// proxy down, CORS or CSP refusal), or the answer broke off half-way.
    #[error("No complete answer through the proxy at {url}: {}. A proxy on another origin may also be blocked by this page's security policy (Settings says so). If the proxy is unreachable, check its address in Settings and that it is running.", network_detail(.detail, *.cut_off))]
    Network {
        url: String,
        /// The browser's own words (`fetch` failed, the body stream ended…).
        detail: String,
        /// The status of an answer that started but broke off before its end; `None` when none came.
        cut_off: Option<u16>,
    },
    /// The proxy answered for itself (allowlist, limits, upstream unreachable…), not the cloud.
    #[error("The proxy refused or could not complete the call ({code}, HTTP {status}): {message}")]
    Proxy {
        status: u16,
        code: String,
        message: String,
    },
    /// The request could not even be built into a browser fetch (should not happen with signed input).
    #[error("The browser could not build this request: {0}")]
    Build(String),
}

/// What went wrong on the network, in English: the browser's words, and for an answer that broke off,
/// that it may have been carried out (the fleet's exactly-once rules read this text too).
pub(crate) fn network_detail(detail: &str, cut_off: Option<u16>) -> String {
    match cut_off {
        None => detail.to_owned(),
        Some(status) => format!(
            "the answer (HTTP {status}) broke off before its end ({detail}); whether the call was carried out is unknown, so check the instance before sending it again"
        ),
    }
}

/// Resolves `path` against the document's base URL, so the app works when hosted under a subpath.
pub(crate) fn base_relative(path: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| "/".to_owned());
    web_sys::Url::new_with_base(path, &base).map_or_else(|_| path.to_owned(), |u| u.href())
}

/// The proxy URL for a request: `{proxy}/proxy/{scheme}/{host}{path?query}`. The query is already in
/// canonical, percent-encoded form and is appended as-is, so the signature still matches.
pub(crate) fn proxy_url(proxy_base: &str, scheme: &str, req: &OutgoingRequest) -> String {
    let tail = format!("proxy/{scheme}/{}{}", req.host, req.path_and_query);
    let base = proxy_base.trim();
    if base.is_empty() {
        base_relative(&tail)
    } else {
        format!("{}/{tail}", base.trim_end_matches('/'))
    }
}

/// Sends a signed request through the proxy and classifies the outcome.
pub(crate) async fn send(
    proxy_base: &str,
    scheme: &str,
    req: &OutgoingRequest,
) -> Result<Reply, SendError> {
    let url = proxy_url(proxy_base, scheme, req);
    let mut builder: RequestBuilder = match req.method.as_str() {
        "GET" => Request::get(&url),
        "PUT" => Request::put(&url),
        "DELETE" => Request::delete(&url),
        "PATCH" => Request::patch(&url),
        _ => Request::post(&url),
    };
    for (name, value) in req.fetch_headers() {
        builder = builder.header(name, value);
    }
    let request = if req.body.is_empty() {
        builder.build()
    } else {
        builder.body(js_sys::Uint8Array::from(req.body.as_slice()))
    }
    .map_err(|e| SendError::Build(e.to_string()))?;
    let res = request.send().await.map_err(|e| SendError::Network {
        url: url.split('?').next().unwrap_or(&url).to_owned(),
        detail: e.to_string(),
        cut_off: None,
    })?;
    let status = res.status();
    let headers: Vec<(String, String)> = res.headers().entries().collect();
    // A reply cut off half-way (the proxy ends a stalled body at its timeout) is not an answer: an empty
    // body here would read as a success. Whether the call was carried out is unknown, as for any other
    // failure after the request left (hence `Network`, which callers treat as "may have been applied").
    let body = res.text().await.map_err(|e| SendError::Network {
        url: url.split('?').next().unwrap_or(&url).to_owned(),
        detail: e.to_string(),
        cut_off: Some(status),
    })?;
    if let Some((_, code)) = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("x-proxy-error"))
    {
        let message = serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| {
                v.pointer("/proxy_error/message")
                    .and_then(|m| m.as_str())
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| body.chars().take(300).collect());
        return Err(SendError::Proxy {
            status,
            code: code.clone(),
            message,
        });
    }
    Ok(Reply {
        status,
        headers,
        body,
    })
}
