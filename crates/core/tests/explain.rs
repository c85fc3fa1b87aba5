//! Cloud error replies (apis.md §D, signing.md §D) classified and explained in both languages; the
//! server's string to sign / canonical request extracted and diffed against ours.

use console_core::catalog::spec;
use console_core::diff::{diff_lines, DiffKind};
use console_core::explain::{explain, explain_for, explain_write, Category};
use console_core::sign::{
    sign_huawei, sign_rpc_v1, Credentials, HuaweiParams, RpcV1Params, SigningTime, UnsignedRequest,
};
use console_core::Lang;

fn alibaba(code: &str, message: &str) -> String {
    serde_json::json!({
        "RequestId": "8F1B2C3D-0000-4E5F-9A8B-7C6D5E4F3A2B",
        "HostId": "mongodb.aliyuncs.com",
        "Code": code,
        "Message": message,
        "Recommend": format!("https://api.aliyun.com/troubleshoot?q={code}&product=Dds"),
    })
    .to_string()
}

fn huawei(code: &str, message: &str) -> String {
    serde_json::json!({"error_code": code, "error_msg": message, "request_id": "0b1c2d3e4f"})
        .to_string()
}

#[test]
fn classifies_the_documented_codes() {
    let cases: Vec<(u16, String, &str)> = vec![
        (400, alibaba("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."), "clock-skew"),
        (400, alibaba("SignatureNonceUsed", "Specified signature nonce was used already."), "replay"),
        (404, alibaba("InvalidAccessKeyId.NotFound", "Specified access key is not found."), "credentials"),
        (400, alibaba("InvalidSecurityToken.Expired", "Specified SecurityToken is expired."), "credentials"),
        (403, alibaba("Forbidden.RAM", "User not authorized to operate on the specified resource, or this API doesn't support RAM."), "permission"),
        (403, alibaba("Forbedden.NotSupportRAM", "This API does not support RAM"), "permission"),
        (400, alibaba("Throttling.User", "Request was denied due to user flow control."), "throttling"),
        (403, alibaba("Throttling.Api", "Request was denied due to api flow control."), "throttling"),
        (404, alibaba("InvalidDBInstanceId.NotFound", "Specified instance does not exist."), "not-found"),
        (404, alibaba("InstanceNotFound", "The instance es-cn-x is not found."), "not-found"),
        (404, alibaba("InvalidApi.NotFound", "Specified api is not found, please check your url and method."), "not-found"),
        (403, alibaba("IncorrectDBInstanceState", "Current DB instance state does not support this operation."), "wrong-state"),
        (400, alibaba("Task.Conflict", "The instance already has a scheduled or running task."), "wrong-state"),
        (403, alibaba("HasDirectConnectionNotSupport", "Direct connection mode is not supported."), "wrong-state"),
        (403, alibaba("NoQuota", "Request zone has no quota to sell"), "wrong-state"),
        (400, alibaba("InstanceActivating", "The instance is activating."), "wrong-state"),
        (400, alibaba("CssCheckUpdowngradeError", "The pre-upgrade checks failed: ClusterResourceNotEnough. Run with dryRun=true for details."), "upgrade-check-failed"),
        (400, alibaba("EngineVersion.ERROR", "The EngineVersion \"9.9\" is not valid."), "invalid-parameter"),
        (400, alibaba("MissingEngineVersion", "EngineVersion is mandatory for this action."), "invalid-parameter"),
        (400, alibaba("InvalidParameter", "updateStrategy must be blue_green, normal or intelligent."), "invalid-parameter"),
        (503, alibaba("ServiceUnavailable", "The request has failed due to a temporary failure of the server."), "unavailable"),
        (500, alibaba("InternalError", "The request processing has failed due to some unknown error."), "unavailable"),
        (400, huawei("DBS.200001", "The request body is not valid JSON."), "invalid-parameter"),
        (404, huawei("DBS.200002", "The instance does not exist."), "not-found"),
        (403, huawei("DBS.200010", "The tenant does not match the instance."), "permission"),
        (409, huawei("DBS.200011", "Another operation is being performed on instance x."), "wrong-state"),
        (400, huawei("DBS.05000008", "The current version is the latest, no update available."), "wrong-state"),
        (400, huawei("DBS.280234", "Parameter validation failed."), "invalid-parameter"),
        (401, huawei("APIGW.0301", "Incorrect IAM authentication information: calc ak sk signature fail:signature expired"), "clock-skew"),
        (401, huawei("APIGW.0301", "Incorrect IAM authentication information: ak HPUA not exist"), "credentials"),
        (401, huawei("APIG.0307", "The token must be updated."), "credentials"),
        (403, huawei("APIGW.0302", "The IAM user is not authorized to access the API."), "permission"),
        (429, huawei("APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit"), "throttling"),
        (404, huawei("APIGW.0101", "The API does not exist or has not been published."), "not-found"),
        (401, r#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#.into(), "credentials"),
        (502, "<html><body>502 Bad Gateway</body></html>".into(), "unavailable"),
        (404, String::new(), "not-found"),
        (418, "teapot".into(), "other"),
    ];
    for (status, body, want) in cases {
        let e = explain(status, &body);
        assert_eq!(e.category.code(), want, "{status} {body}");
        assert_eq!(e.status, status);
    }
    let e = explain(503, &alibaba("ServiceUnavailable", "x"));
    assert!(e.category.retryable());
    assert_eq!(e.code.as_deref(), Some("ServiceUnavailable"));
    assert_eq!(
        e.request_id.as_deref(),
        Some("8F1B2C3D-0000-4E5F-9A8B-7C6D5E4F3A2B")
    );
    let html = explain(502, "<html>bad gateway</html>");
    assert_eq!(html.message.as_deref(), Some("<html>bad gateway</html>"));
    assert!(!explain(400, &alibaba("InvalidParameter", "x"))
        .category
        .retryable());
}

#[test]
fn a_failed_upgrade_is_never_advised_to_be_sent_again_blind() {
    let spec = spec("redis-major-upgrade").expect("spec");
    let body = alibaba("InternalError", "The request processing has failed.");
    let read = explain_for(spec, 500, &body);
    assert_eq!(read.category, Category::Unavailable);
    let write = explain_write(spec, 500, &body);
    assert_eq!(write.category, Category::OutcomeUnknown);
    assert!(!write.category.retryable());
    assert!(write.fix(Lang::En).starts_with("Do not send it again yet"));
    assert!(!write.fix(Lang::En).contains("Send again in a moment"));
    assert_eq!(write.request_id, read.request_id);
    // A clear refusal stays what it is: nothing was changed.
    let refused = alibaba(
        "IncorrectDBInstanceState",
        "Current DB instance state does not support this operation.",
    );
    assert_eq!(
        explain_write(spec, 403, &refused).category,
        Category::WrongState
    );
    let gateway = explain_write(spec, 504, "<html>504 Gateway Time-out</html>");
    assert_eq!(gateway.category, Category::OutcomeUnknown);
}

#[test]
fn permission_names_the_action() {
    let body = alibaba("Forbidden.RAM", "User not authorized to operate on the specified resource, or this API doesn't support RAM.");
    let e = explain_for(spec("dds-engine-upgrade").unwrap(), 403, &body);
    assert_eq!(
        e.category,
        Category::Permission {
            action: Some("dds:UpgradeDBInstanceEngineVersion".into())
        }
    );
    assert!(e
        .fix(Lang::En)
        .contains("dds:UpgradeDBInstanceEngineVersion"));
    assert!(e
        .explanation(Lang::Zh)
        .contains("dds:UpgradeDBInstanceEngineVersion"));
    let named = alibaba("NoPermission", "You are not authorized. action: kvstore:ModifyInstanceMajorVersion, resource: acs:kvstore:…");
    assert_eq!(
        explain_for(spec("dds-engine-upgrade").unwrap(), 403, &named).category,
        Category::Permission {
            action: Some("kvstore:ModifyInstanceMajorVersion".into())
        }
    );
}

#[test]
fn alibaba_signature_mismatch_is_diffed_against_ours() {
    let t = SigningTime::parse_iso8601("2024-05-01T08:00:00Z").unwrap();
    let req = UnsignedRequest::new("POST", "mongodb.aliyuncs.com", "/")
        .with_query("DBInstanceId", "dds-bp1a2b3c4d5e6f7g");
    let params = RpcV1Params::new(
        "UpgradeDBInstanceKernelVersion",
        "2015-12-01",
        "e0b9c8d7-6a5f-4e3d-9c2b-1a0f9e8d7c6b",
        t,
    );
    let ours = sign_rpc_v1(&req, &Credentials::new("testid", "testsecret"), &params)
        .unwrap()
        .string_to_sign;
    // The server saw the id with a stray space (a pasted value the proxy re-encoded).
    let theirs = ours.replace("dds-bp1a2b3c4d5e6f7g", "dds-bp1a2b3c4d5e6f7g%2520");
    let body = alibaba(
        "SignatureDoesNotMatch",
        &format!("Specified signature is not matched with our calculation. server string to sign is:{theirs}"),
    );
    let e = explain(400, &body);
    let Category::SignatureMismatch {
        server_string_to_sign: Some(server),
    } = &e.category
    else {
        panic!("{:?}", e.category);
    };
    assert_eq!(server, &theirs);
    let diff = diff_lines(&ours, server);
    let changed: Vec<&str> = diff
        .iter()
        .filter(|l| l.kind != DiffKind::Same)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(
        changed,
        [
            "DBInstanceId%3Ddds-bp1a2b3c4d5e6f7g",
            "DBInstanceId%3Ddds-bp1a2b3c4d5e6f7g%2520"
        ]
    );
    assert!(e.fix(Lang::En).contains("identical"));
    // Without the echo the advice is about the secret and the proxy.
    let bare = explain(
        400,
        &alibaba(
            "IncompleteSignature",
            "The request signature does not conform to Aliyun standards.",
        ),
    );
    assert_eq!(
        bare.category,
        Category::SignatureMismatch {
            server_string_to_sign: None
        }
    );
    assert_ne!(bare.fix(Lang::En), e.fix(Lang::En));
}

#[test]
fn huawei_canonical_request_is_extracted_and_diffed() {
    let t = SigningTime::parse_compact("20240501T080000Z").unwrap();
    let req = UnsignedRequest::new(
        "POST",
        "gaussdb.cn-north-4.myhuaweicloud.com",
        "/v3/0123456789abcdef0123456789abcdef/instances/database-version/upgrade",
    )
    .with_header("Content-Type", "application/json;charset=UTF-8")
    .with_body(r#"{"delay":false}"#);
    let params = HuaweiParams {
        time: t,
        project_id: Some("0123456789abcdef0123456789abcdef"),
    };
    let ours = sign_huawei(
        &req,
        &Credentials::new("HPUAEXAMPLEAK0000000", "s"),
        &params,
    )
    .unwrap()
    .steps
    .canonical_request;
    // The gateway received another content type (a client rewrote the charset).
    let theirs = ours.replace("charset=UTF-8", "charset=utf-8");
    let body = huawei(
        "APIGW.0301",
        &format!("Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:{}", theirs.replace('\n', "|")),
    );
    let e = explain(401, &body);
    let Category::SignatureMismatch {
        server_string_to_sign: Some(server),
    } = &e.category
    else {
        panic!("{:?}", e.category);
    };
    assert_eq!(server, &theirs);
    let changed: Vec<(DiffKind, &str)> = diff_lines(&ours, server)
        .iter()
        .filter(|l| l.kind != DiffKind::Same)
        .map(|l| (l.kind, l.text.as_str()))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(k, s)| {
            (
                k,
                if s.starts_with("content-type") {
                    "content-type"
                } else {
                    "other"
                },
            )
        })
        .collect();
    assert_eq!(
        changed,
        [
            (DiffKind::Ours, "content-type"),
            (DiffKind::Theirs, "content-type")
        ]
    );
}

#[test]
fn every_category_reads_in_both_languages() {
    let all = [
        Category::SignatureMismatch {
            server_string_to_sign: None,
        },
        Category::SignatureMismatch {
            server_string_to_sign: Some("x".into()),
        },
        Category::ClockSkew,
        Category::Credentials,
        Category::Permission { action: None },
        Category::Permission {
            action: Some("dds:X".into()),
        },
        Category::Throttling,
        Category::Replay,
        Category::NotFound,
        Category::WrongState,
        Category::InvalidParameter,
        Category::UpgradeCheckFailed,
        Category::Unavailable,
        Category::OutcomeUnknown,
        Category::Other,
    ];
    for category in all {
        let e = console_core::explain::Explanation {
            status: 400,
            code: None,
            message: None,
            request_id: None,
            category,
        };
        for text in [
            (e.title(Lang::En), e.title(Lang::Zh)),
            (e.explanation(Lang::En), e.explanation(Lang::Zh)),
            (e.fix(Lang::En), e.fix(Lang::Zh)),
        ] {
            assert!(!text.0.is_empty() && !text.1.is_empty(), "{:?}", e.category);
            assert_ne!(text.0, text.1, "{:?}", e.category);
        }
    }
}
