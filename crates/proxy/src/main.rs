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
use console_proxy::{log_format, log_writer, server, split_list, try_apps, Config};
use tracing_subscriber::EnvFilter;

/// mimalloc rather than the system allocator: the HTTP stack allocates and frees an 8 KiB read buffer
/// per request and side, a pattern on which glibc's malloc spends noticeably more (it consolidates its
/// free lists on every such allocation).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// timeout_secs, header_timeout_secs, max_concurrent, audit_log, frame_ancestors, connect_src, ca_files); flags and environment
    /// override its scalars.
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
    /// Seconds a client has to send a request's head, and a kept-alive connection may sit idle, before
    /// it is closed (default 30).
    #[arg(long, env = "CONSOLE_HEADER_TIMEOUT", value_name = "SECS")]
    header_timeout: Option<f64>,
    /// Requests forwarded at once; beyond it the proxy answers 503 at once (default 64).
    #[arg(long, env = "CONSOLE_MAX_CONCURRENT", value_name = "N")]
    max_concurrent: Option<usize>,
    /// Event loops (threads) serving requests; default: one per CPU.
    #[arg(long, env = "CONSOLE_WORKERS", value_name = "N")]
    workers: Option<usize>,
    /// Append a JSON-lines audit record of every write operation to this file.
    #[arg(long, env = "CONSOLE_AUDIT_LOG", value_name = "FILE")]
    audit_log: Option<PathBuf>,
    /// Who may embed the console in a frame: the CSP `frame-ancestors` sources, e.g.
    /// "'self' https://portal.example" (default 'self'; 'none' forbids framing).
    #[arg(long, env = "CONSOLE_FRAME_ANCESTORS", value_name = "SOURCES")]
    frame_ancestors: Option<String>,
    /// Another origin the page may send its calls to (a proxy elsewhere), added to the CSP
    /// `connect-src` (repeatable; also CONSOLE_CONNECT_SRC, comma separated). The proxy named in
    /// dist/config.json is added by itself.
    #[arg(long = "connect-src", value_name = "ORIGIN")]
    connect_src: Vec<String>,
    /// PEM file of CA certificates to trust for upstream TLS besides the public roots, e.g. a corporate
    /// TLS-inspecting proxy's (repeatable; also CONSOLE_CA_FILES, comma separated).
    #[arg(long = "ca-file", value_name = "FILE")]
    ca_file: Vec<PathBuf>,
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
        for o in env_list("CONSOLE_CONNECT_SRC")
            .iter()
            .chain(&self.connect_src)
        {
            cfg.allow_connect(o).map_err(|e| e.to_string())?;
        }
        if let Some(fa) = &self.frame_ancestors {
            cfg.frame_ancestors(fa).map_err(|e| e.to_string())?;
        }
        let env_cas = env_list("CONSOLE_CA_FILES").into_iter().map(PathBuf::from);
        for ca in env_cas.chain(self.ca_file.iter().cloned()) {
            if !cfg.ca_files.contains(&ca) {
                cfg.ca_files.push(ca);
            }
        }
        let secs = |s: f64| Duration::try_from_secs_f64(s).map_err(|e| format!("bad timeout: {e}"));
        if let Some(s) = self.connect_timeout {
            cfg.connect_timeout = secs(s)?;
        }
        if let Some(s) = self.timeout {
            cfg.timeout = secs(s)?;
        }
        if let Some(s) = self.header_timeout {
            cfg.header_timeout = secs(s)?;
        }
        if cfg.header_timeout.is_zero() {
            return Err("the header timeout must be more than 0 seconds".to_owned());
        }
        cfg.body_limit = self.body_limit.unwrap_or(cfg.body_limit);
        cfg.max_concurrent = self.max_concurrent.unwrap_or(cfg.max_concurrent).max(1);
        if self.audit_log.is_some() {
            cfg.audit_log.clone_from(&self.audit_log);
        }
        Ok(cfg)
    }
}

fn main() -> ExitCode {
    // Logs are buffered and written by a background thread; `_logs` writes out the rest on return.
    let (writer, _logs) = log_writer::buffered(std::io::stderr());
    // The per-request access line skips tracing's event machinery (same line, same filter).
    console_proxy::access_log::write_directly_to(&writer);
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .event_format(log_format::Plain)
        .with_writer(writer)
        .init();
    let args = Args::parse();
    match run(&args) {
        Ok(()) => {
            println!("console-proxy: stopped");
            ExitCode::SUCCESS
        }
        Err(Failure::Start(e)) => {
            eprintln!("console-proxy: {e}");
            ExitCode::from(2)
        }
        Err(Failure::Serve(e)) => {
            eprintln!("console-proxy: server error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Why `main` stops early: bad settings or environment (exit 2), or the server failing (exit 1).
enum Failure {
    Start(String),
    Serve(std::io::Error),
}

/// Binds, starts the sandbox if asked, builds one router per event loop and serves until a signal.
fn run(args: &Args) -> Result<(), Failure> {
    let mut cfg = args.config().map_err(Failure::Start)?;
    if !args.dist.join("index.html").is_file() {
        return Err(Failure::Start(format!(
            "{} has no index.html; build the app first (make build)",
            args.dist.display()
        )));
    }
    let addr = SocketAddr::new(args.host, args.port);
    let workers = args.workers.filter(|n| *n > 0).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let loops = server::bind(addr, workers).map_err(|e| {
        Failure::Start(format!(
            "cannot listen on {addr}: {e} (set PORT= to use another port)"
        ))
    })?;
    if args.sandbox.sandbox {
        let origin = loops
            .block_on(embedded::start(&args.sandbox))
            .and_then(|o| cfg.allow(&o).map(|_| o).map_err(|e| e.to_string()))
            .map_err(Failure::Start)?;
        println!("sandbox: simulated clouds at {origin} (demo credentials in the page banner)");
        cfg.runtime = embedded::runtime(&origin);
    }
    let apps =
        try_apps(&cfg, loops.len()).map_err(|e| Failure::Start(format!("cannot start: {e}")))?;
    let allowed: Vec<String> = cfg.upstreams.iter().map(ToString::to_string).collect();
    tracing::info!(
        upstreams = %allowed.join(" "),
        cors_origins = %cfg.cors_origins.join(" "),
        frame_ancestors = %cfg.frame_ancestors,
        workers = loops.len(),
        "forwarding"
    );
    println!(
        "upgrade-console is running at http://{}/  (Ctrl-C stops it)",
        loops.local_addr()
    );
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let signals = async move {
        shutdown().await;
        let _ = stop.send(true);
    };
    loops.serve(apps, &stopped, signals).map_err(Failure::Serve)
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
        assert_eq!(cfg.header_timeout, Duration::from_secs(30));
        let bad = Args::parse_from(["console-proxy", "--allow-upstream", "https://a@b.com"]);
        assert!(bad.config().is_err());
        let quick = Args::parse_from(["console-proxy", "--header-timeout", "2.5"]);
        let quick = quick.config().expect("config");
        assert_eq!(quick.header_timeout, Duration::from_millis(2500));
        let zero = Args::parse_from(["console-proxy", "--header-timeout", "0"]);
        assert!(
            zero.config().is_err(),
            "a zero header timeout would close every connection"
        );
        assert_eq!(cfg.frame_ancestors, "'self'");
        let framed = Args::parse_from([
            "console-proxy",
            "--frame-ancestors",
            "'self' https://Portal.example",
            "--connect-src",
            "https://dbproxy.example.com/",
        ]);
        let cfg = framed.config().expect("config");
        assert_eq!(cfg.frame_ancestors, "'self' https://portal.example");
        assert_eq!(cfg.connect_src, ["https://dbproxy.example.com"]);
        for bad in ["'self'; script-src *", "*", ""] {
            let args = Args::parse_from(["console-proxy", "--frame-ancestors", bad]);
            assert!(args.config().is_err(), "{bad:?}");
        }
    }
}
