//! Where a request really goes: the sandbox's loopback origin in sandbox mode, else the cloud endpoint
//! (or its override). The host chosen here is also the host that gets signed.

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
