//! What the person starting the sandbox can tune: how fast time runs, where state is kept, how many
//! extra fleet instances to seed, and which failures to inject.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Sandbox settings. `Default` gives an upgrade that finishes in about ten seconds, no state file and no
/// faults: what `make run` wants.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SandboxConfig {
    /// Seconds per upgrade step (time compression). An upgrade has 3–5 steps, so the default 2 makes a
    /// whole upgrade take 6–10 s instead of the cloud's 10–60 min. At least 1.
    pub step_seconds: u32,
    /// Seconds from a "run in the maintenance window" call (`SwitchMode=1`, `EffectiveTime=MaintainTime`,
    /// TaurusDB `delay=true`) until the window opens and the scheduled task starts (compressed time).
    pub maintenance_wait_seconds: u32,
    /// Where to save the state after every accepted write, and to load it from at start; `None` keeps
    /// everything in memory.
    pub state_file: Option<PathBuf>,
    /// Failures to inject, also settable at run time with `POST /_sandbox/faults`.
    pub faults: Faults,
    /// Extra upgradeable "fleet" instances **per product** on top of the seed (so `1000` adds 4000), for
    /// batch-upgrade tests and benchmarks; also settable at run time with `POST /_sandbox/fleet`. Ids are
    /// deterministic (`dds-bp1fleet00001`, `r-bp1fleet00001`, `es-cn-fleet00001`,
    /// `5a4db0c5fleet0000000000000000001in07`), in `cn-hangzhou` and Huawei's `cn-north-4` project. At
    /// most [`MAX_FLEET`]. Absent in older configurations, hence the serde default.
    #[serde(default)]
    pub fleet: u32,
}

/// The largest fleet per product (keeps ids at five digits and memory bounded).
pub const MAX_FLEET: u32 = 20_000;

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            step_seconds: 2,
            maintenance_wait_seconds: 12,
            state_file: None,
            faults: Faults::default(),
            fleet: 0,
        }
    }
}

/// Fault knobs. Rates are fractions in `0.0..=1.0` applied deterministically (rate 0.25 fails exactly every
/// fourth call), so tests are repeatable without a random number generator.
///
/// Two kinds of failure, with opposite consequences for a client that retries:
/// - `error_rate` and `throttle_rate` strike **before** any signature check or state change, so a failed
///   call applied nothing and resending it is safe;
/// - `lost_reply_rate` strikes **after** an accepted write was applied and audited: the change happens but
///   the answer is a gateway timeout, so the outcome is unknown to the caller, who must settle it by
///   reading state (instance status, task history) instead of resending.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Extra delay before every cloud API answer, in milliseconds.
    pub latency_ms: u64,
    /// Share of calls answered with a server error (Alibaba `InternalError` 500 / `ServiceUnavailable` 503,
    /// Huawei `APIGW.0202` 502 / `APIGW.0203` 504).
    pub error_rate: f64,
    /// Share of calls throttled (Alibaba `Throttling.User` 400, Huawei `APIGW.0308` 429).
    pub throttle_rate: f64,
    /// Share of **accepted write calls** (upgrades, TaurusDB cancellations) whose reply is lost: the task
    /// is created and audited, but the client gets a gateway timeout instead of the answer (Alibaba 504
    /// `ServiceTimeout`, Huawei 504 `APIGW.0203`). Reads, refused writes and idempotent replays (a repeated
    /// Elasticsearch `clientToken`) are never affected and do not advance this pattern.
    pub lost_reply_rate: f64,
}

impl Faults {
    /// Checks that every rate is a fraction; the message names the bad knob.
    ///
    /// # Errors
    /// A message when a rate is outside `0.0..=1.0` or not a number.
    pub fn validate(&self) -> Result<(), String> {
        for (name, rate) in [
            ("error_rate", self.error_rate),
            ("throttle_rate", self.throttle_rate),
            ("lost_reply_rate", self.lost_reply_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("{name} must be between 0.0 and 1.0, got {rate}"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_parse_partially_and_validate() {
        let f: Faults = serde_json::from_str(r#"{"error_rate":0.5}"#).unwrap();
        assert_eq!(f.error_rate, 0.5);
        assert_eq!(f.latency_ms, 0);
        assert!(f.validate().is_ok());
        let bad = Faults {
            throttle_rate: 1.5,
            ..Faults::default()
        };
        assert!(bad.validate().unwrap_err().contains("throttle_rate"));
        let lost = Faults {
            lost_reply_rate: -0.1,
            ..Faults::default()
        };
        assert!(lost.validate().unwrap_err().contains("lost_reply_rate"));
        assert_eq!(SandboxConfig::default().step_seconds, 2);
        let old: SandboxConfig = serde_json::from_str(
            r#"{"step_seconds":2,"maintenance_wait_seconds":12,"state_file":null,"faults":{}}"#,
        )
        .unwrap();
        assert_eq!(old.fleet, 0);
    }
}
