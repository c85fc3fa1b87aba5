//! The lost-reply fault over HTTP: an accepted write IS applied and audited but answered with a 504, reads
//! are never affected, a blind resend is refused (the instance is already upgrading) or, for
//! Elasticsearch with the same `clientToken`, answered with the original RequestId; `/_sandbox/upgrades`
//! shows each instance upgraded exactly once.

mod common;

use common::{Harness, DDS, REDIS};
use console_sandbox::SandboxConfig;

async fn lossy() -> Harness {
    let h = Harness::start_with(SandboxConfig {
        fleet: 3,
        ..SandboxConfig::default()
    })
    .await;
    let (status, _) = h
        .post_json("/_sandbox/faults", r#"{"lost_reply_rate":1.0}"#)
        .await;
    assert_eq!(status, 200);
    h
}

#[tokio::test]
async fn alibaba_write_is_applied_but_its_reply_is_lost() {
    let h = lossy().await;
    let read = h.rpc(DDS, "DescribeDBInstances", &[]).await;
    assert_eq!(read.status, 200, "reads are never affected");
    let params = [
        ("DBInstanceId", "dds-bp1fleet00001"),
        ("EngineVersion", "5.0"),
    ];
    let lost = h.rpc(DDS, "UpgradeDBInstanceEngineVersion", &params).await;
    assert_eq!((lost.status, lost.code()), (504, "ServiceTimeout"));
    let audit = h.sandbox.audit();
    assert_eq!(audit.len(), 1, "applied and audited all the same");
    assert_eq!(
        Some(audit[0].request_id.as_str()),
        lost.body["RequestId"].as_str()
    );

    let attr = h
        .rpc(
            DDS,
            "DescribeDBInstanceAttribute",
            &[("DBInstanceId", "dds-bp1fleet00001")],
        )
        .await;
    let status = &attr.body["DBInstances"]["DBInstance"][0]["DBInstanceStatus"];
    assert_eq!(status, "EngineVersionUpgrading", "state tells the outcome");
    let resend = h.rpc(DDS, "UpgradeDBInstanceEngineVersion", &params).await;
    assert_eq!(
        (resend.status, resend.code()),
        (403, "IncorrectDBInstanceState")
    );
    assert_eq!(
        h.sandbox.audit().len(),
        1,
        "a refused resend applies nothing"
    );

    let r = [("InstanceId", "r-bp1fleet00001"), ("MajorVersion", "6.0")];
    let lost = h.rpc(REDIS, "ModifyInstanceMajorVersion", &r).await;
    assert_eq!(lost.status, 504);
    let refused = h.rpc(REDIS, "ModifyInstanceMajorVersion", &r).await;
    assert_eq!(refused.status, 403);

    h.finish_tasks();
    let upgrades = h.get_json("/_sandbox/upgrades").await;
    let list = upgrades.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|u| u["accepted_calls"] == 1));
    assert_eq!(list[0]["instance_id"], "dds-bp1fleet00001");
    assert_eq!(list[0]["product"], "Dds");
    assert_eq!(
        (
            list[0]["current_version"].as_str(),
            list[0]["status"].as_str()
        ),
        (Some("5.0"), Some("Running"))
    );
    assert_eq!(list[1]["product"], "RKvstore");
    assert_eq!(list[1]["current_version"], "6.0");
    assert_eq!(list[1]["request_ids"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn huawei_write_is_applied_but_its_reply_is_lost() {
    let h = lossy().await;
    let id = "5a4db0c5fleet0000000000000000001in07";
    let body = format!(
        r#"{{"databases_instance_infos":[{{"instance_id":"{id}","current_version":"2.0.45.230950"}}],"delay":false}}"#
    );
    let path = "/instances/database-version/upgrade";
    let lost = h.taurus("cn-north-4", "POST", path, &[], &body).await;
    assert_eq!((lost.status, lost.code()), (504, "APIGW.0203"));
    let jobs = h
        .taurus("cn-north-4", "GET", "/immediate-jobs", &[], "")
        .await;
    assert_eq!(
        jobs.body["total_count"], 1,
        "the job exists: {:?}",
        jobs.body
    );
    let later = [("start_time", "2024-05-01T08:00:01Z")];
    let none = h
        .taurus("cn-north-4", "GET", "/immediate-jobs", &later, "")
        .await;
    assert_eq!(none.body["total_count"], 0, "created before start_time");
    let bad = [("end_time", "yesterday")];
    let bad = h
        .taurus("cn-north-4", "GET", "/immediate-jobs", &bad, "")
        .await;
    assert_eq!((bad.status, bad.code()), (400, "DBS.200001"));
    let resend = h.taurus("cn-north-4", "POST", path, &[], &body).await;
    assert_eq!((resend.status, resend.code()), (409, "DBS.200011"));
    h.finish_tasks();
    let upgrades = h.get_json("/_sandbox/upgrades").await;
    assert_eq!(upgrades[0]["accepted_calls"], 1);
    assert_eq!(upgrades[0]["product"], "TaurusDb");
    assert_eq!(
        (
            upgrades[0]["current_version"].as_str(),
            upgrades[0]["status"].as_str()
        ),
        (Some("2.0.57.240900"), Some("normal"))
    );
}

#[tokio::test]
async fn es_resend_with_the_same_client_token_gets_the_original_answer() {
    let h = lossy().await;
    let path = "/openapi/instances/es-cn-fleet00002/actions/upgrade-version";
    let body = r#"{"type":"engineVersion","version":"7.16.2"}"#;
    let q = [("clientToken", "batch-7f3a-es-cn-fleet00002")];
    let lost = h.es("POST", path, &q, body, "UpgradeEngineVersion").await;
    assert_eq!((lost.status, lost.code()), (504, "ServiceTimeout"));
    let original = h.sandbox.audit()[0].request_id.clone();
    let again = h.es("POST", path, &q, body, "UpgradeEngineVersion").await;
    assert_eq!(
        again.status, 200,
        "a replay is not a new write: {:?}",
        again.body
    );
    assert_eq!(again.body["RequestId"], original.as_str());
    assert_eq!(again.header("x-acs-request-id"), Some(original.as_str()));
    h.finish_tasks();
    let after = h.es("POST", path, &q, body, "UpgradeEngineVersion").await;
    assert_eq!(after.body["RequestId"], original.as_str(), "even once done");
    let other = [("clientToken", "another-token")];
    let fresh = h
        .es("POST", path, &other, body, "UpgradeEngineVersion")
        .await;
    assert_eq!(fresh.code(), "CssCheckUpdowngradeError", "already on 7.16");
    assert_eq!(h.sandbox.audit().len(), 1);
    let upgrades = h.get_json("/_sandbox/upgrades").await;
    assert_eq!(upgrades[0]["accepted_calls"], 1);
    assert_eq!(upgrades[0]["current_version"], "7.16_with_X-Pack");
}

#[tokio::test]
async fn faults_endpoint_documents_the_knob_and_its_pattern_is_exact() {
    let h = Harness::start_with(SandboxConfig {
        fleet: 4,
        ..SandboxConfig::default()
    })
    .await;
    h.post_json("/_sandbox/faults", r#"{"lost_reply_rate":0.5}"#)
        .await;
    let faults = h.get_json("/_sandbox/faults").await;
    assert_eq!(faults["lost_reply_rate"], 0.5);
    assert!(faults["help"]["lost_reply_rate"]
        .as_str()
        .unwrap()
        .contains("504"));
    let mut statuses = Vec::new();
    for n in 1..=4 {
        let id = format!("dds-bp1fleet{n:05}");
        let a = h
            .rpc(
                DDS,
                "UpgradeDBInstanceKernelVersion",
                &[("DBInstanceId", &id)],
            )
            .await;
        statuses.push(a.status);
        let refused = h
            .rpc(
                DDS,
                "UpgradeDBInstanceKernelVersion",
                &[("DBInstanceId", &id)],
            )
            .await;
        assert_eq!(refused.status, 403, "refusals do not advance the pattern");
    }
    assert_eq!(statuses, [200, 504, 200, 504]);
    assert_eq!(h.sandbox.audit().len(), 4);
    let (bad, _) = h
        .post_json("/_sandbox/faults", r#"{"lost_reply_rate":1.5}"#)
        .await;
    assert_eq!(bad, 400);
}
