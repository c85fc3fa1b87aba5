//! A 1000-call batch against a 4000-instance fleet with a state file: the calls stay fast (journalled
//! persistence, no quadratic path), progress polls by 30 ids at a time, every instance lands on its
//! target exactly once, and a restarted sandbox replays the journal to the same evidence.
//!
//! Prints the time of the 1000 upgrade calls; for the release figure run
//! `cargo test --release -p console-sandbox --test fleet_scale -- --nocapture`.

mod common;

use std::time::Instant;

use common::{Harness, DDS, REDIS};
use console_sandbox::{ManualClock, Sandbox, SandboxConfig};
use serde_json::Value;

const PER_PRODUCT: u32 = 250;

fn cfg(dir: &std::path::Path) -> SandboxConfig {
    SandboxConfig {
        fleet: 1000,
        state_file: Some(dir.join("state.json")),
        ..SandboxConfig::default()
    }
}

/// One upgrade call on fleet instance `n` of each product; returns the four statuses.
async fn upgrade_all_four(h: &Harness, n: u32) -> [u16; 4] {
    let dds = format!("dds-bp1fleet{n:05}");
    let a = h
        .rpc(
            DDS,
            "UpgradeDBInstanceEngineVersion",
            &[("DBInstanceId", &dds), ("EngineVersion", "5.0")],
        )
        .await;
    let redis = format!("r-bp1fleet{n:05}");
    let b = h
        .rpc(
            REDIS,
            "ModifyInstanceMajorVersion",
            &[("InstanceId", &redis), ("MajorVersion", "7.0")],
        )
        .await;
    let path = format!("/openapi/instances/es-cn-fleet{n:05}/actions/upgrade-version");
    let token = format!("bench-{n}");
    let body = r#"{"type":"engineVersion","version":"7.16.2"}"#;
    let c = h
        .es(
            "POST",
            &path,
            &[("clientToken", &token)],
            body,
            "UpgradeEngineVersion",
        )
        .await;
    let taurus = format!("/instances/5a4db0c5fleet{n:019}in07/db-upgrade");
    let d = h
        .taurus("cn-north-4", "POST", &taurus, &[], r#"{"delay":false}"#)
        .await;
    [a.status, b.status, c.status, d.status]
}

#[tokio::test]
async fn thousand_upgrade_calls_stay_fast_and_land_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let h = Harness::start_with(cfg(dir.path())).await;

    let started = Instant::now();
    for n in 1..=PER_PRODUCT {
        assert_eq!(
            upgrade_all_four(&h, n).await,
            [200; 4],
            "fleet instance {n}"
        );
    }
    let elapsed = started.elapsed();
    eprintln!(
        "1000 upgrade calls (4000 fleet instances, state file on): {:.2} s ({:?} per call)",
        elapsed.as_secs_f64(),
        elapsed / 1000
    );
    assert!(elapsed.as_secs() < 120, "far too slow: {elapsed:?}");
    let snapshot = Instant::now();
    h.sandbox.save().unwrap();
    let bytes = std::fs::metadata(dir.path().join("state.json"))
        .unwrap()
        .len();
    eprintln!(
        "one full snapshot instead: {:?} ({} KiB), which the journal avoids per write",
        snapshot.elapsed(),
        bytes / 1024
    );

    h.dial.advance(3);
    let ids: Vec<String> = (1..=30).map(|n| format!("dds-bp1fleet{n:05}")).collect();
    let (from, to) = ("2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z");
    let poll = h
        .rpc(
            DDS,
            "DescribeHistoryTasks",
            &[
                ("InstanceId", &ids.join(",")),
                ("FromStartTime", from),
                ("ToStartTime", to),
                ("PageSize", "100"),
            ],
        )
        .await;
    let items = poll.body["Items"].as_array().unwrap();
    assert_eq!(
        (poll.body["TotalCount"].as_u64(), items.len()),
        (Some(30), 30)
    );
    for item in items {
        assert_eq!(item["Status"], "Running");
        assert!(item["Progress"].as_u64().unwrap() > 0);
        assert!(item["RemainTime"].as_i64().unwrap() > 0);
        assert!(!item["CurrentStepName"].as_str().unwrap().is_empty());
    }
    let too_many = format!("{},dds-bp1fleet00031", ids.join(","));
    let refused = h
        .rpc(
            DDS,
            "DescribeHistoryTasks",
            &[
                ("InstanceId", &too_many),
                ("FromStartTime", from),
                ("ToStartTime", to),
            ],
        )
        .await;
    assert_eq!((refused.status, refused.code()), (400, "InvalidParameter"));

    h.finish_tasks();
    let upgrades = h.get_json("/_sandbox/upgrades").await;
    let list = upgrades.as_array().unwrap();
    assert_eq!(list.len(), 4 * PER_PRODUCT as usize);
    for u in list {
        assert_eq!(u["accepted_calls"], 1, "{u}");
        let steady = match u["product"].as_str().unwrap() {
            "Dds" => ("5.0", "Running"),
            "RKvstore" => ("7.0", "Normal"),
            "Elasticsearch" => ("7.16_with_X-Pack", "active"),
            _ => ("2.0.57.240900", "normal"),
        };
        assert_eq!(
            (u["current_version"].as_str(), u["status"].as_str()),
            (Some(steady.0), Some(steady.1)),
            "{u}"
        );
    }

    let dial = ManualClock::new(h.dial.now());
    let restarted = Sandbox::with_clock(cfg(dir.path()), dial.clock()).unwrap();
    assert_eq!(restarted.audit(), h.sandbox.audit(), "journal replayed");
    let again: Value = serde_json::to_value(restarted.upgrades()).unwrap();
    assert_eq!(&again, &upgrades);
}
