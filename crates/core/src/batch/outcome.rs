//! Sorting a write call's reply into what it means for exactly-once: accepted, refused before anything
//! was applied (safe to send again), refused for good, or unclear (it may have been applied, so it must
//! be settled by reading, never resent blind).

use serde_json::Value;

use crate::reply;

/// What a write call's reply means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The cloud took the call.
    Accepted {
        /// Its request id.
        request_id: Option<String>,
        /// TaurusDB job id.
        job_id: Option<String>,
    },
    /// Denied before anything happened (throttling, proxy overload, upstream unreachable): resend later.
    Throttled {
        /// The code, for the timeline.
        code: String,
    },
    /// Refused for good (a 4xx with a reason): resending would not help.
    Rejected {
        /// Cloud error code.
        code: String,
        /// Cloud message.
        message: String,
    },
    /// No clear answer (5xx, gateway timeout, connection reset, network failure): may have applied.
    Unclear {
        /// What was seen.
        detail: String,
    },
    /// The proxy refused to forward (allowlist, malformed): the cloud never saw it.
    NotSent {
        /// The proxy's message.
        detail: String,
    },
}

const THROTTLE_CODES: [&str; 5] = [
    "Throttling",
    "Throttling.User",
    "Throttling.Api",
    "APIGW.0308",
    "ServiceUnavailable.Throttling",
];

fn field(json: &Value, names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|n| json.get(*n)?.as_str())
        .map(str::to_owned)
}

/// Classifies a cloud (or sandbox) reply to a write call.
#[must_use]
pub fn classify(status: u16, headers: &[(String, String)], body: &str) -> Outcome {
    let json: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let code = field(&json, &["Code", "code", "error_code"]).unwrap_or_default();
    if (200..300).contains(&status) {
        if let Some(u) = reply::unreadable(status, headers, body) {
            // A 200 that is not the cloud's JSON (a portal's login page, a gateway's HTML): no proof
            // the cloud took the call.
            return Outcome::Unclear {
                detail: format!("HTTP {status} but not a cloud answer ({})", u.code()),
            };
        }
        return Outcome::Accepted {
            request_id: reply::request_id(headers, body),
            job_id: reply::job_ids(body).into_iter().next(),
        };
    }
    if status == 429 || THROTTLE_CODES.iter().any(|t| code == *t) || code.starts_with("Throttling")
    {
        return Outcome::Throttled {
            code: if code.is_empty() {
                format!("HTTP {status}")
            } else {
                code
            },
        };
    }
    if (400..500).contains(&status) && !code.is_empty() {
        let message = field(&json, &["Message", "message", "error_msg"]).unwrap_or_default();
        return Outcome::Rejected { code, message };
    }
    let what = if code.is_empty() {
        "no error code".to_owned()
    } else {
        code
    };
    Outcome::Unclear {
        detail: format!("HTTP {status} ({what}): the call may or may not have been applied"),
    }
}

/// Classifies a refusal by the proxy (its `X-Proxy-Error` code).
#[must_use]
pub fn classify_proxy(code: &str, message: &str) -> Outcome {
    match code {
        "overloaded" | "upstream_connect_failed" => Outcome::Throttled {
            code: code.to_owned(),
        },
        // Refused before forwarding: the cloud never saw the call.
        "target_not_allowed" | "bad_target" | "origin_not_allowed" | "method_not_allowed"
        | "body_too_large" | "bad_request_body" => Outcome::NotSent {
            detail: format!("{code}: {message}"),
        },
        // Timeouts, resets, bad bytes, and any code this build does not know: it may have been applied.
        _ => Outcome::Unclear {
            detail: format!("{code}: {message}"),
        },
    }
}

/// A failure before any answer (network down, CORS): the request may have reached the proxy.
#[must_use]
pub fn classify_network(detail: &str) -> Outcome {
    Outcome::Unclear {
        detail: format!("no answer ({detail})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_sort_into_exactly_once_classes() {
        let ok = classify(200, &[], r#"{"RequestId":"R1"}"#);
        assert_eq!(
            ok,
            Outcome::Accepted {
                request_id: Some("R1".into()),
                job_id: None
            }
        );
        let t = classify(400, &[], r#"{"Code":"Throttling.User","Message":"x"}"#);
        assert!(matches!(t, Outcome::Throttled { .. }));
        assert!(matches!(
            classify(429, &[], "{}"),
            Outcome::Throttled { .. }
        ));
        let r = classify(
            403,
            &[],
            r#"{"Code":"IncorrectDBInstanceState","Message":"busy"}"#,
        );
        assert!(
            matches!(r, Outcome::Rejected { ref code, .. } if code == "IncorrectDBInstanceState")
        );
        assert!(matches!(classify(500, &[], "{}"), Outcome::Unclear { .. }));
        assert!(matches!(
            classify(504, &[], "<html>"),
            Outcome::Unclear { .. }
        ));
        let h = classify(
            400,
            &[],
            r#"{"error_code":"DBS.200019","error_msg":"busy"}"#,
        );
        assert!(matches!(h, Outcome::Rejected { ref message, .. } if message == "busy"));
        assert!(matches!(
            classify_proxy("overloaded", ""),
            Outcome::Throttled { .. }
        ));
        assert!(matches!(
            classify_proxy("upstream_timeout", ""),
            Outcome::Unclear { .. }
        ));
        assert!(matches!(
            classify_proxy("target_not_allowed", ""),
            Outcome::NotSent { .. }
        ));
    }
}
