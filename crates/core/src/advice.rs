//! Warnings the vendor documentation gives about an upgrade, as data attached to each operation.
//!
//! Some always apply (irreversible, restarts); some depend on the form (scheduled in the maintenance
//! window, dry run) or on what pre-flight learned about the instance (4.4 → 5.0 write concern, Redis 4.0
//! Bloom filters, sharded balancer). [`Advisory::applies`] decides; validation turns the ones that apply
//! into form-level warnings, which never block Send.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::i18n::Lang;
use crate::preflight::PreflightFacts;
use crate::value::Value;
use crate::version::{major_minor, version_cmp};

/// One documented caution. `Display` is the English text; [`Advisory::message`] gives either language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, thiserror::Error)]
pub enum Advisory {
    /// No downgrade afterwards.
    #[error("This upgrade cannot be undone: there is no downgrade afterwards.")]
    Irreversible,
    /// Dds major upgrade: 2–3 restarts, every intermediate version.
    #[error("The instance restarts 2–3 times and passes through every intermediate major version; each restart briefly disconnects clients. Upgrade off-peak.")]
    RestartsSeveral,
    /// Dds major upgrade: old backups cannot be restored into the new version.
    #[error("Backups taken before the upgrade cannot be restored into the upgraded instance.")]
    BackupsNotRestorable,
    /// Dds: reaching 5.0 from 4.4 or older changes the default write concern (target in `target`).
    #[error("From MongoDB 5.0 the default write concern is {{w: \"majority\"}}, which can raise write latency. Check your applications before upgrading from 4.4 or earlier.")]
    WriteConcernMajority,
    /// Dds sharded cluster: the balancer is paused.
    #[error(
        "Sharded cluster: the balancer is switched off during the upgrade and back on afterwards."
    )]
    BalancerPaused,
    /// Dds kernel upgrade: one restart, always to the latest kernel.
    #[error("The instance restarts once (clients disconnect for under 30 seconds) and moves to the latest kernel version; there is no target to choose.")]
    KernelRestartOnce,
    /// Redis: read-only switchover, DTS, memory.
    #[error("At the switchover the instance is read-only for up to 60 seconds and disconnects for a few seconds. Pause DTS tasks first; memory use above 80% is not recommended.")]
    RedisSwitchover,
    /// Redis: deployment-mode limits.
    #[error("Upgrades stay within the deployment mode: classic-network instances stop at 5.0 (convert to cloud-native for 6.0 and later), and cloud-native clusters in direct-connection mode cannot be upgraded.")]
    RedisLimits,
    /// Redis 4.0 → newer: `BF.*` commands disappear.
    #[error("This instance runs Redis 4.0: Bloom-filter commands (BF.ADD and the rest) are no longer available after the upgrade.")]
    BloomFilterRemoved,
    /// The named field has the value that defers the upgrade to the maintenance window.
    #[error("The upgrade is scheduled for the instance's maintenance window, not run now.")]
    Scheduled {
        /// Field name.
        field: &'static str,
        /// The deferring value (`1`, `MaintainTime`, `true`).
        value: &'static str,
    },
    /// ES `dryRun=true`: checks only.
    #[error("Dry run: only the pre-upgrade checks run and nothing is upgraded. Send again with dryRun=false to upgrade.")]
    DryRunOnly {
        /// The dry-run field.
        field: &'static str,
    },
    /// ES real run: suggest a dry run first.
    #[error("This call upgrades the cluster. Running it with dryRun=true first shows the pre-upgrade checks (health, YML, plugins, resources, snapshot).")]
    DryRunFirst {
        /// The dry-run field.
        field: &'static str,
    },
    /// No target version typed where the API leaves it optional.
    #[error("No target version is given, so the service decides or rejects the call. Enter the version that UpgradeInfo offers.")]
    NoTargetVersion {
        /// The version field.
        field: &'static str,
    },
    /// TaurusDB: always to the latest kernel.
    #[error("Each instance moves to the latest kernel version; there is no target to choose.")]
    TaurusKernelLatest,
    /// TaurusDB batch call: no job id.
    #[error("The batch call returns no job id: follow progress with ListImmediateJobs (ListScheduleJobs when delayed).")]
    TaurusBatchNoJobId,
}

impl Advisory {
    /// The text in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Irreversible => "升级不可逆：之后无法降级。",
            Self::RestartsSeveral => "升级过程中实例会重启 2–3 次，并逐个经过中间的各个大版本；每次重启都会短暂断开连接。请在业务低峰期操作。",
            Self::BackupsNotRestorable => "升级前的备份无法恢复到升级后的实例。",
            Self::WriteConcernMajority => "从 MongoDB 5.0 起默认写关注为 {w: \"majority\"}，可能增加写入延迟。从 4.4 及更早版本升级前请检查应用。",
            Self::BalancerPaused => "分片集群：升级期间均衡器（balancer）会关闭，完成后重新开启。",
            Self::KernelRestartOnce => "实例会重启一次（连接中断不超过 30 秒），并升级到最新内核版本；无法指定目标版本。",
            Self::RedisSwitchover => "切换时实例最长只读 60 秒，并有数秒连接闪断。请先暂停 DTS 任务；内存使用率超过 80% 时不建议升级。",
            Self::RedisLimits => "只能在同一部署模式内升级：经典网络实例最高 5.0（升级到 6.0 及以上需先转为云原生），直连模式的云原生集群无法升级。",
            Self::BloomFilterRemoved => "该实例为 Redis 4.0：升级后布隆过滤器命令（BF.ADD 等）将不可用。",
            Self::Scheduled { .. } => "升级将在实例的可维护时间段内执行，而非立即执行。",
            Self::DryRunOnly { .. } => "预检模式：只执行升级前检查，不会升级。要升级请将 dryRun 设为 false 后再次发送。",
            Self::DryRunFirst { .. } => "此调用会升级集群。建议先以 dryRun=true 运行，查看升级前检查结果（健康状态、YML、插件、资源、快照）。",
            Self::NoTargetVersion { .. } => "未指定目标版本，将由服务决定或拒绝该请求。请填写 UpgradeInfo 给出的版本。",
            Self::TaurusKernelLatest => "每个实例都将升级到最新内核版本；无法指定目标版本。",
            Self::TaurusBatchNoJobId => "批量升级接口不返回任务 ID：请通过 ListImmediateJobs（延迟执行时用 ListScheduleJobs）跟踪进度。",
        }
        .to_owned()
    }

    /// A stable kebab-case code, for `data-testid`s and logs.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Irreversible => "irreversible",
            Self::RestartsSeveral => "restarts-several",
            Self::BackupsNotRestorable => "backups-not-restorable",
            Self::WriteConcernMajority => "write-concern-majority",
            Self::BalancerPaused => "balancer-paused",
            Self::KernelRestartOnce => "kernel-restart-once",
            Self::RedisSwitchover => "redis-switchover",
            Self::RedisLimits => "redis-limits",
            Self::BloomFilterRemoved => "bloom-filter-removed",
            Self::Scheduled { .. } => "scheduled",
            Self::DryRunOnly { .. } => "dry-run-only",
            Self::DryRunFirst { .. } => "dry-run-first",
            Self::NoTargetVersion { .. } => "no-target-version",
            Self::TaurusKernelLatest => "taurusdb-kernel-latest",
            Self::TaurusBatchNoJobId => "taurusdb-batch-no-job-id",
        }
    }

    /// Whether this caution applies to these parsed values, given what pre-flight learned (if anything).
    /// `target` is the value of the operation's target-version field. Without facts, a caution that
    /// depends on the current version is shown when it may apply (write concern) and hidden when it only
    /// concerns one version (Bloom filters).
    #[must_use]
    pub fn applies(
        &self,
        values: &BTreeMap<&'static str, Value>,
        target: Option<&str>,
        facts: Option<&PreflightFacts>,
    ) -> bool {
        let current = facts.and_then(|f| f.current_version.as_deref());
        match *self {
            Self::WriteConcernMajority => target.is_some_and(|t| {
                version_cmp(t, "5.0").is_some_and(|o| o.is_ge())
                    && current.is_none_or(|c| version_cmp(c, "5.0").is_some_and(|o| o.is_lt()))
            }),
            Self::BalancerPaused => facts
                .and_then(|f| f.architecture.as_deref())
                .is_some_and(|a| a.eq_ignore_ascii_case("sharding")),
            Self::BloomFilterRemoved => current.is_some_and(|c| major_minor(c) == Some((4, 0))),
            Self::Scheduled { field, value } => match values.get(field) {
                Some(Value::Text(t)) => defers(value, Some(t), None),
                Some(Value::Bool(b)) => defers(value, None, Some(*b)),
                _ => false,
            },
            Self::DryRunOnly { field } => values.get(field) == Some(&Value::Bool(true)),
            Self::DryRunFirst { field } => values.get(field) != Some(&Value::Bool(true)),
            Self::NoTargetVersion { field } => !values.contains_key(field),
            _ => true,
        }
    }
}

/// Whether a field that holds `text` (a string) or `flag` (a boolean) carries `value`, the value of an
/// [`Advisory::Scheduled`] field that defers the upgrade. One rule for the form's caution (its validated
/// values) and the confirmation's wording (`crate::schedule::is_scheduled`, the built request), so the
/// two never disagree about the same upgrade.
#[must_use]
pub(crate) fn defers(value: &str, text: Option<&str>, flag: Option<bool>) -> bool {
    match (text, flag) {
        (Some(t), _) => t == value,
        (None, Some(b)) => value == if b { "true" } else { "false" },
        (None, None) => false,
    }
}
