//! Table tests for every validation rule: each row overrides one field of a valid form and states
//! whether the field passes, passes with a warning, or fails, and with which issue code. Every issue
//! met must read differently (and non-empty) in English and Chinese. Then the cross-field rules, the
//! pre-flight comparisons and the documented cautions.

use console_core::advice::Advisory;
use console_core::catalog::spec;
use console_core::i18n::Text;
use console_core::validate::{validate, validate_with, RawForm};
use console_core::{Issue, Lang, PreflightFacts};

const DDS: &str = "dds-bp1a2b3c4d5e6f7g";
const TAURUS_A: &str = "61a4ea66210545909d74a05c27a7179ein07";
const TAURUS_B: &str = "0f3b2c1d4e5f46a7b8c9d0e1f2a3b4c5in07";
const PROJECT: &str = "0123456789abcdef0123456789abcdef";

/// A valid form of each operation.
fn base(op: &str) -> RawForm {
    let pairs: &[(&str, &str)] = match op {
        "dds-engine-upgrade" => &[("DBInstanceId", DDS), ("EngineVersion", "5.0")],
        "dds-kernel-upgrade" => &[("DBInstanceId", DDS)],
        "es-version-upgrade" => &[
            ("InstanceId", "es-cn-abc123def456"),
            ("dryRun", "true"),
            ("type", "engineVersion"),
            ("version", "7.10"),
        ],
        "redis-major-upgrade" => &[
            ("InstanceId", "r-bp1a2b3c4d5e6f7g"),
            ("MajorVersion", "7.0"),
        ],
        "taurusdb-minor-upgrade" => &[
            ("project_id", PROJECT),
            (
                "databases_instance_infos",
                "61a4ea66210545909d74a05c27a7179ein07,2.0.28.1",
            ),
            ("delay", "false"),
        ],
        _ => unreachable!(),
    };
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Passes without warnings.
    Ok,
    /// Passes with this warning.
    Warn(&'static str),
    /// Fails with this error.
    Err(&'static str),
}
use Expect::{Err, Ok, Warn};

fn lines(n: usize) -> String {
    (0..n)
        .map(|i| format!("{i:032x}in07,2.0.28.1"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn check_bilingual(issue: &Issue) {
    let (en, zh) = (issue.message(Lang::En), issue.message(Lang::Zh));
    assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{issue:?}");
    assert_ne!(en, zh, "{issue:?} is not translated");
    assert_eq!(en, issue.to_string());
}

fn run(op: &str, field: &str, input: &str, expect: Expect) {
    let s = spec(op).unwrap();
    let mut raw = base(op);
    raw.insert(field.to_owned(), input.to_owned());
    let v = validate(s, &raw);
    let ctx = format!("{op}.{field} = {input:?}");
    match expect {
        Ok | Warn(_) => {
            assert!(v.errors.is_empty(), "{ctx}: unexpected {:?}", v.errors);
            assert!(v.valid.is_some(), "{ctx}");
        }
        Err(_) => assert!(v.valid.is_none(), "{ctx}"),
    }
    let warnings: Vec<&str> = v
        .warnings
        .get(field)
        .map_or(vec![], |w| w.iter().map(Issue::code).collect());
    match expect {
        Ok => assert!(
            warnings.is_empty(),
            "{ctx}: unexpected warnings {warnings:?}"
        ),
        Warn(code) => assert!(
            warnings.contains(&code),
            "{ctx}: warnings {warnings:?}, want {code}"
        ),
        Err(code) => {
            let e = v
                .errors
                .get(field)
                .unwrap_or_else(|| panic!("{ctx}: no error, {:?}", v.errors));
            assert_eq!(e.code(), code, "{ctx}: {e}");
        }
    }
    for issue in v.errors.values().chain(v.warnings.values().flatten()) {
        check_bilingual(issue);
    }
}

#[test]
fn required_fields() {
    let rows = [
        ("dds-engine-upgrade", "DBInstanceId", ""),
        ("dds-engine-upgrade", "DBInstanceId", "  \t"),
        ("dds-engine-upgrade", "EngineVersion", ""),
        ("dds-kernel-upgrade", "DBInstanceId", ""),
        ("redis-major-upgrade", "InstanceId", ""),
        ("redis-major-upgrade", "MajorVersion", "\n"),
        ("es-version-upgrade", "InstanceId", ""),
        ("taurusdb-minor-upgrade", "project_id", ""),
        ("taurusdb-minor-upgrade", "databases_instance_infos", ""),
        (
            "taurusdb-minor-upgrade",
            "databases_instance_infos",
            "\n# only a comment\n\n",
        ),
        ("taurusdb-minor-upgrade", "delay", ""),
    ];
    for (op, field, input) in rows {
        run(op, field, input, Err("required"));
    }
    // Optional fields may stay empty; nothing is sent for them.
    for (op, field) in [
        ("dds-engine-upgrade", "SwitchMode"),
        ("dds-engine-upgrade", "RegionId"),
        ("es-version-upgrade", "clientToken"),
        ("es-version-upgrade", "plugins"),
        ("es-version-upgrade", "updateStrategy"),
        ("redis-major-upgrade", "EffectiveTime"),
        ("taurusdb-minor-upgrade", "X-Language"),
        ("taurusdb-minor-upgrade", "delay_type"),
    ] {
        run(op, field, "", Ok);
        run(op, field, "   ", Ok);
    }
}

#[test]
fn whitespace_is_trimmed_with_a_warning() {
    run(
        "dds-engine-upgrade",
        "DBInstanceId",
        " dds-bp1a2b3c4d5e6f7g\t",
        Warn("trimmed"),
    );
    run(
        "redis-major-upgrade",
        "MajorVersion",
        "7.0 ",
        Warn("trimmed"),
    );
    run("es-version-upgrade", "dryRun", "\ntrue", Warn("trimmed"));
    let s = spec("dds-engine-upgrade").unwrap();
    let mut raw = base("dds-engine-upgrade");
    raw.insert("DBInstanceId".into(), format!("  {DDS}\n"));
    assert_eq!(
        validate(s, &raw).valid.unwrap().text("DBInstanceId"),
        Some(DDS)
    );
}

#[test]
fn instance_id_formats() {
    let too_long = format!("dds-{}", "a".repeat(50));
    let rows: &[(&str, &str, &str, Expect)] = &[
        ("dds-engine-upgrade", "DBInstanceId", DDS, Ok),
        (
            "dds-engine-upgrade",
            "DBInstanceId",
            "dds-bp1sandbox0001",
            Ok,
        ),
        (
            "dds-engine-upgrade",
            "DBInstanceId",
            "r-bp1a2b3c4d5e6f7g",
            Err("bad-format"),
        ),
        (
            "dds-engine-upgrade",
            "DBInstanceId",
            "DDS-BP1A2B3C4D5E6F7G",
            Err("bad-format"),
        ),
        (
            "dds-engine-upgrade",
            "DBInstanceId",
            "dds-",
            Err("bad-format"),
        ),
        (
            "dds-engine-upgrade",
            "DBInstanceId",
            "dds-abc",
            Err("bad-format"),
        ),
        (
            "dds-engine-upgrade",
            "DBInstanceId",
            "dds-bp1a2b_c4d5",
            Err("bad-format"),
        ),
        (
            "dds-engine-upgrade",
            "DBInstanceId",
            "dds-bp1a2b3c4d5é",
            Err("not-ascii"),
        ),
        (
            "dds-engine-upgrade",
            "DBInstanceId",
            &too_long,
            Err("too-long"),
        ),
        (
            "dds-kernel-upgrade",
            "DBInstanceId",
            "es-cn-abc123def456",
            Err("bad-format"),
        ),
        (
            "redis-major-upgrade",
            "InstanceId",
            "r-bp1a2b3c4d5e6f7g",
            Ok,
        ),
        ("redis-major-upgrade", "InstanceId", DDS, Err("bad-format")),
        (
            "redis-major-upgrade",
            "InstanceId",
            "r-BP1A2B3C",
            Err("bad-format"),
        ),
        ("es-version-upgrade", "InstanceId", "es-cn-abc123def456", Ok),
        ("es-version-upgrade", "InstanceId", "es-sg-sandbox0005", Ok),
        (
            "es-version-upgrade",
            "InstanceId",
            "es-abc123def456",
            Err("bad-format"),
        ),
        (
            "es-version-upgrade",
            "InstanceId",
            "es-cn-",
            Err("bad-format"),
        ),
        (
            "es-version-upgrade",
            "InstanceId",
            "es-cn-abc 123def",
            Err("bad-format"),
        ),
        ("dds-engine-upgrade", "RegionId", "cn-hangzhou", Ok),
        (
            "dds-engine-upgrade",
            "RegionId",
            "CN-HANGZHOU",
            Err("bad-format"),
        ),
        (
            "dds-engine-upgrade",
            "RegionId",
            "hangzhou",
            Err("bad-format"),
        ),
    ];
    for (op, field, input, expect) in rows {
        run(op, field, input, *expect);
    }
}

#[test]
fn client_token_and_project_id() {
    let rows: &[(&str, &str, String, Expect)] = &[
        (
            "es-version-upgrade",
            "clientToken",
            "5A2CFF0E-5718-45B5-9D4D-70B3FF389811".into(),
            Ok,
        ),
        ("es-version-upgrade", "clientToken", "a".repeat(64), Ok),
        ("es-version-upgrade", "clientToken", "a b~!".into(), Ok),
        (
            "es-version-upgrade",
            "clientToken",
            "a".repeat(65),
            Err("too-long"),
        ),
        (
            "es-version-upgrade",
            "clientToken",
            "令牌".into(),
            Err("not-ascii"),
        ),
        (
            "es-version-upgrade",
            "clientToken",
            "a\u{7}b".into(),
            Err("bad-format"),
        ),
        ("taurusdb-minor-upgrade", "project_id", PROJECT.into(), Ok),
        (
            "taurusdb-minor-upgrade",
            "project_id",
            PROJECT.to_uppercase(),
            Ok,
        ),
        (
            "taurusdb-minor-upgrade",
            "project_id",
            PROJECT[..31].into(),
            Err("bad-format"),
        ),
        (
            "taurusdb-minor-upgrade",
            "project_id",
            format!("{PROJECT}0"),
            Err("too-long"),
        ),
        (
            "taurusdb-minor-upgrade",
            "project_id",
            format!("{}!", &PROJECT[..31]),
            Err("bad-format"),
        ),
    ];
    for (op, field, input, expect) in rows {
        run(op, field, input, *expect);
    }
}

#[test]
fn documented_lists_warn_outside_and_reject_malformed() {
    let rows: &[(&str, &str, &str, Expect)] = &[
        ("dds-engine-upgrade", "EngineVersion", "5.0", Ok),
        ("dds-engine-upgrade", "EngineVersion", "8.0", Ok),
        (
            "dds-engine-upgrade",
            "EngineVersion",
            "9.0",
            Warn("not-documented"),
        ),
        (
            "dds-engine-upgrade",
            "EngineVersion",
            "latest",
            Err("bad-format"),
        ),
        (
            "dds-engine-upgrade",
            "EngineVersion",
            "5",
            Err("bad-format"),
        ),
        ("dds-engine-upgrade", "SwitchMode", "0", Ok),
        ("dds-engine-upgrade", "SwitchMode", "1", Ok),
        ("dds-kernel-upgrade", "SwitchMode", "1", Ok),
        (
            "dds-engine-upgrade",
            "SwitchMode",
            "2",
            Warn("not-documented"),
        ),
        ("dds-kernel-upgrade", "SwitchMode", "now", Err("bad-format")),
        ("redis-major-upgrade", "MajorVersion", "7.0", Ok),
        ("redis-major-upgrade", "MajorVersion", "4.0", Ok),
        (
            "redis-major-upgrade",
            "MajorVersion",
            "8.0",
            Warn("not-documented"),
        ),
        (
            "redis-major-upgrade",
            "MajorVersion",
            "seven",
            Err("bad-format"),
        ),
        ("redis-major-upgrade", "EffectiveTime", "Immediately", Ok),
        ("redis-major-upgrade", "EffectiveTime", "MaintainTime", Ok),
        (
            "redis-major-upgrade",
            "EffectiveTime",
            "immediately",
            Warn("not-documented"),
        ),
        (
            "redis-major-upgrade",
            "EffectiveTime",
            "1",
            Err("bad-format"),
        ),
        ("es-version-upgrade", "updateStrategy", "blue_green", Ok),
        ("es-version-upgrade", "updateStrategy", "intelligent", Ok),
        (
            "es-version-upgrade",
            "updateStrategy",
            "rolling",
            Warn("not-documented"),
        ),
        (
            "es-version-upgrade",
            "updateStrategy",
            "blue green",
            Err("bad-format"),
        ),
        ("es-version-upgrade", "type", "engineVersion", Ok),
        (
            "es-version-upgrade",
            "type",
            "kernel",
            Warn("not-documented"),
        ),
        ("taurusdb-minor-upgrade", "X-Language", "zh-cn", Ok),
        (
            "taurusdb-minor-upgrade",
            "X-Language",
            "fr-fr",
            Warn("not-documented"),
        ),
        (
            "taurusdb-minor-upgrade",
            "X-Language",
            "english",
            Err("bad-format"),
        ),
        ("taurusdb-minor-upgrade", "delay_type", "boolean", Ok),
        (
            "taurusdb-minor-upgrade",
            "delay_type",
            "json",
            Err("not-one-of"),
        ),
    ];
    for (op, field, input, expect) in rows {
        run(op, field, input, *expect);
    }
}

#[test]
fn booleans_and_versions() {
    let rows: &[(&str, &str, &str, Expect)] = &[
        ("es-version-upgrade", "dryRun", "false", Ok),
        ("es-version-upgrade", "dryRun", "TRUE", Ok),
        ("es-version-upgrade", "dryRun", "maybe", Err("not-bool")),
        ("taurusdb-minor-upgrade", "delay", "true", Ok),
        ("taurusdb-minor-upgrade", "delay", "yes", Err("not-bool")),
        ("es-version-upgrade", "version", "7.10_with_X-Pack", Ok),
        ("es-version-upgrade", "version", "6.7.0", Ok),
        ("es-version-upgrade", "version", "latest", Err("bad-format")),
        ("es-version-upgrade", "version", "7", Err("bad-format")),
    ];
    for (op, field, input, expect) in rows {
        run(op, field, input, *expect);
    }
}

#[test]
fn taurusdb_instance_lines() {
    let f = "databases_instance_infos";
    let op = "taurusdb-minor-upgrade";
    let rows: Vec<(String, Expect)> = vec![
        (format!("{TAURUS_A},2.0.28.1\n{TAURUS_B},2.0.28.1"), Ok),
        (format!("{TAURUS_A}\t2.0.28.1\r\n{TAURUS_B} ; 2.0.28.1"), Ok),
        (format!("# id,version\n\n{TAURUS_A}, 2.0.28.1\n"), Ok),
        (lines(100), Ok),
        (lines(101), Err("too-many-instances")),
        (TAURUS_A.to_owned(), Err("bad-line")),
        (format!("{TAURUS_A},2.0.28.1,extra"), Err("bad-line")),
        (
            format!("{},2.0.28.1", &TAURUS_A[..35]),
            Err("line-instance-id"),
        ),
        (
            format!("{},2.0.28.1", TAURUS_A.to_uppercase()),
            Err("line-instance-id"),
        ),
        (format!("{TAURUS_A},2.0.x"), Err("line-version")),
        (format!("{TAURUS_A},2"), Err("line-version")),
        (
            format!("{TAURUS_A},2.0.28.1\n{TAURUS_A},2.0.28.1"),
            Err("duplicate-instance"),
        ),
        (
            format!("{TAURUS_A},2.0.28.1\n{TAURUS_B},2.0.30.2"),
            Warn("mixed-versions"),
        ),
    ];
    for (input, expect) in rows {
        run(op, f, &input, expect);
    }
    // The error names the line.
    let mut raw = base(op);
    raw.insert(f.into(), format!("{TAURUS_A},2.0.28.1\n\nbad,1.2"));
    let v = validate(spec(op).unwrap(), &raw);
    assert_eq!(
        v.errors[f],
        Issue::LineInstanceId {
            line: 3,
            value: "bad".into()
        }
    );
    assert!(v.errors[f].message(Lang::Zh).contains("第 3 行"));
}

#[test]
fn es_plugins_json() {
    let rows: &[(&str, Expect)] = &[
        (
            r#"[{"name":"analysis-ik","enable":"true","version":"7.16.2","fileVersion":"1"}]"#,
            Ok,
        ),
        (r#"[{"name":"analysis-ik","enable":false}]"#, Ok),
        ("[]", Ok),
        ("not json", Err("invalid-json")),
        ("{}", Err("plugins-not-array")),
        ("[1]", Err("plugins-not-array")),
        (r#"[{"enable":"true"}]"#, Err("plugin-field")),
        (r#"[{"name":"a"}]"#, Err("plugin-field")),
        (r#"[{"name":"a","enable":"yes"}]"#, Err("plugin-enable")),
        (
            r#"[{"name":"a","enable":"true","version":7}]"#,
            Err("plugin-field"),
        ),
    ];
    for (input, expect) in rows {
        run("es-version-upgrade", "plugins", input, *expect);
    }
}

#[test]
fn es_version_must_match_type() {
    let op = "es-version-upgrade";
    let s = spec(op).unwrap();
    for (ty, version, ok) in [
        ("engineVersion", "7.10", true),
        ("aliVersion", "ali1.2.0", true),
        ("", "7.10", true),
        ("engineVersion", "ali1.2.0", false),
        ("", "ali1.2.0", false),
        ("aliVersion", "7.10", false),
    ] {
        let mut raw = base(op);
        raw.insert("type".into(), ty.into());
        raw.insert("version".into(), version.into());
        let v = validate(s, &raw);
        assert_eq!(v.is_valid(), ok, "{ty} {version}");
        if !ok {
            let e = &v.errors["version"];
            assert_eq!(e.code(), "version-type-mismatch");
            check_bilingual(e);
        }
    }
}

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
        Issue::BadFormat { hint, example: "e" },
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
