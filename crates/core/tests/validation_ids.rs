//! Table tests of the identifying fields: each row overrides one field of a valid form and states whether
//! it passes, warns or fails, and with which issue code (required fields, trimming, instance ids, client
//! tokens, project ids).
mod validation_support;

use console_core::catalog::spec;
use console_core::validate::validate;
use validation_support::*;

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
