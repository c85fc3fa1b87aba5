//! The Huawei front (`/v3/…`, `/v3.1/…`): IAM's token and project APIs and TaurusDB, authenticated with
//! an AK/SK signature or an `X-Auth-Token` (the IAM login itself needs neither).

use super::{iam, taurus, Ctx, Reply};
use crate::demo::huawei_project;
use crate::error::{ApiError, Family};
use crate::incoming::Incoming;
use crate::verify::huawei::verify_huawei;
use crate::verify::token::verify_token;

/// Verifies and runs one Huawei call; the family says how to render an error (Keystone for the login).
pub(crate) fn handle(ctx: &mut Ctx<'_>, req: &Incoming) -> (Family, Result<Reply, ApiError>) {
    let segments = req.segments();
    let segs: Vec<&str> = segments.iter().map(String::as_str).collect();
    if segs == ["v3", "auth", "tokens"] && req.method == "POST" {
        return (Family::Keystone, iam::issue_token(ctx, req));
    }
    (Family::Huawei, authenticated(ctx, req, &segs))
}

fn authenticated(ctx: &mut Ctx<'_>, req: &Incoming, segs: &[&str]) -> Result<Reply, ApiError> {
    let project = match segs {
        ["v3", "projects", ..] | ["v3", "auth", ..] => None,
        [_, project, ..] => Some(*project),
        _ => None,
    };
    if req
        .header("authorization")
        .is_some_and(|a| a.starts_with("SDK-HMAC-SHA256"))
    {
        verify_huawei(req, ctx.now)?;
    } else if let Some(token) = req.header("x-auth-token") {
        verify_token(&ctx.world.iam_tokens, token, project, ctx.now)?;
    } else {
        return Err(ApiError::apigw_auth(
            "x-auth-token not found (send X-Auth-Token or an SDK-HMAC-SHA256 Authorization header)",
        ));
    }
    if let Some(p) = project {
        if huawei_project(p).is_none_or(|known| known.project_id != p) {
            return Err(ApiError::new(
                403,
                "APIGW.0310",
                "The project is unavailable.",
            ));
        }
    }
    let body = match (req.method.as_str(), segs) {
        ("GET", ["v3", "projects"]) => Some(Ok(iam::list_projects(req))),
        (_, ["v3" | "v3.1", project, rest @ ..]) => {
            taurus::dispatch(ctx, req, project, rest, segs[0] == "v3.1")
        }
        _ => None,
    }
    .unwrap_or_else(|| {
        Err(ApiError::new(
            404,
            "APIGW.0101",
            "The API does not exist or has not been published in the environment.",
        ))
    })?;
    Ok(Reply::ok(body))
}
