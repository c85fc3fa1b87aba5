//! The fleet over HTTP: 1000 instances per product page correctly through all four list APIs (and filter
//! by region), `/_sandbox/fleet` is idempotent, reset returns to seed + configured fleet, and a fleet
//! instance of every product passes the pre-flight reads.

mod common;

use std::collections::BTreeSet;

use common::{huawei, project, Harness, DDS, REDIS};
use console_sandbox::SandboxConfig;
use serde_json::Value;

const FLEET: usize = 1000;

async fn fleet_harness(per_product: u32) -> Harness {
    Harness::start_with(SandboxConfig {
        fleet: per_product,
        ..SandboxConfig::default()
    })
    .await
}

/// Pages an Alibaba RPC list (`PageNumber`/`PageSize`, `TotalCount`) to the end; returns the ids.
async fn rpc_pages(
    h: &Harness,
    version: &str,
    action: &str,
    list: &[&str],
    id: &str,
) -> Vec<String> {
    let mut ids = Vec::new();
    for number in 1.. {
        let n = number.to_string();
        let params = [
            ("RegionId", "cn-hangzhou"),
            ("PageNumber", &n),
            ("PageSize", "100"),
        ];
        let a = h.rpc(version, action, &params).await;
        assert_eq!(a.status, 200, "{:?}", a.body);
        let items = list
            .iter()
            .fold(&a.body, |v, k| &v[*k])
            .as_array()
            .unwrap()
            .clone();
        ids.extend(items.iter().map(|i| i[id].as_str().unwrap().to_owned()));
        let total = a.body["TotalCount"].as_u64().unwrap() as usize;
        if items.is_empty() || ids.len() >= total {
            assert_eq!(ids.len(), total);
            break;
        }
    }
    ids
}

fn fleet_ids(ids: &[String]) -> BTreeSet<&str> {
    let set: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(set.len(), ids.len(), "no duplicates across pages");
    set.into_iter().filter(|id| id.contains("fleet")).collect()
}

#[tokio::test]
async fn thousand_per_product_page_through_every_list_api() {
    let h = fleet_harness(FLEET as u32).await;

    let dds = rpc_pages(
        &h,
        DDS,
        "DescribeDBInstances",
        &["DBInstances", "DBInstance"],
        "DBInstanceId",
    )
    .await;
    assert_eq!(fleet_ids(&dds).len(), FLEET);
    assert!(dds.contains(&"dds-bp1fleet01000".to_owned()));
    let redis = rpc_pages(
        &h,
        REDIS,
        "DescribeInstances",
        &["Instances", "KVStoreInstance"],
        "InstanceId",
    )
    .await;
    assert_eq!(fleet_ids(&redis).len(), FLEET);
    let shanghai = h
        .rpc(DDS, "DescribeDBInstances", &[("RegionId", "cn-shanghai")])
        .await;
    assert_eq!(
        shanghai.body["TotalCount"], 3,
        "the fleet lives in cn-hangzhou only"
    );

    let mut es = Vec::new();
    for page in 1.. {
        let p = page.to_string();
        let q = [
            ("page", p.as_str()),
            ("size", "100"),
            ("regionId", "cn-hangzhou"),
        ];
        let a = h
            .es("GET", "/openapi/instances", &q, "", "ListInstance")
            .await;
        let items = a.body["Result"].as_array().unwrap().clone();
        let total: usize = a.header("x-total-count").unwrap().parse().unwrap();
        assert_eq!(total, FLEET + 2);
        es.extend(
            items
                .iter()
                .map(|i| i["instanceId"].as_str().unwrap().to_owned()),
        );
        if items.is_empty() || es.len() >= total {
            break;
        }
    }
    assert_eq!(fleet_ids(&es).len(), FLEET);

    let pid = project("cn-north-4");
    let path = format!("/v3.1/{pid}/instances");
    let mut taurus: Vec<Value> = Vec::new();
    loop {
        let offset = taurus.len().to_string();
        let q = [("offset", offset.as_str()), ("limit", "100")];
        let signed = h.huawei_signed(&huawei(), "GET", &path, &q, "", Some(pid));
        let a = h.send(&signed.request).await;
        let items = a.body["instances"].as_array().unwrap().clone();
        let total = a.body["total_count"].as_u64().unwrap() as usize;
        assert_eq!(total, FLEET + 3);
        taurus.extend(items.iter().cloned());
        if items.is_empty() || taurus.len() >= total {
            break;
        }
    }
    let ids: Vec<String> = taurus
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fleet_ids(&ids).len(), FLEET);
    let kernels: BTreeSet<&str> = taurus
        .iter()
        .filter(|t| t["name"].as_str().unwrap().starts_with("fleet-taurus-"))
        .map(|t| t["datastore"]["kernel_version"].as_str().unwrap())
        .collect();
    assert_eq!(kernels.len(), 2, "two source versions: {kernels:?}");
    let east = h.taurus("cn-east-3", "GET", "/instances", &[], "").await;
    assert_eq!(
        east.body["total_count"], 2,
        "the fleet lives in cn-north-4 only"
    );
}

async fn count(h: &Harness) -> u64 {
    let a = h
        .rpc(DDS, "DescribeDBInstances", &[("RegionId", "cn-hangzhou")])
        .await;
    a.body["TotalCount"].as_u64().unwrap()
}

#[tokio::test]
async fn fleet_endpoint_is_idempotent_and_reset_restores_the_configured_fleet() {
    let h = fleet_harness(2).await;
    let (status, body) = h
        .post_json("/_sandbox/fleet", r#"{"per_product":13}"#)
        .await;
    assert_eq!((status, body["instances"].as_u64()), (200, Some(52)));
    h.post_json("/_sandbox/fleet", r#"{"per_product":13}"#)
        .await;
    assert_eq!(count(&h).await, 3 + 13);
    assert_eq!(
        h.get_json("/_sandbox/fleet").await["ids"]["Elasticsearch"][1],
        "es-cn-fleet00013"
    );
    let (bad, msg) = h
        .post_json("/_sandbox/fleet", r#"{"per_product":-1}"#)
        .await;
    assert_eq!(bad, 400, "{msg}");
    let (too_many, _) = h
        .post_json("/_sandbox/fleet", r#"{"per_product":1000000}"#)
        .await;
    assert_eq!(too_many, 400);
    h.post_json("/_sandbox/reset", "").await;
    assert_eq!(count(&h).await, 3 + 2, "reset = seed + configured fleet");
}

#[tokio::test]
async fn fleet_instances_pass_the_pre_flight_reads() {
    let h = fleet_harness(2).await;
    let id = [("DBInstanceId", "dds-bp1fleet00001")];
    let attr = h.rpc(DDS, "DescribeDBInstanceAttribute", &id).await;
    let d = &attr.body["DBInstances"]["DBInstance"][0];
    assert_eq!(
        (d["DBInstanceStatus"].as_str(), d["LockMode"].as_str()),
        (Some("Running"), Some("Unlock"))
    );
    assert_eq!(
        (
            d["DBInstanceType"].as_str(),
            d["ReplicationFactor"].as_str()
        ),
        (Some("replicate"), Some("3"))
    );
    assert_eq!(d["DBInstanceDescription"], "fleet-mongo-0001");
    let targets = h.rpc(DDS, "DescribeAvailableEngineVersion", &id).await;
    assert_eq!(targets.body["EngineVersions"]["EngineVersion"][0], "5.0");

    let r = h
        .rpc(
            REDIS,
            "DescribeEngineVersion",
            &[("InstanceId", "r-bp1fleet00002")],
        )
        .await;
    assert_eq!(
        (
            r.body["EnableUpgradeMajorVersion"].as_bool(),
            r.body["MajorVersion"].as_str()
        ),
        (Some(true), Some("5.0"))
    );

    let info = h
        .es(
            "GET",
            "/openapi/instances/es-cn-fleet00001/upgradeInfo",
            &[],
            "",
            "UpgradeInfo",
        )
        .await;
    assert_eq!(info.body["Result"]["UpgradeInfo"]["Upgrade"], true);
    let health = h
        .es(
            "GET",
            "/openapi/instances/es-cn-fleet00001/elasticsearch-health",
            &[],
            "",
            "DescribeElasticsearchHealth",
        )
        .await;
    assert_eq!(health.body["Result"], "green");

    let tid = "5a4db0c5fleet0000000000000000002in07";
    let v = h
        .taurus(
            "cn-north-4",
            "GET",
            &format!("/instances/{tid}/database-version"),
            &[],
            "",
        )
        .await;
    assert_eq!(v.body["upgrade_flag"], true, "{:?}", v.body);
    assert_eq!(v.body["datastore"]["current_version"], "2.0.51.240300");
}
