//! Test harness: a sandbox on a manual clock behind a real loopback socket, plus helpers that sign
//! requests with `console_core`'s signers exactly as the console does and send them with reqwest.
#![allow(dead_code, unreachable_pub)]

use std::sync::atomic::{AtomicU64, Ordering};

use console_core::sign::{
    sign_acs3, sign_huawei, sign_rpc_v1, Acs3Params, Acs3Signed, Credentials, HuaweiParams,
    HuaweiSigned, OutgoingRequest, RpcV1Params, RpcV1Signed, SigningTime, UnsignedRequest,
};
use console_sandbox::{serve_sandbox, ManualClock, Sandbox, SandboxConfig, DEMO_CREDENTIALS};
use serde_json::Value;

mod answer;
pub use answer::Answer;

/// 2024-05-01T08:00:00Z.
pub const T0: i64 = 1_714_550_400;
pub const DDS: &str = "2015-12-01";
pub const REDIS: &str = "2015-01-01";
pub const ES: &str = "2017-06-13";

pub struct Harness {
    pub host: String,
    pub dial: ManualClock,
    pub sandbox: Sandbox,
    client: reqwest::Client,
    nonce: AtomicU64,
}

pub fn alibaba() -> Credentials {
    let a = DEMO_CREDENTIALS.alibaba;
    Credentials::new(a.access_key_id, a.access_key_secret)
}

pub fn huawei() -> Credentials {
    let h = DEMO_CREDENTIALS.huawei;
    Credentials::new(h.access_key, h.secret_key)
}

pub fn project(region: &str) -> &'static str {
    DEMO_CREDENTIALS
        .huawei
        .projects
        .iter()
        .find(|p| p.region == region)
        .map(|p| p.project_id)
        .expect("known region")
}

/// TaurusDB instance id number `n` of the seed.
pub fn taurus_id(n: u64) -> String {
    format!("5a4db0c5{n:024x}in07")
}

impl Harness {
    pub async fn start() -> Self {
        Self::start_with(SandboxConfig::default()).await
    }

    pub async fn start_with(cfg: SandboxConfig) -> Self {
        let dial = ManualClock::new(T0);
        let sandbox = Sandbox::with_clock(cfg, dial.clock()).expect("sandbox");
        Self::serve(sandbox, dial).await
    }

    pub async fn serve(sandbox: Sandbox, dial: ManualClock) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let host = listener.local_addr().expect("addr").to_string();
        tokio::spawn(serve_sandbox(listener, sandbox.clone()));
        Self {
            host,
            dial,
            sandbox,
            client: reqwest::Client::new(),
            nonce: AtomicU64::new(0),
        }
    }

    pub fn time(&self) -> SigningTime {
        SigningTime::from_unix_seconds(self.dial.now()).expect("time")
    }

    pub fn nonce(&self) -> String {
        format!("nonce-{}", self.nonce.fetch_add(1, Ordering::SeqCst))
    }

    /// Sends exactly what a signer produced (the `Host` header comes from the URL, as in a browser).
    pub async fn send(&self, out: &OutgoingRequest) -> Answer {
        let url = format!("http://{}{}", self.host, out.path_and_query);
        let method = reqwest::Method::from_bytes(out.method.as_bytes()).expect("method");
        let mut rb = self.client.request(method, url).body(out.body.clone());
        for (n, v) in out.fetch_headers() {
            rb = rb.header(n, v);
        }
        let resp = rb.send().await.expect("send");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get_json(&self, path: &str) -> Value {
        let url = format!("http://{}{path}", self.host);
        let text = self
            .client
            .get(url)
            .send()
            .await
            .expect("send")
            .text()
            .await
            .expect("body");
        serde_json::from_str(&text).expect("json")
    }

    pub async fn post_json(&self, path: &str, body: &str) -> (u16, Value) {
        let url = format!("http://{}{path}", self.host);
        let r = self
            .client
            .post(url)
            .body(body.to_owned())
            .send()
            .await
            .expect("send");
        let status = r.status().as_u16();
        let text = r.text().await.expect("body");
        (status, serde_json::from_str(&text).expect("json"))
    }

    pub fn rpc_v1_signed(
        &self,
        creds: &Credentials,
        version: &str,
        action: &str,
        params: &[(&str, &str)],
    ) -> RpcV1Signed {
        let mut req = UnsignedRequest::new("POST", self.host.clone(), "/");
        for (n, v) in params {
            req = req.with_query(*n, *v);
        }
        let nonce = self.nonce();
        let p = RpcV1Params::new(action, version, &nonce, self.time());
        sign_rpc_v1(&req, creds, &p).expect("sign")
    }

    pub fn acs3_signed(
        &self,
        creds: &Credentials,
        version: &str,
        action: &str,
        req: UnsignedRequest,
    ) -> Acs3Signed {
        let nonce = self.nonce();
        sign_acs3(
            &req,
            creds,
            &Acs3Params::new(action, version, &nonce, self.time()),
        )
        .expect("sign")
    }

    /// An RPC call (Dds / R-kvstore) signed with V3, the console's default.
    pub async fn rpc(&self, version: &str, action: &str, params: &[(&str, &str)]) -> Answer {
        let mut req = UnsignedRequest::new("POST", self.host.clone(), "/");
        for (n, v) in params {
            req = req.with_query(*n, *v);
        }
        self.send(&self.acs3_signed(&alibaba(), version, action, req).request)
            .await
    }

    /// An Elasticsearch call signed with V3.
    pub async fn es(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: &str,
        action: &str,
    ) -> Answer {
        let mut req = UnsignedRequest::new(method, self.host.clone(), path);
        for (n, v) in query {
            req = req.with_query(*n, *v);
        }
        if !body.is_empty() {
            req = req
                .with_header("content-type", "application/json; charset=utf-8")
                .with_body(body);
        }
        self.send(&self.acs3_signed(&alibaba(), ES, action, req).request)
            .await
    }

    pub fn huawei_signed(
        &self,
        creds: &Credentials,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: &str,
        project_id: Option<&str>,
    ) -> HuaweiSigned {
        let mut req = UnsignedRequest::new(method, self.host.clone(), path);
        for (n, v) in query {
            req = req.with_query(*n, *v);
        }
        if !body.is_empty() {
            req = req
                .with_header("Content-Type", "application/json;charset=UTF-8")
                .with_body(body);
        }
        let p = HuaweiParams {
            time: self.time(),
            project_id,
        };
        sign_huawei(&req, creds, &p).expect("sign")
    }

    /// A TaurusDB call in `region`'s project, AK/SK-signed; `path` is relative to `/v3/{project}`.
    pub async fn taurus(
        &self,
        region: &str,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: &str,
    ) -> Answer {
        let pid = project(region);
        let full = format!("/v3/{pid}{path}");
        self.send(
            &self
                .huawei_signed(&huawei(), method, &full, query, body, Some(pid))
                .request,
        )
        .await
    }

    /// Moves the clock far enough for any started task to finish.
    pub fn finish_tasks(&self) {
        self.dial.advance(600);
    }
}
