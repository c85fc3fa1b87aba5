//! The embedded cloud sandbox of the `console-proxy` binary (`--sandbox`, on in `make run`): it listens on
//! its own loopback port, is added to the upstream allowlist, and is announced to the page through
//! `/api/runtime` together with its public demo credentials. Requests reach it through the normal
//! forwarding path, so the sandbox exercises exactly what the real clouds would see.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use console_sandbox::{serve_sandbox, Sandbox, SandboxConfig, DEMO_CREDENTIALS};
use serde_json::{json, Value};

/// Sandbox options from the command line.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct SandboxArgs {
    /// Start the embedded cloud sandbox (simulated Alibaba/Huawei APIs with demo credentials).
    #[arg(long, env = "CONSOLE_SANDBOX")]
    pub(crate) sandbox: bool,
    /// Loopback port for the sandbox; 0 picks a free one.
    #[arg(long, env = "SANDBOX_PORT", default_value_t = 0)]
    pub(crate) sandbox_port: u16,
    /// File that keeps the sandbox's state across restarts.
    #[arg(long, env = "SANDBOX_STATE", value_name = "FILE")]
    pub(crate) sandbox_state: Option<PathBuf>,
    /// Seconds per simulated upgrade step (time compression).
    #[arg(long, env = "SANDBOX_STEP_SECONDS", default_value_t = 2)]
    pub(crate) sandbox_step_seconds: u32,
    /// Extra upgradeable fleet instances per product (batch tests, benchmarks); also settable at run
    /// time with `POST /_sandbox/fleet {"per_product": N}` on the sandbox origin.
    #[arg(long, env = "SANDBOX_FLEET", default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u32).range(..=i64::from(console_sandbox::MAX_FLEET)))]
    pub(crate) sandbox_fleet: u32,
}

/// Starts the sandbox in the background; returns its origin (`http://127.0.0.1:PORT`).
pub(crate) async fn start(args: &SandboxArgs) -> Result<String, String> {
    let cfg = SandboxConfig {
        step_seconds: args.sandbox_step_seconds.max(1),
        state_file: args.sandbox_state.clone(),
        fleet: args.sandbox_fleet,
        ..SandboxConfig::default()
    };
    let sandbox = Sandbox::new(cfg).map_err(|e| format!("sandbox: {e}"))?;
    let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), args.sandbox_port);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("sandbox: cannot listen on {addr}: {e}"))?;
    let bound = listener.local_addr().map_err(|e| format!("sandbox: {e}"))?;
    tokio::spawn(async move {
        if let Err(e) = serve_sandbox(listener, sandbox).await {
            tracing::error!(error = %e, "sandbox stopped");
        }
    });
    Ok(format!("http://{bound}"))
}

/// What `/api/runtime` says about the sandbox: its origin and the demo credentials the page may offer.
pub(crate) fn runtime(origin: &str) -> Value {
    let (ali, hw) = (DEMO_CREDENTIALS.alibaba, DEMO_CREDENTIALS.huawei);
    let projects: serde_json::Map<String, Value> = hw
        .projects
        .iter()
        .map(|p| (p.region.to_owned(), Value::from(p.project_id)))
        .collect();
    json!({
        "sandbox": {
            "origin": origin,
            "credentials": {
                "alibaba_access_key_id": ali.access_key_id,
                "alibaba_access_key_secret": ali.access_key_secret,
                "huawei_access_key": hw.access_key,
                "huawei_secret_key": hw.secret_key,
                "huawei_project_ids": projects,
                "iam_domain": hw.domain_name,
                "iam_user": hw.user_name,
                "iam_password": hw.password,
            }
        }
    })
}
