//! The R-kvstore state machine over HTTP: `ModifyInstanceMajorVersion` runs to completion and the
//! `EnableUpgradeMajorVersion` gate (direct connection, no downgrade, classic ceiling) holds.

mod common;

use common::{Answer, Harness, REDIS};

const FROM: &str = "2024-05-01T00:00:00Z";
const TO: &str = "2024-05-02T00:00:00Z";

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
async fn redis_major_upgrade_and_gates() {
    let h = Harness::start().await;
    let id = "r-bp1sandbox0001";
    let e = h
        .rpc(REDIS, "DescribeEngineVersion", &[("InstanceId", id)])
        .await;
    assert_eq!(e.body["EnableUpgradeMajorVersion"], true);
    let a = h
        .rpc(
            REDIS,
            "ModifyInstanceMajorVersion",
            &[
                ("InstanceId", id),
                ("MajorVersion", "7.0"),
                ("EffectiveTime", "Immediately"),
            ],
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let attr = |a: &Answer| a.body["Instances"]["DBInstanceAttribute"][0].clone();
    let a = h
        .rpc(REDIS, "DescribeInstanceAttribute", &[("InstanceId", id)])
        .await;
    assert_eq!(attr(&a)["InstanceStatus"], "MajorVersionUpgrading");
    h.dial.advance(3);
    let task = history(&h, REDIS, id).await.body["Items"][0].clone();
    assert_eq!(task["Status"], "Running");
    h.finish_tasks();
    let a = h
        .rpc(REDIS, "DescribeInstanceAttribute", &[("InstanceId", id)])
        .await;
    assert_eq!(
        (
            attr(&a)["InstanceStatus"].as_str(),
            attr(&a)["EngineVersion"].as_str()
        ),
        (Some("Normal"), Some("7.0"))
    );
    let e = h
        .rpc(REDIS, "DescribeEngineVersion", &[("InstanceId", id)])
        .await;
    assert_eq!(
        (
            e.body["MajorVersion"].as_str(),
            e.body["EnableUpgradeMajorVersion"].as_bool()
        ),
        (Some("7.0"), Some(false))
    );

    let direct = h
        .rpc(
            REDIS,
            "DescribeEngineVersion",
            &[("InstanceId", "r-bp1sandbox0003")],
        )
        .await;
    assert_eq!(direct.body["EnableUpgradeMajorVersion"], false);
    let cases: [(&str, &str, &str, u16, &str); 5] = [
        (
            "r-bp1sandbox0003",
            "7.0",
            "Immediately",
            403,
            "HasDirectConnectionNotSupport",
        ),
        (
            "r-2zesandbox0006",
            "6.0",
            "Immediately",
            400,
            "IncorrectEngineVersion",
        ),
        (
            "r-uf6sandbox0005",
            "6.0",
            "Immediately",
            400,
            "IncorrectEngineVersion",
        ),
        (
            "r-bp1sandbox0002",
            "5.0",
            "Tomorrow",
            400,
            "InvalidParameter",
        ),
        (
            "r-none",
            "5.0",
            "Immediately",
            404,
            "InvalidInstanceId.NotFound",
        ),
    ];
    for (instance, version, when, status, code) in cases {
        let a = h
            .rpc(
                REDIS,
                "ModifyInstanceMajorVersion",
                &[
                    ("InstanceId", instance),
                    ("MajorVersion", version),
                    ("EffectiveTime", when),
                ],
            )
            .await;
        assert_eq!(
            (a.status, a.code()),
            (status, code),
            "{instance}: {:?}",
            a.body
        );
    }
    assert_eq!(h.sandbox.audit().len(), 1);
}
