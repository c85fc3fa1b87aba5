//! The read calls of pre-flight: their documented shapes, and that each one signs.

mod requests_support;

use console_core::catalog::Style;
use console_core::preflight::{build_read, reads_for, ReadCall, ReadTarget};
use console_core::sign::{sign_acs3, Credentials, SigningTime};
use console_core::{Cloud, Issue};
use requests_support::*;

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
