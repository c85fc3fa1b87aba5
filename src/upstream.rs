//! Where a request really goes: the sandbox's loopback origin in sandbox mode, else the cloud endpoint
//! (or its override). The host chosen here is also the host that gets signed.

use console_core::build::BuiltRequest;
use console_core::region::project_lookup;

use crate::state::runtime::RuntimeInfo;
use crate::state::settings::{Settings, Target};

/// Scheme and host (with port) of the upstream for a request whose real endpoint is `cloud_host`.
pub(crate) fn resolve(
    settings: &Settings,
    runtime: Option<&RuntimeInfo>,
    cloud_host: &str,
) -> (String, String) {
    if settings.target == Target::Sandbox {
        if let Some(origin) = runtime
            .and_then(|r| r.sandbox.as_ref())
            .map(|s| s.origin.as_str())
        {
            if let Some((scheme, host)) = origin.split_once("://") {
                return (scheme.to_owned(), host.trim_end_matches('/').to_owned());
            }
        }
    }
    ("https".to_owned(), cloud_host.to_owned())
}

/// True when requests will hit the sandbox (the proxy has one and the user did not switch it off).
pub(crate) fn in_sandbox(settings: &Settings, runtime: Option<&RuntimeInfo>) -> bool {
    settings.target == Target::Sandbox && runtime.is_some_and(|r| r.sandbox.is_some())
}

/// The project id the sandbox's demo account has in `region`, when requests hit the sandbox: TaurusDB
/// paths need one, and the demo account's are known without asking IAM.
pub(crate) fn demo_project_id(
    settings: &Settings,
    runtime: Option<&RuntimeInfo>,
    region: &str,
) -> Option<String> {
    if !in_sandbox(settings, runtime) {
        return None;
    }
    runtime
        .and_then(|r| r.sandbox.as_ref())
        .and_then(|s| s.credentials.huawei_project_ids.get(region).cloned())
}

/// IAM's "which project is `region`" request (`GET /v3/projects?name={region}`), routed like every call
/// (the sandbox, or the region's IAM endpoint), with the scheme to send it with. The form's "Look up"
/// button and the fleet's TaurusDB listing both ask this way.
pub(crate) fn project_id_request(
    settings: &Settings,
    runtime: Option<&RuntimeInfo>,
    region: &str,
) -> (String, BuiltRequest) {
    let iam = format!("iam.{region}.myhuaweicloud.com");
    let (scheme, host) = resolve(settings, runtime, &iam);
    (scheme, project_lookup(&host, region))
}
