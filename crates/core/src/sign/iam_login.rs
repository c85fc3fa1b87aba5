//! Huawei IAM password login (signing.md §A.5): the `POST /v3/auth/tokens` request, as data.
//!
//! Token auth replaces signing for TaurusDB calls: log in once, then send `X-Auth-Token` (see
//! [`super::iam_token`]). The request is scoped to a project by name, as project-level services need.

use std::fmt;

use serde_json::json;

use super::iam_token::TokenError;
use super::request::{check_host, OutgoingRequest};

/// Path of the token API; `nocatalog=true` drops the large service catalog from the reply.
pub const IAM_TOKEN_PATH: &str = "/v3/auth/tokens?nocatalog=true";

/// A password login scoped to one project by name, the scope TaurusDB calls need.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct IamPasswordLogin<'a> {
    /// IAM endpoint, e.g. `iam.cn-north-4.myhuaweicloud.com` (or the global `iam.myhuaweicloud.com`).
    pub iam_host: &'a str,
    /// Account (domain) name the IAM user belongs to.
    pub domain_name: &'a str,
    /// IAM user name.
    pub user_name: &'a str,
    /// The user's password.
    pub password: &'a str,
    /// Project (region) name for the scope, e.g. `cn-north-4`.
    pub project_name: &'a str,
}

impl fmt::Debug for IamPasswordLogin<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IamPasswordLogin")
            .field("iam_host", &self.iam_host)
            .field("domain_name", &self.domain_name)
            .field("user_name", &self.user_name)
            .field("password", &"<redacted>")
            .field("project_name", &self.project_name)
            .finish()
    }
}

/// Builds `POST /v3/auth/tokens` for a password login scoped to a project by name. The body contains the
/// password: send it and drop it.
///
/// # Errors
/// [`TokenError::MissingField`] for an empty field, [`TokenError::InvalidHost`] for a bad endpoint.
pub fn iam_token_request(login: &IamPasswordLogin<'_>) -> Result<OutgoingRequest, TokenError> {
    check_host(login.iam_host).map_err(|_| TokenError::InvalidHost(login.iam_host.to_owned()))?;
    for (what, value) in [
        ("account (domain) name", login.domain_name),
        ("IAM user name", login.user_name),
        ("password", login.password),
        ("project name", login.project_name),
    ] {
        if value.is_empty() {
            return Err(TokenError::MissingField(what));
        }
    }
    let body = json!({
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": {
                        "domain": { "name": login.domain_name },
                        "name": login.user_name,
                        "password": login.password,
                    }
                }
            },
            "scope": { "project": { "name": login.project_name } }
        }
    });
    Ok(OutgoingRequest {
        method: "POST".to_owned(),
        host: login.iam_host.to_owned(),
        path_and_query: IAM_TOKEN_PATH.to_owned(),
        headers: vec![(
            "Content-Type".to_owned(),
            "application/json;charset=utf8".to_owned(),
        )],
        body: body.to_string().into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn login() -> IamPasswordLogin<'static> {
        IamPasswordLogin {
            iam_host: "iam.cn-north-4.myhuaweicloud.com",
            domain_name: "acme",
            user_name: "dba",
            password: "pa\"ss",
            project_name: "cn-north-4",
        }
    }

    #[test]
    fn request_shape() {
        let r = iam_token_request(&login()).unwrap();
        assert_eq!(
            (r.method.as_str(), r.path_and_query.as_str()),
            ("POST", "/v3/auth/tokens?nocatalog=true")
        );
        assert_eq!(
            r.header("content-type"),
            Some("application/json;charset=utf8")
        );
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["auth"]["identity"]["methods"][0], "password");
        assert_eq!(
            v["auth"]["identity"]["password"]["user"]["domain"]["name"],
            "acme"
        );
        assert_eq!(
            v["auth"]["identity"]["password"]["user"]["password"],
            "pa\"ss"
        );
        assert_eq!(v["auth"]["scope"]["project"]["name"], "cn-north-4");
        assert!(!format!("{:?}", login()).contains("pa\\\"ss"));
    }

    #[test]
    fn request_refusals() {
        let l = IamPasswordLogin {
            password: "",
            ..login()
        };
        assert_eq!(
            iam_token_request(&l),
            Err(TokenError::MissingField("password"))
        );
        let l = IamPasswordLogin {
            iam_host: "https://iam",
            ..login()
        };
        assert!(matches!(
            iam_token_request(&l),
            Err(TokenError::InvalidHost(_))
        ));
    }
}
