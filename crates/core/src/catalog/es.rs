//! Alibaba Cloud Elasticsearch (ROA, `2017-06-13`): `UpgradeEngineVersion` (apis.md §A.3), with the
//! newer `updateStrategy` and `plugins`. `plugins` is accepted as JSON text (an array of
//! `{name, enable, version?, fileVersion?}` objects); leave it empty to send no plugin changes.

use super::{ApiSpec, Cloud, CrossCheck, Product, Style};
use crate::advice::Advisory;
use crate::field::{Choice, FieldKind, FieldSpec, Placement, Wire};
use crate::format::{CLIENT_TOKEN, ES_INSTANCE_ID, ES_VERSION, KEYWORD};
use crate::i18n::Text;
use crate::region::ES_ENDPOINT;

/// `UpgradeEngineVersion`: upgrades the engine (`type=engineVersion`) or the kernel patch
/// (`type=aliVersion`), or with `dryRun=true` only runs the pre-upgrade checks.
pub(super) const UPGRADE_ENGINE_VERSION: ApiSpec = ApiSpec {
    id: "es-version-upgrade",
    cloud: Cloud::Alibaba,
    product: Product::Elasticsearch,
    api: "UpgradeEngineVersion",
    version: "2017-06-13",
    style: Style::Roa,
    method: "POST",
    path: "/openapi/instances/{InstanceId}/actions/upgrade-version",
    endpoint: ES_ENDPOINT,
    summary: Text::new(
        "Upgrades an Elasticsearch cluster's engine version or kernel patch. With dryRun=true it only runs the pre-upgrade checks (health, YML, plugins, resources, snapshot) and reports them. UpgradeInfo tells which targets the cluster can take.",
        "升级 Elasticsearch 集群的引擎版本或内核补丁版本。dryRun=true 时只执行升级前检查（健康状态、YML、插件、资源、快照）并返回结果。可升级的目标版本见 UpgradeInfo。",
    ),
    fields: &[
        FieldSpec::new(
            "InstanceId",
            Placement::Path,
            FieldKind::Text(&ES_INSTANCE_ID),
            Wire::String,
        )
        .required()
        .label("Instance ID", "实例 ID")
        .help("The cluster to upgrade (es-cn-…).", "要升级的集群（es-cn-…）。")
        .example("es-cn-abc123def456"),
        FieldSpec::new(
            "clientToken",
            Placement::Query,
            FieldKind::Text(&CLIENT_TOKEN),
            Wire::String,
        )
        .label("Client token", "幂等令牌")
        .help(
            "Optional idempotency token (at most 64 ASCII characters): a retry with the same token is not run twice.",
            "可选的幂等令牌（不超过 64 个 ASCII 字符）：使用相同令牌重试不会重复执行。",
        )
        .example("5A2CFF0E-5718-45B5-9D4D-70B3FF389811")
        .advanced(),
        FieldSpec::new("dryRun", Placement::Query, FieldKind::Bool, Wire::Boolean)
            .label("Dry run", "仅预检")
            .help(
                "true = run the pre-upgrade checks only; false = upgrade. Starts as true so the first Send is a check.",
                "true = 只执行升级前检查；false = 执行升级。默认填 true，第一次发送只做检查。",
            )
            .default_value("true")
            .example("true"),
        FieldSpec::new(
            "updateStrategy",
            Placement::Query,
            FieldKind::Choice {
                choices: &[
                    Choice::new("blue_green", "Blue-green (new nodes)", "蓝绿变更（新建节点）"),
                    Choice::new("normal", "In place", "原地升级"),
                    Choice::new("intelligent", "Chosen by the service", "由服务智能选择"),
                ],
                other: Some(&KEYWORD),
            },
            Wire::String,
        )
        .label("Update strategy", "变更方式")
        .help(
            "How nodes are changed. Empty = the service's default.",
            "节点的变更方式。留空则使用服务默认值。",
        )
        .example("normal"),
        FieldSpec::new(
            "type",
            Placement::JsonBody,
            FieldKind::Choice {
                choices: &[
                    Choice::new("engineVersion", "Engine version (major)", "引擎版本（大版本）"),
                    Choice::new("aliVersion", "Kernel patch (aliVersion)", "内核补丁版本（aliVersion）"),
                ],
                other: Some(&KEYWORD),
            },
            Wire::String,
        )
        .label("Upgrade type", "升级类型")
        .help(
            "engineVersion (the default when empty) upgrades the engine; aliVersion upgrades the kernel patch.",
            "engineVersion（留空时的默认值）升级引擎版本；aliVersion 升级内核补丁版本。",
        )
        .default_value("engineVersion")
        .example("engineVersion"),
        FieldSpec::new(
            "version",
            Placement::JsonBody,
            FieldKind::Text(&ES_VERSION),
            Wire::String,
        )
        .label("Target version", "目标版本")
        .help(
            "6.7-style for engineVersion, ali1.2.0-style for aliVersion; UpgradeInfo gives the allowed target.",
            "engineVersion 使用 6.7 形式，aliVersion 使用 ali1.2.0 形式；可用目标见 UpgradeInfo。",
        )
        .example("7.10"),
        FieldSpec::new("plugins", Placement::JsonBody, FieldKind::EsPlugins, Wire::Array)
            .label("Plugin changes (JSON)", "插件变更（JSON）")
            .help(
                "Optional JSON array of plugins to install or remove during the upgrade: [{\"name\":\"analysis-ik\",\"enable\":\"true\",\"version\":\"7.16.2\",\"fileVersion\":\"1\"}]. fileVersion comes from ListUserPlugin.",
                "可选，升级时要安装或卸载的插件（JSON 数组）：[{\"name\":\"analysis-ik\",\"enable\":\"true\",\"version\":\"7.16.2\",\"fileVersion\":\"1\"}]。fileVersion 取自 ListUserPlugin。",
            )
            .example("[{\"name\":\"analysis-ik\",\"enable\":\"true\"}]")
            .advanced(),
    ],
    checks: &[CrossCheck::EsVersionMatchesType {
        version: "version",
        ty: "type",
    }],
    advisories: &[
        Advisory::DryRunOnly { field: "dryRun" },
        Advisory::DryRunFirst { field: "dryRun" },
        Advisory::NoTargetVersion { field: "version" },
        Advisory::Irreversible,
    ],
    target_field: Some("version"),
    permission: "elasticsearch:UpgradeEngineVersion",
};
