//! The operations the console offers, as data.
//!
//! The navigation, the routes, the forms, the request builder, the OpenAPI export and the proxy's
//! allowlist are all derived from this one table, so adding an operation is a data change, not a UI
//! change. [`OPERATIONS`] is the short navigation view; [`SPECS`] holds the full [`ApiSpec`] of each
//! operation (same ids, same order), one file per product:
//!
//! | id | file | API |
//! |---|---|---|
//! | `dds-engine-upgrade` | `dds.rs` | Dds `UpgradeDBInstanceEngineVersion` (RPC, 2015-12-01) |
//! | `dds-kernel-upgrade` | `dds.rs` | Dds `UpgradeDBInstanceKernelVersion` (RPC, 2015-12-01) |
//! | `es-version-upgrade` | `es.rs` | Elasticsearch `UpgradeEngineVersion` (ROA, 2017-06-13) |
//! | `redis-major-upgrade` | `redis.rs` | R-kvstore `ModifyInstanceMajorVersion` (RPC, 2015-01-01) |
//! | `taurusdb-minor-upgrade` | `taurusdb.rs` | TaurusDB `BatchUpgradeDatabases` (Huawei REST v3) |

mod dds;
mod es;
mod redis;
mod taurusdb;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::advice::Advisory;
use crate::field::{FieldSpec, Placement};
use crate::i18n::Text;
use crate::region::EndpointRule;

/// The cloud a call goes to: it decides the signing scheme family and the default upstream domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Cloud {
    /// Alibaba Cloud (`*.aliyuncs.com`): RPC V1 or V3 signatures.
    Alibaba,
    /// Huawei Cloud (`*.myhuaweicloud.com`): SDK-HMAC-SHA256 or IAM tokens.
    Huawei,
}

impl Cloud {
    /// Heading shown above the cloud's operations in the navigation, in both languages.
    #[must_use]
    pub const fn label(self) -> Text {
        match self {
            Self::Alibaba => Text::new("Alibaba Cloud", "阿里云"),
            Self::Huawei => Text::new("Huawei Cloud", "华为云"),
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
    /// Short title used in the navigation and as the form's heading.
    pub title: Text,
    /// The cloud's own API name, so DBAs can match it with the vendor documentation.
    pub api: &'static str,
}

/// Every operation the console covers, in navigation order.
pub static OPERATIONS: &[Operation] = &[
    Operation {
        id: "dds-engine-upgrade",
        cloud: Cloud::Alibaba,
        product: "MongoDB",
        title: Text::new("MongoDB engine upgrade", "MongoDB 大版本升级"),
        api: "UpgradeDBInstanceEngineVersion",
    },
    Operation {
        id: "dds-kernel-upgrade",
        cloud: Cloud::Alibaba,
        product: "MongoDB",
        title: Text::new("MongoDB kernel upgrade", "MongoDB 内核版本升级"),
        api: "UpgradeDBInstanceKernelVersion",
    },
    Operation {
        id: "es-version-upgrade",
        cloud: Cloud::Alibaba,
        product: "Elasticsearch",
        title: Text::new("Elasticsearch version upgrade", "Elasticsearch 版本升级"),
        api: "UpgradeEngineVersion",
    },
    Operation {
        id: "redis-major-upgrade",
        cloud: Cloud::Alibaba,
        product: "Redis",
        title: Text::new("Redis major version upgrade", "Redis 大版本升级"),
        api: "ModifyInstanceMajorVersion",
    },
    Operation {
        id: "taurusdb-minor-upgrade",
        cloud: Cloud::Huawei,
        product: "TaurusDB",
        title: Text::new(
            "TaurusDB batch minor upgrade",
            "TaurusDB 批量升级内核小版本",
        ),
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

/// The product (API family) an operation belongs to: decides the region list and the CLI product code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub enum Product {
    /// ApsaraDB for MongoDB (`Dds`, `2015-12-01`).
    Dds,
    /// ApsaraDB for Redis / Tair (`R-kvstore`, `2015-01-01`).
    RKvstore,
    /// Alibaba Cloud Elasticsearch (`elasticsearch`, `2017-06-13`).
    Elasticsearch,
    /// Huawei TaurusDB, formerly GaussDB(for MySQL) (v3 REST).
    TaurusDb,
}

impl Product {
    /// Every product, in navigation order.
    pub const ALL: [Self; 4] = [
        Self::Dds,
        Self::Elasticsearch,
        Self::RKvstore,
        Self::TaurusDb,
    ];

    /// The cloud that runs it.
    #[must_use]
    pub const fn cloud(self) -> Cloud {
        match self {
            Self::TaurusDb => Cloud::Huawei,
            _ => Cloud::Alibaba,
        }
    }

    /// The product name as DBAs know it.
    #[must_use]
    pub const fn label(self) -> Text {
        match self {
            Self::Dds => Text::new("ApsaraDB for MongoDB", "云数据库 MongoDB 版"),
            Self::RKvstore => Text::new("Tair / ApsaraDB for Redis", "云数据库 Tair（兼容 Redis）"),
            Self::Elasticsearch => Text::new("Alibaba Cloud Elasticsearch", "阿里云 Elasticsearch"),
            Self::TaurusDb => Text::new(
                "TaurusDB (GaussDB for MySQL)",
                "云数据库 TaurusDB（GaussDB(for MySQL)）",
            ),
        }
    }

    /// The product code of the vendor CLI (`aliyun dds …`, `hcloud GaussDBforMySQL …`).
    #[must_use]
    pub const fn cli_code(self) -> &'static str {
        match self {
            Self::Dds => "dds",
            Self::RKvstore => "r-kvstore",
            Self::Elasticsearch => "elasticsearch",
            Self::TaurusDb => "GaussDBforMySQL",
        }
    }
}

/// How an API is shaped on the wire; decides the builder's layout and the signing scheme family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Style {
    /// Alibaba RPC: `POST /`, every parameter in the query, empty body; signed with V3 (or RPC V1).
    Rpc,
    /// Alibaba ROA: resource path, some parameters in the query, JSON body; signed with V3.
    Roa,
    /// Huawei REST: resource path with the project id, JSON body; AK/SK signature or IAM token.
    HuaweiRest,
}

/// A rule that relates two fields, checked after each field parsed on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CrossCheck {
    /// Elasticsearch: a `6.7`-style `version` goes with `type=engineVersion` (the default when `type` is
    /// empty), an `ali1.2.0`-style one with `type=aliVersion`.
    EsVersionMatchesType {
        /// The version field.
        version: &'static str,
        /// The type field.
        ty: &'static str,
    },
}

/// Everything about one upgrade API that the form, the validator, the builder, the previews and the
/// OpenAPI export need. Static data: see the per-product files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ApiSpec {
    /// The operation id (same as [`Operation::id`]).
    pub id: &'static str,
    /// The cloud.
    pub cloud: Cloud,
    /// The product.
    pub product: Product,
    /// The API name (`Action` / `x-acs-action`; the SDK method name for Huawei).
    pub api: &'static str,
    /// The API version (`2015-12-01`; `v3` for TaurusDB).
    pub version: &'static str,
    /// Wire style.
    pub style: Style,
    /// HTTP method.
    pub method: &'static str,
    /// Path template; `{Name}` placeholders are filled from [`Placement::Path`] fields.
    pub path: &'static str,
    /// Which host serves which region.
    pub endpoint: EndpointRule,
    /// One paragraph on what the call does.
    pub summary: Text,
    /// The form fields, in form order (also query and body order).
    pub fields: &'static [FieldSpec],
    /// Rules between fields.
    pub checks: &'static [CrossCheck],
    /// Warnings the documentation gives for this operation (some depend on the values or pre-flight).
    pub advisories: &'static [Advisory],
    /// The field holding the target version, compared with the pre-flight's current version.
    pub target_field: Option<&'static str>,
    /// The RAM/IAM action a caller needs, quoted when the cloud answers "not authorised".
    pub permission: &'static str,
}

impl ApiSpec {
    /// The field called `name`.
    #[must_use]
    pub fn field(&self, name: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The navigation entry with the same id.
    #[must_use]
    pub fn operation(&self) -> Option<&'static Operation> {
        find(self.id)
    }

    /// The `{Name}` placeholders of the path template, in order.
    #[must_use]
    pub fn path_placeholders(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut rest = self.path;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            out.push(&rest[start + 1..start + len]);
            rest = &rest[start + len + 1..];
        }
        out
    }

    /// The fields sent in `placement`, in catalog order.
    pub fn fields_in(&self, placement: Placement) -> impl Iterator<Item = &'static FieldSpec> {
        self.fields.iter().filter(move |f| f.placement == placement)
    }

    /// A fresh form: every field with a default, set to it. The UI starts from this.
    #[must_use]
    pub fn initial_form(&self) -> BTreeMap<String, String> {
        self.fields
            .iter()
            .filter_map(|f| f.default.map(|d| (f.name.to_owned(), d.to_owned())))
            .collect()
    }
}

/// Every operation's full description, in the order of [`OPERATIONS`].
pub static SPECS: &[ApiSpec] = &[
    dds::ENGINE_UPGRADE,
    dds::KERNEL_UPGRADE,
    es::UPGRADE_ENGINE_VERSION,
    redis::MODIFY_MAJOR_VERSION,
    taurusdb::BATCH_UPGRADE,
];

/// The full description of operation `op_id`; `None` for an unknown id (a mistyped deep link).
#[must_use]
pub fn spec(op_id: &str) -> Option<&'static ApiSpec> {
    SPECS.iter().find(|s| s.id == op_id)
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
    fn titles_and_clouds_read_in_both_languages() {
        for op in OPERATIONS {
            for t in [op.title, op.cloud.label()] {
                assert!(!t.zh.is_empty() && t.zh != t.en, "{}", op.id);
            }
        }
    }

    #[test]
    fn find_rejects_unknown_ids() {
        assert!(find("redis-major-upgrade").is_some());
        assert!(find("../etc/passwd").is_none());
    }
}
