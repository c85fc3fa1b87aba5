//! Content-Security-Policy and related headers.
//!
//! Two policies:
//!
//! * **The app** (`index.html` and every static file): scripts only from this origin (the
//!   bootstrap is an external, hashed file written by `scripts/link_app.mjs`; no inline script, no
//!   `unsafe-eval`), plus `'wasm-unsafe-eval'`, which Chromium requires for `WebAssembly.instantiate`;
//!   styles from this origin only (the app sets no `style=` attributes); `connect-src` this origin plus
//!   the proxy named in `dist/config.json` (`proxy_base`) and any `--connect-src` origins; `object-src
//!   'none'`, `base-uri 'self'`, `form-action 'self'` and `frame-ancestors` from `--frame-ancestors`
//!   (default `'self'`), so only the listed portals may embed the console.
//! * **Forwarded replies** (`/proxy/...`): `default-src 'none'; sandbox; frame-ancestors 'none'` with
//!   `X-Content-Type-Options: nosniff`. The page reads them with `fetch()`, which ignores these headers,
//!   but a reply opened as a document (a link, a typed URL) would otherwise run on the console's origin:
//!   an allow-listed host that serves user content (a storage bucket under `*.aliyuncs.com`) could then
//!   script the console. With the sandbox it renders inert in an opaque origin.

use axum::http::header::{self, HeaderMap, HeaderValue};

use crate::cors::canonical_origin;
use crate::headers::Addition;

/// The policy of forwarded replies (see the module docs).
pub const REPLY_POLICY: &str = "default-src 'none'; sandbox; frame-ancestors 'none'";

/// `frame-ancestors` when nothing is configured: only the console's own origin may frame it.
pub const DEFAULT_FRAME_ANCESTORS: &str = "'self'";

const NOSNIFF: HeaderValue = HeaderValue::from_static("nosniff");

/// Why a `--frame-ancestors` or `--connect-src` value was refused (at startup).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid {what} source {value:?}: {reason}")]
pub struct SourceError {
    /// Which setting.
    pub what: &'static str,
    /// The offending text.
    pub value: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// Checks a `frame-ancestors` value: `'self'`, `'none'`, or space-separated origins
/// (`https://portal.example`, `https://*.example.com`, optionally with a port). Anything else, in
/// particular `;`, quotes other than the two keywords, paths or control characters, is refused so the
/// flag can never inject another directive. Returns the normalised value (single spaces).
pub fn frame_ancestors(value: &str) -> Result<String, SourceError> {
    let err = |reason| SourceError {
        what: "frame-ancestors",
        value: value.to_owned(),
        reason,
    };
    let tokens: Vec<&str> = value.split_ascii_whitespace().collect();
    if tokens.is_empty() {
        return Err(err("empty (use 'none' to forbid framing)"));
    }
    if tokens.contains(&"'none'") && tokens.len() > 1 {
        return Err(err("'none' cannot be combined with other sources"));
    }
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let source = match t {
            "'self'" | "'none'" => Some(t.to_owned()),
            _ => host_source(t),
        };
        out.push(source.ok_or_else(|| {
            err("expected 'self', 'none' or scheme://host[:port] (host may start with *.)")
        })?);
    }
    Ok(out.join(" "))
}

/// Checks a `connect-src` origin (`https://dbproxy.example.com[:port]`) and returns it canonical.
pub fn connect_origin(value: &str) -> Result<String, SourceError> {
    canonical_origin(value).ok_or(SourceError {
        what: "connect-src",
        value: value.to_owned(),
        reason: "expected scheme://host[:port]",
    })
}

/// `scheme://host[:port]` with an optional leading `*.` on the host, canonical; `None` otherwise.
fn host_source(token: &str) -> Option<String> {
    let (scheme, rest) = token.split_once("://")?;
    match rest.strip_prefix("*.") {
        // A wildcard host: check the rest as an origin (a wildcard needs two or more labels after it).
        Some(tail) => {
            let origin = canonical_origin(&format!("{scheme}://{tail}"))?;
            let (s, host) = origin.split_once("://")?;
            host.contains('.').then(|| format!("{s}://*.{host}"))
        }
        None => canonical_origin(token),
    }
}

/// The app's policy for the given `frame-ancestors` value (already checked) and extra `connect-src`
/// origins (already canonical).
#[must_use]
pub fn app_policy(frame_ancestors: &str, connect_src: &[String]) -> String {
    let mut connect = String::from("'self'");
    for o in connect_src {
        connect.push(' ');
        connect.push_str(o);
    }
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self'; font-src 'self'; manifest-src 'self'; connect-src {connect}; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {frame_ancestors}"
    )
}

/// The origin of `proxy_base` in a `config.json` beside `index.html`, if there is one: the page sends
/// its calls there, so the policy must let it connect.
#[must_use]
pub fn config_json_proxy(dist: &std::path::Path) -> Option<String> {
    let text = std::fs::read_to_string(dist.join("config.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    let base = json.get("proxy_base")?.as_str()?.trim();
    // `https://dbproxy.example.com/some/path` → its origin; a relative base is this origin already.
    let (scheme, rest) = base.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    canonical_origin(&format!("{scheme}://{authority}"))
}

/// Adds the app's headers to a static-file response.
pub(crate) fn decorate_app(headers: &mut HeaderMap, policy: &HeaderValue) {
    headers.insert(header::CONTENT_SECURITY_POLICY, policy.clone());
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, NOSNIFF);
}

/// The inert-document headers of a forwarded reply (or a proxy error), as data: `forward::decorate` adds
/// them to a map, the forwarding lane writes them into a raw reply head.
pub(crate) fn reply_additions() -> [Addition; 2] {
    [
        Addition {
            name: header::CONTENT_SECURITY_POLICY,
            value: HeaderValue::from_static(REPLY_POLICY),
            replaces: true,
        },
        Addition {
            name: header::X_CONTENT_TYPE_OPTIONS,
            value: NOSNIFF,
            replaces: true,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_ancestors_accepts_keywords_and_origins_only() {
        assert_eq!(frame_ancestors("'self'").as_deref(), Ok("'self'"));
        assert_eq!(
            frame_ancestors("  'self'   https://Portal.Example:8443  https://*.corp.example ")
                .as_deref(),
            Ok("'self' https://portal.example:8443 https://*.corp.example")
        );
        assert_eq!(frame_ancestors("'none'").as_deref(), Ok("'none'"));
        for bad in [
            "",
            "'self'; script-src *",
            "'none' 'self'",
            "*",
            "https://a.example/path",
            "'unsafe-inline'",
            "https://*.com",
            "portal.example",
            "https://a.example\r\nx: y",
            "javascript:alert(1)",
            "https://a@b.example",
        ] {
            assert!(frame_ancestors(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn connect_origins_are_canonical() {
        assert_eq!(
            connect_origin("HTTPS://DBProxy.example.com:443/").as_deref(),
            Ok("https://dbproxy.example.com")
        );
        assert!(connect_origin("https://dbproxy.example.com/x").is_err());
        assert!(connect_origin("'self'").is_err());
    }

    #[test]
    fn policy_has_every_directive_once() {
        let p = app_policy(
            "'self' https://portal.example",
            &["https://dbproxy.example.com".into()],
        );
        assert!(p.contains("connect-src 'self' https://dbproxy.example.com;"));
        assert!(p.ends_with("frame-ancestors 'self' https://portal.example"));
        for d in [
            "default-src",
            "script-src",
            "style-src",
            "object-src",
            "base-uri",
            "connect-src",
        ] {
            assert_eq!(p.matches(&format!("{d} ")).count(), 1, "{d}");
        }
        assert!(!p.contains("unsafe-inline") && !p.contains("'unsafe-eval'"));
        assert!(HeaderValue::from_str(&p).is_ok());
    }

    #[test]
    fn config_json_names_the_proxy_origin() {
        let dir = tempfile::tempdir().expect("tmp");
        assert_eq!(config_json_proxy(dir.path()), None);
        let write = |s: &str| std::fs::write(dir.path().join("config.json"), s).expect("write");
        write(r#"{"proxy_base":"https://DBProxy.example.com/base/"}"#);
        assert_eq!(
            config_json_proxy(dir.path()).as_deref(),
            Some("https://dbproxy.example.com")
        );
        write(r#"{"proxy_base":""}"#);
        assert_eq!(config_json_proxy(dir.path()), None);
        write(r#"{"proxy_base":"/relative"}"#);
        assert_eq!(config_json_proxy(dir.path()), None);
        write("not json");
        assert_eq!(config_json_proxy(dir.path()), None);
    }
}
