//! The Dds state machine over HTTP: engine and kernel upgrades run to completion on a controlled
//! clock, the rules refuse what the cloud refuses, and `SwitchMode=1` shows up as a scheduled task.

mod common;

use common::{Answer, Harness, DDS};

/// `(action, parameters, status, code)` of a call the rules must refuse.
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    u16,
    &'static str,
);

const FROM: &str = "2024-05-01T00:00:00Z";
const TO: &str = "2024-05-02T00:00:00Z";

async fn attribute(h: &Harness, id: &str) -> serde_json::Value {
    let a = h
        .rpc(DDS, "DescribeDBInstanceAttribute", &[("DBInstanceId", id)])
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    a.body["DBInstances"]["DBInstance"][0].clone()
}

async fn history(h: &Harness, version: &str, id: &str) -> Answer {
    h.rpc(
        version,
        "DescribeHistoryTasks",
        &[
            ("InstanceId", id),
            ("FromStartTime", FROM),
            ("ToStartTime", TO),
        ],
    )
    .await
}

#[tokio::test]
async fn dds_engine_upgrade_runs_to_completion() {
    let h = Harness::start().await;
    let id = "dds-bp1sandbox0001";
    let a = h
        .rpc(
            DDS,
            "DescribeAvailableEngineVersion",
            &[("DBInstanceId", id)],
        )
        .await;
    assert_eq!(
        a.body["EngineVersions"]["EngineVersion"],
        serde_json::json!(["5.0", "6.0", "7.0", "8.0"])
    );
    let a = h
        .rpc(
            DDS,
            "UpgradeDBInstanceEngineVersion",
            &[
                ("DBInstanceId", id),
                ("EngineVersion", "6.0"),
                ("SwitchMode", "0"),
            ],
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let request_id = a.body["RequestId"].as_str().unwrap().to_owned();
    assert_eq!(
        attribute(&h, id).await["DBInstanceStatus"],
        "EngineVersionUpgrading"
    );

    h.dial.advance(5);
    let task = history(&h, DDS, id).await.body["Items"][0].clone();
    assert_eq!(task["Status"], "Running");
    assert_eq!(task["TaskType"], "UpgradeDBInstanceEngineVersion");
    let progress = task["Progress"].as_u64().unwrap();
    assert!(progress > 0 && progress < 100, "{task}");
    assert!(
        task["CurrentStepName"]
            .as_str()
            .unwrap()
            .starts_with("Upgrade to 5.0"),
        "{task}"
    );
    let again = h
        .rpc(
            DDS,
            "UpgradeDBInstanceEngineVersion",
            &[("DBInstanceId", id), ("EngineVersion", "7.0")],
        )
        .await;
    assert_eq!(
        (again.status, again.code()),
        (403, "IncorrectDBInstanceState")
    );

    h.finish_tasks();
    let d = attribute(&h, id).await;
    assert_eq!(
        (d["DBInstanceStatus"].as_str(), d["EngineVersion"].as_str()),
        (Some("Running"), Some("6.0"))
    );
    assert!(d["CurrentKernelVersion"]
        .as_str()
        .unwrap()
        .ends_with("6.0.16"));
    let task = history(&h, DDS, id).await.body["Items"][0].clone();
    assert_eq!(
        (task["Status"].as_str(), task["Progress"].as_u64()),
        (Some("Succeed"), Some(100))
    );
    let audit = h.sandbox.audit();
    assert_eq!(audit.len(), 1);
    assert_eq!(
        (audit[0].instance_id.as_str(), audit[0].request_id.as_str()),
        (id, request_id.as_str())
    );
}

#[tokio::test]
async fn dds_kernel_upgrade_and_refusals() {
    let h = Harness::start().await;
    let a = h
        .rpc(
            DDS,
            "UpgradeDBInstanceKernelVersion",
            &[("DBInstanceId", "dds-2zesandbox0008")],
        )
        .await;
    assert_eq!(a.status, 200);
    assert_eq!(
        attribute(&h, "dds-2zesandbox0008").await["DBInstanceStatus"],
        "MinorVersionUpgrading"
    );
    h.finish_tasks();
    let d = attribute(&h, "dds-2zesandbox0008").await;
    assert_eq!(d["DBInstanceStatus"], "Running");
    assert_eq!(
        d["ShardList"]["ShardAttribute"][0]["CurrentKernelVersion"],
        d["CurrentKernelVersion"]
    );

    let cases: [Case; 7] = [
        (
            "UpgradeDBInstanceEngineVersion",
            &[
                ("DBInstanceId", "dds-uf6sandbox0004"),
                ("EngineVersion", "4.4"),
            ],
            400,
            "EngineVersion.ERROR",
        ),
        (
            "UpgradeDBInstanceEngineVersion",
            &[
                ("DBInstanceId", "dds-uf6sandbox0004"),
                ("EngineVersion", "5.0"),
            ],
            400,
            "EngineVersion.ERROR",
        ),
        (
            "UpgradeDBInstanceEngineVersion",
            &[
                ("DBInstanceId", "dds-bp1sandbox0003"),
                ("EngineVersion", "4.2"),
            ],
            403,
            "SingleNodeNotSupport",
        ),
        (
            "UpgradeDBInstanceKernelVersion",
            &[("DBInstanceId", "dds-2zesandbox0009")],
            403,
            "SingleNodeNotSupport",
        ),
        (
            "UpgradeDBInstanceEngineVersion",
            &[
                ("DBInstanceId", "dds-uf6sandbox0006"),
                ("EngineVersion", "4.4"),
            ],
            403,
            "StorageTypeOrInstanceTypeNotSupported",
        ),
        (
            "UpgradeDBInstanceEngineVersion",
            &[("DBInstanceId", "dds-nope"), ("EngineVersion", "5.0")],
            404,
            "InvalidDBInstanceId.NotFound",
        ),
        (
            "UpgradeDBInstanceEngineVersion",
            &[
                ("DBInstanceId", "dds-bp1sandbox0001"),
                ("EngineVersion", "5.0"),
                ("SwitchMode", "2"),
            ],
            400,
            "InvalidParameter",
        ),
    ];
    for (action, params, status, code) in cases {
        let a = h.rpc(DDS, action, params).await;
        assert_eq!(
            (a.status, a.code()),
            (status, code),
            "{action} {params:?}: {:?}",
            a.body
        );
    }
    let a = h
        .rpc(
            DDS,
            "UpgradeDBInstanceEngineVersion",
            &[("DBInstanceId", "dds-bp1sandbox0001")],
        )
        .await;
    assert_eq!(a.code(), "MissingEngineVersion");
    let a = h.rpc(DDS, "NoSuchAction", &[]).await;
    assert_eq!((a.status, a.code()), (404, "InvalidApi.NotFound"));
    let a = h
        .rpc(DDS, "DescribeDBInstances", &[("DBNodeType", "single")])
        .await;
    assert_eq!(a.body["TotalCount"], 2);
    assert_eq!(h.sandbox.audit().len(), 1);
}
