//! ApsaraDB for MongoDB (Dds, RPC, `2015-12-01`): the major-version and the kernel-version upgrade
//! (apis.md §A.1, §A.2). The internal `OwnerId`, `OwnerAccount`, `ResourceOwnerId`,
//! `ResourceOwnerAccount` and `SecurityToken` parameters are deliberately not in the forms.

use super::{ApiSpec, Cloud, Product, Style};
use crate::advice::Advisory;
use crate::field::{Choice, FieldKind, FieldSpec, Placement, Wire};
use crate::format::{DDS_INSTANCE_ID, MAJOR_VERSION, SMALL_INTEGER};
use crate::i18n::Text;
use crate::region::DDS_ENDPOINT;

const INSTANCE_ID: FieldSpec = FieldSpec::new(
    "DBInstanceId",
    Placement::Query,
    FieldKind::Text(&DDS_INSTANCE_ID),
    Wire::String,
)
.required()
.label("Instance ID", "实例 ID")
.help(
    "The replica set or sharded cluster to upgrade (dds-…). Standalone instances cannot be upgraded.",
    "要升级的副本集或分片集群实例（dds-…）。单节点实例不支持升级。",
)
.example("dds-bp1a2b3c4d5e6f7g");

const SWITCH_CHOICES: &[Choice] = &[
    Choice::new("0", "Upgrade now", "立即升级"),
    Choice::new("1", "In the maintenance window", "在可维护时间段内升级"),
];

const SWITCH_HELP: Text = Text::new(
    "When to switch over: 0 = now, 1 = in the instance's maintenance window. Empty = now.",
    "切换时间：0 = 立即，1 = 在实例的可维护时间段内。留空即立即执行。",
);

const REGION_ID: FieldSpec = FieldSpec::new(
    "RegionId",
    Placement::Query,
    FieldKind::Text(&crate::format::REGION_ID),
    Wire::String,
)
.label("Region ID", "地域 ID")
.help(
    "Common RPC parameter: the instance's region. Optional; the endpoint already selects the region.",
    "RPC 公共参数：实例所在地域。可选；接入地址已决定地域。",
)
.example("cn-hangzhou")
.advanced();

/// `UpgradeDBInstanceEngineVersion`: moves a replica set or sharded cluster to a higher major version.
pub(super) const ENGINE_UPGRADE: ApiSpec = ApiSpec {
    id: "dds-engine-upgrade",
    cloud: Cloud::Alibaba,
    product: Product::Dds,
    api: "UpgradeDBInstanceEngineVersion",
    version: "2015-12-01",
    style: Style::Rpc,
    method: "POST",
    path: "/",
    endpoint: DDS_ENDPOINT,
    summary: Text::new(
        "Upgrades the major version of a MongoDB replica set or sharded cluster. The instance must be Running; the target must be above the current version (DescribeAvailableEngineVersion lists the allowed ones).",
        "升级 MongoDB 副本集或分片集群实例的大版本。实例须处于运行中状态；目标版本须高于当前版本（可用版本见 DescribeAvailableEngineVersion）。",
    ),
    fields: &[
        INSTANCE_ID,
        FieldSpec::new(
            "EngineVersion",
            Placement::Query,
            FieldKind::Choice {
                choices: &[
                    Choice::new("4.0", "MongoDB 4.0", "MongoDB 4.0"),
                    Choice::new("4.2", "MongoDB 4.2", "MongoDB 4.2"),
                    Choice::new("4.4", "MongoDB 4.4", "MongoDB 4.4"),
                    Choice::new("5.0", "MongoDB 5.0", "MongoDB 5.0"),
                    Choice::new("6.0", "MongoDB 6.0", "MongoDB 6.0"),
                    Choice::new("7.0", "MongoDB 7.0", "MongoDB 7.0"),
                    Choice::new("8.0", "MongoDB 8.0", "MongoDB 8.0"),
                ],
                other: Some(&MAJOR_VERSION),
            },
            Wire::String,
        )
        .required()
        .label("Target version", "目标版本")
        .help(
            "The major version to upgrade to; it must be above the current one. The list is from the API page and may lag: pre-flight shows what this instance can take.",
            "要升级到的大版本，须高于当前版本。列表来自 API 文档，可能滞后：预检查会显示该实例可升级的版本。",
        )
        .example("5.0"),
        FieldSpec::new(
            "SwitchMode",
            Placement::Query,
            FieldKind::Choice {
                choices: SWITCH_CHOICES,
                other: Some(&SMALL_INTEGER),
            },
            Wire::Integer,
        )
        .label("Switch mode", "切换方式")
        .help(SWITCH_HELP.en, SWITCH_HELP.zh)
        .example("0"),
        REGION_ID,
    ],
    checks: &[],
    advisories: &[
        Advisory::Irreversible,
        Advisory::RestartsSeveral,
        Advisory::BackupsNotRestorable,
        Advisory::WriteConcernMajority,
        Advisory::BalancerPaused,
        Advisory::Scheduled {
            field: "SwitchMode",
            value: "1",
        },
    ],
    target_field: Some("EngineVersion"),
    permission: "dds:UpgradeDBInstanceEngineVersion",
};

/// `UpgradeDBInstanceKernelVersion`: moves the instance to the latest minor (kernel) version.
pub(super) const KERNEL_UPGRADE: ApiSpec = ApiSpec {
    id: "dds-kernel-upgrade",
    cloud: Cloud::Alibaba,
    product: Product::Dds,
    api: "UpgradeDBInstanceKernelVersion",
    version: "2015-12-01",
    style: Style::Rpc,
    method: "POST",
    path: "/",
    endpoint: DDS_ENDPOINT,
    summary: Text::new(
        "Upgrades a MongoDB replica set or sharded cluster to the latest kernel (minor) version. There is no target to choose; the instance must be Running and restarts once.",
        "将 MongoDB 副本集或分片集群实例升级到最新内核（小版本）。无法指定目标版本；实例须处于运行中状态，并会重启一次。",
    ),
    fields: &[
        INSTANCE_ID,
        // Typed String in this API (Integer in the engine upgrade); the digit is sent either way.
        FieldSpec::new(
            "SwitchMode",
            Placement::Query,
            FieldKind::Choice {
                choices: SWITCH_CHOICES,
                other: Some(&SMALL_INTEGER),
            },
            Wire::String,
        )
        .label("Switch mode", "切换方式")
        .help(SWITCH_HELP.en, SWITCH_HELP.zh)
        .example("0"),
        REGION_ID,
    ],
    checks: &[],
    advisories: &[
        Advisory::KernelRestartOnce,
        Advisory::Scheduled {
            field: "SwitchMode",
            value: "1",
        },
    ],
    target_field: None,
    permission: "dds:UpgradeDBInstanceKernelVersion",
};
