//! The TaurusDB state machine over HTTP: batch and delayed kernel upgrades tracked through the job
//! APIs, cancellation, pre-checks and instance lookups.

mod common;

use common::{taurus_id, Harness};

#[tokio::test]
async fn taurus_batch_upgrade_runs_as_jobs() {
    let h = Harness::start().await;
    let (one, two) = (taurus_id(1), taurus_id(2));
    let v = h
        .taurus(
            "cn-north-4",
            "GET",
            &format!("/instances/{one}/database-version"),
            &[],
            "",
        )
        .await;
    assert_eq!(v.status, 200, "{:?}", v.body);
    assert_eq!(
        (
            v.body["datastore"]["current_version"].as_str(),
            v.body["upgrade_flag"].as_bool()
        ),
        (Some("2.0.28.1"), Some(true))
    );

    let body = |id: &str, version: &str, delay: &str| {
        format!(
            r#"{{"databases_instance_infos":[{{"instance_id":"{id}","current_version":"{version}"}}],"delay":{delay}}}"#
        )
    };
    let wrong = h
        .taurus(
            "cn-north-4",
            "POST",
            "/instances/database-version/upgrade",
            &[],
            &body(&one, "2.0.29.1", "false"),
        )
        .await;
    assert_eq!((wrong.status, wrong.code()), (400, "DBS.200041"));
    let a = h
        .taurus(
            "cn-north-4",
            "POST",
            "/instances/database-version/upgrade",
            &[],
            &body(&one, "2.0.28.1", r#""false""#),
        )
        .await;
    assert_eq!(
        (a.status, a.body["resp"].as_str()),
        (200, Some("success")),
        "{:?}",
        a.body
    );
    assert!(a.header("x-request-id").is_some());

    h.dial.advance(3);
    let show = h
        .taurus("cn-north-4", "GET", &format!("/instances/{one}"), &[], "")
        .await;
    assert_eq!(show.body["instance"]["status"], "MODIFYING");
    let jobs = h
        .taurus("cn-north-4", "GET", "/immediate-jobs", &[], "")
        .await;
    let job = jobs.body["jobs"][0].clone();
    assert_eq!(
        (job["status"].as_str(), job["process"].as_str()),
        (Some("Running"), Some("37%"))
    );
    let info = h
        .taurus(
            "cn-north-4",
            "GET",
            "/jobs",
            &[("id", job["job_id"].as_str().unwrap())],
            "",
        )
        .await;
    assert_eq!(
        (
            info.body["job"]["status"].as_str(),
            info.body["job"]["process"].as_str()
        ),
        (Some("Running"), Some("37%"))
    );
    let busy = h
        .taurus(
            "cn-north-4",
            "POST",
            &format!("/instances/{one}/db-upgrade"),
            &[],
            r#"{"delay":false}"#,
        )
        .await;
    assert_eq!((busy.status, busy.code()), (409, "DBS.200011"));

    h.finish_tasks();
    let v = h
        .taurus(
            "cn-north-4",
            "GET",
            &format!("/instances/{one}/database-version"),
            &[],
            "",
        )
        .await;
    assert_eq!(
        (
            v.body["datastore"]["current_version"].as_str(),
            v.body["upgrade_flag"].as_bool()
        ),
        (Some("2.0.57.240900"), Some(false))
    );
    let info = h
        .taurus(
            "cn-north-4",
            "GET",
            "/jobs",
            &[("id", job["job_id"].as_str().unwrap())],
            "",
        )
        .await;
    assert_eq!(info.body["job"]["status"], "Completed");
    let latest = h
        .taurus(
            "cn-north-4",
            "POST",
            "/instances/database-version/upgrade",
            &[],
            &body(&one, "2.0.57.240900", "false"),
        )
        .await;
    assert_eq!(latest.code(), "DBS.05000008");

    let delayed = h
        .taurus(
            "cn-north-4",
            "POST",
            &format!("/instances/{two}/db-upgrade"),
            &[],
            r#"{"delay":true}"#,
        )
        .await;
    let job_id = delayed.body["job_id"].as_str().expect("job id").to_owned();
    let sched = h
        .taurus("cn-north-4", "GET", "/scheduled-jobs", &[], "")
        .await;
    assert_eq!(
        (
            sched.body["schedules"][0]["job_id"].as_str(),
            sched.body["schedules"][0]["job_status"].as_str()
        ),
        (Some(job_id.as_str()), Some("Pending"))
    );
    let cancel = h
        .taurus(
            "cn-north-4",
            "DELETE",
            "/scheduled-jobs",
            &[],
            &format!(r#"{{"job_ids":["{job_id}"]}}"#),
        )
        .await;
    assert_eq!(cancel.status, 200, "{:?}", cancel.body);
    h.finish_tasks();
    let v = h
        .taurus(
            "cn-north-4",
            "GET",
            &format!("/instances/{two}/database-version"),
            &[],
            "",
        )
        .await;
    assert_eq!(v.body["datastore"]["current_version"], "2.0.45.230950");
    let actions: Vec<String> = h.sandbox.audit().iter().map(|e| e.action.clone()).collect();
    assert_eq!(
        actions,
        [
            "BatchUpgradeDatabases",
            "UpgradeGaussMySqlInstanceDatabase",
            "CancelScheduleTask"
        ]
    );
}
