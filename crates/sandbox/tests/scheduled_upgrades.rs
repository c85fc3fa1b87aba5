//! Maintenance-window scheduling over HTTP: Dds `SwitchMode=1` and R-kvstore `EffectiveTime=MaintainTime`
//! appear as `Scheduled` tasks (and active operation tasks) that start when the compressed window opens.

mod common;

use common::{Answer, Harness, DDS, REDIS};

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
async fn maintenance_window_upgrades_are_scheduled() {
    let h = Harness::start().await;
    let id = "dds-gs5sandbox0010";
    let a = h
        .rpc(
            DDS,
            "UpgradeDBInstanceEngineVersion",
            &[
                ("DBInstanceId", id),
                ("EngineVersion", "4.4"),
                ("SwitchMode", "1"),
            ],
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(attribute(&h, id).await["DBInstanceStatus"], "Running");
    let task = history(&h, DDS, id).await.body["Items"][0].clone();
    assert_eq!(
        (task["Status"].as_str(), task["Progress"].as_u64()),
        (Some("Scheduled"), Some(0))
    );
    assert_eq!(task["StartTime"], "2024-05-01T08:00:12Z");
    let active = h.rpc(DDS, "DescribeActiveOperationTasks", &[]).await;
    assert_eq!(active.body["Items"][0]["InsName"], id);
    let busy = h
        .rpc(
            DDS,
            "UpgradeDBInstanceKernelVersion",
            &[("DBInstanceId", id)],
        )
        .await;
    assert_eq!(busy.code(), "Task.Conflict");

    h.dial.advance(13);
    assert_eq!(
        attribute(&h, id).await["DBInstanceStatus"],
        "EngineVersionUpgrading"
    );
    assert_eq!(
        history(&h, DDS, id).await.body["Items"][0]["Status"],
        "Running"
    );
    h.finish_tasks();
    assert_eq!(attribute(&h, id).await["EngineVersion"], "4.4");

    let r = "r-2zesandbox0007";
    let a = h
        .rpc(
            REDIS,
            "ModifyInstanceMajorVersion",
            &[
                ("InstanceId", r),
                ("MajorVersion", "5.0"),
                ("EffectiveTime", "MaintainTime"),
            ],
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let items = history(&h, REDIS, r).await.body["Items"].clone();
    assert_eq!(
        (items[0]["Status"].as_str(), items[0]["Product"].as_str()),
        (Some("Scheduled"), Some("kvstore"))
    );
}
