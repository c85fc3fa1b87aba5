//! The last check of a TaurusDB batch (`console_core::preflight::batch`): the lines are read from the
//! very request that will be sent, and each line's problems are named (not ready, no newer kernel, a
//! `current_version` that is not the instance's), in both languages.

use console_core::catalog::spec;
use console_core::preflight::batch::{batch_lines, line_issues, line_target, BatchLine, LineIssue};
use console_core::validate::RawForm;
use console_core::{build, validate, Blocker, Lang, PreflightFacts};

const A: &str = "5a4db0c5000000000000000000000001in07";
const B: &str = "5a4db0c5000000000000000000000002in07";
const PROJECT: &str = "4f0c3ad1b2e94d8c9a7b6e5f4d3c2b1a";

fn taurus_request(lines: &str) -> console_core::BuiltRequest {
    let taurus = spec("taurusdb-minor-upgrade").expect("spec");
    let raw: RawForm = [
        ("project_id", PROJECT),
        ("databases_instance_infos", lines),
        ("delay", "false"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let valid = validate(taurus, &raw).valid.expect("a valid form");
    build(taurus, &valid, "gaussdb.cn-north-4.myhuaweicloud.com")
}

fn line(id: &str, version: &str) -> BatchLine {
    BatchLine {
        instance_id: id.to_owned(),
        current_version: version.to_owned(),
    }
}

#[test]
fn the_lines_come_from_the_request_that_will_be_sent() {
    let req = taurus_request(&format!("# two\n{A},2.0.28.1\n\n {B} , 2.0.28.1 \n"));
    let lines = batch_lines(&req);
    assert_eq!(lines, [line(A, "2.0.28.1"), line(B, "2.0.28.1")]);
    let t = line_target(&req, &lines[1]);
    assert_eq!(
        (t.instance_id.as_str(), t.project_id.as_deref()),
        (B, Some(PROJECT))
    );
}

#[test]
fn other_requests_have_no_lines() {
    let redis = spec("redis-major-upgrade").expect("spec");
    let raw: RawForm = [
        ("InstanceId", "r-bp1abcdefghijklm"),
        ("MajorVersion", "7.0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let valid = validate(redis, &raw).valid.expect("valid");
    assert!(batch_lines(&build(redis, &valid, "r-kvstore.aliyuncs.com")).is_empty());
    let mut garbled = taurus_request(&format!("{A},2.0.28.1"));
    garbled.request.body = b"{not json".to_vec();
    assert!(batch_lines(&garbled).is_empty());
}

#[test]
fn a_ready_line_has_no_issue_and_every_problem_of_a_line_is_named() {
    let ready = PreflightFacts {
        current_version: Some("2.0.28.1".into()),
        status: Some("normal".into()),
        ..PreflightFacts::default()
    };
    assert!(line_issues(&line(A, "2.0.28.1"), &ready).is_empty());
    // Nothing known about the version: nothing claimed about it.
    assert!(line_issues(&line(A, "2.0.28.1"), &PreflightFacts::default()).is_empty());

    let wrong = PreflightFacts {
        current_version: Some("2.0.45.230950".into()),
        blockers: vec![Blocker::NoUpgradeAvailable],
        ..PreflightFacts::default()
    };
    let issues = line_issues(&line(B, "2.0.28.1"), &wrong);
    assert_eq!(
        issues,
        [
            LineIssue::Blocked(Blocker::NoUpgradeAvailable),
            LineIssue::WrongCurrentVersion {
                typed: "2.0.28.1".into(),
                actual: "2.0.45.230950".into()
            }
        ]
    );
    assert_eq!(
        issues[1].message(Lang::En),
        "The line says current_version 2.0.28.1, but the instance runs 2.0.45.230950; correct the line."
    );
    assert!(issues[1]
        .message(Lang::Zh)
        .contains("实例当前版本为 2.0.45.230950"));
    assert_eq!(
        issues[0].message(Lang::Zh),
        Blocker::NoUpgradeAvailable.message(Lang::Zh)
    );
}
