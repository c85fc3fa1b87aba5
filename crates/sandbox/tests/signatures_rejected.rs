//! Signature checks over real loopback HTTP, the refusing side: wrong secret, changed body or query,
//! stale time, replayed nonce, unknown key and missing STS token each get the cloud's code and body.

mod common;

use common::{alibaba, huawei, project, Harness, DDS, ES, REDIS};
use console_core::sign::{Credentials, UnsignedRequest};
use console_sandbox::DEMO_CREDENTIALS;

const DDS_ID: &str = "dds-bp1sandbox0001";

#[tokio::test]
async fn wrong_secret_echoes_the_server_string_to_sign() {
    let h = Harness::start().await;
    let bad = Credentials::new(DEMO_CREDENTIALS.alibaba.access_key_id, "not-the-secret");
    let s = h.rpc_v1_signed(
        &bad,
        DDS,
        "DescribeDBInstanceAttribute",
        &[("DBInstanceId", DDS_ID)],
    );
    let a = h.send(&s.request).await;
    assert_eq!((a.status, a.code()), (400, "SignatureDoesNotMatch"));
    let echoed = a
        .message()
        .split("server string to sign is:")
        .nth(1)
        .unwrap();
    assert_eq!(
        echoed, s.string_to_sign,
        "same request, so the same string: only the secret differs"
    );
    for key in ["RequestId", "HostId", "Code", "Message", "Recommend"] {
        assert!(a.body[key].is_string(), "{key} in {:?}", a.body);
    }

    let req = UnsignedRequest::new("POST", h.host.clone(), "/").with_query("DBInstanceId", DDS_ID);
    let s = h.acs3_signed(&bad, DDS, "DescribeDBInstanceAttribute", req);
    let a = h.send(&s.request).await;
    assert_eq!(a.code(), "SignatureDoesNotMatch");
    assert!(a.message().ends_with(&format!(
        "server string to sign is:{}",
        s.steps.string_to_sign
    )));

    let wrong = Credentials::new(DEMO_CREDENTIALS.huawei.access_key, "not-the-secret");
    let pid = project("cn-north-4");
    let s = h.huawei_signed(
        &wrong,
        "GET",
        &format!("/v3/{pid}/instances"),
        &[],
        "",
        Some(pid),
    );
    let a = h.send(&s.request).await;
    assert_eq!((a.status, a.code()), (401, "APIGW.0301"));
    assert!(a.body["request_id"].is_string());
    let expected = format!(
        "verify aksk signature fail, canonicalRequest:{}",
        s.steps.canonical_request.replace('\n', "|")
    );
    assert!(a.message().ends_with(&expected), "{}", a.message());
}

#[tokio::test]
async fn changed_body_or_query_is_caught() {
    let h = Harness::start().await;
    let req = UnsignedRequest::new(
        "POST",
        h.host.clone(),
        "/openapi/instances/es-cn-sandbox0001/actions/upgrade-version",
    )
    .with_query("dryRun", "true")
    .with_header("content-type", "application/json")
    .with_body(r#"{"version":"7.10"}"#);
    let mut out = h
        .acs3_signed(&alibaba(), ES, "UpgradeEngineVersion", req)
        .request;
    out.body = br#"{"version":"8.5"}"#.to_vec();
    let a = h.send(&out).await;
    assert_eq!(a.code(), "SignatureDoesNotMatch");
    assert!(
        a.message().contains("x-acs-content-sha256"),
        "{}",
        a.message()
    );

    let pid = project("cn-north-4");
    let body = format!(
        r#"{{"databases_instance_infos":[{{"instance_id":"{}","current_version":"2.0.28.1"}}],"delay":false}}"#,
        common::taurus_id(1)
    );
    let mut out = h
        .huawei_signed(
            &huawei(),
            "POST",
            &format!("/v3/{pid}/instances/database-version/upgrade"),
            &[],
            &body,
            Some(pid),
        )
        .request;
    out.body = body.replace("false", "true ").into_bytes();
    let a = h.send(&out).await;
    assert_eq!(a.code(), "APIGW.0301");
    assert!(a.message().contains("verify aksk signature fail"));

    let s = h.rpc_v1_signed(
        &alibaba(),
        DDS,
        "DescribeDBInstanceAttribute",
        &[("DBInstanceId", DDS_ID)],
    );
    let mut out = s.request.clone();
    out.path_and_query = out
        .path_and_query
        .replace("dds-bp1sandbox0001", "dds-bp1sandbox0002");
    assert_eq!(h.send(&out).await.code(), "SignatureDoesNotMatch");
    assert!(h.sandbox.audit().is_empty());
}

#[tokio::test]
async fn stale_times_are_refused_per_scheme_window() {
    let h = Harness::start().await;
    let s_v3 = {
        let req =
            UnsignedRequest::new("POST", h.host.clone(), "/").with_query("DBInstanceId", DDS_ID);
        h.acs3_signed(&alibaba(), DDS, "DescribeDBInstanceAttribute", req)
    };
    let s_v1 = h.rpc_v1_signed(
        &alibaba(),
        DDS,
        "DescribeDBInstanceAttribute",
        &[("DBInstanceId", DDS_ID)],
    );
    let s_v1_late = h.rpc_v1_signed(
        &alibaba(),
        DDS,
        "DescribeDBInstanceAttribute",
        &[("DBInstanceId", DDS_ID)],
    );
    let pid = project("cn-north-4");
    let s_hw = h.huawei_signed(
        &huawei(),
        "GET",
        &format!("/v3/{pid}/instances"),
        &[],
        "",
        Some(pid),
    );
    h.dial.advance(20 * 60);
    let a = h.send(&s_v3.request).await;
    assert_eq!((a.status, a.code()), (400, "InvalidTimeStamp.Expired"));
    assert_eq!(
        h.send(&s_v1.request).await.status,
        200,
        "RPC V1 allows 31 minutes"
    );
    let a = h.send(&s_hw.request).await;
    assert_eq!(a.code(), "APIGW.0301");
    assert!(a.message().contains("signature expired"), "{}", a.message());
    h.dial.advance(20 * 60);
    assert_eq!(
        h.send(&s_v1_late.request).await.code(),
        "InvalidTimeStamp.Expired"
    );
}

#[tokio::test]
async fn replayed_nonces_are_refused_and_never_reapplied() {
    let h = Harness::start().await;
    let s = h.rpc_v1_signed(
        &alibaba(),
        DDS,
        "UpgradeDBInstanceKernelVersion",
        &[("DBInstanceId", "dds-uf6sandbox0004")],
    );
    assert_eq!(h.send(&s.request).await.status, 200);
    let a = h.send(&s.request).await;
    assert_eq!((a.status, a.code()), (400, "SignatureNonceUsed"));
    let req = UnsignedRequest::new("POST", h.host.clone(), "/")
        .with_query("InstanceId", "r-bp1sandbox0001")
        .with_query("MajorVersion", "6.0");
    let s = h.acs3_signed(&alibaba(), REDIS, "ModifyInstanceMajorVersion", req);
    assert_eq!(h.send(&s.request).await.status, 200);
    assert_eq!(h.send(&s.request).await.code(), "SignatureNonceUsed");
    assert_eq!(h.sandbox.audit().len(), 2);
}

#[tokio::test]
async fn unknown_keys_and_missing_sts_tokens() {
    let h = Harness::start().await;
    let ghost = Credentials::new("LTAI5tNoSuchKey000000000", "x");
    let s = h.rpc_v1_signed(&ghost, DDS, "DescribeDBInstances", &[]);
    let a = h.send(&s.request).await;
    assert_eq!((a.status, a.code()), (404, "InvalidAccessKeyId.NotFound"));
    let req = UnsignedRequest::new("POST", h.host.clone(), "/");
    assert_eq!(
        h.send(
            &h.acs3_signed(&ghost, DDS, "DescribeDBInstances", req)
                .request
        )
        .await
        .code(),
        "InvalidAccessKeyId.NotFound"
    );
    let s = h.huawei_signed(
        &Credentials::new("HPUANOSUCHKEY0000000", "x"),
        "GET",
        "/v3/projects",
        &[],
        "",
        None,
    );
    let a = h.send(&s.request).await;
    assert_eq!(a.code(), "APIGW.0301");
    assert!(a.message().contains("ak HPUANOSUCHKEY0000000 not exist"));
    let al = DEMO_CREDENTIALS.alibaba;
    let sts_without_token = Credentials::new(al.sts_access_key_id, al.sts_access_key_secret);
    let s = h.rpc_v1_signed(&sts_without_token, DDS, "DescribeDBInstances", &[]);
    assert_eq!(h.send(&s.request).await.code(), "MissingSecurityToken");
    let a = h
        .send(&console_core::sign::OutgoingRequest {
            method: "GET".into(),
            host: h.host.clone(),
            path_and_query: "/?Action=DescribeDBInstances&Version=2015-12-01".into(),
            headers: vec![],
            body: vec![],
        })
        .await;
    assert_eq!(a.code(), "IncompleteSignature");
}
