//! Rough signing throughput, one line per scheme: `cargo run --release -p console-core --example sign_bench`.
//!
//! Each scheme signs a realistic request (the target APIs of signing.md) for about one second. Signing
//! happens once per user click, so this is a sanity check that it costs microseconds, not a benchmark
//! suite; the wasm build is a few times slower than native.

use std::hint::black_box;
use std::time::{Duration, Instant};

use console_core::sign::{
    sign, Acs3Params, Credentials, HuaweiParams, RpcV1Params, Scheme, SigningTime, UnsignedRequest,
};

const NONCE: &str = "e0b9c8d7-6a5f-4e3d-9c2b-1a0f9e8d7c6b";
const PROJECT: &str = "0123456789abcdef0123456789abcdef";

fn run(label: &str, req: &UnsignedRequest, creds: &Credentials, scheme: &Scheme<'_>) {
    let budget = Duration::from_secs(1);
    let start = Instant::now();
    let mut count: u64 = 0;
    while start.elapsed() < budget {
        for _ in 0..64 {
            match sign(black_box(req), creds, scheme) {
                Ok(s) => {
                    black_box(s);
                }
                Err(e) => {
                    eprintln!("{label}: {e}");
                    return;
                }
            }
        }
        count += 64;
    }
    let rate = count as f64 / start.elapsed().as_secs_f64();
    println!("sign {label:<10} native  {rate:>8.0} signatures/s");
}

fn main() {
    let Ok(time) = SigningTime::from_unix_seconds(1_714_550_400) else {
        return;
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
    run(
        "rpc-v1",
        &dds,
        &ali,
        &Scheme::AlibabaRpcV1(RpcV1Params::new(upgrade, "2015-12-01", NONCE, time)),
    );
    run(
        "v3-rpc",
        &dds,
        &ali,
        &Scheme::AlibabaV3(Acs3Params::new(upgrade, "2015-12-01", NONCE, time)),
    );
    run(
        "v3-roa",
        &es,
        &ali,
        &Scheme::AlibabaV3(Acs3Params::new(
            "UpgradeEngineVersion",
            "2017-06-13",
            NONCE,
            time,
        )),
    );
    run(
        "huawei",
        &taurus,
        &hw,
        &Scheme::Huawei(HuaweiParams {
            time,
            project_id: Some(PROJECT),
        }),
    );
}
