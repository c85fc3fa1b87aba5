//! Alibaba Cloud Elasticsearch instances, the version path and the dry-run checklist (apis.md §A.3, §B.3).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Steady state.
pub(crate) const ACTIVE: &str = "active";
/// While a change runs.
pub(crate) const ACTIVATING: &str = "activating";

/// The in-place upgrade path, one hop at a time (documented 5.5.3→5.6.16→6.3.2→6.7.0, then newer ones):
/// `(number, esVersion as the API writes it)`.
pub(crate) const PATH: [(&str, &str); 7] = [
    ("5.5.3", "5.5.3_with_X-Pack"),
    ("5.6.16", "5.6.16_with_X-Pack"),
    ("6.3.2", "6.3_with_X-Pack"),
    ("6.7.0", "6.7_with_X-Pack"),
    ("7.10.0", "7.10_with_X-Pack"),
    ("7.16.2", "7.16_with_X-Pack"),
    ("8.5.1", "8.5_with_X-Pack"),
];

/// The newest kernel patch (`type=aliVersion` target).
pub(crate) const LATEST_ALI: &str = "ali1.10.1";

/// One Elasticsearch cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct EsInstance {
    pub(crate) id: String,
    pub(crate) description: String,
    pub(crate) region: String,
    pub(crate) zone: String,
    /// `6.7_with_X-Pack` etc.
    pub(crate) es_version: String,
    /// `ali1.8.0`-style kernel patch.
    pub(crate) ali_version: String,
    pub(crate) status: String,
    /// `green`, `yellow` or `red`.
    pub(crate) health: String,
    /// `x-pack`, `advanced`, `community`.
    pub(crate) category: String,
    /// `public` (cloud-native control) or `exclusive`.
    pub(crate) arch_type: String,
    pub(crate) node_amount: u32,
    pub(crate) node_spec: String,
    pub(crate) disk_gb: u32,
    /// Disk use, percent: above 85 the resource check fails.
    pub(crate) disk_used_percent: u32,
    /// Has an automatic snapshot: without one the snapshot check fails.
    pub(crate) snapshot_enabled: bool,
    /// Custom YML settings that the next major rejects: the config check fails.
    pub(crate) incompatible_yml: bool,
    pub(crate) created_ms: i64,
}

/// The path index of an esVersion or a target the caller typed (`6.7`, `6.7.0`, `6.7_with_X-Pack`):
/// matched on major.minor.
pub(crate) fn path_index(version: &str) -> Option<usize> {
    let number = version.split('_').next().unwrap_or(version);
    let key = |v: &str| v.split('.').take(2).collect::<Vec<_>>().join(".");
    let wanted = key(number);
    PATH.iter().position(|(n, _)| key(n) == wanted)
}

impl EsInstance {
    /// The next hop, if any (`UpgradeInfo.upgradeEsVersion`).
    pub(crate) fn next_version(&self) -> Option<(&'static str, &'static str)> {
        path_index(&self.es_version).and_then(|i| PATH.get(i + 1).copied())
    }

    /// The number of the current version (`7.10.0`).
    pub(crate) fn version_number(&self) -> &'static str {
        path_index(&self.es_version).map_or("0.0.0", |i| PATH[i].0)
    }

    /// The pre-upgrade checklist `dryRun=true` returns: one entry per validateType, failed ones with
    /// their validateResult.
    pub(crate) fn checklist(&self) -> Vec<Value> {
        let check = |kind: &str, failure: Option<(&str, &str, String)>| match failure {
            None => json!({"validateType": kind, "status": "success", "validateResult": []}),
            Some((error_type, code, msg)) => json!({
                "validateType": kind,
                "status": "failed",
                "validateResult": [{"errorType": error_type, "errorCode": code, "errorMsg": msg}],
            }),
        };
        vec![
            check(
                "checkClusterHealth",
                (self.health == "red").then(|| {
                    (
                        "clusterStatus",
                        "ClusterStatusNotHealth",
                        format!(
                            "The cluster health is {}; it must be green before an upgrade.",
                            self.health
                        ),
                    )
                }),
            ),
            check(
                "checkConfigCompatible",
                self.incompatible_yml.then(|| {
                    (
                        "clusterConfigYml",
                        "ClusterConfigYmlNotCompatible",
                        "elasticsearch.yml contains settings the target version removed."
                            .to_owned(),
                    )
                }),
            ),
            check(
                "checkClusterResource",
                (self.disk_used_percent > 85).then(|| {
                    (
                        "clusterResource",
                        "ClusterResourceNotEnough",
                        format!(
                            "Disk usage is {}%; keep it under 85% during an upgrade.",
                            self.disk_used_percent
                        ),
                    )
                }),
            ),
            check(
                "checkClusterSnapshot",
                (!self.snapshot_enabled).then(|| {
                    (
                        "clusterSnapshot",
                        "ClusterSnapshotNotExist",
                        "No snapshot exists; enable automatic snapshots and take one first."
                            .to_owned(),
                    )
                }),
            ),
        ]
    }

    /// True when every check passes.
    pub(crate) fn checks_pass(&self) -> bool {
        self.checklist().iter().all(|c| c["status"] == "success")
    }
}

/// Steps of an upgrade for an `updateStrategy`.
pub(crate) fn steps(strategy: &str) -> Vec<String> {
    let names: &[&str] = if strategy == "blue_green" {
        &[
            "PRE_CHECK",
            "CREATE_NEW_NODES",
            "MIGRATE_DATA",
            "SWITCH_TRAFFIC",
            "RELEASE_OLD_NODES",
        ]
    } else {
        &[
            "PRE_CHECK",
            "UPGRADE_MASTER_NODES",
            "UPGRADE_DATA_NODES",
            "UPGRADE_KIBANA",
        ]
    };
    names.iter().map(|s| (*s).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::seed;

    #[test]
    fn path_and_checks() {
        assert_eq!(path_index("6.7"), Some(3));
        assert_eq!(path_index("6.7.0"), Some(3));
        assert_eq!(path_index("7.10_with_X-Pack"), Some(4));
        assert_eq!(path_index("9.0"), None);
        let w = seed::world();
        let red = w.es.iter().find(|e| e.health == "red").unwrap();
        assert!(!red.checks_pass());
        assert_eq!(
            red.checklist()[0]["validateResult"][0]["errorCode"],
            "ClusterStatusNotHealth"
        );
        let green = w.es.iter().find(|e| e.id == "es-cn-sandbox0001").unwrap();
        assert!(green.checks_pass(), "{:?}", green.checklist());
        assert!(green.next_version().is_some());
        assert_eq!(steps("blue_green").len(), 5);
    }
}
