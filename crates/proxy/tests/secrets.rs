//! Logs and the audit file: one access line per request without secrets, audit lines for writes only, and
//! no secret in any header, query parameter or body ever reaches either, even on error paths.

mod common;

use common::{config, raw, spawn_proxy, stub, Captured};

#[tokio::test]
async fn no_secret_reaches_the_logs_or_the_audit_file() {
    let captured = Captured::default();
    let _guard = captured.subscribe(tracing::Level::TRACE);

    let (up, log) = stub().await;
    let silent = common::silent().await;
    let (mut cfg, dir) = config(&[format!("http://{up}"), format!("http://{silent}")]);
    let audit_path = dir.path().join("audit.jsonl");
    cfg.audit_log = Some(audit_path.clone());
    let proxy = spawn_proxy(cfg).await;

    let secret_headers = "Authorization: SDK-HMAC-SHA256 Access=AK, Signature=SECRET1\r\n\
        X-Auth-Token: SECRET2\r\nX-Security-Token: SECRET3\r\nx-acs-security-token: SECRET4";
    let query = "Action=UpgradeDBInstanceKernelVersion&DBInstanceId=dds-1&AccountPassword=SECRET5\
        &SecurityToken=SECRET6&Signature=SECRET7";
    let body = r#"{"password":"SECRET8","databases_instance_infos":[{"current_version":"2.0","instance_id":"t1in07"}]}"#;
    let send = |method: &str, target: String, body: &str| {
        let head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {proxy}\r\n{secret_headers}\r\nContent-Type: application/json\r\nContent-Length: {}",
            body.len()
        );
        let body = body.to_owned();
        async move { raw(proxy, &head, body.as_bytes()).await }
    };
    // A write (RPC), a read, a Huawei write with instance ids in the body, an IAM token call, a refused
    // target and a timed-out write: every path that logs.
    assert_eq!(
        send("POST", format!("/proxy/http/{up}/?{query}"), "")
            .await
            .status,
        200
    );
    let read = format!("/proxy/http/{up}/?Action=DescribeDBInstances&Signature=SECRET7");
    assert_eq!(send("GET", read, "").await.status, 200);
    let hw = format!("/proxy/http/{up}/v3/p1/instances/database-version/upgrade");
    assert_eq!(send("POST", hw, body).await.status, 200);
    let iam = format!("/proxy/http/{up}/v3/auth/tokens");
    assert_eq!(
        send("POST", iam, r#"{"password":"SECRET8"}"#).await.status,
        200
    );
    assert_eq!(
        send("POST", format!("/proxy/https/evil.example/?{query}"), body)
            .await
            .status,
        403
    );
    assert_eq!(
        send("POST", format!("/proxy/http/{silent}/?{query}"), body)
            .await
            .status,
        504
    );
    assert_eq!(log.lock().expect("lock").len(), 4);

    let logs = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf8");
    let audit = std::fs::read_to_string(&audit_path).expect("audit file");
    for secret in [
        "SECRET1", "SECRET2", "SECRET3", "SECRET4", "SECRET5", "SECRET6", "SECRET7", "SECRET8",
    ] {
        assert!(!logs.contains(secret), "{secret} in logs:\n{logs}");
        assert!(!audit.contains(secret), "{secret} in audit:\n{audit}");
    }
    let access: Vec<&str> = logs.lines().filter(|l| l.contains("proxied")).collect();
    assert_eq!(access.len(), 6, "one line per request:\n{logs}");
    assert!(
        access[2].contains("method=POST")
            && access[2].contains("path=/v3/p1/instances/database-version/upgrade")
    );
    assert!(access[2].contains("status=200") && access[2].contains("latency_ms="));
    assert!(
        access[5].contains("proxy_error=\"upstream_timeout\"")
            || access[5].contains("proxy_error=upstream_timeout")
    );

    let lines: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(
        lines.len(),
        3,
        "writes only (RPC write, Huawei write, timed-out write):\n{audit}"
    );
    assert_eq!(lines[0]["operation"], "UpgradeDBInstanceKernelVersion");
    assert_eq!(lines[0]["instance_ids"], serde_json::json!(["dds-1"]));
    assert_eq!(lines[0]["request_id"], "R-OK");
    assert_eq!(lines[0]["status"], 200);
    assert!(lines[0]["client"]
        .as_str()
        .expect("client")
        .starts_with("127.0.0.1:"));
    assert!(lines[0]["time"].as_str().expect("time").ends_with('Z'));
    assert_eq!(
        lines[1]["operation"],
        "POST /v3/p1/instances/database-version/upgrade"
    );
    assert_eq!(lines[1]["instance_ids"], serde_json::json!(["t1in07"]));
    assert_eq!(
        (
            lines[2]["status"].as_u64(),
            lines[2]["proxy_error"].as_str()
        ),
        (Some(504), Some("upstream_timeout"))
    );
}
