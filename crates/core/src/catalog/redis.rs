//! Tair / ApsaraDB for Redis (R-kvstore, RPC, `2015-01-01`): the major-version upgrade (apis.md §A.4).
//! The parameter is `EffectiveTime` with `Immediately`/`MaintainTime` (not `EffectTime`, not `0`/`1`).
//! Internal `Owner*`/`ResourceOwner*`/`SecurityToken` parameters are not in the form.

use super::{ApiSpec, Cloud, Product, Style};
use crate::advice::Advisory;
use crate::field::{Choice, FieldKind, FieldSpec, Placement, Wire};
use crate::format::{KEYWORD, MAJOR_VERSION, REDIS_INSTANCE_ID, REGION_ID};
use crate::i18n::Text;
use crate::region::R_KVSTORE_ENDPOINT;

/// `ModifyInstanceMajorVersion`: moves an instance to a higher major version in its deployment mode.
pub(super) const MODIFY_MAJOR_VERSION: ApiSpec = ApiSpec {
    id: "redis-major-upgrade",
    cloud: Cloud::Alibaba,
    product: Product::RKvstore,
    api: "ModifyInstanceMajorVersion",
    version: "2015-01-01",
    style: Style::Rpc,
    method: "POST",
    path: "/",
    endpoint: R_KVSTORE_ENDPOINT,
    summary: Text::new(
        "Upgrades the major version of a Tair/Redis instance within its deployment mode. The instance must be Normal and DescribeEngineVersion must report EnableUpgradeMajorVersion=true. Irreversible.",
        "在同一部署模式内升级 Tair/Redis 实例的大版本。实例须处于正常状态，且 DescribeEngineVersion 返回 EnableUpgradeMajorVersion=true。不可逆。",
    ),
    fields: &[
        FieldSpec::new(
            "InstanceId",
            Placement::Query,
            FieldKind::Text(&REDIS_INSTANCE_ID),
            Wire::String,
        )
        .required()
        .label("Instance ID", "实例 ID")
        .help("The instance to upgrade (r-…).", "要升级的实例（r-…）。")
        .example("r-bp1a2b3c4d5e6f7g"),
        FieldSpec::new(
            "MajorVersion",
            Placement::Query,
            FieldKind::Choice {
                choices: &[
                    Choice::new("4.0", "4.0 (classic, not recommended)", "4.0（经典版，不推荐）"),
                    Choice::new("5.0", "5.0 (classic)", "5.0（经典版）"),
                    Choice::new("6.0", "6.0 (cloud-native)", "6.0（云原生版）"),
                    Choice::new("7.0", "7.0 (cloud-native)", "7.0（云原生版）"),
                ],
                other: Some(&MAJOR_VERSION),
            },
            Wire::String,
        )
        .required()
        .label("Target major version", "目标大版本")
        .help(
            "Cloud-native instances take 6.0 or 7.0; classic instances 4.0 or 5.0. It must be above the current version.",
            "云原生版实例可选 6.0 或 7.0；经典版实例可选 4.0 或 5.0。须高于当前版本。",
        )
        .example("7.0"),
        FieldSpec::new(
            "EffectiveTime",
            Placement::Query,
            FieldKind::Choice {
                choices: &[
                    Choice::new("Immediately", "Immediately", "立即生效"),
                    Choice::new("MaintainTime", "In the maintenance window", "在可维护时间段内生效"),
                ],
                other: Some(&KEYWORD),
            },
            Wire::String,
        )
        .label("When", "生效时间")
        .help(
            "Immediately (the default when empty) or MaintainTime (the instance's maintenance window).",
            "Immediately（留空时的默认值，立即生效）或 MaintainTime（在实例的可维护时间段内生效）。",
        )
        .example("Immediately"),
        FieldSpec::new(
            "RegionId",
            Placement::Query,
            FieldKind::Text(&REGION_ID),
            Wire::String,
        )
        .label("Region ID", "地域 ID")
        .help(
            "Common RPC parameter: the instance's region. Optional; the endpoint already selects the region.",
            "RPC 公共参数：实例所在地域。可选；接入地址已决定地域。",
        )
        .example("cn-hangzhou")
        .advanced(),
    ],
    checks: &[],
    advisories: &[
        Advisory::Irreversible,
        Advisory::RedisSwitchover,
        Advisory::RedisLimits,
        Advisory::BloomFilterRemoved,
        Advisory::Scheduled {
            field: "EffectiveTime",
            value: "MaintainTime",
        },
    ],
    target_field: Some("MajorVersion"),
    permission: "kvstore:ModifyInstanceMajorVersion",
};
