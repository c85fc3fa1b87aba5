//! Signing benchmark fixtures shared by the native example (`sign_bench.rs`) and the in-browser run
//! (`tests/wasm_sign_bench.rs`): the same requests and the same loop, with the clock passed in.

use std::hint::black_box;

use console_core::sign::{
    sign, Acs3Params, Credentials, HuaweiParams, RpcV1Params, Scheme, SigningTime, UnsignedRequest,
};

const NONCE: &str = "e0b9c8d7-6a5f-4e3d-9c2b-1a0f9e8d7c6b";
const PROJECT: &str = "0123456789abcdef0123456789abcdef";

/// One scheme signing one realistic request (the target APIs of signing.md).
pub(crate) struct Case {
    pub(crate) label: &'static str,
    req: UnsignedRequest,
    creds: Credentials,
    scheme: Scheme<'static>,
}

/// Signs `case` repeatedly for about `budget_ms` and returns signatures per second. `now_ms` is the
/// clock (`Instant` natively, `performance.now()` in the browser).
pub(crate) fn measure(
    case: &Case,
    budget_ms: f64,
    now_ms: &dyn Fn() -> f64,
) -> Result<f64, String> {
    let start = now_ms();
    let mut count: u64 = 0;
    while now_ms() - start < budget_ms {
        for _ in 0..64 {
            let signed = sign(black_box(&case.req), &case.creds, &case.scheme);
            black_box(signed.map_err(|e| format!("{}: {e}", case.label))?);
        }
        count += 64;
    }
    #[allow(clippy::cast_precision_loss)]
    Ok(count as f64 * 1000.0 / (now_ms() - start))
}

/// The four cases: RPC V1, V3 for an RPC API, V3 for a ROA API, and Huawei.
pub(crate) fn cases() -> Vec<Case> {
    let Ok(time) = SigningTime::from_unix_seconds(1_714_550_400) else {
        return Vec::new();
    };
    let ali = Credentials::new("testid", "testsecret");
    let hw = Credentials::new(
        "HPUAEXAMPLEAK0000000",
        "ExampleSecretKey0000000000000000000000000",
    );
    let dds = UnsignedRequest::new("POST", "mongodb.aliyuncs.com", "/")
        .with_query("DBInstanceId", "dds-bp1a2b3c4d5e6f7g")
        .with_query("EngineVersion", "6.0");
    let es = UnsignedRequest::new(
        "POST",
        "elasticsearch.cn-hangzhou.aliyuncs.com",
        "/openapi/instances/es-cn-abc123def456/actions/upgrade-version",
    )
    .with_query("clientToken", "5A2CFF0E-5718-45B5-9D4D-70B3FF389811")
    .with_query("dryRun", "false")
    .with_header("content-type", "application/json; charset=utf-8")
    .with_body(r#"{"version":"7.10_with_X-Pack","type":"engineVersion"}"#);
    let taurus = UnsignedRequest::new(
        "POST",
        "gaussdb.cn-north-4.myhuaweicloud.com",
        format!("/v3/{PROJECT}/instances/database-version/upgrade"),
    )
    .with_header("Content-Type", "application/json;charset=UTF-8")
    .with_body(
        r#"{"databases_instance_infos":[{"instance_id":"61a4ea66210545909d74a05c27a7179ein07","current_version":"2.0.28.1"}],"delay":false}"#,
    );

    let upgrade = "UpgradeDBInstanceEngineVersion";
    vec![
        Case {
            label: "rpc-v1",
            req: dds.clone(),
            creds: ali.clone(),
            scheme: Scheme::AlibabaRpcV1(RpcV1Params::new(upgrade, "2015-12-01", NONCE, time)),
        },
        Case {
            label: "v3-rpc",
            req: dds,
            creds: ali.clone(),
            scheme: Scheme::AlibabaV3(Acs3Params::new(upgrade, "2015-12-01", NONCE, time)),
        },
        Case {
            label: "v3-roa",
            req: es,
            creds: ali,
            scheme: Scheme::AlibabaV3(Acs3Params::new(
                "UpgradeEngineVersion",
                "2017-06-13",
                NONCE,
                time,
            )),
        },
        Case {
            label: "huawei",
            req: taurus,
            creds: hw,
            scheme: Scheme::Huawei(HuaweiParams {
                time,
                project_id: Some(PROJECT),
            }),
        },
    ]
}
