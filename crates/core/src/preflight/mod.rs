//! Pre-flight: read-only calls made before an upgrade, and what their replies tell the form.
//!
//! [`reads_for`] lists the companion read APIs of an operation (apis.md §B), [`build_read`] builds each
//! as an unsigned request, and [`parse_reply`] turns its JSON reply into [`PreflightFacts`]: current
//! version, status, architecture, offered targets and [`Blocker`]s (instance not `Running`/`Normal`/
//! `active`, standalone, `EnableUpgradeMajorVersion=false`, health red, `upgrade_flag=false`…). Facts
//! from several replies are combined with [`PreflightFacts::merge`] and passed to
//! [`crate::validate::validate_with`]. Parsers never panic, whatever the body.

pub mod batch;
mod read;
mod reply;

pub use read::{build_read, read_target, reads_for, ReadCall, ReadTarget};
pub use reply::{parse_reply, ReplyError};

use serde::Serialize;

use crate::format::is_es_ali_version;
use crate::i18n::Lang;
use crate::version::version_cmp;

/// Why an instance cannot take the upgrade now, as pre-flight found it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, thiserror::Error)]
pub enum Blocker {
    /// Not in the one state that accepts upgrades.
    #[error("The instance is “{status}”; upgrades need “{expected}”.")]
    NotReady {
        /// The state reported.
        status: String,
        /// The state required (`Running`, `Normal`, `active`, `normal`).
        expected: &'static str,
    },
    /// Dds standalone instance.
    #[error("Standalone instances cannot be upgraded in place; migrate to a replica set first.")]
    Standalone,
    /// Dds sharded cluster on the DynamoDB protocol (major upgrade only).
    #[error("Sharded clusters that use the DynamoDB protocol cannot take a major upgrade.")]
    DynamoDbProtocol,
    /// Dds instance locked (`LockMode` other than `Unlock`).
    #[error("The instance is locked ({mode}); unlock it before upgrading.")]
    Locked {
        /// The lock mode reported.
        mode: String,
    },
    /// R-kvstore `EnableUpgradeMajorVersion=false`.
    #[error("DescribeEngineVersion reports EnableUpgradeMajorVersion=false: this instance cannot take a major upgrade now.")]
    MajorUpgradeDisabled,
    /// No newer version offered (ES `Upgrade=false`, TaurusDB `upgrade_flag=false`, no Dds targets).
    #[error("The cloud reports no upgrade available for this instance.")]
    NoUpgradeAvailable,
    /// ES cluster health red.
    #[error("Cluster health is red; fix it before upgrading.")]
    HealthRed,
    /// The target typed is not above the current version.
    #[error("The target {target} is not above the current version {current}; downgrades are not possible.")]
    TargetNotAboveCurrent {
        /// Target typed.
        target: String,
        /// Current version.
        current: String,
    },
}

impl Blocker {
    /// The text in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::NotReady { status, expected } => {
                format!("实例状态为 “{status}”；升级要求状态为 “{expected}”。")
            }
            Self::Standalone => "单节点实例不支持原地升级；请先迁移到副本集实例。".to_owned(),
            Self::DynamoDbProtocol => "使用 DynamoDB 协议的分片集群不支持大版本升级。".to_owned(),
            Self::Locked { mode } => format!("实例已被锁定（{mode}）；请先解锁再升级。"),
            Self::MajorUpgradeDisabled => {
                "DescribeEngineVersion 返回 EnableUpgradeMajorVersion=false：该实例当前无法升级大版本。"
                    .to_owned()
            }
            Self::NoUpgradeAvailable => "云端显示该实例没有可用的升级。".to_owned(),
            Self::HealthRed => "集群健康状态为红色；请先修复再升级。".to_owned(),
            Self::TargetNotAboveCurrent { target, current } => {
                format!("目标版本 {target} 不高于当前版本 {current}；不支持降级。")
            }
        }
    }

    /// A stable kebab-case code.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::NotReady { .. } => "not-ready",
            Self::Standalone => "standalone",
            Self::DynamoDbProtocol => "dynamodb-protocol",
            Self::Locked { .. } => "locked",
            Self::MajorUpgradeDisabled => "major-upgrade-disabled",
            Self::NoUpgradeAvailable => "no-upgrade-available",
            Self::HealthRed => "health-red",
            Self::TargetNotAboveCurrent { .. } => "target-not-above-current",
        }
    }
}

/// What pre-flight learned about one instance. Every field is optional: a reply may lack it, and the
/// console must still work without pre-flight.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PreflightFacts {
    /// The instance id the reply was about.
    pub instance_id: Option<String>,
    /// Status as the cloud writes it (`Running`, `Normal`, `active`, `normal`…).
    pub status: Option<String>,
    /// Current (major/engine) version: Dds `EngineVersion`, Redis `EngineVersion`, ES `esVersion`,
    /// TaurusDB `current_version` (the value its upgrade body needs).
    pub current_version: Option<String>,
    /// Current kernel/minor version: Dds `CurrentKernelVersion`, Redis `MinorVersion`, ES
    /// `curApackVersion`, TaurusDB `current_kernel_version`.
    pub current_kernel: Option<String>,
    /// Architecture (`replicate`, `sharding`, `standalone`; `cluster`/`standard`; `public`; `Cluster`).
    pub architecture: Option<String>,
    /// Dds `ProtocolType` (`mongodb`/`dynamodb`).
    pub protocol: Option<String>,
    /// ES cluster health (`green`/`yellow`/`red`).
    pub health: Option<String>,
    /// Maintenance window as reported (UTC), for scheduled upgrades.
    pub maintenance_window: Option<String>,
    /// Target versions the cloud offers (drives the version dropdown).
    pub targets: Vec<String>,
    /// Kernel targets (ES `upgradeApackVersion`, Redis latest minor, TaurusDB latest kernel).
    pub kernel_targets: Vec<String>,
    /// Reasons the upgrade would fail now.
    pub blockers: Vec<Blocker>,
}

impl PreflightFacts {
    /// Adds what another reply found: fields still unknown are filled, lists are appended without
    /// duplicates.
    pub fn merge(&mut self, other: Self) {
        let fill = |mine: &mut Option<String>, theirs: Option<String>| {
            if mine.is_none() {
                *mine = theirs;
            }
        };
        fill(&mut self.instance_id, other.instance_id);
        fill(&mut self.status, other.status);
        fill(&mut self.current_version, other.current_version);
        fill(&mut self.current_kernel, other.current_kernel);
        fill(&mut self.architecture, other.architecture);
        fill(&mut self.protocol, other.protocol);
        fill(&mut self.health, other.health);
        fill(&mut self.maintenance_window, other.maintenance_window);
        for (mine, theirs) in [
            (&mut self.targets, other.targets),
            (&mut self.kernel_targets, other.kernel_targets),
        ] {
            for t in theirs {
                if !mine.contains(&t) {
                    mine.push(t);
                }
            }
        }
        for b in other.blockers {
            if !self.blockers.contains(&b) {
                self.blockers.push(b);
            }
        }
    }

    /// Whether nothing blocks the upgrade.
    #[must_use]
    pub fn is_clear(&self) -> bool {
        self.blockers.is_empty()
    }

    /// [`Blocker::TargetNotAboveCurrent`] when `target` is not above the current version (the kernel
    /// version for an `ali1.2.0`-style ES target). `None` when either is unknown or not comparable.
    #[must_use]
    pub fn target_blocker(&self, target: &str) -> Option<Blocker> {
        let current = if is_es_ali_version(target) {
            self.current_kernel.as_deref()
        } else {
            self.current_version.as_deref()
        }?;
        version_cmp(target, current)
            .is_some_and(|o| o.is_le())
            .then(|| Blocker::TargetNotAboveCurrent {
                target: target.to_owned(),
                current: current.to_owned(),
            })
    }

    /// The offered targets of the same kind as `target` (kernel targets for an `ali…` version).
    #[must_use]
    pub fn targets_for(&self, target: &str) -> &[String] {
        if is_es_ali_version(target) {
            &self.kernel_targets
        } else {
            &self.targets
        }
    }
}
