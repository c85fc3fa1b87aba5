//! Huawei IAM: `POST /v3/auth/tokens` (password login, project scope; 201 with the token in
//! `X-Subject-Token`) and `GET /v3/projects` (the project-id lookup the console does per region).

use console_core::sign::digest::sha256_hex;
use serde_json::{json, Value};

use super::{iso, Ctx, Reply};
use crate::demo::{huawei_project, HuaweiProject, DEMO_CREDENTIALS};
use crate::error::ApiError;
use crate::incoming::Incoming;
use crate::world::IamTokenRecord;

/// Tokens are valid for 24 hours, as IAM's are.
const TOKEN_SECONDS: i64 = 24 * 3600;

fn bad_request(message: &str) -> ApiError {
    ApiError::new(400, "Bad Request", message)
}

/// Handles the password login.
pub(crate) fn issue_token(ctx: &mut Ctx<'_>, req: &Incoming) -> Result<Reply, ApiError> {
    let body: Value = serde_json::from_slice(&req.body)
        .map_err(|_| bad_request("The request body is not valid JSON."))?;
    let identity = &body["auth"]["identity"];
    let methods_ok = identity["methods"]
        .as_array()
        .is_some_and(|m| m.iter().any(|x| x == "password"));
    if !methods_ok {
        return Err(bad_request(
            "Only the password method is supported by the sandbox.",
        ));
    }
    let h = DEMO_CREDENTIALS.huawei;
    let user = &identity["password"]["user"];
    let domain_ok = user["domain"]["name"] == h.domain_name || user["domain"]["id"] == h.domain_id;
    if !(domain_ok && user["name"] == h.user_name && user["password"] == h.password) {
        return Err(ApiError::new(
            401,
            "Unauthorized",
            "The username or password is wrong.",
        ));
    }
    let scope = &body["auth"]["scope"];
    let project = if scope.get("project").is_some() {
        let p = &scope["project"];
        let key = p["name"]
            .as_str()
            .or_else(|| p["id"].as_str())
            .unwrap_or_default();
        Some(
            huawei_project(key)
                .ok_or_else(|| bad_request("The project in the scope does not exist."))?,
        )
    } else {
        None
    };

    let n = ctx.world.next_number();
    let seed = sha256_hex(format!("{n}:{}:{project:?}", h.user_name).as_bytes());
    let token = format!("MIIsandbox{}", seed.repeat(6));
    ctx.world.iam_tokens.retain(|t| t.expires_at > ctx.now);
    ctx.world.iam_tokens.push(IamTokenRecord {
        token: token.clone(),
        project_id: project.map(|p| p.project_id.to_owned()),
        issued_at: ctx.now,
        expires_at: ctx.now + TOKEN_SECONDS,
    });
    ctx.mutated = true;

    let micro = |t: i64| iso(t).replace('Z', ".000000Z");
    let domain = json!({"id": h.domain_id, "name": h.domain_name});
    let mut token_body = json!({
        "expires_at": micro(ctx.now + TOKEN_SECONDS),
        "issued_at": micro(ctx.now),
        "methods": ["password"],
        "user": {"domain": domain, "id": h.user_id, "name": h.user_name, "password_expires_at": ""},
        "roles": [{"id": "0", "name": "op_service"}],
        "catalog": [],
    });
    if let Some(p) = project {
        token_body["project"] = json!({"domain": domain, "id": p.project_id, "name": p.region});
    } else {
        token_body["domain"] = domain;
    }
    Ok(Reply {
        status: 201,
        headers: vec![("X-Subject-Token".to_owned(), token)],
        body: json!({"token": token_body}),
    })
}

fn project_json(p: &HuaweiProject) -> Value {
    let h = DEMO_CREDENTIALS.huawei;
    json!({
        "id": p.project_id,
        "name": p.region,
        "domain_id": h.domain_id,
        "parent_id": h.domain_id,
        "description": "",
        "enabled": true,
        "is_domain": false,
        "links": {"self": format!("/v3/projects/{}", p.project_id)},
    })
}

/// `GET /v3/projects?name=…`: the account's projects, filtered by name.
pub(crate) fn list_projects(req: &Incoming) -> Value {
    let name = req.query_param("name").filter(|n| !n.is_empty());
    let projects: Vec<Value> = DEMO_CREDENTIALS
        .huawei
        .projects
        .iter()
        .filter(|p| name.is_none_or(|n| n == p.region))
        .map(project_json)
        .collect();
    json!({"projects": projects, "links": {"self": "/v3/projects", "previous": null, "next": null}})
}
