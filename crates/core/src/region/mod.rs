//! Regions per product with display names, and the rule that turns a region into an endpoint host.
//!
//! The tables follow apis.md §C (SDK endpoint maps, aliyun-openapi-meta, Huawei's endpoint page). Region
//! lists are public regions only; finance, gov and other special clouds, VPC endpoints and private
//! gateways go through the UI's endpoint override. A region missing from a table still gets a host: the
//! Tea SDK's fallback `{product}.{region}.aliyuncs.com` for Alibaba, `gaussdb.{region}.myhuaweicloud.com`
//! for Huawei.

mod alibaba;
mod huawei;

use serde::Serialize;

use crate::catalog::{ApiSpec, Cloud, Product};
use crate::i18n::Text;

/// A region a product is offered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Region {
    /// The id the APIs use (`cn-hangzhou`, `cn-north-4`).
    pub id: &'static str,
    /// Its display name; where the vendor name was not certain, the id stands in.
    pub name: Text,
}

impl Region {
    pub(crate) const fn new(id: &'static str, en: &'static str, zh: &'static str) -> Self {
        Self {
            id,
            name: Text::new(en, zh),
        }
    }
}

/// Which host serves a region, as data (apis.md §C).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct EndpointRule {
    /// The central host (`mongodb.aliyuncs.com`) and the regions it serves.
    pub central: Option<(&'static str, &'static [&'static str])>,
    /// Explicit region → host pairs, checked first (Huawei's hosts vary by region).
    pub table: &'static [(&'static str, &'static str)],
    /// Template for every other region; `{region}` is replaced by the region id.
    pub regional: &'static str,
    /// VPC endpoint template, where the product has one (reached through the proxy).
    pub vpc: Option<&'static str>,
}

impl EndpointRule {
    /// The public host for `region_id`.
    #[must_use]
    pub fn host(&self, region_id: &str) -> String {
        if let Some((_, host)) = self.table.iter().find(|(r, _)| *r == region_id) {
            return (*host).to_owned();
        }
        if let Some((host, regions)) = self.central {
            if regions.contains(&region_id) {
                return host.to_owned();
            }
        }
        self.regional.replace("{region}", region_id)
    }

    /// The VPC host for `region_id`, if the product has VPC endpoints.
    #[must_use]
    pub fn vpc_host(&self, region_id: &str) -> Option<String> {
        self.vpc.map(|t| t.replace("{region}", region_id))
    }

    /// Every host this rule can produce for the listed regions, for allowlists.
    #[must_use]
    pub fn hosts(&self, regions: &[Region]) -> Vec<String> {
        let mut out: Vec<String> = regions.iter().map(|r| self.host(r.id)).collect();
        out.sort();
        out.dedup();
        out
    }
}

/// The regions `product` is offered in, in display order.
#[must_use]
pub const fn regions(product: Product) -> &'static [Region] {
    match product {
        Product::Dds => alibaba::DDS,
        Product::RKvstore => alibaba::R_KVSTORE,
        Product::Elasticsearch => alibaba::ELASTICSEARCH,
        Product::TaurusDb => huawei::TAURUSDB,
    }
}

/// Every region of a cloud's products, for a per-cloud region picker (the app keeps one region per
/// cloud). R-kvstore's list covers all Alibaba regions used here.
#[must_use]
pub const fn cloud_regions(cloud: Cloud) -> &'static [Region] {
    match cloud {
        Cloud::Alibaba => alibaba::R_KVSTORE,
        Cloud::Huawei => huawei::TAURUSDB,
    }
}

/// The region with id `region_id` in `product`'s list.
#[must_use]
pub fn find(product: Product, region_id: &str) -> Option<&'static Region> {
    regions(product).iter().find(|r| r.id == region_id)
}

/// The public endpoint host (no scheme) of `spec` in `region_id`: what the request is signed for and
/// what the proxy sends as `Host`.
#[must_use]
pub fn endpoint(spec: &ApiSpec, region_id: &str) -> String {
    spec.endpoint.host(region_id)
}

/// Every public endpoint host of every operation in its product's regions, sorted and without
/// duplicates: the default allowlist of a proxy that forwards only to the hosts the catalog can produce.
#[must_use]
pub fn known_hosts() -> Vec<String> {
    let mut out: Vec<String> = crate::catalog::SPECS
        .iter()
        .flat_map(|s| s.endpoint.hosts(regions(s.product)))
        .collect();
    out.sort();
    out.dedup();
    out
}

pub(crate) use alibaba::{DDS_ENDPOINT, ES_ENDPOINT, R_KVSTORE_ENDPOINT};
pub(crate) use huawei::TAURUSDB_ENDPOINT;

/// The IAM call that finds a region's project id (`GET /v3/projects?name={region}`), signed with AK/SK
/// and no project header: TaurusDB paths need the id, and DBAs rarely know it by heart.
#[must_use]
pub fn project_lookup(iam_host: &str, region_id: &str) -> crate::build::BuiltRequest {
    crate::build::BuiltRequest {
        request: crate::sign::UnsignedRequest::new("GET", iam_host, "/v3/projects")
            .with_query("name", region_id),
        action: "KeystoneListProjects",
        version: "v3",
        style: crate::catalog::Style::HuaweiRest,
        cloud: crate::catalog::Cloud::Huawei,
        project_id: None,
    }
}

/// The id of the project named `region_id` in an IAM `projects` reply; `None` if absent or unreadable.
#[must_use]
pub fn parse_project_id(body: &str, region_id: &str) -> Option<String> {
    let json: serde_json::Value = serde_json::from_str(body).ok()?;
    json.get("projects")?
        .as_array()?
        .iter()
        .find(|p| p.get("name").and_then(serde_json::Value::as_str) == Some(region_id))?
        .get("id")?
        .as_str()
        .map(str::to_owned)
}

#[cfg(test)]
mod project_tests {
    use super::{parse_project_id, project_lookup};

    #[test]
    fn lookup_request_and_reply() {
        let b = project_lookup("iam.cn-north-4.myhuaweicloud.com", "cn-north-4");
        assert_eq!(b.request.path, "/v3/projects");
        assert_eq!(
            b.request.query,
            vec![("name".to_owned(), "cn-north-4".to_owned())]
        );
        let body = r#"{"projects":[{"name":"cn-east-3","id":"a"},{"name":"cn-north-4","id":"b"}]}"#;
        assert_eq!(parse_project_id(body, "cn-north-4").as_deref(), Some("b"));
        assert_eq!(parse_project_id(body, "ap-southeast-1"), None);
        assert_eq!(parse_project_id("<html>", "cn-north-4"), None);
    }
}
