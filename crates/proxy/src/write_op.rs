//! Which forwarded requests are write operations, and what the audit log says about them.
//!
//! A write is an Alibaba action that does not start with Describe/List/Show/Get (the action comes from
//! `x-acs-action`, else the `Action` query or form parameter), or, for path-style APIs without an action,
//! POST/PUT/PATCH/DELETE except IAM token requests (`/v3/auth/tokens`). Instance ids come from the
//! `DBInstanceId`/`InstanceId` parameters, the path segment after `instances` when it holds a digit
//! (Elasticsearch, TaurusDB), and `instance_id` / `instance_ids` values in a JSON body (TaurusDB batches).
//! Nothing else from the request is copied out: parameters and bodies carry signatures and passwords.

use axum::http::{HeaderMap, Method};

use crate::target::Target;

/// Prefixes of read-only Alibaba actions.
const READ_PREFIXES: [&str; 4] = ["Describe", "List", "Show", "Get"];
/// Query/form parameters that name instances.
const ID_PARAMS: [&str; 2] = ["DBInstanceId", "InstanceId"];
/// Longest value copied into the log, so a hostile request cannot bloat it.
const MAX_VALUE: usize = 128;

/// A request recognised as a write, before the reply is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOp {
    /// `UpgradeDBInstanceKernelVersion`, or `POST /v3/{project}/instances/{id}/...` for path APIs.
    pub operation: String,
    /// Instance ids found in the parameters, path or body.
    pub instance_ids: Vec<String>,
}

/// Returns the write operation this request performs, or `None` for reads.
#[must_use]
pub fn classify(method: &Method, t: &Target, headers: &HeaderMap, body: &[u8]) -> Option<WriteOp> {
    let form = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let mut params = pairs(t.query.as_deref().unwrap_or(""));
    if form {
        params.extend(pairs(std::str::from_utf8(body).unwrap_or("")));
    }
    let action = headers
        .get("x-acs-action")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| {
            params
                .iter()
                .find(|(k, _)| k == "Action")
                .map(|(_, v)| v.clone())
        });
    let operation = match action {
        Some(a) if READ_PREFIXES.iter().any(|p| a.starts_with(p)) => return None,
        Some(a) => a,
        None => {
            let writes = [Method::POST, Method::PUT, Method::PATCH, Method::DELETE];
            if !writes.contains(method) || t.path.contains("/auth/tokens") {
                return None;
            }
            format!("{method} {}", t.path)
        }
    };
    let mut ids: Vec<String> = params
        .into_iter()
        .filter(|(k, _)| ID_PARAMS.contains(&k.as_str()))
        .map(|(_, v)| v)
        .collect();
    let segs: Vec<&str> = t.path.split('/').collect();
    for w in segs.windows(2) {
        // Instance ids carry digits; words such as `database-version` or `batch-upgrade` do not.
        if w[0] == "instances" && w[1].bytes().any(|b| b.is_ascii_digit()) {
            ids.push(decode(w[1]));
        }
    }
    if let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) {
        collect_json_ids(&json, &mut ids);
    }
    let mut instance_ids: Vec<String> = Vec::new();
    for id in ids {
        let id: String = id.chars().take(MAX_VALUE).collect();
        if !id.is_empty() && !instance_ids.contains(&id) && instance_ids.len() < 50 {
            instance_ids.push(id);
        }
    }
    Some(WriteOp {
        operation: operation.chars().take(MAX_VALUE).collect(),
        instance_ids,
    })
}

/// The cloud's request id: Alibaba `x-acs-request-id`, Huawei `X-Request-Id`, else `RequestId` /
/// `request_id` at the top of a small JSON body.
#[must_use]
pub fn request_id(headers: &HeaderMap, body: Option<&[u8]>) -> Option<String> {
    let from_header = ["x-acs-request-id", "x-request-id"]
        .iter()
        .find_map(|h| headers.get(*h).and_then(|v| v.to_str().ok()));
    let id = match from_header {
        Some(id) => id.to_owned(),
        None => {
            let json: serde_json::Value = serde_json::from_slice(body?).ok()?;
            let v = json.get("RequestId").or_else(|| json.get("request_id"))?;
            v.as_str()?.to_owned()
        }
    };
    Some(id.chars().take(MAX_VALUE).collect())
}

/// `instance_id` string values anywhere in the body, and `instance_ids` string arrays (TaurusDB).
fn collect_json_ids(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("instance_id", serde_json::Value::String(s)) => out.push(s.clone()),
                    ("instance_ids", serde_json::Value::Array(a)) => {
                        out.extend(a.iter().filter_map(|x| x.as_str().map(str::to_owned)));
                    }
                    _ => collect_json_ids(v, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_json_ids(x, out)),
        _ => {}
    }
}

/// `a=1&b=%2F` → decoded pairs.
fn pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-decoding (`+` as space, as in forms); invalid escapes are kept literally.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match b[i] {
            b'%' if i + 2 < b.len() => {
                if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                    out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                    i += 3;
                } else {
                    out.push(b'%');
                    i += 1;
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::parse;

    const DDS: &str = "/proxy/https/mongodb.aliyuncs.com/";
    const ES: &str = "/proxy/https/elasticsearch.cn-hangzhou.aliyuncs.com/openapi/instances/es-cn-1/actions/upgrade";
    const HW: &str = "/proxy/https/gaussdb.cn-north-4.myhuaweicloud.com/v3/p1/instances/database-version/upgrade";
    const HW_BODY: &str =
        r#"{"databases_instance_infos":[{"instance_id":"a1in07"},{"instance_id":"b2in07"}]}"#;
    const FORM: &str = "application/x-www-form-urlencoded";

    /// (method, path, query, header (name, value), body, expected (operation, ids) or None for reads)
    type Case<'a> = (
        Method,
        &'a str,
        Option<&'a str>,
        Option<(&'a str, &'a str)>,
        &'a str,
        Option<(&'a str, &'a [&'a str])>,
    );

    #[test]
    fn recognises_writes_and_their_instances() {
        let upgrade = "Action=UpgradeDBInstanceKernelVersion&DBInstanceId=dds-1%2Dx&Signature=s";
        #[rustfmt::skip]
        let cases: [Case<'_>; 8] = [
            (Method::POST, DDS, Some("Action=DescribeDBInstances"), None, "", None),
            (Method::POST, DDS, Some(upgrade), None, "", Some(("UpgradeDBInstanceKernelVersion", &["dds-1-x"]))),
            (Method::POST, DDS, None, Some(("content-type", FORM)), "Action=ModifyX&InstanceId=r-9", Some(("ModifyX", &["r-9"]))),
            (Method::POST, ES, None, Some(("x-acs-action", "UpgradeEngineVersion")), "{}", Some(("UpgradeEngineVersion", &["es-cn-1"]))),
            (Method::GET, ES, None, Some(("x-acs-action", "DescribeInstance")), "", None),
            (Method::POST, HW, None, None, HW_BODY, Some(("POST /v3/p1/instances/database-version/upgrade", &["a1in07", "b2in07"]))),
            (Method::GET, HW, None, None, "", None),
            (Method::POST, "/proxy/https/iam.myhuaweicloud.com/v3/auth/tokens", None, None, "{}", None),
        ];
        for (method, path, query, header, body, want) in cases {
            let mut h = HeaderMap::new();
            if let Some((k, v)) = header {
                h.insert(k, v.parse().expect("value"));
            }
            let got = classify(
                &method,
                &parse(path, query).expect("target"),
                &h,
                body.as_bytes(),
            );
            let want = want.map(|(op, ids)| WriteOp {
                operation: op.to_owned(),
                instance_ids: ids.iter().map(|s| (*s).to_owned()).collect(),
            });
            assert_eq!(got, want, "{method} {path}");
        }
    }

    #[test]
    fn request_id_from_header_or_small_json_body() {
        let mut h = HeaderMap::new();
        assert_eq!(
            request_id(&h, Some(br#"{"RequestId":"R-1"}"#)).as_deref(),
            Some("R-1")
        );
        assert_eq!(
            request_id(&h, Some(br#"{"request_id":"r2"}"#)).as_deref(),
            Some("r2")
        );
        assert_eq!(request_id(&h, Some(b"not json")), None);
        h.insert("x-acs-request-id", "H-1".parse().expect("v"));
        assert_eq!(request_id(&h, None).as_deref(), Some("H-1"));
        assert_eq!(
            (decode("a%2"), decode("a+b%20c%zz")),
            ("a%2".into(), "a b c%zz".into())
        );
    }
}
