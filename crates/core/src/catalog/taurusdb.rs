//! Huawei TaurusDB (GaussDB for MySQL, v3 REST): `BatchUpgradeDatabases` (apis.md §A.5.1).
//!
//! Instances are typed one per line as `instance_id,current_version` (commas, tabs, semicolons or
//! spaces separate the two, so a spreadsheet paste works); `current_version` is
//! `ShowInstanceDatabaseVersion → datastore.current_version`, which pre-flight shows. `delay` is sent as
//! the string the docs show (`"true"`/`"false"`) unless the advanced "delay as" field says `boolean`
//! (the SDK's type): the two sources disagree and neither is verified against the live API.
//! Authentication (`X-Auth-Token` or an AK/SK signature) is not a form field.

use super::{ApiSpec, Cloud, Product, Style};
use crate::advice::Advisory;
use crate::field::{Choice, FieldKind, FieldSpec, Placement, Wire};
use crate::format::{LANGUAGE_TAG, PROJECT_ID};
use crate::i18n::Text;
use crate::region::TAURUSDB_ENDPOINT;

/// `BatchUpgradeDatabases`: moves up to 100 instances to the latest kernel version.
pub(super) const BATCH_UPGRADE: ApiSpec = ApiSpec {
    id: "taurusdb-minor-upgrade",
    cloud: Cloud::Huawei,
    product: Product::TaurusDb,
    api: "BatchUpgradeDatabases",
    version: "v3",
    style: Style::HuaweiRest,
    method: "POST",
    path: "/v3/{project_id}/instances/database-version/upgrade",
    endpoint: TAURUSDB_ENDPOINT,
    summary: Text::new(
        "Upgrades the kernel (minor version) of up to 100 TaurusDB instances to the latest version, now or in each instance's maintenance window. Each instance is given with its current kernel version.",
        "将最多 100 个 TaurusDB 实例的内核（小版本）升级到最新版本，立即执行或在各实例的可维护时间段内执行。每个实例需同时给出其当前内核版本。",
    ),
    fields: &[
        FieldSpec::new(
            "project_id",
            Placement::Path,
            FieldKind::Text(&PROJECT_ID),
            Wire::String,
        )
        .required()
        .label("Project ID", "项目 ID")
        .help(
            "The project of the region (32 letters or digits): My Credentials → API Credentials, or IAM KeystoneListProjects.",
            "所在地域的项目 ID（32 位字母或数字）：见“我的凭证 → API 凭证”，或调用 IAM KeystoneListProjects。",
        )
        .example("0123456789abcdef0123456789abcdef"),
        FieldSpec::new(
            "X-Language",
            Placement::Header,
            FieldKind::Choice {
                choices: &[
                    Choice::new("en-us", "English", "英文"),
                    Choice::new("zh-cn", "Chinese", "中文"),
                ],
                other: Some(&LANGUAGE_TAG),
            },
            Wire::String,
        )
        .label("Reply language", "响应语言")
        .help(
            "Language of error messages: en-us (the default when empty) or zh-cn.",
            "错误信息的语言：en-us（留空时的默认值）或 zh-cn。",
        )
        .example("en-us")
        .advanced(),
        FieldSpec::new(
            "databases_instance_infos",
            Placement::JsonBody,
            FieldKind::InstanceVersions { max: 100 },
            Wire::Array,
        )
        .required()
        .label("Instances (instance_id,current_version per line)", "实例（每行 instance_id,current_version）")
        .help(
            "One instance per line: its id (36 characters ending in in07), a comma, and its current kernel version from ShowInstanceDatabaseVersion. 1 to 100 instances, no repeats; use one source version per batch.",
            "每行一个实例：实例 ID（以 in07 结尾的 36 个字符）、逗号、当前内核版本（取自 ShowInstanceDatabaseVersion）。1 到 100 个实例，不可重复；同一批次请使用相同的源版本。",
        )
        .example("61a4ea66210545909d74a05c27a7179ein07,2.0.28.1"),
        FieldSpec::new(
            "delay",
            Placement::JsonBody,
            FieldKind::Bool,
            Wire::BooleanAs {
                control: "delay_type",
            },
        )
        .required()
        .label("In the maintenance window", "在可维护时间段内执行")
        .help(
            "true = upgrade in each instance's maintenance window; false = now.",
            "true = 在各实例的可维护时间段内升级；false = 立即升级。",
        )
        .default_value("false")
        .example("false"),
        FieldSpec::new(
            "delay_type",
            Placement::Control,
            FieldKind::Choice {
                choices: &[
                    Choice::new("string", "String \"true\"/\"false\" (API docs)", "字符串 \"true\"/\"false\"（API 文档）"),
                    Choice::new("boolean", "JSON boolean (SDK model)", "JSON 布尔值（SDK 模型）"),
                ],
                other: None,
            },
            Wire::String,
        )
        .label("Send delay as", "delay 的发送类型")
        .help(
            "The API page types delay as a string, the SDK as a boolean. Not sent itself; switch if the service rejects one form.",
            "API 文档中 delay 为字符串，SDK 中为布尔值。此项本身不发送；若服务拒绝其中一种，请切换。",
        )
        .default_value("string")
        .example("string")
        .advanced(),
    ],
    checks: &[],
    advisories: &[
        Advisory::TaurusKernelLatest,
        Advisory::TaurusBatchNoJobId,
        Advisory::Scheduled {
            field: "delay",
            value: "true",
        },
    ],
    target_field: None,
    permission: "gaussdbformysql:instance:upgrade",
};
