//! Signature checks over real loopback HTTP, the accepting side: every scheme signed with
//! `console_core` (RPC V1 query and form, V3 on RPC and ROA, STS, Huawei AK/SK and temporary keys, IAM
//! tokens) gets through.

mod common;

use common::{alibaba, project, Harness, DDS, REDIS};
use console_core::sign::{
    iam_token_request, Credentials, IamPasswordLogin, RpcV1Params, RpcV1Placement, UnsignedRequest,
};
use console_sandbox::DEMO_CREDENTIALS;

const DDS_ID: &str = "dds-bp1sandbox0001";

#[tokio::test]
async fn every_scheme_is_accepted() {
    let h = Harness::start().await;
    // RPC V1, parameters in the query.
    let s = h.rpc_v1_signed(
        &alibaba(),
        DDS,
        "DescribeDBInstanceAttribute",
        &[("DBInstanceId", DDS_ID)],
    );
    let a = h.send(&s.request).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(
        a.body["DBInstances"]["DBInstance"][0]["DBInstanceId"],
        DDS_ID
    );
    assert!(a.body["RequestId"].is_string());
    assert_eq!(a.header("x-acs-request-id"), a.body["RequestId"].as_str());
    // RPC V1, parameters in a form body.
    let req = UnsignedRequest::new("POST", h.host.clone(), "/")
        .with_query("InstanceId", "r-bp1sandbox0001");
    let nonce = h.nonce();
    let p = RpcV1Params {
        placement: RpcV1Placement::FormBody,
        ..RpcV1Params::new("DescribeEngineVersion", REDIS, &nonce, h.time())
    };
    let a = h
        .send(
            &console_core::sign::sign_rpc_v1(&req, &alibaba(), &p)
                .unwrap()
                .request,
        )
        .await;
    assert_eq!(
        (a.status, &a.body["MajorVersion"]),
        (200, &serde_json::json!("5.0")),
        "{:?}",
        a.body
    );
    // V3 on an RPC API and on the ROA Elasticsearch API (GET and a JSON POST).
    let a = h
        .rpc(REDIS, "DescribeInstances", &[("RegionId", "cn-hangzhou")])
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body["TotalCount"], 3);
    let a = h
        .es(
            "GET",
            "/openapi/instances",
            &[("size", "2")],
            "",
            "ListInstance",
        )
        .await;
    assert_eq!(
        (a.status, a.header("x-total-count")),
        (200, Some("5")),
        "{:?}",
        a.body
    );
    assert_eq!(a.body["Result"].as_array().unwrap().len(), 2);
    let a = h
        .es(
            "POST",
            "/openapi/instances/es-cn-sandbox0001/actions/upgrade-version",
            &[("dryRun", "true")],
            r#"{"type":"engineVersion","version":"7.10"}"#,
            "UpgradeEngineVersion",
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    // STS credentials, both Alibaba schemes.
    let al = DEMO_CREDENTIALS.alibaba;
    let sts = Credentials::new(al.sts_access_key_id, al.sts_access_key_secret)
        .with_security_token(al.sts_security_token);
    let s = h.rpc_v1_signed(
        &sts,
        DDS,
        "DescribeAvailableEngineVersion",
        &[("DBInstanceId", DDS_ID)],
    );
    assert_eq!(h.send(&s.request).await.status, 200);
    let req = UnsignedRequest::new("POST", h.host.clone(), "/").with_query("DBInstanceId", DDS_ID);
    assert_eq!(
        h.send(
            &h.acs3_signed(&sts, DDS, "DescribeAvailableEngineVersion", req)
                .request
        )
        .await
        .status,
        200
    );
    // Huawei AK/SK, permanent and temporary.
    let a = h
        .taurus("cn-north-4", "GET", "/instances", &[("limit", "10")], "")
        .await;
    assert_eq!(
        (a.status, a.body["total_count"].as_u64()),
        (200, Some(3)),
        "{:?}",
        a.body
    );
    let hw = DEMO_CREDENTIALS.huawei;
    let temp = Credentials::new(hw.temp_access_key, hw.temp_secret_key)
        .with_security_token(hw.temp_security_token);
    let s = h.huawei_signed(
        &temp,
        "GET",
        "/v3/projects",
        &[("name", "cn-east-3")],
        "",
        None,
    );
    let a = h.send(&s.request).await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body["projects"][0]["id"], project("cn-east-3"));
}

#[tokio::test]
async fn iam_token_login_and_token_calls() {
    let h = Harness::start().await;
    let hw = DEMO_CREDENTIALS.huawei;
    let login = |password| IamPasswordLogin {
        iam_host: "127.0.0.1",
        domain_name: hw.domain_name,
        user_name: hw.user_name,
        password,
        project_name: "cn-north-4",
    };
    let a = h
        .send(&iam_token_request(&login(hw.password)).unwrap())
        .await;
    assert_eq!(a.status, 201, "{:?}", a.body);
    let token = a
        .header("x-subject-token")
        .expect("token header")
        .to_owned();
    assert!(a.body["token"]["expires_at"]
        .as_str()
        .unwrap()
        .starts_with("2024-05-02T08:00:00"));
    assert_eq!(a.body["token"]["project"]["id"], project("cn-north-4"));
    let headers: Vec<(String, String)> = a
        .headers
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
        .collect();
    let parsed =
        console_core::sign::parse_iam_token_response(201, &headers, a.body.to_string().as_bytes())
            .unwrap();
    assert_eq!(parsed.token(), token);

    let call = |pid: &str, tok: &str| console_core::sign::OutgoingRequest {
        method: "GET".into(),
        host: h.host.clone(),
        path_and_query: format!("/v3/{pid}/instances"),
        headers: vec![("X-Auth-Token".into(), tok.into())],
        body: vec![],
    };
    let a = h.send(&call(project("cn-north-4"), &token)).await;
    assert_eq!(
        (a.status, a.body["total_count"].as_u64()),
        (200, Some(3)),
        "{:?}",
        a.body
    );
    let a = h.send(&call(project("cn-east-3"), &token)).await;
    assert_eq!((a.status, a.code()), (401, "APIGW.0307"));
    let a = h.send(&call(project("cn-north-4"), "MIIforged")).await;
    assert_eq!((a.status, a.code()), (401, "APIGW.0301"));
    h.dial.advance(24 * 3600);
    let a = h.send(&call(project("cn-north-4"), &token)).await;
    assert_eq!(a.code(), "APIGW.0307");

    let a = h.send(&iam_token_request(&login("wrong")).unwrap()).await;
    assert_eq!(
        (a.status, a.body["error"]["message"].as_str()),
        (401, Some("The username or password is wrong."))
    );
}
