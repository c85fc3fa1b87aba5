//! `serve` as the proxy binary will call it: the real clock, a real socket, a request signed with the
//! current time, and a `Date` header the console can measure clock skew against.

use std::time::{SystemTime, UNIX_EPOCH};

use console_core::sign::{sign_acs3, Acs3Params, Credentials, SigningTime, UnsignedRequest};
use console_sandbox::{serve, SandboxConfig, DEMO_CREDENTIALS};

#[tokio::test]
async fn serve_answers_requests_signed_with_the_current_time() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let host = listener.local_addr().unwrap().to_string();
    tokio::spawn(serve(listener, SandboxConfig::default()));

    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let time = SigningTime::from_unix_seconds(i64::try_from(now).unwrap()).unwrap();
    let a = DEMO_CREDENTIALS.alibaba;
    let req = UnsignedRequest::new("POST", host.clone(), "/").with_query("RegionId", "cn-beijing");
    let params = Acs3Params::new(
        "DescribeDBInstances",
        "2015-12-01",
        "wall-clock-nonce",
        time,
    );
    let signed = sign_acs3(
        &req,
        &Credentials::new(a.access_key_id, a.access_key_secret),
        &params,
    )
    .unwrap();

    let mut rb =
        reqwest::Client::new().post(format!("http://{host}{}", signed.request.path_and_query));
    for (n, v) in signed.request.fetch_headers() {
        rb = rb.header(n, v);
    }
    let resp = rb.send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers().get_all("date").iter().count(), 1);
    let date = resp.headers()["date"].to_str().unwrap().to_owned();
    let skew = console_core::sign::clock_skew(&date, time.unix_seconds()).unwrap();
    assert!(skew.offset_seconds.abs() <= 5, "{skew:?}");
    let body: serde_json::Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
    assert_eq!(body["TotalCount"], 3);
}
