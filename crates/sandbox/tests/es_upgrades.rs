//! The Elasticsearch state machine over HTTP: dry-run checklists (a red cluster fails), idempotent
//! `clientToken`, action records as the progress source, and the version path rules.

mod common;

use common::Harness;

const UPGRADE: &str = "/openapi/instances/es-cn-sandbox0001/actions/upgrade-version";

#[tokio::test]
async fn es_dry_run_on_a_red_cluster_fails_its_checklist() {
    let h = Harness::start().await;
    let path = "/openapi/instances/es-cn-sandbox0002/actions/upgrade-version";
    let body = r#"{"type":"engineVersion","version":"7.16.2"}"#;
    let a = h
        .es(
            "POST",
            path,
            &[("dryRun", "true")],
            body,
            "UpgradeEngineVersion",
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let checks = a.body["Result"].as_array().unwrap();
    assert_eq!(checks.len(), 4);
    let health = &checks[0];
    assert_eq!(
        (health["validateType"].as_str(), health["status"].as_str()),
        (Some("checkClusterHealth"), Some("failed"))
    );
    assert_eq!(health["validateResult"][0]["errorType"], "clusterStatus");
    assert_eq!(
        health["validateResult"][0]["errorCode"],
        "ClusterStatusNotHealth"
    );
    assert!(checks[1..].iter().all(|c| c["status"] == "success"));
    let a = h.es("POST", path, &[], body, "UpgradeEngineVersion").await;
    assert_eq!((a.status, a.code()), (400, "CssCheckUpdowngradeError"));
    assert!(a.message().contains("ClusterStatusNotHealth"));
    let health = h
        .es(
            "GET",
            "/openapi/instances/es-cn-sandbox0002/elasticsearch-health",
            &[],
            "",
            "DescribeElasticsearchHealth",
        )
        .await;
    assert_eq!(health.body["Result"], "red");
    assert!(h.sandbox.audit().is_empty());
}

#[tokio::test]
async fn es_upgrade_is_idempotent_and_runs_to_completion() {
    let h = Harness::start().await;
    let info = h
        .es(
            "GET",
            "/openapi/instances/es-cn-sandbox0001/upgradeInfo",
            &[],
            "",
            "UpgradeInfo",
        )
        .await;
    let info = &info.body["Result"]["UpgradeInfo"];
    assert_eq!(
        (info["Upgrade"].as_bool(), info["upgradeEsVersion"].as_str()),
        (Some(true), Some("7.10.0"))
    );
    let body = r#"{"type":"engineVersion","version":"7.10.0","plugins":[{"name":"analysis-ik","enable":"true","version":"7.10.0"}]}"#;
    let q = [
        ("clientToken", "5A2CFF0E-5718-45B5-9D4D-70B3FF389811"),
        ("updateStrategy", "blue_green"),
    ];
    let first = h
        .es("POST", UPGRADE, &q, body, "UpgradeEngineVersion")
        .await;
    assert_eq!(first.status, 200, "{:?}", first.body);
    let request_id = first.body["RequestId"].as_str().unwrap().to_owned();
    let describe = || {
        h.es(
            "GET",
            "/openapi/instances/es-cn-sandbox0001",
            &[],
            "",
            "DescribeInstance",
        )
    };
    assert_eq!(describe().await.body["Result"]["status"], "activating");

    let again = h
        .es("POST", UPGRADE, &q, body, "UpgradeEngineVersion")
        .await;
    assert_eq!(
        (again.status, again.body["RequestId"].as_str()),
        (200, Some(request_id.as_str()))
    );
    let other = h
        .es("POST", UPGRADE, &[], body, "UpgradeEngineVersion")
        .await;
    assert_eq!((other.status, other.code()), (400, "InstanceActivating"));
    assert_eq!(
        h.sandbox.audit().len(),
        1,
        "a repeated clientToken applies nothing"
    );

    h.dial.advance(3);
    let records = h
        .es(
            "GET",
            "/openapi/instances/es-cn-sandbox0001/action-records",
            &[("requestId", &request_id)],
            "",
            "ListActionRecords",
        )
        .await;
    let rec = &records.body["Result"][0];
    assert_eq!(
        (rec["stateType"].as_str(), rec["process"].as_str()),
        (Some("running"), Some("30%"))
    );
    assert_eq!(rec["statusInfo"].as_array().unwrap().len(), 5);
    assert_eq!(rec["statusInfo"][1]["subState"], "CREATE_NEW_NODES");
    assert_eq!(rec["statusInfo"][1]["stateType"], "running");

    h.finish_tasks();
    let d = describe().await;
    assert_eq!(
        (
            d.body["Result"]["status"].as_str(),
            d.body["Result"]["esVersion"].as_str()
        ),
        (Some("active"), Some("7.10_with_X-Pack"))
    );
    let down = h
        .es(
            "POST",
            UPGRADE,
            &[],
            r#"{"version":"6.7"}"#,
            "UpgradeEngineVersion",
        )
        .await;
    assert_eq!(down.code(), "CssCheckUpdowngradeError");
    let skip = h
        .es(
            "POST",
            UPGRADE,
            &[],
            r#"{"version":"8.5"}"#,
            "UpgradeEngineVersion",
        )
        .await;
    assert!(
        skip.message().contains("one version at a time"),
        "{}",
        skip.message()
    );
    let bad = h
        .es(
            "POST",
            UPGRADE,
            &[("updateStrategy", "yolo")],
            r#"{"version":"7.16"}"#,
            "UpgradeEngineVersion",
        )
        .await;
    assert_eq!(bad.code(), "InvalidParameter");
    let patch = h
        .es(
            "POST",
            UPGRADE,
            &[],
            r#"{"type":"aliVersion","version":"ali1.10.1"}"#,
            "UpgradeEngineVersion",
        )
        .await;
    assert_eq!(patch.status, 200, "{:?}", patch.body);
    let missing = h
        .es(
            "GET",
            "/openapi/instances/es-nope",
            &[],
            "",
            "DescribeInstance",
        )
        .await;
    assert_eq!((missing.status, missing.code()), (404, "InstanceNotFound"));
}
