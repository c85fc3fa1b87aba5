//! One cloud request from start to finish, without HTTP types: draw a fault, bring tasks up to the
//! clock, hand the request to its front (Alibaba RPC, Elasticsearch, Huawei), journal what an accepted
//! write added, maybe lose its reply (the `lost_reply_rate` fault), and render the answer in the cloud's
//! shape.

use console_core::sign::SigningTime;
use serde_json::Value;

use crate::api::{es, huawei, rpc, Ctx, Reply};
use crate::error::{ApiError, Family};
use crate::faults::{fault_error, lost_reply_error};
use crate::incoming::Incoming;
use crate::persist::Marks;
use crate::sandbox::{Core, Sandbox};

/// A rendered answer: status, headers, JSON body.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Value,
}

/// Which front serves a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Front {
    Rpc,
    Elasticsearch,
    Huawei,
    Unknown,
}

fn front(path: &str) -> Front {
    if path == "/" || path.is_empty() {
        Front::Rpc
    } else if path.starts_with("/openapi/") || path == "/openapi" {
        Front::Elasticsearch
    } else if path.starts_with("/v3/") || path.starts_with("/v3.1/") {
        Front::Huawei
    } else {
        Front::Unknown
    }
}

fn family(front: Front, req: &Incoming) -> Family {
    match front {
        Front::Rpc => Family::Alibaba(rpc::product_of(req)),
        Front::Elasticsearch => Family::Alibaba("elasticsearch"),
        Front::Huawei => Family::Huawei,
        Front::Unknown => Family::Alibaba("OpenAPI"),
    }
}

fn request_id(family: Family, n: u64) -> (String, &'static str) {
    match family {
        Family::Alibaba(_) => (
            format!("5A4DB0C5-0000-4000-8000-{n:012X}"),
            "x-acs-request-id",
        ),
        Family::Huawei | Family::Keystone => {
            (format!("5a4db0c5000040008000{n:012x}"), "X-Request-Id")
        }
    }
}

impl Sandbox {
    /// Serves one cloud API request.
    pub(crate) fn handle(&self, req: &Incoming) -> Answer {
        let now = self.now();
        let mut guard = self.lock();
        let Core {
            world,
            nonces,
            faults,
            journal_lines,
        } = &mut *guard;
        let front = front(&req.path);
        let mut fam = family(front, req);
        let (rid, rid_header) = request_id(fam, world.next_number());
        let marks = Marks::of(world);
        let audited = world.audit.len();

        let (mut result, wrote, canceled) = if let Some(fault) = faults.draw() {
            (Err(fault_error(fault, fam)), false, Vec::new())
        } else {
            world.advance(now);
            let mut ctx = Ctx {
                world,
                now,
                request_id: rid.clone(),
                cfg: self.config(),
                mutated: false,
                canceled: Vec::new(),
            };
            let result = match front {
                Front::Rpc => rpc::handle(&mut ctx, req, nonces),
                Front::Elasticsearch => es::handle(&mut ctx, req, nonces),
                Front::Huawei => {
                    let (f, r) = huawei::handle(&mut ctx, req);
                    fam = f;
                    r
                }
                Front::Unknown => Err(ApiError::new(
                    404,
                    "InvalidApi.NotFound",
                    format!(
                        "Specified api is not found, please check your url and method: {} {}",
                        req.method, req.path
                    ),
                )),
            };
            (result, ctx.mutated, ctx.canceled)
        };
        // Instance statuses follow from tasks and the clock, so only what a write added is journalled.
        if wrote {
            let delta = marks.delta(world, canceled);
            if let Err(e) = self.persist_write(world, journal_lines, &delta) {
                eprintln!("console-sandbox: {e}");
            }
        }
        // The write stays applied and audited; only its answer is lost.
        if world.audit.len() > audited && result.is_ok() && faults.lose_reply() {
            result = Err(lost_reply_error(fam));
        }
        drop(guard);

        let (status, mut headers, body) = match result {
            Ok(Reply {
                status,
                headers,
                body,
            }) => (status, headers, body),
            Err(e) => (e.status, Vec::new(), e.body(fam, &rid, req.host())),
        };
        // An idempotent replay (Elasticsearch clientToken) answers with the original request id.
        let rid = match (fam, body.get("RequestId").and_then(Value::as_str)) {
            (Family::Alibaba(_), Some(original)) => original.to_owned(),
            _ => rid,
        };
        headers.push((rid_header.to_owned(), rid));
        if let Ok(t) = SigningTime::from_unix_seconds(now) {
            headers.push(("Date".to_owned(), t.http_date()));
        }
        Answer {
            status,
            headers,
            body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::config::{Faults, SandboxConfig};

    #[test]
    fn routes_and_renders_errors_in_the_right_shape() {
        let dial = ManualClock::new(1_714_550_400);
        let sb = Sandbox::with_clock(SandboxConfig::default(), dial.clock()).unwrap();
        let get = |path: &str| {
            Incoming::new(
                "GET",
                path,
                "",
                vec![("host".into(), "127.0.0.1:9".into())],
                vec![],
            )
        };
        let a = sb.handle(&get("/nowhere"));
        assert_eq!(
            (a.status, a.body["Code"].as_str()),
            (404, Some("InvalidApi.NotFound"))
        );
        assert_eq!(a.body["HostId"], "127.0.0.1:9");
        let h = sb.handle(&get("/v3/4f0c3ad1b2e94d8c9a7b6e5f4d3c2b1a/instances"));
        assert_eq!(
            (h.status, h.body["error_code"].as_str()),
            (401, Some("APIGW.0301"))
        );
        assert!(h
            .headers
            .iter()
            .any(|(n, v)| n == "Date" && v == "Wed, 01 May 2024 08:00:00 GMT"));
        let r = sb.handle(&get("/"));
        assert_eq!(r.body["Code"], "NoSuchVersion");
        sb.set_faults(Faults {
            throttle_rate: 1.0,
            ..Faults::default()
        })
        .unwrap();
        let t = sb.handle(&get("/v3/projects"));
        assert_eq!(
            (t.status, t.body["error_code"].as_str()),
            (429, Some("APIGW.0308"))
        );
        assert!(sb.audit().is_empty());
    }
}
