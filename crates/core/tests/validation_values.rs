//! Table tests of the value fields: documented lists, booleans and versions, TaurusDB instance lines,
//! Elasticsearch plugins and version types.
mod validation_support;

use console_core::catalog::spec;
use console_core::validate::validate;
use console_core::{Issue, Lang};
use validation_support::*;

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
