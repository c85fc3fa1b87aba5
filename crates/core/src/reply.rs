//! Reading what a successful cloud reply says about the call: the request id support will ask for, and
//! the TaurusDB job id that tracks an accepted upgrade. And, before any of that, whether the reply is a
//! cloud API answer at all ([`unreadable`]): the clouds always answer JSON, so an HTML page (a corporate
//! proxy's or gateway's error page, a login portal) or other bytes mean that something else answered,
//! and a `200` of that kind must not be shown as an accepted upgrade.

use serde_json::Value;

use crate::i18n::{Lang, Text};

/// A reply body that is not a cloud API answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// An HTML page, with its `<title>` when it has one.
    Html {
        /// HTTP status of the reply.
        status: u16,
        /// The page title (whitespace collapsed, at most 120 characters).
        title: Option<String>,
    },
    /// Something that is neither JSON nor HTML.
    NotJson {
        /// HTTP status of the reply.
        status: u16,
        /// The `Content-Type` the reply claimed (`-` when it had none).
        content_type: String,
        /// Body length in bytes.
        len: usize,
        /// The first characters, control characters escaped, for the bug report.
        start: String,
    },
}

impl Unreadable {
    /// A stable code (`html`, `not-json`).
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Html { .. } => "html",
            Self::NotJson { .. } => "not-json",
        }
    }

    /// A short heading.
    #[must_use]
    pub fn title(&self, lang: Lang) -> &'static str {
        match self {
            Self::Html { .. } => Text::new(
                "An HTML page answered, not the cloud API",
                "应答是 HTML 页面，而不是云 API",
            ),
            Self::NotJson { .. } => Text::new("The answer cannot be read", "无法解析应答"),
        }
        .get(lang)
    }

    /// What happened and what to do, in one paragraph.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Html { status, title }, Lang::En) => format!(
                "HTTP {status}{}: an HTML page came back instead of the cloud's JSON. Something between \
                 the proxy and the cloud (a corporate proxy, gateway or login page) answered, so the call \
                 may not have reached the cloud. Check the instance's state before sending it again.",
                title.as_ref().map(|t| format!(" “{t}”")).unwrap_or_default()
            ),
            (Self::Html { status, title }, Lang::Zh) => format!(
                "HTTP {status}{}：返回的是 HTML 页面，而不是云端的 JSON。代理与云之间的设备（企业代理、网关或登录页）作了应答，调用可能没有到达云端。再次发送前请先检查实例状态。",
                title.as_ref().map(|t| format!(" “{t}”")).unwrap_or_default()
            ),
            (
                Self::NotJson {
                    status,
                    content_type,
                    len,
                    start,
                },
                Lang::En,
            ) => format!(
                "HTTP {status}, {content_type}, {len} bytes that are not JSON, so the answer cannot be \
                 read and it is unknown whether the call was carried out. Check the instance's state \
                 before sending it again. The answer starts: {start}"
            ),
            (
                Self::NotJson {
                    status,
                    content_type,
                    len,
                    start,
                },
                Lang::Zh,
            ) => format!(
                "HTTP {status}，{content_type}，{len} 字节，不是 JSON：无法解析应答，不确定调用是否已执行。再次发送前请先检查实例状态。应答开头：{start}"
            ),
        }
    }
}

/// `Some` when `body` is not a cloud API answer (see the module docs). An empty body is left to the
/// caller (it carries no claim either way); JSON of any shape is readable.
#[must_use]
pub fn unreadable(status: u16, headers: &[(String, String)], body: &str) -> Option<Unreadable> {
    let trimmed = body.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.is_empty() || serde_json::from_str::<serde::de::IgnoredAny>(body).is_ok() {
        return None;
    }
    let content_type = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map_or("-", |(_, v)| v.as_str());
    let head: String = trimmed
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    let html = content_type.to_ascii_lowercase().contains("html")
        || ["<!doctype html", "<html", "<head", "<body", "<title"]
            .iter()
            .any(|t| head.starts_with(t) || head.contains(t));
    if html {
        return Some(Unreadable::Html {
            status,
            title: html_title(body),
        });
    }
    let start: String = trimmed
        .chars()
        .take(80)
        .flat_map(char::escape_debug)
        .collect();
    Some(Unreadable::NotJson {
        status,
        content_type: content_type.to_owned(),
        len: body.len(),
        start,
    })
}

/// The text of the first `<title>` (tags are not parsed further; entities are left as they are).
fn html_title(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let after = open + lower[open..].find('>')? + 1;
    let end = after + lower[after..].find("</title")?;
    let title: String = body[after..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(120)
        .collect();
    (!title.is_empty()).then_some(title)
}

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
    fn replies_that_are_not_api_answers_are_told_apart() {
        let h = |ct: &str| vec![("Content-Type".to_owned(), ct.to_owned())];
        assert_eq!(
            unreadable(200, &h("application/json"), r#"{"RequestId":"A"}"#),
            None
        );
        assert_eq!(unreadable(200, &[], " [1, 2] "), None);
        assert_eq!(unreadable(200, &[], ""), None);
        assert_eq!(unreadable(502, &h("text/html"), " \n"), None);
        let page = "<!DOCTYPE html><html><head><TITLE>\n 502 Bad   Gateway </title></head><body>nginx</body></html>";
        assert_eq!(
            unreadable(502, &h("text/html; charset=utf-8"), page),
            Some(Unreadable::Html {
                status: 502,
                title: Some("502 Bad Gateway".into())
            })
        );
        // No content type, no title: still HTML by its first tag.
        assert_eq!(
            unreadable(502, &[], "<html><body>Access denied</body></html>"),
            Some(Unreadable::Html {
                status: 502,
                title: None
            })
        );
        let Some(u @ Unreadable::NotJson { .. }) =
            unreadable(200, &h("text/plain"), "OK\u{1}\u{7f}not json at all")
        else {
            panic!("not JSON");
        };
        assert_eq!(u.code(), "not-json");
        let en = u.message(Lang::En);
        assert!(
            en.starts_with("HTTP 200, text/plain, 19 bytes that are not JSON"),
            "{en}"
        );
        assert!(
            en.ends_with(r"The answer starts: OK\u{1}\u{7f}not json at all"),
            "{en}"
        );
        // A JSON-looking start is not enough.
        assert!(unreadable(200, &[], r#"{"RequestId":"A""#).is_some());
        for lang in Lang::ALL {
            let html = Unreadable::Html {
                status: 502,
                title: Some("t".into()),
            };
            assert!(html.message(lang).contains("HTTP 502"));
            assert_ne!(html.title(lang), u.title(lang));
        }
    }

    #[test]
    fn job_ids_are_collected() {
        assert_eq!(job_ids(r#"{"job_id":"j1"}"#), vec!["j1"]);
        assert_eq!(job_ids(r#"{"job_ids":["a","b"]}"#), vec!["a", "b"]);
        assert!(job_ids("[]").is_empty());
    }
}
