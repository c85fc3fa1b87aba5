//! Proxy configuration, shared by the binary's argument parser and the tests.
//!
//! Lists (allowed upstreams, allowed CORS origins) are the union of the defaults, the `--config` file,
//! the environment and the command line; scalars take the last of those that sets them. The file is JSON:
//!
//! ```json
//! { "allow_upstreams": ["http://127.0.0.1:9000"], "allow_origins": ["http://localhost:3000"],
//!   "body_limit": 1048576, "connect_timeout_secs": 5, "timeout_secs": 30, "header_timeout_secs": 30,
//!   "max_concurrent": 64,
//!   "audit_log": "/var/log/upgrade-console/audit.jsonl",
//!   "frame_ancestors": "'self' https://portal.example", "connect_src": ["https://dbproxy.example.com"],
//!   "ca_files": ["/etc/ssl/corp-ca.pem"] }
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::allowlist::{PatternError, UpstreamPattern, DEFAULT_UPSTREAMS};
use crate::cors::canonical_origin;
use crate::csp::{self, SourceError};

/// What the proxy needs to know to build its router. Plain data, so tests can construct it directly.
#[derive(Clone, Debug)]
pub struct Config {
    /// Folder holding the trunk build (`index.html`, hashed `.wasm`/`.js`/`.css`, their `.gz`/`.br`).
    pub dist: PathBuf,
    /// Upstream origins the proxy may forward to; nothing else is reachable through it.
    pub upstreams: Vec<UpstreamPattern>,
    /// Extra page origins allowed to call the proxy cross-origin (same-origin needs no entry).
    pub cors_origins: Vec<String>,
    /// Largest request body forwarded, in bytes; larger ones get 413.
    pub body_limit: usize,
    /// Time allowed to open the TCP (and TLS) connection to the upstream.
    pub connect_timeout: Duration,
    /// Time allowed for the whole upstream exchange, reply body included.
    pub timeout: Duration,
    /// Requests forwarded at once; more get 503 at once instead of queueing.
    pub max_concurrent: usize,
    /// Time a client has to send a request's head, counted from the moment the proxy waits for it: so it
    /// is also how long a kept-alive connection may sit idle. Past it the connection is closed, so that
    /// slow or silent clients cannot hold sockets for good (nginx's `client_header_timeout` and
    /// `keepalive_timeout`). 30 s by default.
    pub header_timeout: Duration,
    /// Where to append the JSON-lines audit log of write operations, if anywhere.
    pub audit_log: Option<PathBuf>,
    /// What `/api/runtime` tells the page (e.g. the embedded sandbox); `{"sandbox": null}` by default.
    pub runtime: serde_json::Value,
    /// The app's CSP `frame-ancestors`: who may embed the console (checked by [`Config::frame_ancestors`]).
    pub frame_ancestors: String,
    /// Origins the page may `fetch()` besides its own (another proxy), for the app's CSP `connect-src`.
    pub connect_src: Vec<String>,
    /// PEM files of CA certificates trusted for upstream TLS besides the public roots (a corporate
    /// TLS-inspecting proxy's CA); read at start (`tls.rs`).
    pub ca_files: Vec<PathBuf>,
}

/// A configuration value that cannot be used; reported at startup.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// An upstream origin pattern is malformed.
    #[error(transparent)]
    Upstream(#[from] PatternError),
    /// A CORS origin is not `scheme://host[:port]`.
    #[error("invalid CORS origin {0:?}: expected scheme://host[:port]")]
    Origin(String),
    /// A `frame-ancestors` or `connect-src` value is not a source the policy can carry.
    #[error(transparent)]
    Csp(#[from] SourceError),
    /// The `--config` file cannot be read or parsed.
    #[error("config file {path}: {reason}")]
    File {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}

/// The `--config` file's shape; every key is optional and unknown keys are an error (typos show).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    #[serde(default)]
    allow_upstreams: Vec<String>,
    #[serde(default)]
    allow_origins: Vec<String>,
    body_limit: Option<usize>,
    connect_timeout_secs: Option<f64>,
    timeout_secs: Option<f64>,
    header_timeout_secs: Option<f64>,
    max_concurrent: Option<usize>,
    audit_log: Option<PathBuf>,
    frame_ancestors: Option<String>,
    #[serde(default)]
    connect_src: Vec<String>,
    #[serde(default)]
    ca_files: Vec<PathBuf>,
}

impl Config {
    /// A configuration serving the given build folder with the default allowlist and limits.
    #[must_use]
    pub fn new(dist: impl Into<PathBuf>) -> Self {
        Self {
            dist: dist.into(),
            upstreams: DEFAULT_UPSTREAMS
                .iter()
                .map(|p| UpstreamPattern::parse(p).expect("default patterns are valid"))
                .collect(),
            cors_origins: Vec::new(),
            body_limit: 1024 * 1024,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            max_concurrent: 64,
            header_timeout: Duration::from_secs(30),
            audit_log: None,
            runtime: serde_json::json!({ "sandbox": null }),
            frame_ancestors: csp::DEFAULT_FRAME_ANCESTORS.to_owned(),
            connect_src: Vec::new(),
            ca_files: Vec::new(),
        }
    }

    /// Sets who may frame the console: `'self'`, `'none'` or origins such as `https://portal.example`
    /// (space separated); anything else is refused.
    pub fn frame_ancestors(&mut self, sources: &str) -> Result<&mut Self, ConfigError> {
        self.frame_ancestors = csp::frame_ancestors(sources)?;
        Ok(self)
    }

    /// Adds an origin the page may connect to besides its own (a proxy on another origin).
    pub fn allow_connect(&mut self, origin: &str) -> Result<&mut Self, ConfigError> {
        let o = csp::connect_origin(origin)?;
        if !self.connect_src.contains(&o) {
            self.connect_src.push(o);
        }
        Ok(self)
    }

    /// Adds an upstream origin (`https://*.example.com`, `http://127.0.0.1:9000`). Public so the binary
    /// can allow, say, an embedded sandbox's loopback origin once it knows its port.
    pub fn allow(&mut self, origin: &str) -> Result<&mut Self, ConfigError> {
        let p = UpstreamPattern::parse(origin)?;
        if !self.upstreams.contains(&p) {
            self.upstreams.push(p);
        }
        Ok(self)
    }

    /// Adds a page origin that may call the proxy cross-origin (CORS).
    pub fn allow_cors_origin(&mut self, origin: &str) -> Result<&mut Self, ConfigError> {
        let o = canonical_origin(origin).ok_or_else(|| ConfigError::Origin(origin.to_owned()))?;
        if !self.cors_origins.contains(&o) {
            self.cors_origins.push(o);
        }
        Ok(self)
    }

    /// Merges a JSON config file (format in the module docs).
    pub fn load_file(&mut self, path: &Path) -> Result<&mut Self, ConfigError> {
        let file_err = |reason: String| ConfigError::File {
            path: path.to_owned(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| file_err(e.to_string()))?;
        let f: FileConfig = serde_json::from_str(&text).map_err(|e| file_err(e.to_string()))?;
        for u in &f.allow_upstreams {
            self.allow(u)?;
        }
        for o in &f.allow_origins {
            self.allow_cors_origin(o)?;
        }
        for o in &f.connect_src {
            self.allow_connect(o)?;
        }
        if let Some(fa) = &f.frame_ancestors {
            self.frame_ancestors(fa)?;
        }
        for ca in f.ca_files {
            if !self.ca_files.contains(&ca) {
                self.ca_files.push(ca);
            }
        }
        let secs = |s: f64| {
            Duration::try_from_secs_f64(s).map_err(|e| file_err(format!("bad duration: {e}")))
        };
        if let Some(v) = f.connect_timeout_secs {
            self.connect_timeout = secs(v)?;
        }
        if let Some(v) = f.timeout_secs {
            self.timeout = secs(v)?;
        }
        if let Some(v) = f.header_timeout_secs {
            self.header_timeout = secs(v)?;
        }
        self.body_limit = f.body_limit.unwrap_or(self.body_limit);
        self.max_concurrent = f.max_concurrent.unwrap_or(self.max_concurrent).max(1);
        if f.audit_log.is_some() {
            self.audit_log = f.audit_log;
        }
        Ok(self)
    }
}

/// Splits a comma-separated environment value (`CONSOLE_ALLOW_UPSTREAMS=a,b`) into trimmed items.
#[must_use]
pub fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_extends_defaults_and_rejects_typos() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("c.json");
        std::fs::write(
            &path,
            r#"{"allow_upstreams":["http://127.0.0.1:9000"],"allow_origins":["http://LOCALHOST:3000/"],
                "timeout_secs":0.5,"header_timeout_secs":2,"body_limit":10,"ca_files":["/corp/ca.pem"]}"#,
        )
        .expect("write");
        let mut c = Config::new("dist");
        c.load_file(&path).expect("load");
        assert_eq!(c.upstreams.len(), 3);
        assert_eq!(c.cors_origins, ["http://localhost:3000"]);
        assert_eq!((c.timeout, c.body_limit), (Duration::from_millis(500), 10));
        assert_eq!(c.header_timeout, Duration::from_secs(2));
        assert_eq!(c.ca_files, [PathBuf::from("/corp/ca.pem")]);
        std::fs::write(&path, r#"{"allow_upstream":["x"]}"#).expect("write");
        assert!(matches!(c.load_file(&path), Err(ConfigError::File { .. })));
        assert!(c.allow("https://*.com").is_err());
        assert!(c.allow_cors_origin("http://a.com/path").is_err());
        assert_eq!(split_list(" a, ,b "), ["a", "b"]);
    }
}
