//! The operations the console offers, as data.
//!
//! The navigation, the routes and (later) the forms and the proxy's allowlist are all derived from this
//! one table, so adding an operation is a data change, not a UI change.

use serde::Serialize;

/// The cloud a call goes to: it decides the signing scheme family and the default upstream domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Cloud {
    /// Alibaba Cloud (`*.aliyuncs.com`): RPC V1 or V3 signatures.
    Alibaba,
    /// Huawei Cloud (`*.myhuaweicloud.com`): SDK-HMAC-SHA256 or IAM tokens.
    Huawei,
}

impl Cloud {
    /// Heading shown above the cloud's operations in the navigation.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Alibaba => "Alibaba Cloud",
            Self::Huawei => "Huawei Cloud",
        }
    }
}

/// One upgrade operation. `id` is stable: it is the route segment and the key of deep links.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Operation {
    /// URL-safe identifier, used in `/op/{id}` routes and in saved links.
    pub id: &'static str,
    /// Which cloud serves it.
    pub cloud: Cloud,
    /// Product shown to the DBA (MongoDB, Redis …).
    pub product: &'static str,
    /// Short title used in the navigation.
    pub title: &'static str,
    /// The cloud's own API name, so DBAs can match it with the vendor documentation.
    pub api: &'static str,
}

/// Every operation the console covers, in navigation order.
pub static OPERATIONS: &[Operation] = &[
    Operation {
        id: "dds-engine-upgrade",
        cloud: Cloud::Alibaba,
        product: "MongoDB",
        title: "MongoDB engine upgrade",
        api: "UpgradeDBInstanceEngineVersion",
    },
    Operation {
        id: "dds-kernel-upgrade",
        cloud: Cloud::Alibaba,
        product: "MongoDB",
        title: "MongoDB kernel upgrade",
        api: "UpgradeDBInstanceKernelVersion",
    },
    Operation {
        id: "es-version-upgrade",
        cloud: Cloud::Alibaba,
        product: "Elasticsearch",
        title: "Elasticsearch version upgrade",
        api: "UpgradeEngineVersion",
    },
    Operation {
        id: "redis-major-upgrade",
        cloud: Cloud::Alibaba,
        product: "Redis",
        title: "Redis major version upgrade",
        api: "ModifyInstanceMajorVersion",
    },
    Operation {
        id: "taurusdb-minor-upgrade",
        cloud: Cloud::Huawei,
        product: "TaurusDB",
        title: "TaurusDB batch minor upgrade",
        api: "BatchUpgradeDatabases",
    },
];

/// The clouds in navigation order, each with its operations, so the UI groups without its own logic.
#[must_use]
pub fn by_cloud() -> Vec<(Cloud, Vec<&'static Operation>)> {
    let mut groups: Vec<(Cloud, Vec<&'static Operation>)> = Vec::new();
    for op in OPERATIONS {
        match groups.iter_mut().find(|(cloud, _)| *cloud == op.cloud) {
            Some((_, ops)) => ops.push(op),
            None => groups.push((op.cloud, vec![op])),
        }
    }
    groups
}

/// Looks an operation up by its route id; `None` for an unknown (e.g. mistyped) link.
#[must_use]
pub fn find(id: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|op| op.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_url_safe() {
        for (i, op) in OPERATIONS.iter().enumerate() {
            assert!(
                op.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                op.id
            );
            assert!(
                OPERATIONS[..i].iter().all(|o| o.id != op.id),
                "duplicate {}",
                op.id
            );
        }
    }

    #[test]
    fn grouping_keeps_order_and_covers_all_five() {
        let groups = by_cloud();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].0, Cloud::Alibaba);
        assert_eq!(groups[0].1.len(), 4);
        assert_eq!(groups[1].1[0].id, "taurusdb-minor-upgrade");
        assert_eq!(groups.iter().map(|g| g.1.len()).sum::<usize>(), 5);
    }

    #[test]
    fn find_rejects_unknown_ids() {
        assert!(find("redis-major-upgrade").is_some());
        assert!(find("../etc/passwd").is_none());
    }
}
