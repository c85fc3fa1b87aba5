//! The allowlist over a real socket: every hostile target is refused with a JSON proxy error and never
//! reaches anything, while the one allow-listed loopback origin works.

mod common;

use common::{config, get, spawn_proxy, stub};

/// `(target after /proxy/, expected status, expected code)`. `{up}` is the allow-listed stub's port,
/// `{other}` a port that is not allow-listed. (Raw CR, LF, NUL or spaces cannot even be sent in a request
/// line; `target.rs` unit tests cover them.)
#[rustfmt::skip]
const HOSTILE: &[(&str, u16, &str)] = &[
    // Suffix and label-boundary tricks.
    ("https/aliyuncs.com/", 403, "target_not_allowed"),
    ("https/evilaliyuncs.com/", 403, "target_not_allowed"),
    ("https/xaliyuncs.com/", 403, "target_not_allowed"),
    ("https/aliyuncs.com.evil.com/", 403, "target_not_allowed"),
    ("https/mongodb.aliyuncs.com.evil.com/", 403, "target_not_allowed"),
    ("https/aliyuncs.com-evil.com/", 403, "target_not_allowed"),
    ("https/mongodb.aliyuncs.co/", 403, "target_not_allowed"),
    ("https/myhuaweicloud.com/", 403, "target_not_allowed"),
    ("HTTPS/IAM.MYHUAWEICLOUD.COM.EVIL.COM/", 403, "target_not_allowed"),
    ("https/example.com/", 403, "target_not_allowed"),
    // Scheme and port.
    ("http/mongodb.aliyuncs.com/", 403, "target_not_allowed"),
    ("https/mongodb.aliyuncs.com:8443/", 403, "target_not_allowed"),
    ("https/mongodb.aliyuncs.com:80/", 403, "target_not_allowed"),
    ("ftp/mongodb.aliyuncs.com/", 400, "bad_target"),
    ("file/etc/passwd", 400, "bad_target"),
    ("https/mongodb.aliyuncs.com:0443/", 400, "bad_target"),
    ("https/mongodb.aliyuncs.com:abc/", 400, "bad_target"),
    ("https/mongodb.aliyuncs.com:443:443/", 400, "bad_target"),
    ("http/127.0.0.1:{other}/", 403, "target_not_allowed"),
    ("http/127.0.0.1/", 403, "target_not_allowed"),
    // IP literals: only the exact allow-listed literal is reachable.
    ("http/127.0.0.2:{up}/", 403, "target_not_allowed"),
    ("http/localhost:{up}/", 403, "target_not_allowed"),
    ("http/[::1]:{up}/", 403, "target_not_allowed"),
    ("http/[::ffff:127.0.0.1]:{up}/", 403, "target_not_allowed"),
    ("http/[0:0:0:0:0:0:0:1]:{up}/", 400, "bad_target"),
    ("https/169.254.169.254/latest/meta-data/", 403, "target_not_allowed"),
    ("http/2130706433:{up}/", 400, "bad_target"),
    ("http/0177.0.0.1:{up}/", 400, "bad_target"),
    ("http/0x7f.1:{up}/", 400, "bad_target"),
    ("http/0x7f000001:{up}/", 400, "bad_target"),
    ("http/127.1:{up}/", 400, "bad_target"),
    ("http/127.0.0.%31:{up}/", 400, "bad_target"),
    // Userinfo, percent-encoding, dots, control characters.
    ("https/user@mongodb.aliyuncs.com/", 400, "bad_target"),
    ("https/mongodb.aliyuncs.com:443@evil.com/", 400, "bad_target"),
    ("https/mongodb.aliyuncs.com%2F@evil.com/", 400, "bad_target"),
    ("https/evil.com%2Fmongodb.aliyuncs.com/", 400, "bad_target"),
    ("https/mongodb%2Ealiyuncs.com/", 400, "bad_target"),
    ("https/mongodb.aliyuncs.com%0D%0AX-Injected:1/", 400, "bad_target"),
    ("https/mongodb.aliyuncs.com%00/", 400, "bad_target"),
    ("https/mongodb.aliyuncs.com./", 400, "bad_target"),
    ("https/mongodb..aliyuncs.com/", 400, "bad_target"),
    ("https/.aliyuncs.com/", 400, "bad_target"),
    ("https/*.aliyuncs.com/", 400, "bad_target"),
    ("https//x", 400, "bad_target"),
    ("https", 400, "bad_target"),
    ("https/mongodb.aliyuncs.com/a/../b", 400, "bad_target"),
    ("https/mongodb.aliyuncs.com/%2e%2E/b", 400, "bad_target"),
    ("https/mongodb.aliyuncs.com\\evil.com/", 400, "bad_target"),
    ("https/mongodb.aliyuncs.com/a\\..\\b", 400, "bad_target"),
    ("https/evil.com?.aliyuncs.com/", 403, "target_not_allowed"),
];

#[tokio::test]
async fn hostile_targets_are_refused_and_reach_nothing() {
    let (up, log) = stub().await;
    let other = common::closed_port().await;
    let (cfg, _dir) = config(&[format!("http://{up}")]);
    let proxy = spawn_proxy(cfg).await;
    assert!(HOSTILE.len() >= 30);
    for (case, status, code) in HOSTILE {
        let target = case
            .replace("{up}", &up.port().to_string())
            .replace("{other}", &other.port().to_string());
        let reply = get(proxy, &format!("/proxy/{target}")).await;
        assert_eq!(reply.status, *status, "{target}");
        assert_eq!(reply.proxy_error().as_deref(), Some(*code), "{target}");
        assert_eq!(reply.header("content-type"), Some("application/json"));
    }
    assert!(
        log.lock().expect("lock").is_empty(),
        "a hostile target reached the stub"
    );

    let ok = get(proxy, &format!("/proxy/http/{up}/ok")).await;
    assert_eq!(ok.status, 200);
    let ok = get(proxy, &format!("/proxy/HTTP/{up}/ok")).await;
    assert_eq!(ok.status, 200, "scheme is case-insensitive");
    assert_eq!(log.lock().expect("lock").len(), 2);
}

#[tokio::test]
async fn nothing_but_the_defaults_without_configuration() {
    let (up, log) = stub().await;
    let (cfg, _dir) = config(&[]);
    let proxy = spawn_proxy(cfg).await;
    let reply = get(proxy, &format!("/proxy/http/{up}/")).await;
    assert_eq!(
        (reply.status, reply.proxy_error().as_deref()),
        (403, Some("target_not_allowed"))
    );
    assert!(log.lock().expect("lock").is_empty());
    for bare in ["/proxy", "/proxy/"] {
        let reply = get(proxy, bare).await;
        assert_eq!(
            (reply.status, reply.proxy_error().as_deref()),
            (400, Some("bad_target")),
            "{bare}"
        );
    }
    let app = get(proxy, "/op/anything").await;
    assert_eq!(app.status, 200, "the app is still served beside the proxy");
}
