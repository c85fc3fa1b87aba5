//! Reading a cloud's error reply: which kind of problem it is, what it means and how to fix it, in
//! English and Chinese (apis.md §D, signing.md §D).
//!
//! Bodies understood: Alibaba `{Code, Message, RequestId, …}`, Huawei `{error_code, error_msg,
//! request_id}` and Keystone `{"error": {code, message, title}}`; anything else is explained from the
//! HTTP status. For `SignatureDoesNotMatch` the server's string to sign (Alibaba) or canonical request
//! (Huawei, `|`-separated in the message) is extracted so the UI can [`crate::diff::diff_lines`] it with
//! ours.

mod text;

use serde::Serialize;
use serde_json::Value as Json;

use crate::catalog::ApiSpec;
use crate::i18n::Lang;

/// The kind of failure, which decides the explanation and the fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Category {
    /// The cloud computed another signature.
    SignatureMismatch {
        /// The server's string to sign (Alibaba) or canonical request (Huawei, one line per `\n`).
        server_string_to_sign: Option<String>,
    },
    /// Timestamp outside the window or malformed.
    ClockSkew,
    /// AccessKey, STS token or IAM token unknown, disabled or expired.
    Credentials,
    /// Valid credentials without the permission.
    Permission {
        /// The RAM/IAM action needed, when known.
        action: Option<String>,
    },
    /// Rate limited.
    Throttling,
    /// A reused signature nonce (replayed request).
    Replay,
    /// Instance or API not found.
    NotFound,
    /// The instance's state, a running task or its type does not allow the call now.
    WrongState,
    /// A parameter missing or rejected.
    InvalidParameter,
    /// The cloud checked the upgrade itself and refused it (Elasticsearch `CssCheckUpdowngradeError`):
    /// not the next version on the path, a downgrade, or failed pre-upgrade checks.
    UpgradeCheckFailed,
    /// The cloud failed (5xx, `ServiceUnavailable`, `InternalError`).
    Unavailable,
    /// The cloud failed while handling a call that changes something ([`explain_write`]): it may or
    /// may not have made the change, so sending it again blind could start a second upgrade.
    OutcomeUnknown,
    /// None of the above.
    Other,
}

impl Category {
    /// Whether sending the same call again later can succeed without changing anything.
    #[must_use]
    pub const fn retryable(&self) -> bool {
        matches!(self, Self::Throttling | Self::Unavailable | Self::Replay)
    }

    /// A stable kebab-case code.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::SignatureMismatch { .. } => "signature-mismatch",
            Self::ClockSkew => "clock-skew",
            Self::Credentials => "credentials",
            Self::Permission { .. } => "permission",
            Self::Throttling => "throttling",
            Self::Replay => "replay",
            Self::NotFound => "not-found",
            Self::WrongState => "wrong-state",
            Self::InvalidParameter => "invalid-parameter",
            Self::UpgradeCheckFailed => "upgrade-check-failed",
            Self::Unavailable => "unavailable",
            Self::OutcomeUnknown => "outcome-unknown",
            Self::Other => "other",
        }
    }
}

/// A cloud error, read and classified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// HTTP status.
    pub status: u16,
    /// The cloud's error code (`SignatureDoesNotMatch`, `APIGW.0301`…).
    pub code: Option<String>,
    /// The cloud's message (or the start of a non-JSON body).
    pub message: Option<String>,
    /// Request id, for support.
    pub request_id: Option<String>,
    /// The classification.
    pub category: Category,
}

impl Explanation {
    /// A short heading.
    #[must_use]
    pub fn title(&self, lang: Lang) -> String {
        text::title(&self.category).get(lang).to_owned()
    }

    /// What happened.
    #[must_use]
    pub fn explanation(&self, lang: Lang) -> String {
        text::explanation(&self.category, lang)
    }

    /// What to do.
    #[must_use]
    pub fn fix(&self, lang: Lang) -> String {
        text::fix(&self.category, lang)
    }
}

/// Classifies an error reply.
#[must_use]
pub fn explain(status: u16, body: &str) -> Explanation {
    let json: Option<Json> = serde_json::from_str(body).ok();
    let get = |keys: &[&str]| -> Option<String> {
        let obj = json.as_ref()?;
        keys.iter().find_map(|k| {
            let v = k.split('.').try_fold(obj, |cur, part| cur.get(part))?;
            match v {
                Json::String(s) if !s.is_empty() => Some(s.clone()),
                Json::Number(n) => Some(n.to_string()),
                _ => None,
            }
        })
    };
    let code = get(&["Code", "code", "error_code", "error.title", "error.code"]);
    let message = get(&["Message", "message", "error_msg", "error.message"]).or_else(|| {
        let t = body.trim();
        (json.is_none() && !t.is_empty()).then(|| t.chars().take(300).collect())
    });
    let request_id = get(&["RequestId", "requestId", "request_id"]);
    let category = classify(status, code.as_deref(), message.as_deref().unwrap_or(""));
    Explanation {
        status,
        code,
        message,
        request_id,
        category,
    }
}

/// [`explain`], naming `spec`'s RAM/IAM action when the cloud did not say which one is missing.
#[must_use]
pub fn explain_for(spec: &ApiSpec, status: u16, body: &str) -> Explanation {
    let mut e = explain(status, body);
    if let Category::Permission { action: None } = e.category {
        e.category = Category::Permission {
            action: Some(spec.permission.to_owned()),
        };
    }
    e
}

/// [`explain_for`] for the reply to a call that changes something (an upgrade, not a read or a dry
/// run). Why apart: "send again in a moment" is the right advice after a failed read, and the wrong one
/// after a failed upgrade, which the cloud may have started before it failed.
#[must_use]
pub fn explain_write(spec: &ApiSpec, status: u16, body: &str) -> Explanation {
    let mut e = explain_for(spec, status, body);
    if e.category == Category::Unavailable {
        e.category = Category::OutcomeUnknown;
    }
    e
}

/// The text after `marker` (case-insensitive), trimmed.
fn after(message: &str, marker: &str) -> Option<String> {
    let at = message
        .to_ascii_lowercase()
        .find(&marker.to_ascii_lowercase())?;
    let rest = message.get(at + marker.len()..)?.trim();
    (!rest.is_empty()).then(|| rest.to_owned())
}

fn classify(status: u16, code: Option<&str>, message: &str) -> Category {
    let c = code.unwrap_or("");
    let m = message.to_ascii_lowercase();
    let apigw = |n: &str| c == format!("APIGW.{n}") || c == format!("APIG.{n}");
    if c == "SignatureDoesNotMatch" || c == "IncompleteSignature" {
        return Category::SignatureMismatch {
            server_string_to_sign: after(message, "server string to sign is:"),
        };
    }
    if apigw("0301") || apigw("0303") {
        if m.contains("signature expired") {
            return Category::ClockSkew;
        }
        if m.contains("signature fail") {
            return Category::SignatureMismatch {
                server_string_to_sign: after(message, "canonicalRequest:")
                    .map(|s| s.replace('|', "\n")),
            };
        }
        return Category::Credentials;
    }
    if c.starts_with("InvalidTimeStamp") || c == "IllegalTimestamp" {
        return Category::ClockSkew;
    }
    if c == "SignatureNonceUsed" {
        return Category::Replay;
    }
    if c.starts_with("InvalidAccessKeyId")
        || c.starts_with("InvalidSecurityToken")
        || c == "MissingSecurityToken"
        || apigw("0307")
        || apigw("0310")
    {
        return Category::Credentials;
    }
    if c.starts_with("Forbidden")
        || c.starts_with("Forbedden")
        || c == "NoPermission"
        || c == "ActionUnauthorized"
        || apigw("0302")
        || c == "DBS.200010"
    {
        return Category::Permission {
            action: after(message, "action:").and_then(|a| {
                a.split_whitespace()
                    .next()
                    .map(|s| s.trim_end_matches(['.', ',', ';']).to_owned())
            }),
        };
    }
    if c.starts_with("Throttling") || apigw("0308") || status == 429 {
        return Category::Throttling;
    }
    const STATE: &[&str] = &[
        "IncorrectDBInstanceState",
        "OperationDenied.DBInstanceStatus",
        "InstanceStatusInvalid",
        "Task.Conflict",
        "InstanceActivating",
        "InstanceStatusNotSupportCurrentAction",
        "ConcurrencyUpdateInstanceConflict",
        "InstanceDuplicateScheduledTask",
        "TokenPreviousRequestProcessError",
        "SingleNodeNotSupport",
        "StorageTypeOrInstanceTypeNotSupported",
        "HasDirectConnectionNotSupport",
        "InstanceType.NotSupport",
        "NoQuota",
        "LockTimeout",
        "DBS.200011",
        "DBS.200019",
        "DBS.05000008",
        "DBS.05000001",
    ];
    if c == "CssCheckUpdowngradeError" {
        return Category::UpgradeCheckFailed;
    }
    if STATE.contains(&c) {
        return Category::WrongState;
    }
    if c.ends_with(".NotFound") || c == "InstanceNotFound" || c == "DBS.200002" || apigw("0101") {
        return Category::NotFound;
    }
    if c == "ServiceUnavailable" || c.starts_with("InternalError") || c == "InternalServerError" {
        return Category::Unavailable;
    }
    if c.starts_with("Missing")
        || c.starts_with("Invalid")
        || c.starts_with("Incorrect")
        || c.ends_with(".ERROR")
        || c == "NoSuchVersion"
        || c == "UnsupportedOperation"
        || c == "MustChangeOneResource"
        || c.starts_with("DBS.2000")
        || c.starts_with("DBS.280")
    {
        return Category::InvalidParameter;
    }
    match status {
        401 => Category::Credentials,
        403 => Category::Permission { action: None },
        404 => Category::NotFound,
        409 => Category::WrongState,
        500..=599 => Category::Unavailable,
        400 | 422 => Category::InvalidParameter,
        _ => Category::Other,
    }
}
