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
//! | `/_sandbox/audit`, `/_sandbox/state`, `/_sandbox/faults`, `/_sandbox/fleet`, `/_sandbox/upgrades`, `/_sandbox/reset` | sandbox control |
//!
//! **Control endpoints** (plain JSON, no signature):
//! - `GET /_sandbox/audit`: every accepted write call (`time`, `action`, `instance_id`, `request_id`).
//! - `GET /_sandbox/state`: the whole world, as the state file holds it.
//! - `GET|POST /_sandbox/faults`: the fault knobs `latency_ms`, `error_rate`, `throttle_rate`,
//!   `lost_reply_rate` (GET adds a `help` object). Errors and throttling strike *before* anything is
//!   applied, so a resend is safe; a **lost reply** strikes *after* an accepted write was applied and
//!   audited and answers 504 (Alibaba `ServiceTimeout`, Huawei `APIGW.0203`), so the caller must settle
//!   the outcome by reading instance status or task history (or, for Elasticsearch, resend with the same
//!   `clientToken`, which returns the original answer). Reads are never affected. See [`Faults`].
//! - `GET|POST /_sandbox/fleet`: `POST {"per_product": N}` (re)creates exactly N fresh fleet instances
//!   per product (idempotent, at most [`MAX_FLEET`]); both answer `{per_product, instances,
//!   max_per_product, alibaba_region, huawei_region, huawei_project_id, taurus_versions, ids: {Dds:
//!   [first, last], RKvstore, Elasticsearch, TaurusDb}}`. Fleet ids: `dds-bp1fleet00001`,
//!   `r-bp1fleet00001`, `es-cn-fleet00001` (all `cn-hangzhou`), `5a4db0c5fleet{n:019}in07` (`cn-north-4`).
//! - `GET /_sandbox/upgrades`: the exactly-once evidence, one [`UpgradeRecord`] per instance that
//!   received an accepted upgrade write: `{instance_id, product, accepted_calls, request_ids, actions,
//!   current_version, kernel_version, status}`.
//! - `POST /_sandbox/reset`: back to the seed plus the configured fleet ([`SandboxConfig::fleet`]).
//!
//! **Scale.** Lists page over thousands of instances (`PageNumber`/`PageSize` ≤ 100 with `TotalCount`;
//! Elasticsearch `page`/`size` ≤ 100 with `X-Total-Count`; TaurusDB `offset`/`limit` ≤ 100 with
//! `total_count`), instances are found through an id index, and the state file is a snapshot plus an
//! append-only journal (one short line per accepted write), so a 1000-instance batch stays fast.
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
