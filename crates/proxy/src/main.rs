//! `console-proxy` binary: serves `dist/` and forwards the page's signed requests on loopback.
//!
//! Run with `make run`, or `cargo run -p console-proxy -- --dist dist --port 8080`. `PORT` and `HOST`
//! environment variables set the address; Ctrl-C (SIGINT) or SIGTERM stop it cleanly. The forwarding
//! options (`--allow-upstream`, `--allow-origin`, limits, `--audit-log`, `--config FILE`) are described
//! in `--help` and in the README's "Proxy URL format" section. Logs go to stderr; stdout carries only the
//! "running at" line (tests parse it) and the stop message.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

mod embedded;

use clap::Parser;
use console_proxy::{split_list, try_app, Config};
use tracing_subscriber::EnvFilter;

/// Command-line options; every one can also come from the environment.
#[derive(Parser, Debug)]
#[command(
    version,
    about = "Serves upgrade-console and forwards its signed requests"
)]
struct Args {
    /// Folder with the built app.
    #[arg(long, env = "DIST", default_value = "dist")]
    dist: PathBuf,
    /// Address to bind; loopback by default so nothing is exposed by accident.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    /// Port to bind; 0 picks a free one (printed at start).
    #[arg(long, env = "PORT", default_value_t = 8080)]
    port: u16,
    /// JSON file with extra settings (allow_upstreams, allow_origins, body_limit, connect_timeout_secs,
    /// timeout_secs, max_concurrent, audit_log); flags and environment override its scalars.
    #[arg(long, env = "CONSOLE_CONFIG")]
    config: Option<PathBuf>,
    /// Extra upstream origin to forward to, e.g. `http://127.0.0.1:9000` or `https://*.example.com`
    /// (repeatable; also CONSOLE_ALLOW_UPSTREAMS, comma separated; added to the defaults
    /// https://*.aliyuncs.com and https://*.myhuaweicloud.com).
    #[arg(long = "allow-upstream", value_name = "ORIGIN")]
    allow_upstream: Vec<String>,
    /// Extra page origin allowed to call the proxy cross-origin (repeatable; also CONSOLE_ALLOW_ORIGINS,
    /// comma separated). The app's own origin never needs listing.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origin: Vec<String>,
    /// Largest request body forwarded, in bytes (default 1048576).
    #[arg(long, env = "CONSOLE_BODY_LIMIT", value_name = "BYTES")]
    body_limit: Option<usize>,
    /// Seconds allowed to connect to an upstream (default 5).
    #[arg(long, env = "CONSOLE_CONNECT_TIMEOUT", value_name = "SECS")]
    connect_timeout: Option<f64>,
    /// Seconds allowed for a whole upstream exchange, reply included (default 30).
    #[arg(long, env = "CONSOLE_TIMEOUT", value_name = "SECS")]
    timeout: Option<f64>,
    /// Requests forwarded at once; beyond it the proxy answers 503 at once (default 64).
    #[arg(long, env = "CONSOLE_MAX_CONCURRENT", value_name = "N")]
    max_concurrent: Option<usize>,
    /// Append a JSON-lines audit record of every write operation to this file.
    #[arg(long, env = "CONSOLE_AUDIT_LOG", value_name = "FILE")]
    audit_log: Option<PathBuf>,
    #[command(flatten)]
    sandbox: embedded::SandboxArgs,
}

impl Args {
    /// Defaults, then the config file, then the environment lists, then flags.
    fn config(&self) -> Result<Config, String> {
        let mut cfg = Config::new(self.dist.clone());
        if let Some(file) = &self.config {
            cfg.load_file(file).map_err(|e| e.to_string())?;
        }
        let env_list = |name: &str| split_list(&std::env::var(name).unwrap_or_default());
        for u in env_list("CONSOLE_ALLOW_UPSTREAMS")
            .iter()
            .chain(&self.allow_upstream)
        {
            cfg.allow(u).map_err(|e| e.to_string())?;
        }
        for o in env_list("CONSOLE_ALLOW_ORIGINS")
            .iter()
            .chain(&self.allow_origin)
        {
            cfg.allow_cors_origin(o).map_err(|e| e.to_string())?;
        }
        let secs = |s: f64| Duration::try_from_secs_f64(s).map_err(|e| format!("bad timeout: {e}"));
        if let Some(s) = self.connect_timeout {
            cfg.connect_timeout = secs(s)?;
        }
        if let Some(s) = self.timeout {
            cfg.timeout = secs(s)?;
        }
        cfg.body_limit = self.body_limit.unwrap_or(cfg.body_limit);
        cfg.max_concurrent = self.max_concurrent.unwrap_or(cfg.max_concurrent).max(1);
        if self.audit_log.is_some() {
            cfg.audit_log.clone_from(&self.audit_log);
        }
        Ok(cfg)
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let args = Args::parse();
    let mut cfg = match args.config() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("console-proxy: {e}");
            return ExitCode::from(2);
        }
    };
    if !args.dist.join("index.html").is_file() {
        eprintln!(
            "console-proxy: {} has no index.html; build the app first (make build)",
            args.dist.display()
        );
        return ExitCode::from(2);
    }
    let addr = SocketAddr::new(args.host, args.port);
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "console-proxy: cannot listen on {addr}: {e} (set PORT= to use another port)"
            );
            return ExitCode::from(2);
        }
    };
    if args.sandbox.sandbox {
        let started = embedded::start(&args.sandbox).await;
        let origin = match started.and_then(|o| cfg.allow(&o).map(|_| o).map_err(|e| e.to_string()))
        {
            Ok(o) => o,
            Err(e) => {
                eprintln!("console-proxy: {e}");
                return ExitCode::from(2);
            }
        };
        println!("sandbox: simulated clouds at {origin} (demo credentials in the page banner)");
        cfg.runtime = embedded::runtime(&origin);
    }
    let router = match try_app(&cfg) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("console-proxy: cannot start: {e}");
            return ExitCode::from(2);
        }
    };
    let allowed: Vec<String> = cfg.upstreams.iter().map(ToString::to_string).collect();
    tracing::info!(upstreams = %allowed.join(" "), cors_origins = %cfg.cors_origins.join(" "), "forwarding");
    let bound = listener.local_addr().unwrap_or(addr);
    println!("upgrade-console is running at http://{bound}/  (Ctrl-C stops it)");
    let served = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await;
    match served {
        Ok(()) => {
            println!("console-proxy: stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("console-proxy: server error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM, so `make run` and service managers both stop the server cleanly.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_file_environment_and_flags_merge() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("proxy.json");
        std::fs::write(
            &file,
            r#"{"allow_upstreams":["http://127.0.0.1:9000"],"timeout_secs":9}"#,
        )
        .expect("write");
        std::env::set_var(
            "CONSOLE_ALLOW_UPSTREAMS",
            "http://127.0.0.1:9001, http://127.0.0.1:9002",
        );
        let args = Args::parse_from([
            "console-proxy",
            "--config",
            file.to_str().expect("utf8"),
            "--allow-upstream",
            "http://[::1]:9003",
            "--allow-origin",
            "http://localhost:3000",
            "--timeout",
            "1.5",
            "--max-concurrent",
            "0",
        ]);
        let cfg = args.config().expect("config");
        let names: Vec<String> = cfg.upstreams.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            [
                "https://*.aliyuncs.com",
                "https://*.myhuaweicloud.com",
                "http://127.0.0.1:9000",
                "http://127.0.0.1:9001",
                "http://127.0.0.1:9002",
                "http://[::1]:9003"
            ]
        );
        assert_eq!(cfg.cors_origins, ["http://localhost:3000"]);
        assert_eq!(
            cfg.timeout,
            Duration::from_millis(1500),
            "the flag beats the file"
        );
        assert_eq!((cfg.max_concurrent, cfg.body_limit), (1, 1024 * 1024));
        let bad = Args::parse_from(["console-proxy", "--allow-upstream", "https://a@b.com"]);
        assert!(bad.config().is_err());
    }
}
