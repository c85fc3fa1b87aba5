//! `console-proxy --sandbox --sandbox-fleet N`: the flag reaches the embedded sandbox, whose control
//! endpoints then show and re-create the fleet (`/_sandbox/fleet`) and list upgrades (`/_sandbox/upgrades`).

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{get, raw};

/// The proxy binary; killed when dropped, so a failing assertion leaves no process behind.
struct Proxy(Child);

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary with the sandbox and returns it with the sandbox's address.
fn start(dist: &std::path::Path, fleet: &str) -> (Proxy, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_console-proxy"))
        .args(["--dist", dist.to_str().expect("utf-8 path"), "--port", "0"])
        .args(["--workers", "1", "--sandbox", "--sandbox-fleet", fleet])
        .env_remove("SANDBOX_STATE")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn console-proxy");
    let stdout = child.stdout.take().expect("stdout");
    let proxy = Proxy(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("sandbox: simulated clouds at http://") {
                let addr = rest.split_whitespace().next().unwrap_or("").to_owned();
                let _ = tx.send(addr);
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the proxy announces its sandbox");
    (proxy, addr.parse().expect("sandbox address"))
}

fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).expect("json")
}

#[tokio::test]
async fn fleet_flag_seeds_the_embedded_sandbox() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("index.html"), "<!doctype html>").expect("index");
    let (_proxy, sandbox) = start(dir.path(), "3");

    let fleet = get(sandbox, "/_sandbox/fleet").await;
    assert_eq!(fleet.status, 200);
    let fleet = json(&fleet.body);
    assert_eq!(fleet["per_product"], 3);
    assert_eq!(fleet["ids"]["Dds"][1], "dds-bp1fleet00003");
    assert_eq!(fleet["alibaba_region"], "cn-hangzhou");

    let body = br#"{"per_product": 5}"#;
    let head = format!(
        "POST /_sandbox/fleet HTTP/1.1\r\nHost: {sandbox}\r\nContent-Type: application/json\r\nContent-Length: {}",
        body.len()
    );
    let again = raw(sandbox, &head, body).await;
    assert_eq!(
        (again.status, json(&again.body)["instances"].as_u64()),
        (200, Some(20))
    );
    let upgrades = get(sandbox, "/_sandbox/upgrades").await;
    assert_eq!(json(&upgrades.body), serde_json::json!([]));
}

#[test]
fn fleet_flag_is_bounded() {
    let out = Command::new(env!("CARGO_BIN_EXE_console-proxy"))
        .args(["--sandbox", "--sandbox-fleet", "999999", "--port", "0"])
        .output()
        .expect("run console-proxy");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sandbox-fleet"));
}
