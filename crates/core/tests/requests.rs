//! Every operation's request shape (method, path, query order and contents, headers, exact body bytes),
//! the read calls of pre-flight, and — the strongest check — requests built from forms that reproduce
//! the SDK-produced signing vectors of `tests/vectors/signing.json` byte for byte.

use console_core::build::{build, BuiltRequest};
use console_core::catalog::{spec, Style};
use console_core::preflight::{build_read, reads_for, ReadCall, ReadTarget};
use console_core::region::endpoint;
use console_core::sign::{sign_acs3, sign_huawei, sign_rpc_v1, Credentials, Scheme, SigningTime};
use console_core::validate::{validate, RawForm, ValidForm};
use console_core::{Cloud, Issue};
use serde_json::Value;

const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const TAURUS_A: &str = "61a4ea66210545909d74a05c27a7179ein07";
const TAURUS_B: &str = "0f3b2c1d4e5f46a7b8c9d0e1f2a3b4c5in07";

fn form(op: &str, pairs: &[(&str, &str)]) -> ValidForm {
    let raw: RawForm = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let v = validate(spec(op).unwrap(), &raw);
    v.valid.unwrap_or_else(|| panic!("{op}: {:?}", v.errors))
}

fn built(op: &str, region: &str, pairs: &[(&str, &str)]) -> BuiltRequest {
    let s = spec(op).unwrap();
    build(s, &form(op, pairs), &endpoint(s, region))
}

fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

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

fn vector(id: &str) -> Value {
    let file: Value = serde_json::from_str(include_str!("vectors/signing.json")).unwrap();
    file["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no vector {id}"))
        .clone()
}

fn creds(v: &Value) -> Credentials {
    let i = &v["inputs"];
    Credentials::new(
        i["access_key_id"].as_str().unwrap(),
        i["access_key_secret"].as_str().unwrap(),
    )
}

/// V3 vector id, operation, region, form fields, RPC V1 vector id (empty when none).
type Case<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str)], &'a str);

/// V3 and RPC V1 vectors of the Alibaba operations, rebuilt from forms.
#[test]
fn alibaba_requests_reproduce_the_sdk_vectors() {
    let t = SigningTime::parse_iso8601("2024-05-01T08:00:00Z").unwrap();
    let dds = [("DBInstanceId", "dds-bp1a2b3c4d5e6f7g")];
    let engine = [
        ("DBInstanceId", "dds-bp1a2b3c4d5e6f7g"),
        ("EngineVersion", "6.0"),
    ];
    let regional = [
        ("DBInstanceId", "dds-bp1a2b3c4d5e6f7g"),
        ("EngineVersion", "7.0"),
        ("SwitchMode", "1"),
        ("RegionId", "ap-southeast-1"),
    ];
    let redis = [
        ("InstanceId", "r-bp1a2b3c4d5e6f7g"),
        ("MajorVersion", "7.0"),
        ("EffectiveTime", "Immediately"),
    ];
    let es = [
        ("InstanceId", "es-cn-abc123def456"),
        ("dryRun", "true"),
        ("updateStrategy", "blue_green"),
        ("clientToken", "0c7a1f5e-9b2d-4e8f-a1c3-5d7e9f0b2a4c"),
        ("type", "engineVersion"),
        ("version", "7.16"),
        (
            "plugins",
            r#"[{"name":"analysis-ik","enable":"true","version":"7.16.2","fileVersion":"1"}]"#,
        ),
    ];
    let cases: [Case<'_>; 5] = [
        (
            "ali-v3-dds-upgrade-kernel",
            "dds-kernel-upgrade",
            "cn-hangzhou",
            &dds,
            "ali-rpc-v1-dds-upgrade-kernel-post",
        ),
        (
            "ali-v3-dds-upgrade-engine",
            "dds-engine-upgrade",
            "cn-hangzhou",
            &engine,
            "ali-rpc-v1-dds-upgrade-engine-post",
        ),
        (
            "ali-v3-dds-upgrade-engine-switchmode-regional",
            "dds-engine-upgrade",
            "ap-southeast-1",
            &regional,
            "ali-rpc-v1-dds-upgrade-engine-switchmode-regional-post",
        ),
        (
            "ali-v3-rkvstore-modify-major",
            "redis-major-upgrade",
            "cn-hangzhou",
            &redis,
            "ali-rpc-v1-rkvstore-modify-major-post",
        ),
        (
            "ali-v3-es-upgrade-dryrun-bluegreen-plugins",
            "es-version-upgrade",
            "cn-hangzhou",
            &es,
            "",
        ),
    ];
    for (v3_id, op, region, fields, v1_id) in cases {
        let b = built(op, region, fields);
        let v = vector(v3_id);
        assert_eq!(b.request.host, v["inputs"]["host"], "{v3_id}");
        assert_eq!(b.request.path, v["inputs"]["path"], "{v3_id}");
        assert_eq!(
            String::from_utf8(b.request.body.clone()).unwrap(),
            v["inputs"]["body"],
            "{v3_id}"
        );
        let nonce = v["inputs"]["nonce"].as_str().unwrap();
        let signed = sign_acs3(&b.request, &creds(&v), &b.acs3_params(nonce, t)).unwrap();
        assert_eq!(
            signed.steps.canonical_request, v["expected"]["canonical_request"],
            "{v3_id}"
        );
        assert_eq!(
            signed.steps.authorization, v["expected"]["authorization"],
            "{v3_id}"
        );
        if !v1_id.is_empty() {
            let v = vector(v1_id);
            let nonce = v["inputs"]["nonce"].as_str().unwrap();
            let signed = sign_rpc_v1(&b.request, &creds(&v), &b.rpc_v1_params(nonce, t)).unwrap();
            assert_eq!(
                signed.string_to_sign, v["expected"]["string_to_sign"],
                "{v1_id}"
            );
            assert_eq!(signed.signature, v["expected"]["signature"], "{v1_id}");
        }
    }
}

/// Huawei vectors of the TaurusDB operation, rebuilt from forms: the SDK's boolean `delay` with one
/// instance, and the documented string `delay` with two instances and `X-Language`.
#[test]
fn taurusdb_requests_reproduce_the_sdk_vectors() {
    let t = SigningTime::parse_compact("20240501T080000Z").unwrap();
    let one = format!("{TAURUS_A},2.0.28.1");
    let two = format!("{TAURUS_A},2.0.28.1\n{TAURUS_B},2.0.28.1");
    let cases = [
        (
            "hw-taurusdb-batch-upgrade",
            vec![
                ("databases_instance_infos", one.as_str()),
                ("delay", "false"),
                ("delay_type", "boolean"),
            ],
        ),
        (
            "hw-taurusdb-batch-upgrade-delay-string-xlanguage",
            vec![
                ("databases_instance_infos", two.as_str()),
                ("delay", "true"),
                ("X-Language", "en-us"),
            ],
        ),
    ];
    for (id, mut fields) in cases {
        fields.push(("project_id", PROJECT));
        let b = built("taurusdb-minor-upgrade", "cn-north-4", &fields);
        let v = vector(id);
        assert_eq!(
            String::from_utf8(b.request.body.clone()).unwrap(),
            v["inputs"]["body"],
            "{id}"
        );
        let signed = sign_huawei(&b.request, &creds(&v), &b.huawei_params(t)).unwrap();
        assert_eq!(
            signed.steps.canonical_request, v["expected"]["canonical_request"],
            "{id}"
        );
        assert_eq!(
            signed.steps.authorization, v["expected"]["authorization"],
            "{id}"
        );
    }
}

#[test]
fn read_calls_have_the_documented_shapes() {
    let target = |id: &str| ReadTarget {
        instance_id: id.into(),
        project_id: Some(PROJECT.into()),
    };
    let b = build_read(
        ReadCall::DdsAttribute,
        &target(" dds-bp1a2b3c4d5e6f7g "),
        "mongodb.aliyuncs.com",
    )
    .unwrap();
    assert_eq!(
        (b.request.method.as_str(), b.request.path.as_str()),
        ("POST", "/")
    );
    assert_eq!(
        pairs(&b.request.query),
        [("DBInstanceId", "dds-bp1a2b3c4d5e6f7g")]
    );
    assert_eq!(
        (b.action, b.version),
        ("DescribeDBInstanceAttribute", "2015-12-01")
    );
    let b = build_read(
        ReadCall::DdsEngineVersions,
        &target("dds-bp1a2b3c4d5e6f7g"),
        "h",
    )
    .unwrap();
    assert_eq!(b.action, "DescribeAvailableEngineVersion");
    for (call, action) in [
        (ReadCall::RedisAttribute, "DescribeInstanceAttribute"),
        (ReadCall::RedisEngineVersion, "DescribeEngineVersion"),
    ] {
        let b = build_read(
            call,
            &target("r-bp1a2b3c4d5e6f7g"),
            "r-kvstore.aliyuncs.com",
        )
        .unwrap();
        assert_eq!(
            pairs(&b.request.query),
            [("InstanceId", "r-bp1a2b3c4d5e6f7g")]
        );
        assert_eq!(
            (b.action, b.version, b.request.method.as_str()),
            (action, "2015-01-01", "POST")
        );
    }
    for (call, path) in [
        (
            ReadCall::EsInstance,
            "/openapi/instances/es-cn-abc123def456",
        ),
        (
            ReadCall::EsUpgradeInfo,
            "/openapi/instances/es-cn-abc123def456/upgradeInfo",
        ),
        (
            ReadCall::EsHealth,
            "/openapi/instances/es-cn-abc123def456/elasticsearch-health",
        ),
    ] {
        let b = build_read(
            call,
            &target("es-cn-abc123def456"),
            "elasticsearch.cn-hangzhou.aliyuncs.com",
        )
        .unwrap();
        assert_eq!(
            (b.request.method.as_str(), b.request.path.as_str()),
            ("GET", path)
        );
        assert!(
            b.request.query.is_empty() && b.request.headers.is_empty() && b.request.body.is_empty()
        );
        assert_eq!(
            (b.action, b.version, b.style),
            (call.api(), "2017-06-13", Style::Roa)
        );
    }
    for (call, path) in [
        (
            ReadCall::TaurusInstance,
            format!("/v3.1/{PROJECT}/instances/{TAURUS_A}"),
        ),
        (
            ReadCall::TaurusDatabaseVersion,
            format!("/v3/{PROJECT}/instances/{TAURUS_A}/database-version"),
        ),
    ] {
        let b = build_read(
            call,
            &target(TAURUS_A),
            "gaussdb.cn-north-4.myhuaweicloud.com",
        )
        .unwrap();
        assert_eq!((b.request.method.as_str(), b.request.path), ("GET", path));
        assert_eq!(b.project_id.as_deref(), Some(PROJECT));
        assert_eq!(b.cloud, Cloud::Huawei);
    }
    // A half-typed form does not call anything.
    assert_eq!(
        build_read(ReadCall::DdsAttribute, &target(""), "h").unwrap_err(),
        Issue::Required
    );
    assert_eq!(
        build_read(ReadCall::EsInstance, &target("dds-bp1a2b3c4d5e6f7g"), "h")
            .unwrap_err()
            .code(),
        "bad-format"
    );
    let no_project = ReadTarget {
        instance_id: TAURUS_A.into(),
        project_id: None,
    };
    assert_eq!(
        build_read(ReadCall::TaurusInstance, &no_project, "h").unwrap_err(),
        Issue::Required
    );
    // Every operation has reads, all of its own product.
    for s in console_core::SPECS {
        assert!(!reads_for(s).is_empty(), "{}", s.id);
        assert!(reads_for(s).iter().all(|c| c.product() == s.product));
    }
}

#[test]
fn read_requests_sign() {
    let t = SigningTime::from_unix_seconds(1_714_550_400).unwrap();
    let c = Credentials::new("testid", "testsecret");
    let b = build_read(
        ReadCall::EsUpgradeInfo,
        &ReadTarget {
            instance_id: "es-cn-abc123def456".into(),
            project_id: None,
        },
        "elasticsearch.cn-hangzhou.aliyuncs.com",
    )
    .unwrap();
    let signed = sign_acs3(&b.request, &c, &b.acs3_params("n", t)).unwrap();
    assert!(signed
        .steps
        .canonical_request
        .starts_with("GET\n/openapi/instances/es-cn-abc123def456/upgradeInfo\n\n"));
    assert_eq!(signed.request.header("x-acs-action"), Some("UpgradeInfo"));
}
