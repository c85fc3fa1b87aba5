//! ApsaraDB for MongoDB (Dds) instances and their upgrade rules (apis.md §A.1, §A.2, §B.1).

use serde::{Deserialize, Serialize};

/// Steady state; the only one that accepts an upgrade.
pub(crate) const RUNNING: &str = "Running";

/// Replica set, sharded cluster or standalone: the API reports standalone as `replicate` too and tells it
/// apart by `ReplicationFactor` 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum DdsArch {
    ReplicaSet,
    Sharded,
    Standalone,
}

/// One MongoDB instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DdsInstance {
    pub(crate) id: String,
    pub(crate) description: String,
    pub(crate) region: String,
    pub(crate) zone: String,
    pub(crate) arch: DdsArch,
    /// Major version, `4.4`.
    pub(crate) engine_version: String,
    /// `mongodb_YYYYMMDD_x.y.z`.
    pub(crate) kernel_version: String,
    /// `cloud_essd1`, `local_ssd`, …
    pub(crate) storage_type: String,
    /// `mongodb` or `dynamodb` (sharded clusters with DynamoDB protocol cannot upgrade).
    pub(crate) protocol: String,
    pub(crate) status: String,
    pub(crate) class_code: String,
    pub(crate) storage_gb: u32,
    /// UTC `HH:mmZ`.
    pub(crate) maintain_start: String,
    pub(crate) maintain_end: String,
    pub(crate) created: String,
}

/// Major versions in order; the service walks through each one in between.
pub(crate) const MAJORS: [&str; 7] = ["4.0", "4.2", "4.4", "5.0", "6.0", "7.0", "8.0"];

/// The newest kernel of each major version (what a kernel upgrade installs).
pub(crate) fn latest_kernel(major: &str) -> String {
    let (date, patch) = match major {
        "4.0" => ("20230705", "4.0.28"),
        "4.2" => ("20231017", "4.2.25"),
        "4.4" => ("20240605", "4.4.29"),
        "5.0" => ("20240612", "5.0.27"),
        "6.0" => ("20240618", "6.0.16"),
        "7.0" => ("20240620", "7.0.12"),
        _ => ("20250110", "8.0.4"),
    };
    format!("mongodb_{date}_{patch}")
}

fn rank(version: &str) -> Option<usize> {
    MAJORS.iter().position(|m| *m == version)
}

impl DdsInstance {
    /// `replicate` or `sharding`, as `DBInstanceType` says.
    pub(crate) const fn db_instance_type(&self) -> &'static str {
        match self.arch {
            DdsArch::Sharded => "sharding",
            DdsArch::ReplicaSet | DdsArch::Standalone => "replicate",
        }
    }

    /// 1 for standalone, 3 for replica sets (0 for sharded clusters, whose shards carry it).
    pub(crate) const fn replication_factor(&self) -> u32 {
        match self.arch {
            DdsArch::Standalone => 1,
            DdsArch::ReplicaSet => 3,
            DdsArch::Sharded => 0,
        }
    }

    /// True for local-disk storage, whose upgrade paths are shorter.
    pub(crate) fn local_disk(&self) -> bool {
        self.storage_type.starts_with("local")
    }

    /// What `DescribeAvailableEngineVersion` lists: cloud disks go up to 8.0, local disks stop at 4.2,
    /// standalone instances have no in-place major upgrade.
    pub(crate) fn available_engine_versions(&self) -> Vec<&'static str> {
        let Some(current) = rank(&self.engine_version) else {
            return Vec::new();
        };
        if self.arch == DdsArch::Standalone {
            return Vec::new();
        }
        let ceiling = if self.local_disk() {
            rank("4.2").unwrap_or(0)
        } else {
            MAJORS.len() - 1
        };
        MAJORS
            .iter()
            .enumerate()
            .filter(|(i, _)| *i > current && *i <= ceiling)
            .map(|(_, v)| *v)
            .collect()
    }

    /// True when the kernel is already the newest of its major version.
    #[cfg(test)]
    pub(crate) fn kernel_is_latest(&self) -> bool {
        self.kernel_version == latest_kernel(&self.engine_version)
    }
}

/// True when `target` is at or below `current` (a downgrade or no-op), for the error message choice.
pub(crate) fn not_above(target: &str, current: &str) -> bool {
    match (rank(target), rank(current)) {
        (Some(t), Some(c)) => t <= c,
        _ => false,
    }
}

/// Steps of an engine upgrade from `from` to `to`: one per intermediate major, as the service walks them.
pub(crate) fn engine_steps(from: &str, to: &str) -> Vec<String> {
    let mut steps = vec!["Pre-check".to_owned(), "Back up instance".to_owned()];
    let (Some(a), Some(b)) = (rank(from), rank(to)) else {
        return steps;
    };
    for v in MAJORS.iter().take(b + 1).skip(a + 1) {
        steps.push(format!("Upgrade to {v}"));
    }
    steps.push("Switch primary and verify".to_owned());
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::seed;

    #[test]
    fn upgrade_paths_follow_storage_and_architecture() {
        let w = seed::world();
        let find = |id: &str| w.dds.iter().find(|d| d.id == id).unwrap().clone();
        let cloud_44 = DdsInstance {
            engine_version: "4.4".into(),
            storage_type: "cloud_essd1".into(),
            arch: DdsArch::ReplicaSet,
            ..find("dds-bp1sandbox0001")
        };
        assert_eq!(
            cloud_44.available_engine_versions(),
            ["5.0", "6.0", "7.0", "8.0"]
        );
        let local_40 = DdsInstance {
            engine_version: "4.0".into(),
            storage_type: "local_ssd".into(),
            ..cloud_44.clone()
        };
        assert_eq!(local_40.available_engine_versions(), ["4.2"]);
        let standalone = DdsInstance {
            arch: DdsArch::Standalone,
            ..cloud_44.clone()
        };
        assert!(standalone.available_engine_versions().is_empty());
        assert_eq!(standalone.replication_factor(), 1);
        assert!(not_above("4.4", "4.4") && not_above("4.2", "4.4") && !not_above("5.0", "4.4"));
        assert_eq!(engine_steps("4.4", "6.0").len(), 5);
        assert!(latest_kernel("5.0").ends_with("5.0.27"));
    }
}
