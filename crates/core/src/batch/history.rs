//! The call history kept on the device: every call a batch (or a single form) made, with its outcome
//! and request id, never a secret. Filterable, and exported as CSV (spreadsheet-safe) or JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::sign::SigningTime;

/// One call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Unix ms.
    pub at_ms: i64,
    /// `alibaba` or `huawei`.
    pub cloud: String,
    /// API name (`UpgradeDBInstanceEngineVersion`…).
    pub operation: String,
    /// Instance id(s) the call was about.
    pub instance: String,
    /// The call's parameters, with anything credential-like removed ([`redact`]).
    pub params: BTreeMap<String, String>,
    /// Request id from the reply.
    pub request_id: Option<String>,
    /// `accepted`, `throttled`, `rejected: …`, `unknown: …`.
    pub outcome: String,
}

const SECRET_HINTS: [&str; 7] = [
    "secret",
    "password",
    "signature",
    "securitytoken",
    "x-auth-token",
    "authorization",
    "accesskey",
];

/// Drops parameters whose names suggest credentials (the signing parameters are never in a form, but
/// history must stay safe even if a future form adds one). `clientToken` is an idempotency key, kept.
#[must_use]
pub fn redact(params: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    params
        .iter()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !SECRET_HINTS.iter().any(|h| k.contains(h))
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// What the history view filters by; empty strings match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Substring of the instance id.
    pub instance: String,
    /// Substring of the API name.
    pub operation: String,
    /// Substring of the outcome.
    pub outcome: String,
}

impl Filter {
    /// Whether `r` passes (case-insensitive substrings).
    #[must_use]
    pub fn matches(&self, r: &Record) -> bool {
        let has = |hay: &str, needle: &str| {
            needle.trim().is_empty() || hay.to_lowercase().contains(&needle.trim().to_lowercase())
        };
        has(&r.instance, &self.instance)
            && has(&r.operation, &self.operation)
            && has(&r.outcome, &self.outcome)
    }
}

/// Unix ms as ISO-8601 UTC (`2026-11-23T08:00:00Z`), the time format of the exports and the view.
#[must_use]
pub fn iso(at_ms: i64) -> String {
    SigningTime::from_unix_seconds(at_ms.div_euclid(1000))
        .map_or_else(|_| at_ms.to_string(), SigningTime::alibaba)
}

/// One CSV cell: quoted when needed, and a leading `= + - @` defused with `'` so a spreadsheet does not
/// run it as a formula (CSV injection).
fn cell(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_owned()
    };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// RFC 4180 CSV with a header row; parameters as `k=v; k=v`.
#[must_use]
pub fn to_csv(records: &[&Record]) -> String {
    let mut out = String::from("time,cloud,operation,instance,parameters,request_id,outcome\r\n");
    for r in records {
        let params: Vec<String> = r.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let row = [
            iso(r.at_ms),
            r.cloud.clone(),
            r.operation.clone(),
            r.instance.clone(),
            params.join("; "),
            r.request_id.clone().unwrap_or_default(),
            r.outcome.clone(),
        ];
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Pretty JSON array, with an ISO `time` next to `at_ms`.
#[must_use]
pub fn to_json(records: &[&Record]) -> String {
    let list: Vec<serde_json::Value> = records
        .iter()
        .map(|r| {
            let mut v = serde_json::to_value(r).unwrap_or_default();
            v["time"] = serde_json::Value::String(iso(r.at_ms));
            v
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(instance: &str, outcome: &str) -> Record {
        let mut params = BTreeMap::new();
        params.insert("DBInstanceId".into(), instance.into());
        params.insert("AccessKeySecret".into(), "s3cr3t".into());
        params.insert("clientToken".into(), "tok".into());
        Record {
            at_ms: 1_700_000_000_000,
            cloud: "alibaba".into(),
            operation: "UpgradeDBInstanceEngineVersion".into(),
            instance: instance.into(),
            params: redact(&params),
            request_id: Some("R-1".into()),
            outcome: outcome.into(),
        }
    }

    #[test]
    fn csv_is_safe_and_quoted() {
        let a = rec("dds-1", "=HYPERLINK(\"x\")");
        let b = rec("dds-2", "accepted, later done");
        let csv = to_csv(&[&a, &b]);
        assert!(!csv.contains("s3cr3t"));
        assert!(csv.contains("clientToken=tok"));
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""));
        assert!(csv.contains("\"accepted, later done\""));
        assert!(csv.starts_with("time,"));
        assert!(csv.contains("2023-11-14T22:13:20Z"));
        let json = to_json(&[&a]);
        assert!(json.contains("\"time\": \"2023-11-14T22:13:20Z\""));
        let f = Filter {
            instance: "DDS-2".into(),
            ..Filter::default()
        };
        assert!(f.matches(&b) && !f.matches(&a));
    }
}
