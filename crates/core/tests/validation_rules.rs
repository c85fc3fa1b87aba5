//! The cross-field rules: targets against pre-flight, documented cautions as form warnings, every issue
//! and caution bilingual, and the shape of a validation outcome.
mod validation_support;

use console_core::advice::Advisory;
use console_core::catalog::spec;
use console_core::i18n::Text;
use console_core::validate::{validate, validate_with};
use console_core::{Issue, PreflightFacts};
use validation_support::*;

fn facts(current: &str, targets: &[&str]) -> PreflightFacts {
    PreflightFacts {
        current_version: Some(current.into()),
        targets: targets.iter().map(|t| (*t).to_owned()).collect(),
        ..PreflightFacts::default()
    }
}

fn form_codes(
    op: &str,
    overrides: &[(&str, &str)],
    f: Option<&PreflightFacts>,
) -> Vec<&'static str> {
    let mut raw = base(op);
    for (k, v) in overrides {
        raw.insert((*k).into(), (*v).into());
    }
    let v = validate_with(spec(op).unwrap(), &raw, f);
    v.form_warnings.iter().map(Issue::code).collect()
}

#[test]
fn target_is_checked_against_preflight() {
    let op = "dds-engine-upgrade";
    let s = spec(op).unwrap();
    let with = |target: &str, f: &PreflightFacts| {
        let mut raw = base(op);
        raw.insert("EngineVersion".into(), target.into());
        validate_with(s, &raw, Some(f))
    };
    let f = facts("5.0", &["6.0", "7.0"]);
    for target in ["4.4", "5.0"] {
        let v = with(target, &f);
        assert_eq!(
            v.errors["EngineVersion"].code(),
            "not-above-current",
            "{target}"
        );
        check_bilingual(&v.errors["EngineVersion"]);
    }
    assert!(with("6.0", &f).warnings.is_empty());
    let v = with("8.0", &f);
    assert!(v.is_valid());
    assert_eq!(v.warnings["EngineVersion"][0].code(), "not-offered");
    check_bilingual(&v.warnings["EngineVersion"][0]);
    // Without facts nothing is compared.
    let mut raw = base(op);
    raw.insert("EngineVersion".into(), "4.0".into());
    assert!(validate(s, &raw).is_valid());
    // ES: engine targets against esVersion, ali targets against the kernel version.
    let es = PreflightFacts {
        current_version: Some("6.7_with_X-Pack".into()),
        current_kernel: Some("ali1.10.1".into()),
        ..PreflightFacts::default()
    };
    let mut raw = base("es-version-upgrade");
    raw.insert("version".into(), "6.7".into());
    assert_eq!(
        validate_with(spec("es-version-upgrade").unwrap(), &raw, Some(&es)).errors["version"]
            .code(),
        "not-above-current"
    );
    raw.insert("type".into(), "aliVersion".into());
    raw.insert("version".into(), "ali1.2.0".into());
    assert!(!validate_with(spec("es-version-upgrade").unwrap(), &raw, Some(&es)).is_valid());
    raw.insert("version".into(), "ali1.11.0".into());
    assert!(validate_with(spec("es-version-upgrade").unwrap(), &raw, Some(&es)).is_valid());
}

#[test]
fn documented_cautions_become_form_warnings() {
    let dds = "dds-engine-upgrade";
    assert_eq!(
        form_codes(dds, &[], None),
        [
            "irreversible",
            "restarts-several",
            "backups-not-restorable",
            "write-concern-majority"
        ]
    );
    assert!(form_codes(dds, &[("SwitchMode", "1")], None).contains(&"scheduled"));
    assert!(form_codes(dds, &[], Some(&facts("4.4", &[]))).contains(&"write-concern-majority"));
    assert!(
        !form_codes(dds, &[("EngineVersion", "6.0")], Some(&facts("5.0", &[])))
            .contains(&"write-concern-majority")
    );
    assert!(
        !form_codes(dds, &[("EngineVersion", "4.4")], Some(&facts("4.2", &[])))
            .contains(&"write-concern-majority")
    );
    let sharded = PreflightFacts {
        architecture: Some("sharding".into()),
        ..facts("4.4", &[])
    };
    assert!(form_codes(dds, &[], Some(&sharded)).contains(&"balancer-paused"));
    assert_eq!(
        form_codes("dds-kernel-upgrade", &[], None),
        ["kernel-restart-once"]
    );

    let redis = "redis-major-upgrade";
    assert!(!form_codes(redis, &[], None).contains(&"bloom-filter-removed"));
    assert!(form_codes(redis, &[], Some(&facts("4.0", &[]))).contains(&"bloom-filter-removed"));
    assert!(!form_codes(redis, &[], Some(&facts("5.0", &[]))).contains(&"bloom-filter-removed"));
    assert!(form_codes(redis, &[("EffectiveTime", "MaintainTime")], None).contains(&"scheduled"));
    assert!(form_codes(redis, &[], None).contains(&"redis-switchover"));

    let es = "es-version-upgrade";
    assert!(form_codes(es, &[], None).contains(&"dry-run-only"));
    let real = form_codes(es, &[("dryRun", "false")], None);
    assert!(real.contains(&"dry-run-first") && !real.contains(&"dry-run-only"));
    assert!(form_codes(es, &[("version", "")], None).contains(&"no-target-version"));

    let taurus = "taurusdb-minor-upgrade";
    assert!(!form_codes(taurus, &[], None).contains(&"scheduled"));
    assert!(form_codes(taurus, &[("delay", "true")], None).contains(&"scheduled"));
}

#[test]
fn every_issue_and_caution_is_bilingual() {
    let hint = Text::new("x", "y");
    let issues = [
        Issue::Required,
        Issue::Trimmed,
        Issue::TooLong { max: 1, len: 2 },
        Issue::NotAscii,
        Issue::BadFormat {
            hint,
            example: Some("e"),
        },
        Issue::NotOneOf {
            allowed: "a, b".into(),
        },
        Issue::NotDocumented {
            value: "v".into(),
            documented: "a".into(),
        },
        Issue::NotBool,
        Issue::InvalidJson { detail: "d".into() },
        Issue::PluginsNotArray,
        Issue::PluginField {
            item: 1,
            field: "name",
        },
        Issue::PluginEnable { item: 1 },
        Issue::TooManyInstances {
            max: 100,
            count: 101,
        },
        Issue::BadLine { line: 1 },
        Issue::LineInstanceId {
            line: 1,
            value: "v".into(),
        },
        Issue::LineVersion {
            line: 1,
            value: "v".into(),
        },
        Issue::DuplicateInstance { line: 2, first: 1 },
        Issue::MixedVersions {
            versions: "1, 2".into(),
        },
        Issue::VersionTypeMismatch {
            version: "v".into(),
            expected: "aliVersion",
        },
        Issue::NotAboveCurrent {
            target: "1".into(),
            current: "2".into(),
        },
        Issue::NotOffered {
            target: "1".into(),
            offered: "2".into(),
        },
    ];
    let advisories = [
        Advisory::Irreversible,
        Advisory::RestartsSeveral,
        Advisory::BackupsNotRestorable,
        Advisory::WriteConcernMajority,
        Advisory::BalancerPaused,
        Advisory::KernelRestartOnce,
        Advisory::RedisSwitchover,
        Advisory::RedisLimits,
        Advisory::BloomFilterRemoved,
        Advisory::Scheduled {
            field: "f",
            value: "1",
        },
        Advisory::DryRunOnly { field: "f" },
        Advisory::DryRunFirst { field: "f" },
        Advisory::NoTargetVersion { field: "f" },
        Advisory::TaurusKernelLatest,
        Advisory::TaurusBatchNoJobId,
    ];
    let mut codes = std::collections::BTreeSet::new();
    for issue in issues.into_iter().chain(advisories.map(Issue::Advice)) {
        check_bilingual(&issue);
        assert!(
            codes.insert(issue.code()),
            "duplicate code {}",
            issue.code()
        );
    }
}

#[test]
fn outcome_shape() {
    let op = "dds-engine-upgrade";
    let s = spec(op).unwrap();
    let mut raw = base(op);
    raw.insert("NotAField".into(), "ignored".into());
    raw.insert("SwitchMode".into(), "x".into());
    raw.insert("DBInstanceId".into(), String::new());
    let v = validate(s, &raw);
    assert!(v.valid.is_none() && !v.is_valid());
    let order: Vec<&str> = v.errors_in_form_order(s).iter().map(|(n, _)| *n).collect();
    assert_eq!(order, ["DBInstanceId", "SwitchMode"]);
    // The outcome serialises for the UI / debugging.
    let json = serde_json::to_value(&v).unwrap();
    assert!(
        json["errors"]["DBInstanceId"].is_string() || json["errors"]["DBInstanceId"].is_object()
    );

    let ok = validate(s, &base(op)).valid.unwrap();
    assert_eq!(ok.op_id(), op);
    assert_eq!(ok.text("EngineVersion"), Some("5.0"));
    assert!(ok.get("SwitchMode").is_none());
    assert_eq!(ok.values().len(), 2);
}
