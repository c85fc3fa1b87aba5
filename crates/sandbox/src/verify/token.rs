//! Huawei `X-Auth-Token` checks: the token must be one IAM issued, unexpired, and scoped to the project in
//! the path (a token from another region's project is "must be updated", as APIG says).

use crate::error::ApiError;
use crate::world::IamTokenRecord;

/// Checks `token` against the issued ones for a call on `project_id` (`None` for global APIs such as
/// the project list).
pub(crate) fn verify_token(
    tokens: &[IamTokenRecord],
    token: &str,
    project_id: Option<&str>,
    now: i64,
) -> Result<(), ApiError> {
    let record = tokens
        .iter()
        .find(|t| t.token == token.trim())
        .ok_or_else(|| ApiError::apigw_auth("decrypt token fail"))?;
    let stale = ApiError::new(401, "APIGW.0307", "The token must be updated.");
    if now >= record.expires_at {
        return Err(stale);
    }
    match (project_id, record.project_id.as_deref()) {
        (Some(wanted), Some(scope)) if wanted != scope => Err(stale),
        (Some(_), None) => Err(ApiError::apigw_auth(
            "the token is not scoped to a project; log in with a project scope",
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_and_expiry() {
        let tokens = vec![IamTokenRecord {
            token: "MIItok".into(),
            project_id: Some("p1".into()),
            issued_at: 0,
            expires_at: 100,
        }];
        assert!(verify_token(&tokens, "MIItok", Some("p1"), 50).is_ok());
        assert!(verify_token(&tokens, "MIItok", None, 50).is_ok());
        assert_eq!(
            verify_token(&tokens, "MIItok", Some("p2"), 50)
                .unwrap_err()
                .code,
            "APIGW.0307"
        );
        assert_eq!(
            verify_token(&tokens, "MIItok", Some("p1"), 100)
                .unwrap_err()
                .code,
            "APIGW.0307"
        );
        assert_eq!(
            verify_token(&tokens, "other", Some("p1"), 50)
                .unwrap_err()
                .code,
            "APIGW.0301"
        );
    }
}
