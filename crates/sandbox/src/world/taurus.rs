//! TaurusDB (GaussDB for MySQL) instances and kernel-upgrade rules (apis.md §A.5, §B.4).

use serde::{Deserialize, Serialize};

/// Steady status (`ListGaussMySqlInstancesUnifyStatus` spelling).
pub(crate) const NORMAL: &str = "normal";
/// While a kernel upgrade runs (sandbox choice; the documented progress source is the job API).
pub(crate) const UPGRADING: &str = "upgrading";

/// Kernel versions in release order; the last is what an upgrade installs.
pub(crate) const KERNELS: [&str; 6] = [
    "2.0.28.1",
    "2.0.29.1",
    "2.0.42.230601",
    "2.0.45.230950",
    "2.0.51.240300",
    "2.0.57.240900",
];

/// The kernel an upgrade installs.
pub(crate) fn latest_kernel() -> &'static str {
    KERNELS[KERNELS.len() - 1]
}

/// One TaurusDB instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TaurusInstance {
    /// 32 alphanumerics + `in07`.
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) project_id: String,
    pub(crate) region: String,
    pub(crate) status: String,
    pub(crate) kernel_version: String,
    pub(crate) flavor: String,
    pub(crate) node_count: u32,
    /// UTC `HH:MM-HH:MM`.
    pub(crate) maintenance_window: String,
    pub(crate) created: String,
    /// Its proxy kernel is too old for the new database kernel (`DBS.05000001`); makes `upgrade_flag`
    /// false although a newer kernel exists.
    pub(crate) proxy_too_old: bool,
}

impl TaurusInstance {
    /// `upgrade_flag` of `ShowInstanceDatabaseVersion`.
    pub(crate) fn upgrade_flag(&self) -> bool {
        self.kernel_version != latest_kernel() && !self.proxy_too_old && self.status == NORMAL
    }

    /// The older `ShowGaussMySqlInstanceInfo` (v3) status spelling.
    pub(crate) fn v3_status(&self) -> &'static str {
        if self.status == NORMAL {
            "ACTIVE"
        } else {
            "MODIFYING"
        }
    }
}

/// Steps of a kernel upgrade.
pub(crate) fn steps() -> Vec<String> {
    [
        "Pre-check",
        "Upgrade read replicas",
        "Upgrade primary node",
        "Switch over and verify",
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
    fn upgrade_flag() {
        let w = seed::world();
        assert!(w.taurus.iter().any(TaurusInstance::upgrade_flag));
        assert!(w
            .taurus
            .iter()
            .any(|t| !t.upgrade_flag() && t.kernel_version == latest_kernel()));
        assert!(w
            .taurus
            .iter()
            .any(|t| !t.upgrade_flag() && t.proxy_too_old));
        for t in &w.taurus {
            assert_eq!(t.id.len(), 36);
            assert!(t.id.ends_with("in07"));
            assert_eq!(t.v3_status(), "ACTIVE");
        }
    }
}
