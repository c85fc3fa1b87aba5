//! Tair / Redis (R-kvstore) instances and the major-version rules (apis.md §A.4, §B.2).

use serde::{Deserialize, Serialize};

/// Steady state; the only one that accepts an upgrade.
pub(crate) const NORMAL: &str = "Normal";

/// Deployment mode: cloud-native instances go to 6.0/7.0, classic ones stop at 5.0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Deployment {
    CloudNative,
    Classic,
}

/// One Redis instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RedisInstance {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) region: String,
    pub(crate) zone: String,
    pub(crate) deployment: Deployment,
    /// `standard`, `cluster` or `rwsplit`.
    pub(crate) architecture: String,
    /// Cluster in direct-connection mode (no proxy): cannot be upgraded.
    pub(crate) direct_connection: bool,
    /// `2.8` … `7.0`.
    pub(crate) engine_version: String,
    /// `redis-7.0_0.2.3`-style minor version.
    pub(crate) minor_version: String,
    pub(crate) status: String,
    pub(crate) instance_class: String,
    pub(crate) shard_count: u32,
    /// `Community` or `Enterprise` (Tair).
    pub(crate) edition: String,
    /// UTC `HH:mmZ`.
    pub(crate) maintain_start: String,
    pub(crate) maintain_end: String,
}

const MAJORS: [&str; 5] = ["2.8", "4.0", "5.0", "6.0", "7.0"];

/// The newest minor version of a major (what an upgrade lands on).
pub(crate) fn latest_minor(major: &str) -> String {
    let release = match major {
        "2.8" => "1.9.6",
        "4.0" => "1.9.24",
        "5.0" => "1.6.12",
        "6.0" => "1.4.6",
        _ => "0.2.9",
    };
    format!("redis-{major}_{release}")
}

fn rank(v: &str) -> Option<usize> {
    MAJORS.iter().position(|m| *m == v)
}

impl RedisInstance {
    /// The majors this instance may move to, within its deployment mode.
    pub(crate) fn targets(&self) -> Vec<&'static str> {
        let allowed: &[&str] = match self.deployment {
            Deployment::CloudNative => &["6.0", "7.0"],
            Deployment::Classic => &["4.0", "5.0"],
        };
        let current = rank(&self.engine_version).unwrap_or(usize::MAX);
        allowed
            .iter()
            .copied()
            .filter(|t| rank(t).is_some_and(|r| r > current))
            .collect()
    }

    /// `EnableUpgradeMajorVersion`: the pre-flight gate.
    pub(crate) fn can_upgrade_major(&self) -> bool {
        self.status == NORMAL && !self.direct_connection && !self.targets().is_empty()
    }

    /// `IsRds`-style flag the console can show as "cloud-native".
    pub(crate) const fn cloud_native(&self) -> bool {
        matches!(self.deployment, Deployment::CloudNative)
    }
}

/// True when `target` is at or below `current`.
pub(crate) fn not_above(target: &str, current: &str) -> bool {
    match (rank(target), rank(current)) {
        (Some(t), Some(c)) => t <= c,
        _ => false,
    }
}

/// True for a version string the API knows at all.
pub(crate) fn known(version: &str) -> bool {
    rank(version).is_some()
}

/// Steps of a major upgrade.
pub(crate) fn steps(to: &str) -> Vec<String> {
    [
        "Pre-check",
        "Create replica with the new version",
        "Synchronize data",
        &format!("Switch over to Redis {to}"),
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::seed;

    #[test]
    fn targets_respect_deployment_and_direct_mode() {
        let w = seed::world();
        let base = w.redis[0].clone();
        let native5 = RedisInstance {
            deployment: Deployment::CloudNative,
            engine_version: "5.0".into(),
            direct_connection: false,
            status: NORMAL.into(),
            ..base.clone()
        };
        assert_eq!(native5.targets(), ["6.0", "7.0"]);
        assert!(native5.can_upgrade_major());
        let classic5 = RedisInstance {
            deployment: Deployment::Classic,
            ..native5.clone()
        };
        assert!(classic5.targets().is_empty());
        assert!(!classic5.can_upgrade_major());
        let direct = RedisInstance {
            direct_connection: true,
            ..native5
        };
        assert!(!direct.can_upgrade_major());
        assert!(not_above("6.0", "7.0") && !not_above("7.0", "6.0"));
        assert!(known("4.0") && !known("9.9"));
        assert_eq!(latest_minor("7.0"), "redis-7.0_0.2.9");
    }
}
