//! Reading what a successful cloud reply says about the call: the request id support will ask for, and
//! the TaurusDB job id that tracks an accepted upgrade.

use serde_json::Value;

/// The request id, from the body (`RequestId`, `request_id`) or the headers (`x-acs-request-id`,
/// `X-Request-Id`), in that order.
#[must_use]
pub fn request_id(headers: &[(String, String)], body: &str) -> Option<String> {
    let json: Option<Value> = serde_json::from_str(body).ok();
    json.as_ref()
        .and_then(|j| {
            ["RequestId", "request_id", "requestId"]
                .iter()
                .find_map(|k| j.get(*k)?.as_str())
        })
        .map(str::to_owned)
        .or_else(|| {
            headers
                .iter()
                .find(|(n, _)| {
                    n.eq_ignore_ascii_case("x-acs-request-id")
                        || n.eq_ignore_ascii_case("x-request-id")
                })
                .map(|(_, v)| v.clone())
        })
}

/// The job id TaurusDB returns for an accepted batch upgrade (`job_id`, or per-instance `job_ids`).
#[must_use]
pub fn job_ids(body: &str) -> Vec<String> {
    let Ok(json) = serde_json::from_str::<Value>(body) else {
        return Vec::new();
    };
    let mut out: Vec<String> = json
        .get("job_id")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .into_iter()
        .collect();
    if let Some(items) = json.get("job_ids").and_then(Value::as_array) {
        out.extend(items.iter().filter_map(|v| v.as_str().map(str::to_owned)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_id_from_body_then_headers() {
        let h = vec![("X-Request-Id".to_owned(), "hdr".to_owned())];
        assert_eq!(request_id(&h, r#"{"RequestId":"A"}"#).as_deref(), Some("A"));
        assert_eq!(
            request_id(&h, r#"{"request_id":"B"}"#).as_deref(),
            Some("B")
        );
        assert_eq!(request_id(&h, "not json").as_deref(), Some("hdr"));
        assert_eq!(request_id(&[], "{}"), None);
    }

    #[test]
    fn job_ids_are_collected() {
        assert_eq!(job_ids(r#"{"job_id":"j1"}"#), vec!["j1"]);
        assert_eq!(job_ids(r#"{"job_ids":["a","b"]}"#), vec!["a", "b"]);
        assert!(job_ids("[]").is_empty());
    }
}
