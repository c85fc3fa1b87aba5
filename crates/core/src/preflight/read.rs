//! The companion read calls (apis.md §B) and their unsigned requests.

use serde::Serialize;

use crate::build::BuiltRequest;
use crate::catalog::{ApiSpec, Cloud, Product, Style};
use crate::format::{
    Format, DDS_INSTANCE_ID, ES_INSTANCE_ID, PROJECT_ID, REDIS_INSTANCE_ID, TAURUS_INSTANCE_ID,
};
use crate::issue::Issue;
use crate::sign::UnsignedRequest;

/// One read-only API used before an upgrade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ReadCall {
    /// Dds `DescribeDBInstanceAttribute`: status, type, version, protocol, lock, maintenance window.
    DdsAttribute,
    /// Dds `DescribeAvailableEngineVersion`: the targets this instance may take.
    DdsEngineVersions,
    /// R-kvstore `DescribeInstanceAttribute`: status, version, architecture.
    RedisAttribute,
    /// R-kvstore `DescribeEngineVersion`: `EnableUpgradeMajorVersion`, minor versions.
    RedisEngineVersion,
    /// Elasticsearch `DescribeInstance`: status, `esVersion`, `archType`.
    EsInstance,
    /// Elasticsearch `UpgradeInfo`: whether and to what it can upgrade.
    EsUpgradeInfo,
    /// Elasticsearch `DescribeElasticsearchHealth`: green/yellow/red.
    EsHealth,
    /// TaurusDB `ShowGaussMySqlInstanceInfoUnifyStatus` (v3.1): status, datastore, maintenance window.
    TaurusInstance,
    /// TaurusDB `ShowInstanceDatabaseVersion`: `current_version` and `upgrade_flag`.
    TaurusDatabaseVersion,
}

impl ReadCall {
    /// The API name.
    #[must_use]
    pub const fn api(self) -> &'static str {
        match self {
            Self::DdsAttribute => "DescribeDBInstanceAttribute",
            Self::DdsEngineVersions => "DescribeAvailableEngineVersion",
            Self::RedisAttribute => "DescribeInstanceAttribute",
            Self::RedisEngineVersion => "DescribeEngineVersion",
            Self::EsInstance => "DescribeInstance",
            Self::EsUpgradeInfo => "UpgradeInfo",
            Self::EsHealth => "DescribeElasticsearchHealth",
            Self::TaurusInstance => "ShowGaussMySqlInstanceInfoUnifyStatus",
            Self::TaurusDatabaseVersion => "ShowInstanceDatabaseVersion",
        }
    }

    /// The product it belongs to.
    #[must_use]
    pub const fn product(self) -> Product {
        match self {
            Self::DdsAttribute | Self::DdsEngineVersions => Product::Dds,
            Self::RedisAttribute | Self::RedisEngineVersion => Product::RKvstore,
            Self::EsInstance | Self::EsUpgradeInfo | Self::EsHealth => Product::Elasticsearch,
            Self::TaurusInstance | Self::TaurusDatabaseVersion => Product::TaurusDb,
        }
    }
}

/// The read calls pre-flight makes for `spec`, in a useful order (state first, then targets).
#[must_use]
pub fn reads_for(spec: &ApiSpec) -> &'static [ReadCall] {
    match spec.id {
        "dds-engine-upgrade" => &[ReadCall::DdsAttribute, ReadCall::DdsEngineVersions],
        "dds-kernel-upgrade" => &[ReadCall::DdsAttribute],
        "redis-major-upgrade" => &[ReadCall::RedisAttribute, ReadCall::RedisEngineVersion],
        "es-version-upgrade" => &[
            ReadCall::EsInstance,
            ReadCall::EsUpgradeInfo,
            ReadCall::EsHealth,
        ],
        "taurusdb-minor-upgrade" => &[ReadCall::TaurusInstance, ReadCall::TaurusDatabaseVersion],
        _ => &[],
    }
}

/// Which instance to read. TaurusDB also needs the project id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReadTarget {
    /// The instance id (as typed; trimmed and checked here).
    pub instance_id: String,
    /// Huawei project id (TaurusDB only).
    pub project_id: Option<String>,
}

fn checked<'a>(value: &'a str, format: &Format) -> Result<&'a str, Issue> {
    let v = value.trim();
    if v.is_empty() {
        Err(Issue::Required)
    } else if format.matches(v) {
        Ok(v)
    } else {
        // Instance-id and project-id formats belong to one product each, so their example is the
        // matching operation field's example.
        Err(Issue::BadFormat {
            hint: format.hint,
            example: Some(format.example),
        })
    }
}

/// The instance-id format of `product`.
const fn id_format(product: Product) -> &'static Format {
    match product {
        Product::Dds => &DDS_INSTANCE_ID,
        Product::RKvstore => &REDIS_INSTANCE_ID,
        Product::Elasticsearch => &ES_INSTANCE_ID,
        Product::TaurusDb => &TAURUS_INSTANCE_ID,
    }
}

/// Builds `call` for `target` against `host`.
///
/// # Errors
/// [`Issue::Required`] / [`Issue::BadFormat`] when the instance id (or TaurusDB project id) is missing
/// or malformed, so a half-typed form never triggers a call.
pub fn build_read(call: ReadCall, target: &ReadTarget, host: &str) -> Result<BuiltRequest, Issue> {
    let id = checked(&target.instance_id, id_format(call.product()))?;
    let rpc = |action: &'static str, version: &'static str, id_param: &str| BuiltRequest {
        request: UnsignedRequest::new("POST", host, "/").with_query(id_param, id),
        action,
        version,
        style: Style::Rpc,
        cloud: Cloud::Alibaba,
        project_id: None,
    };
    let roa = |path: String| BuiltRequest {
        request: UnsignedRequest::new("GET", host, path),
        action: call.api(),
        version: "2017-06-13",
        style: Style::Roa,
        cloud: Cloud::Alibaba,
        project_id: None,
    };
    Ok(match call {
        ReadCall::DdsAttribute | ReadCall::DdsEngineVersions => {
            rpc(call.api(), "2015-12-01", "DBInstanceId")
        }
        ReadCall::RedisAttribute | ReadCall::RedisEngineVersion => {
            rpc(call.api(), "2015-01-01", "InstanceId")
        }
        ReadCall::EsInstance => roa(format!("/openapi/instances/{id}")),
        ReadCall::EsUpgradeInfo => roa(format!("/openapi/instances/{id}/upgradeInfo")),
        ReadCall::EsHealth => roa(format!("/openapi/instances/{id}/elasticsearch-health")),
        ReadCall::TaurusInstance | ReadCall::TaurusDatabaseVersion => {
            let project = checked(target.project_id.as_deref().unwrap_or(""), &PROJECT_ID)?;
            let path = if call == ReadCall::TaurusInstance {
                format!("/v3.1/{project}/instances/{id}")
            } else {
                format!("/v3/{project}/instances/{id}/database-version")
            };
            BuiltRequest {
                request: UnsignedRequest::new("GET", host, path),
                action: call.api(),
                version: "v3",
                style: Style::HuaweiRest,
                cloud: Cloud::Huawei,
                project_id: Some(project.to_owned()),
            }
        }
    })
}

/// The instance a form is about, for pre-flight and for the confirmation step: `DBInstanceId` /
/// `InstanceId`, or for TaurusDB the first `instance_id` of the list (with the form's `project_id`).
/// `None` until an instance id has been typed.
#[must_use]
pub fn read_target(spec: &ApiSpec, raw: &crate::validate::RawForm) -> Option<ReadTarget> {
    let get = |name: &str| raw.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    let instance_id = match spec.product {
        Product::Dds => get("DBInstanceId")?.to_owned(),
        Product::RKvstore | Product::Elasticsearch => get("InstanceId")?.to_owned(),
        Product::TaurusDb => get("databases_instance_infos")?
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))?
            .split([',', ';', '\t', ' '])
            .next()?
            .trim()
            .to_owned(),
    };
    Some(ReadTarget {
        instance_id,
        project_id: get("project_id").map(str::to_owned),
    })
}

#[cfg(test)]
mod read_target_tests {
    use super::read_target;
    use crate::catalog::spec;
    use std::collections::BTreeMap;

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn picks_the_instance_per_product() {
        let dds = spec("dds-engine-upgrade").expect("spec");
        assert_eq!(
            read_target(dds, &form(&[("DBInstanceId", " dds-bp1 ")])).map(|t| t.instance_id),
            Some("dds-bp1".into())
        );
        assert!(read_target(dds, &form(&[("DBInstanceId", "  ")])).is_none());
        let taurus = spec("taurusdb-minor-upgrade").expect("spec");
        let t = read_target(
            taurus,
            &form(&[
                (
                    "databases_instance_infos",
                    "# first\n\n abc123in07 , 2.0.28.1\nzzz,1",
                ),
                ("project_id", "p1"),
            ]),
        )
        .expect("target");
        assert_eq!(
            (t.instance_id.as_str(), t.project_id.as_deref()),
            ("abc123in07", Some("p1"))
        );
    }
}
