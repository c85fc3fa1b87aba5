//! Huawei IAM tokens: read the token out of the login reply and produce the `X-Auth-Token` header.
//!
//! The token is in the `X-Subject-Token` **response header** (the proxy must expose it to the browser) and
//! its expiry in the body's `token.expires_at`. Tokens are bearer secrets: held in `Zeroizing` and never
//! shown by `Debug`.

use std::fmt;

use serde_json::Value;
use zeroize::Zeroizing;

use super::time::SigningTime;

/// The response header that carries the token.
pub const SUBJECT_TOKEN_HEADER: &str = "X-Subject-Token";

/// The request header that authenticates a call with a token.
pub const AUTH_TOKEN_HEADER: &str = "X-Auth-Token";

/// Why a token could not be requested or read; `Display` is the message a user reads.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// A login field is empty.
    #[error("Enter the {0}.")]
    MissingField(&'static str),
    /// The IAM endpoint is not a host name.
    #[error("The IAM endpoint {0:?} is not a valid host name.")]
    InvalidHost(String),
    /// IAM answered with an error status (wrong password, locked user, unknown project…).
    #[error("{}", rejected_message(*.status, .code, .message))]
    Rejected {
        /// HTTP status.
        status: u16,
        /// IAM or gateway error code, when the body had one (`APIGW.0301`, `401`…).
        code: String,
        /// The server's message, or the start of the raw body.
        message: String,
    },
    /// Success status but no token header: almost always a proxy that does not expose it.
    #[error(
        "IAM accepted the login but the reply has no X-Subject-Token header; the proxy must expose it \
         (Access-Control-Expose-Headers: X-Subject-Token)."
    )]
    MissingSubjectToken,
    /// Success status but the body is not the documented JSON.
    #[error("IAM's reply could not be read: {0}")]
    InvalidBody(String),
}

fn rejected_message(status: u16, code: &str, message: &str) -> String {
    let code = if code.is_empty() {
        String::new()
    } else {
        format!(", {code}")
    };
    let message = if message.is_empty() {
        "no details given"
    } else {
        message
    };
    format!("IAM refused the token request (HTTP {status}{code}): {message}")
}

/// A Huawei IAM token and its expiry.
#[derive(Clone, PartialEq, Eq)]
pub struct IamToken {
    token: Zeroizing<String>,
    /// `token.expires_at` as IAM wrote it (e.g. `2024-05-02T08:00:00.000000Z`).
    pub expires_at: String,
    /// The same, parsed; `None` if IAM used an unexpected format.
    pub expires: Option<SigningTime>,
}

impl IamToken {
    /// The raw token (KB-long).
    #[must_use]
    pub fn token(&self) -> &str {
        &self.token
    }

    /// `("X-Auth-Token", token)`: add it to a TaurusDB call instead of signing.
    #[must_use]
    pub fn auth_header(&self) -> (String, String) {
        (AUTH_TOKEN_HEADER.to_owned(), self.token.to_string())
    }

    /// True when the token is expired (or expires within `margin_seconds`) at `now`; unknown expiry counts
    /// as valid, the server will say otherwise (`APIGW.0307`).
    #[must_use]
    pub fn expires_within(&self, now: SigningTime, margin_seconds: i64) -> bool {
        self.expires
            .is_some_and(|e| e.unix_seconds() <= now.unix_seconds().saturating_add(margin_seconds))
    }
}

impl fmt::Debug for IamToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IamToken")
            .field(
                "token",
                &format_args!("<redacted, {} bytes>", self.token.len()),
            )
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Reads IAM's reply to [`super::iam_login::iam_token_request`]: the token from `X-Subject-Token` (any
/// case), the expiry from the body. Error replies become [`TokenError::Rejected`] with IAM's own message (Keystone-style
/// `{"error":{"code","message"}}` or gateway-style `{"error_code","error_msg"}`).
///
/// # Errors
/// [`TokenError`] for an error status, a missing token header or an unreadable body.
pub fn parse_iam_token_response(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<IamToken, TokenError> {
    let json: Option<Value> = serde_json::from_slice(body).ok();
    if !(200..300).contains(&status) {
        let (code, message) = json.as_ref().map(error_fields).unwrap_or_default();
        let message = if message.is_empty() {
            body_excerpt(body)
        } else {
            message
        };
        return Err(TokenError::Rejected {
            status,
            code,
            message,
        });
    }
    let token = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(SUBJECT_TOKEN_HEADER))
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
        .ok_or(TokenError::MissingSubjectToken)?;
    let json = json.ok_or_else(|| TokenError::InvalidBody("the body is not JSON".to_owned()))?;
    let expires_at = json
        .pointer("/token/expires_at")
        .and_then(Value::as_str)
        .ok_or_else(|| TokenError::InvalidBody("token.expires_at is missing".to_owned()))?;
    Ok(IamToken {
        token: Zeroizing::new(token.to_owned()),
        expires_at: expires_at.to_owned(),
        expires: SigningTime::parse_iso8601(expires_at).ok(),
    })
}

/// `(code, message)` from either error body style; empty strings when absent.
fn error_fields(v: &Value) -> (String, String) {
    let text = |x: Option<&Value>| match x {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    if let Some(err) = v.get("error") {
        (text(err.get("code")), text(err.get("message")))
    } else {
        (text(v.get("error_code")), text(v.get("error_msg")))
    }
}

/// The first 200 characters of a non-JSON error body, so the user sees what the proxy or gateway said.
fn body_excerpt(body: &[u8]) -> String {
    String::from_utf8_lossy(body)
        .trim()
        .chars()
        .take(200)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_success() {
        let headers = vec![("x-subject-token".to_owned(), "MIIEXAMPLE".to_owned())];
        let body =
            br#"{"token":{"expires_at":"2024-05-02T08:00:00.000000Z","methods":["password"]}}"#;
        let t = parse_iam_token_response(201, &headers, body).unwrap();
        assert_eq!(t.token(), "MIIEXAMPLE");
        assert_eq!(
            t.auth_header(),
            ("X-Auth-Token".to_owned(), "MIIEXAMPLE".to_owned())
        );
        assert_eq!(
            t.expires.map(SigningTime::unix_seconds),
            Some(1_714_636_800)
        );
        let now = SigningTime::parse_iso8601("2024-05-02T07:00:00Z").unwrap();
        assert!(!t.expires_within(now, 60));
        assert!(t.expires_within(now, 3600));
        assert!(!format!("{t:?}").contains("MIIEXAMPLE"));
    }

    #[test]
    fn parses_failures() {
        let keystone = br#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#;
        let e = parse_iam_token_response(401, &[], keystone).unwrap_err();
        assert_eq!(
            e.to_string(),
            "IAM refused the token request (HTTP 401, 401): The username or password is wrong."
        );
        let apig = br#"{"error_msg":"Incorrect IAM authentication information","error_code":"APIGW.0301"}"#;
        let e = parse_iam_token_response(401, &[], apig).unwrap_err();
        assert!(e.to_string().contains("APIGW.0301"));
        let e = parse_iam_token_response(502, &[], b"").unwrap_err();
        assert_eq!(
            e.to_string(),
            "IAM refused the token request (HTTP 502): no details given"
        );
        let e = parse_iam_token_response(503, &[], b"<html>busy</html>").unwrap_err();
        assert!(e.to_string().ends_with("<html>busy</html>"));
        let ok = br#"{"token":{"expires_at":"x"}}"#;
        assert_eq!(
            parse_iam_token_response(201, &[], ok),
            Err(TokenError::MissingSubjectToken)
        );
        let h = vec![("X-Subject-Token".to_owned(), "t".to_owned())];
        assert!(matches!(
            parse_iam_token_response(201, &h, b"{}"),
            Err(TokenError::InvalidBody(_))
        ));
        assert!(matches!(
            parse_iam_token_response(201, &h, &[0xff, 0xfe]),
            Err(TokenError::InvalidBody(_))
        ));
        let t = parse_iam_token_response(201, &h, ok).unwrap();
        assert_eq!(t.expires, None);
        assert!(!t.expires_within(SigningTime::from_unix_seconds(0).unwrap(), 0));
    }
}
