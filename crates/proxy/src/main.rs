//! `console-proxy` binary: serves `dist/` (and, later, the cloud forwarding) on loopback.
//!
//! Run with `make run`, or `cargo run -p console-proxy -- --dist dist --port 8080`. `PORT` and `HOST`
//! environment variables set the address; Ctrl-C (SIGINT) or SIGTERM stop it cleanly.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use console_proxy::{app, Config};
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
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();
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
    let bound = listener.local_addr().unwrap_or(addr);
    println!("upgrade-console is running at http://{bound}/  (Ctrl-C stops it)");
    let router = app(&Config::new(args.dist));
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
