//! Every upgrade operation's request shape: method, path, query order and contents, headers, exact body
//! bytes, and the signing parameters each cloud takes.

mod requests_support;

use console_core::catalog::Style;
use console_core::sign::{Scheme, SigningTime};
use console_core::Cloud;
use requests_support::*;

#[test]
fn dds_engine_upgrade_is_rpc_with_everything_in_the_query() {
    let b = built(
        "dds-engine-upgrade",
        "cn-hangzhou",
        &[
            ("RegionId", "cn-hangzhou"),
            ("SwitchMode", "1"),
            ("EngineVersion", "5.0"),
            ("DBInstanceId", "dds-bp1a2b3c4d5e6f7g"),
        ],
    );
    let r = &b.request;
    assert_eq!(
        (r.method.as_str(), r.host.as_str(), r.path.as_str()),
        ("POST", "mongodb.aliyuncs.com", "/")
    );
    assert_eq!(
        pairs(&r.query),
        [
            ("DBInstanceId", "dds-bp1a2b3c4d5e6f7g"),
            ("EngineVersion", "5.0"),
            ("SwitchMode", "1"),
            ("RegionId", "cn-hangzhou")
        ]
    );
    assert!(r.headers.is_empty() && r.body.is_empty());
    assert_eq!(
        (b.action, b.version, b.style, b.cloud),
        (
            "UpgradeDBInstanceEngineVersion",
            "2015-12-01",
            Style::Rpc,
            Cloud::Alibaba
        )
    );
    assert_eq!(b.project_id, None);
}

#[test]
fn dds_kernel_and_redis_shapes() {
    let k = built(
        "dds-kernel-upgrade",
        "ap-southeast-1",
        &[
            ("DBInstanceId", "dds-bp1a2b3c4d5e6f7g"),
            ("SwitchMode", "0"),
        ],
    );
    assert_eq!(k.request.host, "mongodb.ap-southeast-1.aliyuncs.com");
    assert_eq!(
        pairs(&k.request.query),
        [
            ("DBInstanceId", "dds-bp1a2b3c4d5e6f7g"),
            ("SwitchMode", "0")
        ]
    );
    assert_eq!(k.action, "UpgradeDBInstanceKernelVersion");

    let r = built(
        "redis-major-upgrade",
        "cn-hangzhou",
        &[
            ("InstanceId", "r-bp1a2b3c4d5e6f7g"),
            ("MajorVersion", "7.0"),
            ("EffectiveTime", "MaintainTime"),
        ],
    );
    assert_eq!(
        (r.request.method.as_str(), r.request.path.as_str()),
        ("POST", "/")
    );
    assert_eq!(r.request.host, "r-kvstore.aliyuncs.com");
    assert_eq!(
        pairs(&r.request.query),
        [
            ("InstanceId", "r-bp1a2b3c4d5e6f7g"),
            ("MajorVersion", "7.0"),
            ("EffectiveTime", "MaintainTime")
        ]
    );
    assert!(r.request.headers.is_empty() && r.request.body.is_empty());
    assert_eq!(
        (r.action, r.version),
        ("ModifyInstanceMajorVersion", "2015-01-01")
    );
}

#[test]
fn es_upgrade_is_roa_with_a_json_body() {
    let b = built(
        "es-version-upgrade",
        "cn-hangzhou",
        &[
            ("InstanceId", "es-cn-abc123def456"),
            ("clientToken", "5A2CFF0E-5718-45B5-9D4D-70B3FF389811"),
            ("dryRun", "false"),
            ("updateStrategy", "normal"),
            ("type", "engineVersion"),
            ("version", "7.10_with_X-Pack"),
        ],
    );
    let r = &b.request;
    assert_eq!(r.method, "POST");
    assert_eq!(r.host, "elasticsearch.cn-hangzhou.aliyuncs.com");
    assert_eq!(
        r.path,
        "/openapi/instances/es-cn-abc123def456/actions/upgrade-version"
    );
    assert_eq!(
        pairs(&r.query),
        [
            ("clientToken", "5A2CFF0E-5718-45B5-9D4D-70B3FF389811"),
            ("dryRun", "false"),
            ("updateStrategy", "normal")
        ]
    );
    assert_eq!(
        pairs(&r.headers),
        [("content-type", "application/json; charset=utf-8")]
    );
    assert_eq!(
        String::from_utf8(r.body.clone()).unwrap(),
        r#"{"type":"engineVersion","version":"7.10_with_X-Pack"}"#
    );
    assert_eq!(
        (b.action, b.version, b.style),
        ("UpgradeEngineVersion", "2017-06-13", Style::Roa)
    );

    // Optional members are left out; plugins are normalised to the documented string form.
    let b = built(
        "es-version-upgrade",
        "cn-shanghai",
        &[
            ("InstanceId", "es-cn-abc123def456"),
            (
                "plugins",
                r#"[ {"fileVersion":"1","enable":true,"name":"analysis-ik","extra":1} ]"#,
            ),
        ],
    );
    assert!(b.request.query.is_empty());
    assert_eq!(
        String::from_utf8(b.request.body.clone()).unwrap(),
        r#"{"plugins":[{"name":"analysis-ik","enable":"true","fileVersion":"1"}]}"#
    );
}

#[test]
fn taurusdb_batch_upgrade_shape() {
    let b = built(
        "taurusdb-minor-upgrade",
        "cn-north-4",
        &[
            ("project_id", PROJECT),
            ("X-Language", "zh-cn"),
            (
                "databases_instance_infos",
                &format!("{TAURUS_A},2.0.28.1\n{TAURUS_B},2.0.28.1"),
            ),
            ("delay", "true"),
        ],
    );
    let r = &b.request;
    assert_eq!(r.method, "POST");
    assert_eq!(r.host, "gaussdb.cn-north-4.myhuaweicloud.com");
    assert_eq!(
        r.path,
        format!("/v3/{PROJECT}/instances/database-version/upgrade")
    );
    assert!(r.query.is_empty());
    assert_eq!(
        pairs(&r.headers),
        [
            ("Content-Type", "application/json;charset=UTF-8"),
            ("X-Language", "zh-cn")
        ]
    );
    assert_eq!(
        String::from_utf8(r.body.clone()).unwrap(),
        format!(
            r#"{{"databases_instance_infos":[{{"instance_id":"{TAURUS_A}","current_version":"2.0.28.1"}},{{"instance_id":"{TAURUS_B}","current_version":"2.0.28.1"}}],"delay":"true"}}"#
        )
    );
    assert_eq!(b.project_id.as_deref(), Some(PROJECT));
    assert_eq!(
        (b.cloud, b.style, b.action, b.version),
        (
            Cloud::Huawei,
            Style::HuaweiRest,
            "BatchUpgradeDatabases",
            "v3"
        )
    );

    // delay as a JSON boolean when the control field says so; the control itself is never sent.
    let b = built(
        "taurusdb-minor-upgrade",
        "cn-north-4",
        &[
            ("project_id", PROJECT),
            ("databases_instance_infos", &format!("{TAURUS_A},2.0.28.1")),
            ("delay", "false"),
            ("delay_type", "boolean"),
        ],
    );
    let body = String::from_utf8(b.request.body.clone()).unwrap();
    assert!(body.ends_with(r#""delay":false}"#), "{body}");
    assert!(!body.contains("delay_type"));
    assert_eq!(
        pairs(&b.request.headers),
        [("Content-Type", "application/json;charset=UTF-8")]
    );
}

#[test]
fn signing_parameters_follow_the_cloud() {
    let t = SigningTime::from_unix_seconds(1_714_550_400).unwrap();
    let dds = built(
        "dds-kernel-upgrade",
        "cn-hangzhou",
        &[("DBInstanceId", "dds-bp1a2b3c4d5e6f7g")],
    );
    match dds.scheme("nonce", t) {
        Scheme::AlibabaV3(p) => assert_eq!(
            (p.action, p.version, p.nonce),
            ("UpgradeDBInstanceKernelVersion", "2015-12-01", "nonce")
        ),
        other => panic!("{other:?}"),
    }
    let rpc = dds.rpc_v1_params("n", t);
    assert_eq!(
        (rpc.action, rpc.version),
        ("UpgradeDBInstanceKernelVersion", "2015-12-01")
    );
    let hw = built(
        "taurusdb-minor-upgrade",
        "cn-north-4",
        &[
            ("project_id", PROJECT),
            ("databases_instance_infos", &format!("{TAURUS_A},2.0.28.1")),
            ("delay", "false"),
        ],
    );
    match hw.scheme("ignored", t) {
        Scheme::Huawei(p) => assert_eq!(p.project_id, Some(PROJECT)),
        other => panic!("{other:?}"),
    }
    // Token authentication: nothing signed, X-Auth-Token added.
    let out = hw.with_token("tok");
    assert_eq!(
        out.path_and_query,
        format!("/v3/{PROJECT}/instances/database-version/upgrade")
    );
    assert_eq!(out.header("X-Auth-Token"), Some("tok"));
    assert_eq!(
        out.header("host"),
        Some("gaussdb.cn-north-4.myhuaweicloud.com")
    );
    assert_eq!(out.body, hw.request.body);
}
