//! The fleet as the list APIs report it (Dds `DescribeDBInstances`, R-kvstore `DescribeInstances`, ES
//! `ListInstance`, TaurusDB `ListGaussMySqlInstancesUnifyStatus`): paged requests and one row type.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::build::BuiltRequest;
use crate::catalog::{Cloud, Product, Style};
use crate::preflight::ReplyError;
use crate::sign::UnsignedRequest;

/// One instance of the inventory.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instance {
    /// Product.
    pub product: Option<Product>,
    /// Instance id.
    pub id: String,
    /// Name or description.
    pub name: String,
    /// Region id.
    pub region: String,
    /// Engine / major version (TaurusDB: kernel version).
    pub version: String,
    /// Status as reported.
    pub status: String,
    /// Architecture / deployment type.
    pub architecture: String,
}

/// Page size per product (each API's maximum, or a common value it accepts).
#[must_use]
pub const fn page_size(product: Product) -> usize {
    match product {
        Product::RKvstore => 50,
        _ => 100,
    }
}

/// The list call for 1-based `page`. TaurusDB needs the project id.
#[must_use]
pub fn list_request(
    product: Product,
    host: &str,
    region: &str,
    project_id: &str,
    page: usize,
) -> BuiltRequest {
    let size = page_size(product);
    let rpc = |action: &'static str, version: &'static str| BuiltRequest {
        request: UnsignedRequest::new("POST", host, "/")
            .with_query("RegionId", region)
            .with_query("PageNumber", page.to_string())
            .with_query("PageSize", size.to_string()),
        action,
        version,
        style: Style::Rpc,
        cloud: Cloud::Alibaba,
        project_id: None,
    };
    match product {
        Product::Dds => rpc("DescribeDBInstances", "2015-12-01"),
        Product::RKvstore => rpc("DescribeInstances", "2015-01-01"),
        Product::Elasticsearch => BuiltRequest {
            request: UnsignedRequest::new("GET", host, "/openapi/instances")
                .with_query("page", page.to_string())
                .with_query("size", size.to_string()),
            action: "ListInstance",
            version: "2017-06-13",
            style: Style::Roa,
            cloud: Cloud::Alibaba,
            project_id: None,
        },
        Product::TaurusDb => BuiltRequest {
            request: UnsignedRequest::new("GET", host, format!("/v3.1/{project_id}/instances"))
                .with_query("offset", ((page.max(1) - 1) * size).to_string())
                .with_query("limit", size.to_string()),
            action: "ListGaussMySqlInstancesUnifyStatus",
            version: "v3",
            style: Style::HuaweiRest,
            cloud: Cloud::Huawei,
            project_id: Some(project_id.to_owned()),
        },
    }
}

fn s(v: &Value, keys: &[&str]) -> String {
    keys.iter()
        .find_map(|k| {
            k.split('.')
                .try_fold(v, |cur, part| cur.get(part))
                .and_then(|x| match x {
                    Value::String(t) => Some(t.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
        })
        .unwrap_or_default()
}

fn total(json: &Value, headers: &[(String, String)], keys: &[&str]) -> Option<usize> {
    let from_body = keys.iter().find_map(|k| {
        let v = k.split('.').try_fold(json, |cur, p| cur.get(p))?;
        v.as_u64()
            .or_else(|| v.as_str()?.parse().ok())
            .and_then(|n| usize::try_from(n).ok())
    });
    from_body.or_else(|| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("x-total-count"))
            .and_then(|(_, v)| v.trim().parse().ok())
    })
}

/// Reads one page: the rows and, when the reply says, the total count.
///
/// # Errors
/// [`ReplyError`] when the body is not JSON or has no list.
pub fn parse_list(
    product: Product,
    headers: &[(String, String)],
    body: &str,
) -> Result<(Vec<Instance>, Option<usize>), ReplyError> {
    let json: Value = serde_json::from_str(body).map_err(|e| ReplyError::NotJson(e.to_string()))?;
    let (path, total_keys): (&[&str], &[&str]) = match product {
        Product::Dds => (&["DBInstances", "DBInstance"], &["TotalCount"]),
        Product::RKvstore => (&["Instances", "KVStoreInstance"], &["TotalCount"]),
        Product::Elasticsearch => (&["Result"], &["Headers.X-Total-Count"]),
        Product::TaurusDb => (&["instances"], &["total_count"]),
    };
    let list = path
        .iter()
        .try_fold(&json, |cur, k| cur.get(k))
        .and_then(Value::as_array)
        .ok_or(ReplyError::Missing("instance list"))?;
    let rows = list
        .iter()
        .map(|v| {
            let f = |keys: &[&str]| s(v, keys);
            Instance {
                product: Some(product),
                id: f(&["DBInstanceId", "InstanceId", "instanceId", "id"]),
                name: f(&[
                    "DBInstanceDescription",
                    "InstanceName",
                    "description",
                    "name",
                ]),
                region: f(&["RegionId", "regionId", "region"]),
                version: f(&["EngineVersion", "esVersion", "datastore.kernel_version"]),
                status: f(&["DBInstanceStatus", "InstanceStatus", "status"]),
                architecture: f(&["DBInstanceType", "ArchitectureType", "archType", "type"]),
            }
        })
        .filter(|i| !i.id.is_empty())
        .collect();
    Ok((rows, total(&json, headers, total_keys)))
}

/// Whether another page should be read after `page` (1-based) returned `got` rows.
#[must_use]
pub fn more_pages(product: Product, page: usize, got: usize, total: Option<usize>) -> bool {
    let size = page_size(product);
    match total {
        Some(t) => page * size < t && got > 0,
        None => got == size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_for_each_product() {
        let dds = r#"{"DBInstances":{"DBInstance":[{"DBInstanceId":"dds-1","EngineVersion":"4.4","DBInstanceStatus":"Running","DBInstanceType":"replicate","RegionId":"cn-hangzhou"}]},"TotalCount":201}"#;
        let (rows, total) = parse_list(Product::Dds, &[], dds).unwrap();
        assert_eq!((rows[0].version.as_str(), total), ("4.4", Some(201)));
        assert!(more_pages(Product::Dds, 2, 100, total));
        assert!(!more_pages(Product::Dds, 3, 1, total));
        let es = r#"{"Result":[{"instanceId":"es-cn-1","esVersion":"7.10.0_with_X-Pack","status":"active"}]}"#;
        let h = vec![("X-Total-Count".to_owned(), "1".to_owned())];
        assert_eq!(
            parse_list(Product::Elasticsearch, &h, es).unwrap().1,
            Some(1)
        );
        let t = r#"{"instances":[{"id":"x","name":"n","status":"normal","datastore":{"kernel_version":"2.0.28.1"}}],"total_count":1}"#;
        assert_eq!(
            parse_list(Product::TaurusDb, &[], t).unwrap().0[0].version,
            "2.0.28.1"
        );
        assert!(parse_list(Product::RKvstore, &[], "{}").is_err());
        let req = list_request(Product::TaurusDb, "h", "r", "p", 3);
        assert!(req.request.query.contains(&("offset".into(), "200".into())));
    }
}
