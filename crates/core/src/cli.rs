//! The equivalent vendor CLI command of a validated form: `aliyun` (aliyun-cli) for the Alibaba
//! operations, `hcloud` (KooCLI) for TaurusDB. The CLIs sign with their own configured credentials, so
//! these commands contain no secrets and can be pasted into tickets and runbooks.
//!
//! ```text
//! aliyun dds UpgradeDBInstanceEngineVersion --region cn-hangzhou --DBInstanceId dds-… --EngineVersion 5.0
//! aliyun elasticsearch UpgradeEngineVersion --region cn-hangzhou --InstanceId es-cn-… --dryRun true --body '{…}'
//! hcloud GaussDBforMySQL BatchUpgradeDatabases --cli-region=cn-north-4 --project_id=… \
//!   --databases_instance_infos.1.instance_id=… --databases_instance_infos.1.current_version=… --delay=false
//! ```

use crate::build::build;
use crate::catalog::{ApiSpec, Cloud, Style};
use crate::field::Placement;
use crate::preview::shell_quote;
use crate::region;
use crate::validate::ValidForm;
use crate::value::Value;

/// Joins CLI words into a multi-line, `\`-continued command (program, product and API on line one).
fn join(words: Vec<String>) -> String {
    let (head, rest) = words.split_at(words.len().min(3));
    let mut lines = vec![head.join(" ")];
    lines.extend(rest.iter().cloned());
    lines.join(" \\\n  ")
}

/// The `aliyun` command for an Alibaba operation; `None` for Huawei ones. `endpoint` is the host in use:
/// when it differs from the region's default it is passed with `--endpoint`.
#[must_use]
pub fn aliyun_cli(
    spec: &ApiSpec,
    form: &ValidForm,
    region_id: &str,
    endpoint: Option<&str>,
) -> Option<String> {
    if spec.cloud != Cloud::Alibaba {
        return None;
    }
    let default_host = region::endpoint(spec, region_id);
    let host = endpoint.unwrap_or(&default_host);
    let mut words = vec![
        "aliyun".to_owned(),
        spec.product.cli_code().to_owned(),
        spec.api.to_owned(),
        format!("--region {}", shell_quote(region_id)),
    ];
    if host != default_host {
        words.push(format!("--endpoint {}", shell_quote(host)));
    }
    for f in spec.fields {
        if matches!(f.placement, Placement::Path | Placement::Query) {
            if let Some(v) = form.get(f.name).and_then(Value::scalar) {
                words.push(format!("--{} {}", f.name, shell_quote(&v)));
            }
        }
    }
    if spec.style == Style::Roa {
        let body = build(spec, form, host).request.body;
        if !body.is_empty() {
            words.push(format!(
                "--body {}",
                shell_quote(&String::from_utf8_lossy(&body))
            ));
        }
    }
    Some(join(words))
}

/// The `hcloud` (KooCLI) command for a Huawei operation; `None` for Alibaba ones. Array items are
/// flattened as KooCLI expects (`--databases_instance_infos.1.instance_id=…`).
#[must_use]
pub fn hcloud_cli(spec: &ApiSpec, form: &ValidForm, region_id: &str) -> Option<String> {
    if spec.cloud != Cloud::Huawei {
        return None;
    }
    let mut words = vec![
        "hcloud".to_owned(),
        spec.product.cli_code().to_owned(),
        spec.api.to_owned(),
        format!("--cli-region={}", shell_quote(region_id)),
    ];
    let flag = |name: &str, value: &str| format!("--{name}={}", shell_quote(value));
    for f in spec.fields {
        if f.placement == Placement::Control {
            continue;
        }
        match form.get(f.name) {
            Some(Value::Instances(list)) => {
                for (i, item) in list.iter().enumerate() {
                    let n = i + 1;
                    words.push(flag(
                        &format!("{}.{n}.instance_id", f.name),
                        &item.instance_id,
                    ));
                    words.push(flag(
                        &format!("{}.{n}.current_version", f.name),
                        &item.current_version,
                    ));
                }
            }
            Some(v) => {
                if let Some(s) = v.scalar() {
                    words.push(flag(f.name, &s));
                }
            }
            None => {}
        }
    }
    Some(join(words))
}

/// The vendor CLI command for any operation: `aliyun` or `hcloud` by cloud.
#[must_use]
pub fn cli_command(
    spec: &ApiSpec,
    form: &ValidForm,
    region_id: &str,
    endpoint: Option<&str>,
) -> String {
    match spec.cloud {
        Cloud::Alibaba => aliyun_cli(spec, form, region_id, endpoint),
        Cloud::Huawei => hcloud_cli(spec, form, region_id),
    }
    .unwrap_or_default()
}
