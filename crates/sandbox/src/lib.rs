//! `console-sandbox`: a loopback stand-in for the five cloud upgrade APIs and their companion read APIs,
//! so a newcomer without a cloud account can run the console end to end (`make run`).
//!
//! It behaves like the clouds where the console can tell the difference: it **verifies signatures** the
//! way the gateways do (Alibaba RPC V1 and V3, Huawei SDK-HMAC-SHA256, Huawei IAM tokens, all by
//! re-signing with `console_core::sign`), answers with the clouds' error codes and body shapes, enforces
//! the upgrade rules (no downgrade, standalone refused, `EnableUpgradeMajorVersion`, ES pre-checks…), and
//! runs upgrades as tasks through `Running → …Upgrading → Running` in compressed time.
//!
//! All products share one origin (e.g. `http://127.0.0.1:9000`):
//!
//! | request | product |
//! |---|---|
//! | `/` with `Version=2015-12-01` (RPC V1 param) or `x-acs-version: 2015-12-01` (V3) | Dds (MongoDB) |
//! | `/` with version `2015-01-01` | R-kvstore (Redis) |
//! | `/openapi/instances…` (V3, `x-acs-version: 2017-06-13`) | Elasticsearch |
//! | `POST /v3/auth/tokens`, `GET /v3/projects` | Huawei IAM |
//! | `/v3/{project_id}/…`, `/v3.1/{project_id}/…` | TaurusDB |
//! | `/_sandbox/audit`, `/_sandbox/state`, `/_sandbox/faults`, `/_sandbox/reset` | sandbox control |
//!
//! ```no_run
//! # async fn run() -> Result<(), console_sandbox::SandboxError> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:9000").await.expect("port free");
//! console_sandbox::serve(listener, console_sandbox::SandboxConfig::default()).await
//! # }
//! ```
#![forbid(unsafe_code)]

mod api;
mod audit;
mod clock;
mod config;
mod control;
mod demo;
mod dispatch;
mod error;
mod faults;
mod incoming;
mod persist;
mod router;
mod sandbox;
mod verify;
mod world;

pub use audit::AuditEntry;
pub use clock::{system_clock, Clock, ManualClock};
pub use config::{Faults, SandboxConfig, MAX_FLEET};
pub use control::UpgradeRecord;
pub use demo::{AlibabaDemo, DemoCredentials, HuaweiDemo, HuaweiProject, DEMO_CREDENTIALS};
pub use router::{router, serve, serve_sandbox};
pub use sandbox::{Sandbox, SandboxError};
