//! Pre-flight reply parsers on sample replies (field names of apis.md §B), the blockers they raise, how
//! facts merge and feed validation, and hand-picked garbage that must be rejected without a panic.

use console_core::catalog::spec;
use console_core::preflight::{parse_reply, reads_for, ReadCall, ReplyError};
use console_core::validate::{validate_with, RawForm};
use console_core::{ApiSpec, Blocker, Lang, PreflightFacts, SPECS};

fn dds() -> &'static ApiSpec {
    spec("dds-engine-upgrade").unwrap()
}

fn codes(f: &PreflightFacts) -> Vec<&'static str> {
    f.blockers.iter().map(Blocker::code).collect()
}

const DDS_ATTRIBUTE: &str = r#"{"RequestId":"r","DBInstances":{"DBInstance":[{
  "DBInstanceId":"dds-bp1a2b3c4d5e6f7g","DBInstanceStatus":"Running","DBInstanceType":"replicate",
  "EngineVersion":"4.4","CurrentKernelVersion":"mongodb_20230613_4.0.32","ProtocolType":"mongodb",
  "StorageType":"cloud_essd1","ReplicationFactor":"3","DBNodeType":"multi","LockMode":"Unlock",
  "MaintainStartTime":"18:00Z","MaintainEndTime":"19:00Z"}]}}"#;

#[test]
fn dds_attribute_reply() {
    let f = parse_reply(dds(), ReadCall::DdsAttribute, DDS_ATTRIBUTE).unwrap();
    assert_eq!(f.instance_id.as_deref(), Some("dds-bp1a2b3c4d5e6f7g"));
    assert_eq!(f.status.as_deref(), Some("Running"));
    assert_eq!(f.current_version.as_deref(), Some("4.4"));
    assert_eq!(f.current_kernel.as_deref(), Some("mongodb_20230613_4.0.32"));
    assert_eq!(f.architecture.as_deref(), Some("replicate"));
    assert_eq!(f.protocol.as_deref(), Some("mongodb"));
    assert_eq!(f.maintenance_window.as_deref(), Some("18:00Z–19:00Z"));
    assert!(f.is_clear());

    let busy = DDS_ATTRIBUTE.replace("\"Running\"", "\"EngineVersionUpgrading\"");
    let f = parse_reply(dds(), ReadCall::DdsAttribute, &busy).unwrap();
    assert_eq!(
        f.blockers,
        [Blocker::NotReady {
            status: "EngineVersionUpgrading".into(),
            expected: "Running"
        }]
    );
    let standalone = DDS_ATTRIBUTE
        .replace("\"3\"", "1")
        .replace("\"multi\"", "\"single\"");
    let f = parse_reply(dds(), ReadCall::DdsAttribute, &standalone).unwrap();
    assert_eq!(codes(&f), ["standalone"]);
    assert_eq!(f.architecture.as_deref(), Some("standalone"));
    let dynamo = DDS_ATTRIBUTE
        .replace("replicate", "sharding")
        .replace("\"mongodb\"", "\"dynamodb\"");
    assert_eq!(
        codes(&parse_reply(dds(), ReadCall::DdsAttribute, &dynamo).unwrap()),
        ["dynamodb-protocol"]
    );
    // The kernel upgrade does not care about the protocol.
    let kernel = spec("dds-kernel-upgrade").unwrap();
    assert!(parse_reply(kernel, ReadCall::DdsAttribute, &dynamo)
        .unwrap()
        .is_clear());
    let locked = DDS_ATTRIBUTE.replace("\"Unlock\"", "\"LockByExpiration\"");
    assert_eq!(
        codes(&parse_reply(dds(), ReadCall::DdsAttribute, &locked).unwrap()),
        ["locked"]
    );
}

#[test]
fn dds_engine_versions_reply() {
    let f = parse_reply(
        dds(),
        ReadCall::DdsEngineVersions,
        r#"{"EngineVersions":{"EngineVersion":["5.0","6.0"]},"RequestId":"r"}"#,
    )
    .unwrap();
    assert_eq!(f.targets, ["5.0", "6.0"]);
    let none = parse_reply(
        dds(),
        ReadCall::DdsEngineVersions,
        r#"{"EngineVersions":{"EngineVersion":[]}}"#,
    )
    .unwrap();
    assert_eq!(codes(&none), ["no-upgrade-available"]);
}

#[test]
fn redis_replies() {
    let s = spec("redis-major-upgrade").unwrap();
    let attr = r#"{"Instances":{"DBInstanceAttribute":[{"InstanceId":"r-bp1a2b3c4d5e6f7g","InstanceStatus":"Normal",
        "EngineVersion":"5.0","ArchitectureType":"standard","InstanceType":"Redis","NodeType":"double",
        "MaintainStartTime":"02:00Z","MaintainEndTime":"03:00Z"}]}}"#;
    let f = parse_reply(s, ReadCall::RedisAttribute, attr).unwrap();
    assert_eq!(
        (f.status.as_deref(), f.current_version.as_deref()),
        (Some("Normal"), Some("5.0"))
    );
    assert_eq!(f.architecture.as_deref(), Some("standard"));
    assert!(f.is_clear());
    let busy = attr.replace("\"Normal\"", "\"MajorVersionUpgrading\"");
    assert_eq!(
        codes(&parse_reply(s, ReadCall::RedisAttribute, &busy).unwrap()),
        ["not-ready"]
    );

    let ev = r#"{"MajorVersion":"5.0","MinorVersion":"5.0.1.2","EnableUpgradeMajorVersion":true,
        "DBLatestMinorVersion":{"MinorVersion":"5.0.2.0","Level":"0"},"IsLatestVersion":false}"#;
    let f = parse_reply(s, ReadCall::RedisEngineVersion, ev).unwrap();
    assert_eq!(f.current_kernel.as_deref(), Some("5.0.1.2"));
    assert_eq!(f.kernel_targets, ["5.0.2.0"]);
    assert!(f.is_clear());
    for disabled in [
        r#"{"MajorVersion":"5.0","EnableUpgradeMajorVersion":false}"#,
        r#"{"MajorVersion":"5.0","EnableUpgradeMajorVersion":"false"}"#,
    ] {
        assert_eq!(
            codes(&parse_reply(s, ReadCall::RedisEngineVersion, disabled).unwrap()),
            ["major-upgrade-disabled"]
        );
    }
}

#[test]
fn es_replies() {
    let s = spec("es-version-upgrade").unwrap();
    let inst = r#"{"RequestId":"r","Result":{"instanceId":"es-cn-abc123def456","status":"active","esVersion":"6.7_with_X-Pack","archType":"public"}}"#;
    let f = parse_reply(s, ReadCall::EsInstance, inst).unwrap();
    assert_eq!(f.current_version.as_deref(), Some("6.7_with_X-Pack"));
    assert!(f.is_clear());
    let busy = inst.replace("active", "activating");
    assert_eq!(
        codes(&parse_reply(s, ReadCall::EsInstance, &busy).unwrap()),
        ["not-ready"]
    );

    let info = r#"{"Result":{"UpgradeInfo":{"Upgrade":true,"curEsVersion":"6.7.0","upgradeEsVersion":"7.10.0",
        "curApackVersion":"ali1.8.0","upgradeApackVersion":"ali1.10.1"}}}"#;
    let f = parse_reply(s, ReadCall::EsUpgradeInfo, info).unwrap();
    assert_eq!(
        (f.targets.as_slice(), f.kernel_targets.as_slice()),
        (&["7.10.0".to_owned()][..], &["ali1.10.1".to_owned()][..])
    );
    assert_eq!(f.current_kernel.as_deref(), Some("ali1.8.0"));
    let latest = r#"{"Result":{"UpgradeInfo":{"Upgrade":false,"curEsVersion":"8.5.1","upgradeEsVersion":"8.5.1",
        "curApackVersion":"ali1.10.1","upgradeApackVersion":"ali1.10.1"}}}"#;
    let f = parse_reply(s, ReadCall::EsUpgradeInfo, latest).unwrap();
    assert!(f.targets.is_empty() && f.kernel_targets.is_empty());
    assert_eq!(codes(&f), ["no-upgrade-available"]);

    assert!(parse_reply(s, ReadCall::EsHealth, r#"{"Result":"green"}"#)
        .unwrap()
        .is_clear());
    let red = parse_reply(s, ReadCall::EsHealth, r#"{"Result":"red","RequestId":"x"}"#).unwrap();
    assert_eq!(
        (codes(&red), red.health.as_deref()),
        (vec!["health-red"], Some("red"))
    );
    assert_eq!(
        parse_reply(s, ReadCall::EsHealth, r#"{"Result":{"status":"RED"}}"#)
            .unwrap()
            .blockers,
        [Blocker::HealthRed]
    );
}

#[test]
fn taurusdb_replies() {
    let s = spec("taurusdb-minor-upgrade").unwrap();
    let show = r#"{"instance":{"id":"61a4ea66210545909d74a05c27a7179ein07","status":"normal","type":"Cluster",
        "datastore":{"type":"gaussdb-mysql","version":"8.0","kernel_version":"2.0.28.1"},"maintenance_window":"18:00-22:00"}}"#;
    let f = parse_reply(s, ReadCall::TaurusInstance, show).unwrap();
    assert_eq!(
        (
            f.current_kernel.as_deref(),
            f.current_version.as_deref(),
            f.architecture.as_deref()
        ),
        (Some("2.0.28.1"), None, Some("Cluster"))
    );
    assert!(f.is_clear());
    assert!(parse_reply(
        s,
        ReadCall::TaurusInstance,
        &show.replace("normal", "ACTIVE")
    )
    .unwrap()
    .is_clear());
    assert_eq!(
        codes(
            &parse_reply(
                s,
                ReadCall::TaurusInstance,
                &show.replace("normal", "BACKING UP")
            )
            .unwrap()
        ),
        ["not-ready"]
    );

    let ver = r#"{"datastore":{"current_version":"2.0.28.1","current_kernel_version":"2.0.28.1",
        "latest_version":"2.0.57.240900","latest_kernel_version":"2.0.57.240900"},"upgrade_flag":true}"#;
    let f = parse_reply(s, ReadCall::TaurusDatabaseVersion, ver).unwrap();
    assert_eq!(f.current_version.as_deref(), Some("2.0.28.1"));
    assert_eq!(f.targets, ["2.0.57.240900"]);
    assert!(f.is_clear());
    let flat = ver.replace("\"upgrade_flag\":true", "\"upgrade_flag\":false");
    assert_eq!(
        codes(&parse_reply(s, ReadCall::TaurusDatabaseVersion, &flat).unwrap()),
        ["no-upgrade-available"]
    );
}

#[test]
fn facts_merge_and_feed_validation() {
    let mut f = parse_reply(dds(), ReadCall::DdsAttribute, DDS_ATTRIBUTE).unwrap();
    f.merge(
        parse_reply(
            dds(),
            ReadCall::DdsEngineVersions,
            r#"{"EngineVersions":{"EngineVersion":["5.0","6.0"]}}"#,
        )
        .unwrap(),
    );
    f.merge(
        parse_reply(
            dds(),
            ReadCall::DdsEngineVersions,
            r#"{"EngineVersions":{"EngineVersion":["6.0"]}}"#,
        )
        .unwrap(),
    );
    assert_eq!(f.targets, ["5.0", "6.0"]);
    assert_eq!(f.current_version.as_deref(), Some("4.4"));
    let mut twice = f.clone();
    twice.merge(f.clone());
    assert_eq!(twice, f);
    assert_eq!(
        f.target_blocker("4.2"),
        Some(Blocker::TargetNotAboveCurrent {
            target: "4.2".into(),
            current: "4.4".into()
        })
    );
    assert_eq!(f.target_blocker("5.0"), None);
    assert_eq!(PreflightFacts::default().target_blocker("5.0"), None);

    let mut raw = RawForm::new();
    raw.insert("DBInstanceId".into(), "dds-bp1a2b3c4d5e6f7g".into());
    raw.insert("EngineVersion".into(), "5.0".into());
    let v = validate_with(dds(), &raw, Some(&f));
    assert!(v.is_valid());
    assert!(v
        .form_warnings
        .iter()
        .any(|w| w.code() == "write-concern-majority"));
}

#[test]
fn every_blocker_is_bilingual() {
    let all = [
        Blocker::NotReady {
            status: "s".into(),
            expected: "Running",
        },
        Blocker::Standalone,
        Blocker::DynamoDbProtocol,
        Blocker::Locked { mode: "m".into() },
        Blocker::MajorUpgradeDisabled,
        Blocker::NoUpgradeAvailable,
        Blocker::HealthRed,
        Blocker::TargetNotAboveCurrent {
            target: "1".into(),
            current: "2".into(),
        },
    ];
    for b in all {
        let (en, zh) = (b.message(Lang::En), b.message(Lang::Zh));
        assert!(!en.is_empty() && !zh.is_empty());
        assert_ne!(en, zh, "{b:?}");
    }
    let e = ReplyError::Missing("x");
    assert_ne!(e.message(Lang::En), e.message(Lang::Zh));
}

#[test]
fn garbage_is_rejected_without_panicking() {
    let garbage = [
        "",
        "<html>502 Bad Gateway</html>",
        "null",
        "[]",
        "42",
        "\"Result\"",
        "{",
        r#"{"DBInstances":null}"#,
        r#"{"DBInstances":{"DBInstance":[]}}"#,
        r#"{"DBInstances":{"DBInstance":[1,2]}}"#,
        r#"{"DBInstances":{"DBInstance":{"DBInstanceStatus":{"x":1},"EngineVersion":[4.4]}}}"#,
        r#"{"Instances":{"DBInstanceAttribute":"nope"}}"#,
        r#"{"Result":[]}"#,
        r#"{"Result":{"UpgradeInfo":[]}}"#,
        r#"{"Result":null}"#,
        r#"{"instance":"x"}"#,
        r#"{"datastore":[],"upgrade_flag":"maybe"}"#,
        r#"{"EngineVersions":{"EngineVersion":[null,{},"7.0",8]}}"#,
        r#"{"MajorVersion":{"a":[]},"EnableUpgradeMajorVersion":[true]}"#,
    ];
    for s in SPECS {
        for call in reads_for(s) {
            for body in garbage {
                if let Ok(f) = parse_reply(s, *call, body) {
                    // Whatever it found is well-formed text.
                    assert!(f.targets.iter().all(|t| !t.is_empty()), "{call:?} {body}");
                }
            }
        }
    }
    assert!(matches!(
        parse_reply(dds(), ReadCall::DdsAttribute, "<html>"),
        Err(ReplyError::NotJson(_))
    ));
    assert_eq!(
        parse_reply(
            dds(),
            ReadCall::DdsAttribute,
            r#"{"DBInstances":{"DBInstance":[]}}"#
        ),
        Err(ReplyError::Missing("DBInstances.DBInstance"))
    );
    let odd = parse_reply(
        dds(),
        ReadCall::DdsEngineVersions,
        r#"{"EngineVersions":{"EngineVersion":[null,{},"7.0",8]}}"#,
    )
    .unwrap();
    assert_eq!(odd.targets, ["7.0", "8"]);
}
