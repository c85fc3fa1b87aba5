//! Fault knobs and persistence over HTTP: injected failures never apply a write, retries apply it exactly
//! once, latency is real, and a restarted sandbox keeps its state.

mod common;

use std::time::Instant;

use common::{Harness, DDS};
use console_sandbox::{ManualClock, Sandbox, SandboxConfig};

#[tokio::test]
async fn injected_errors_fail_before_any_write() {
    let h = Harness::start().await;
    let (status, _) = h
        .post_json("/_sandbox/faults", r#"{"error_rate":1.0}"#)
        .await;
    assert_eq!(status, 200);
    let params = [
        ("DBInstanceId", "dds-bp1sandbox0001"),
        ("EngineVersion", "5.0"),
    ];
    let first = h.rpc(DDS, "UpgradeDBInstanceEngineVersion", &params).await;
    assert_eq!((first.status, first.code()), (500, "InternalError"));
    let second = h.rpc(DDS, "UpgradeDBInstanceEngineVersion", &params).await;
    assert_eq!((second.status, second.code()), (503, "ServiceUnavailable"));
    for key in ["RequestId", "HostId", "Code", "Message", "Recommend"] {
        assert!(second.body[key].is_string(), "{key}");
    }
    let huawei = h.taurus("cn-north-4", "GET", "/instances", &[], "").await;
    assert!(
        huawei.status >= 500 && huawei.code().starts_with("APIGW."),
        "{:?}",
        huawei.body
    );
    assert!(h.sandbox.audit().is_empty());
    let state = h.get_json("/_sandbox/state").await;
    assert_eq!(state["dds"][0]["engine_version"], "4.4");
    assert_eq!(state["tasks"].as_array().map(Vec::len), Some(0));

    h.post_json("/_sandbox/faults", r#"{"error_rate":0.0}"#)
        .await;
    let ok = h.rpc(DDS, "UpgradeDBInstanceEngineVersion", &params).await;
    assert_eq!(ok.status, 200);
    let audit = h.get_json("/_sandbox/audit").await;
    assert_eq!(audit.as_array().map(Vec::len), Some(1));
    assert_eq!(audit[0]["action"], "UpgradeDBInstanceEngineVersion");
}

#[tokio::test]
async fn retries_under_faults_apply_each_write_exactly_once() {
    let h = Harness::start().await;
    h.post_json(
        "/_sandbox/faults",
        r#"{"error_rate":0.5,"throttle_rate":0.2}"#,
    )
    .await;
    let instances = [
        "dds-bp1sandbox0001",
        "dds-bp1sandbox0002",
        "dds-uf6sandbox0004",
        "dds-2zesandbox0007",
        "dds-gs5sandbox0011",
    ];
    let mut failures = 0;
    for id in instances {
        let mut attempts = 0;
        loop {
            attempts += 1;
            assert!(attempts < 10, "never succeeded");
            let a = h
                .rpc(
                    DDS,
                    "UpgradeDBInstanceKernelVersion",
                    &[("DBInstanceId", id)],
                )
                .await;
            match (a.status, a.code()) {
                (200, _) => break,
                (400, "Throttling.User") | (500, "InternalError") | (503, "ServiceUnavailable") => {
                    failures += 1
                }
                other => panic!("unexpected {other:?}: {:?}", a.body),
            }
        }
    }
    assert!(failures >= 5, "faults struck {failures} times");
    let audit = h.sandbox.audit();
    assert_eq!(audit.len(), instances.len());
    for id in instances {
        assert_eq!(audit.iter().filter(|e| e.instance_id == id).count(), 1);
    }
    h.post_json("/_sandbox/faults", r#"{"throttle_rate":1.0}"#)
        .await;
    let t = h.taurus("cn-north-4", "GET", "/instances", &[], "").await;
    assert_eq!((t.status, t.code()), (429, "APIGW.0308"));
    let (status, body) = h.post_json("/_sandbox/faults", r#"{"error_rate":2}"#).await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("error_rate"));
}

#[tokio::test]
async fn latency_is_added() {
    let h = Harness::start().await;
    h.post_json("/_sandbox/faults", r#"{"latency_ms":150}"#)
        .await;
    let started = Instant::now();
    let a = h.rpc(DDS, "DescribeDBInstances", &[]).await;
    assert_eq!(a.status, 200);
    assert!(started.elapsed().as_millis() >= 150);
    assert_eq!(h.get_json("/_sandbox/faults").await["latency_ms"], 150);
}

#[tokio::test]
async fn state_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = SandboxConfig {
        state_file: Some(dir.path().join("sandbox-state.json")),
        ..SandboxConfig::default()
    };
    let h = Harness::start_with(cfg.clone()).await;
    let a = h
        .rpc(
            DDS,
            "UpgradeDBInstanceEngineVersion",
            &[
                ("DBInstanceId", "dds-bp1sandbox0001"),
                ("EngineVersion", "5.0"),
            ],
        )
        .await;
    assert_eq!(a.status, 200);
    let before = h.get_json("/_sandbox/state").await;
    assert_eq!(before["dds"][0]["status"], "EngineVersionUpgrading");

    let dial = ManualClock::new(h.dial.now() + 600);
    let reloaded = Sandbox::with_clock(cfg, dial.clock()).unwrap();
    assert_eq!(reloaded.audit(), h.sandbox.audit());
    let h2 = Harness::serve(reloaded, dial).await;
    let after = h2
        .rpc(
            DDS,
            "DescribeDBInstanceAttribute",
            &[("DBInstanceId", "dds-bp1sandbox0001")],
        )
        .await;
    let d = &after.body["DBInstances"]["DBInstance"][0];
    assert_eq!(
        (d["DBInstanceStatus"].as_str(), d["EngineVersion"].as_str()),
        (Some("Running"), Some("5.0"))
    );
    let request_ids = |v: &serde_json::Value| v["audit"][0]["request_id"].clone();
    assert_eq!(
        request_ids(&h2.get_json("/_sandbox/state").await),
        request_ids(&before)
    );
    let next = h2.rpc(DDS, "DescribeDBInstances", &[]).await;
    assert_ne!(
        next.body["RequestId"], a.body["RequestId"],
        "ids keep counting after a restart"
    );

    let (status, _) = h2.post_json("/_sandbox/reset", "").await;
    assert_eq!(status, 200);
    assert!(h2.sandbox.audit().is_empty());
}
