//! "Copy as" previews: curl and raw HTTP from signed requests (secrets masked on demand), and the
//! aliyun / hcloud commands from validated forms (no secrets at all).

use console_core::build::build;
use console_core::catalog::spec;
use console_core::cli::{aliyun_cli, cli_command, hcloud_cli};
use console_core::preview::{curl, http_text};
use console_core::region::endpoint;
use console_core::sign::{sign, Credentials, SigningTime};
use console_core::validate::{validate, RawForm, ValidForm};
use console_core::OutgoingRequest;

const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const TAURUS: &str = "61a4ea66210545909d74a05c27a7179ein07";

fn form(op: &str, pairs: &[(&str, &str)]) -> ValidForm {
    let raw: RawForm = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    validate(spec(op).unwrap(), &raw).valid.unwrap()
}

fn signed(op: &str, region: &str, pairs: &[(&str, &str)], creds: &Credentials) -> OutgoingRequest {
    let s = spec(op).unwrap();
    let b = build(s, &form(op, pairs), &endpoint(s, region));
    let t = SigningTime::from_unix_seconds(1_714_550_400).unwrap();
    sign(
        &b.request,
        creds,
        &b.scheme("e0b9c8d7-6a5f-4e3d-9c2b-1a0f9e8d7c6b", t),
    )
    .unwrap()
    .into_request()
}

fn es_pairs() -> Vec<(&'static str, &'static str)> {
    vec![
        ("InstanceId", "es-cn-abc123def456"),
        ("dryRun", "true"),
        ("type", "engineVersion"),
        ("version", "7.10"),
    ]
}

#[test]
fn curl_is_runnable_and_masks_on_demand() {
    let creds =
        Credentials::new("testid", "testsecret").with_security_token("CAIS+token/with=chars");
    let req = signed("es-version-upgrade", "cn-hangzhou", &es_pairs(), &creds);
    let c = curl(&req, false);
    assert!(c.starts_with(
        "curl -X POST 'https://elasticsearch.cn-hangzhou.aliyuncs.com/openapi/instances/es-cn-abc123def456/actions/upgrade-version?dryRun=true' \\\n  -H "
    ), "{c}");
    assert!(c.contains("-H 'content-type: application/json; charset=utf-8'"));
    assert!(c.contains("-H 'x-acs-security-token: CAIS+token/with=chars'"));
    assert!(c.contains("Credential=testid,"));
    assert!(
        c.ends_with(r#"--data-raw '{"type":"engineVersion","version":"7.10"}'"#),
        "{c}"
    );
    assert!(!c.to_ascii_lowercase().contains("-h 'host:"));
    assert!(!c.contains("testsecret"));

    let m = curl(&req, true);
    assert!(m.contains("-H 'x-acs-security-token: ***'"));
    assert!(m.contains("Credential=***,SignedHeaders="));
    assert!(m.contains(",Signature=***'"));
    assert!(!m.contains("CAIS") && !m.contains("testid"));

    let h = http_text(&req, true);
    assert!(h.starts_with("POST /openapi/instances/es-cn-abc123def456/actions/upgrade-version?dryRun=true HTTP/1.1\r\n"));
    assert!(h
        .to_ascii_lowercase()
        .contains("\r\nhost: elasticsearch.cn-hangzhou.aliyuncs.com\r\n"));
    assert!(h.ends_with("\r\n\r\n{\"type\":\"engineVersion\",\"version\":\"7.10\"}"));
    assert!(!h.contains("CAIS"));
}

#[test]
fn huawei_and_rpc_v1_secrets_are_masked() {
    let hw = signed(
        "taurusdb-minor-upgrade",
        "cn-north-4",
        &[
            ("project_id", PROJECT),
            ("databases_instance_infos", &format!("{TAURUS},2.0.28.1")),
            ("delay", "false"),
        ],
        &Credentials::new("HPUAEXAMPLEAK0000000", "sk")
            .with_security_token("gQpjbi1ub3J0aC00token"),
    );
    let m = curl(&hw, true);
    assert!(m.contains("Access=***, SignedHeaders=") && m.contains("Signature=***"));
    assert!(m.contains("X-Security-Token: ***"));
    assert!(!m.contains("gQpj") && !m.contains("HPUA"));
    assert!(curl(&hw, false).contains("gQpjbi1ub3J0aC00token"));

    // RPC V1 carries the signature and credentials in the query.
    let rpc = OutgoingRequest {
        method: "POST".into(),
        host: "mongodb.aliyuncs.com".into(),
        path_and_query: "/?AccessKeyId=testid&Action=X&SecurityToken=tok&Signature=abc%3D".into(),
        headers: vec![],
        body: vec![],
    };
    assert_eq!(
        curl(&rpc, true),
        "curl -X POST 'https://mongodb.aliyuncs.com/?AccessKeyId=***&Action=X&SecurityToken=***&Signature=***'"
    );
    let token = OutgoingRequest {
        headers: vec![("X-Auth-Token".into(), "MIIsecret".into())],
        ..rpc
    };
    assert!(curl(&token, true).contains("X-Auth-Token: ***"));
    assert!(!http_text(&token, true).contains("MIIsecret"));
}

#[test]
fn aliyun_commands() {
    let dds = spec("dds-engine-upgrade").unwrap();
    let f = form(
        "dds-engine-upgrade",
        &[
            ("DBInstanceId", "dds-bp1a2b3c4d5e6f7g"),
            ("EngineVersion", "5.0"),
            ("SwitchMode", "1"),
        ],
    );
    assert_eq!(
        aliyun_cli(dds, &f, "cn-hangzhou", None).unwrap(),
        "aliyun dds UpgradeDBInstanceEngineVersion \\\n  --region cn-hangzhou \\\n  --DBInstanceId dds-bp1a2b3c4d5e6f7g \\\n  --EngineVersion 5.0 \\\n  --SwitchMode 1"
    );
    // A custom endpoint is passed along; the default one is not.
    let custom = aliyun_cli(
        dds,
        &f,
        "cn-hangzhou",
        Some("mongodb-vpc.cn-hangzhou.aliyuncs.com"),
    )
    .unwrap();
    assert!(custom.contains("--endpoint mongodb-vpc.cn-hangzhou.aliyuncs.com"));
    assert!(
        !aliyun_cli(dds, &f, "cn-hangzhou", Some("mongodb.aliyuncs.com"))
            .unwrap()
            .contains("--endpoint")
    );

    let redis = spec("redis-major-upgrade").unwrap();
    let f = form(
        "redis-major-upgrade",
        &[
            ("InstanceId", "r-bp1a2b3c4d5e6f7g"),
            ("MajorVersion", "7.0"),
            ("EffectiveTime", "MaintainTime"),
        ],
    );
    assert_eq!(
        cli_command(redis, &f, "cn-beijing", None),
        "aliyun r-kvstore ModifyInstanceMajorVersion \\\n  --region cn-beijing \\\n  --InstanceId r-bp1a2b3c4d5e6f7g \\\n  --MajorVersion 7.0 \\\n  --EffectiveTime MaintainTime"
    );

    let es = spec("es-version-upgrade").unwrap();
    let f = form("es-version-upgrade", &es_pairs());
    assert_eq!(
        aliyun_cli(es, &f, "cn-hangzhou", None).unwrap(),
        "aliyun elasticsearch UpgradeEngineVersion \\\n  --region cn-hangzhou \\\n  --InstanceId es-cn-abc123def456 \\\n  --dryRun true \\\n  --body '{\"type\":\"engineVersion\",\"version\":\"7.10\"}'"
    );
    assert!(hcloud_cli(es, &f, "cn-hangzhou").is_none());
}

#[test]
fn hcloud_command() {
    let s = spec("taurusdb-minor-upgrade").unwrap();
    let f = form(
        "taurusdb-minor-upgrade",
        &[
            ("project_id", PROJECT),
            ("X-Language", "en-us"),
            (
                "databases_instance_infos",
                &format!("{TAURUS},2.0.28.1\n0f3b2c1d4e5f46a7b8c9d0e1f2a3b4c5in07,2.0.28.1"),
            ),
            ("delay", "true"),
            ("delay_type", "boolean"),
        ],
    );
    assert_eq!(
        hcloud_cli(s, &f, "cn-north-4").unwrap(),
        format!(
            "hcloud GaussDBforMySQL BatchUpgradeDatabases \\\n  --cli-region=cn-north-4 \\\n  --project_id={PROJECT} \\\n  --X-Language=en-us \\\n  \
             --databases_instance_infos.1.instance_id={TAURUS} \\\n  --databases_instance_infos.1.current_version=2.0.28.1 \\\n  \
             --databases_instance_infos.2.instance_id=0f3b2c1d4e5f46a7b8c9d0e1f2a3b4c5in07 \\\n  --databases_instance_infos.2.current_version=2.0.28.1 \\\n  \
             --delay=true"
        )
    );
    assert!(aliyun_cli(s, &f, "cn-north-4", None).is_none());
    assert!(cli_command(s, &f, "cn-north-4", None).starts_with("hcloud "));
}

/// Regression: the preview of a sandbox call said `https://` although the console reaches the sandbox
/// over plain `http` on loopback.
#[test]
fn curl_uses_the_scheme_in_use() {
    let req = console_core::sign::OutgoingRequest {
        method: "GET".to_owned(),
        host: "127.0.0.1:9000".to_owned(),
        path_and_query: "/openapi/instances/es-cn-x".to_owned(),
        headers: Vec::new(),
        body: Vec::new(),
    };
    let sandbox = console_core::preview::curl_for(&req, "http", true);
    assert_eq!(
        sandbox,
        "curl -X GET http://127.0.0.1:9000/openapi/instances/es-cn-x"
    );
    assert!(console_core::preview::curl(&req, true).contains("https://127.0.0.1:9000/"));
}
