//! TaurusDB pre-checks and lookups over HTTP: the pre-check result names the failing check, instances
//! are scoped to their project, v3.1 lists filter by name, unknown paths and projects are refused.

mod common;

use common::{taurus_id, Harness};

#[tokio::test]
async fn taurus_pre_check_and_lookups() {
    let h = Harness::start().await;
    let infos = |id: &str, v: &str| {
        format!(
            r#"{{"databases_instance_infos":[{{"instance_id":"{id}","current_version":"{v}"}}]}}"#
        )
    };
    let a = h
        .taurus(
            "cn-east-3",
            "POST",
            "/instances/database-version/upgrade/pre-check",
            &[],
            &infos(&taurus_id(5), "2.0.45.230950"),
        )
        .await;
    assert_eq!(
        a.body["job_ids"].as_array().map(Vec::len),
        Some(1),
        "{:?}",
        a.body
    );
    let r = h
        .taurus(
            "cn-east-3",
            "POST",
            "/instances/database-version/upgrade/pre-check-result",
            &[],
            &infos(&taurus_id(5), "2.0.45.230950"),
        )
        .await;
    assert_eq!(r.body["upgrade_precheck_result"], "false");
    let failed: Vec<&str> = r.body["upgrade_precheck_detail"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["check_status"] == "failed")
        .filter_map(|d| d["check_item"].as_str())
        .collect();
    assert_eq!(failed, ["Upgrade feature compatibility check"]);
    let r = h
        .taurus(
            "cn-east-3",
            "POST",
            "/instances/database-version/upgrade/pre-check-result",
            &[],
            &infos(&taurus_id(4), "2.0.42.230601"),
        )
        .await;
    assert_eq!(r.body["upgrade_precheck_result"], "true");
    let other = h
        .taurus(
            "cn-east-3",
            "GET",
            &format!("/instances/{}", taurus_id(1)),
            &[],
            "",
        )
        .await;
    assert_eq!((other.status, other.code()), (404, "DBS.200002"));
    let pid = common::project("cn-north-4");
    let s = h.huawei_signed(
        &common::huawei(),
        "GET",
        &format!("/v3.1/{pid}/instances"),
        &[("name", "*taurus-0")],
        "",
        Some(pid),
    );
    let list = h.send(&s.request).await;
    assert_eq!(
        (
            list.body["total_count"].as_u64(),
            list.body["instances"][0]["status"].as_str()
        ),
        (Some(3), Some("normal"))
    );
    let nowhere = h
        .taurus("cn-north-4", "GET", "/nothing-here", &[], "")
        .await;
    assert_eq!((nowhere.status, nowhere.code()), (404, "APIGW.0101"));
    let s = h.huawei_signed(
        &common::huawei(),
        "GET",
        "/v3/0000000000000000000000000000dead/instances",
        &[],
        "",
        None,
    );
    assert_eq!(h.send(&s.request).await.code(), "APIGW.0310");
}
