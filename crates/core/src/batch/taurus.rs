//! TaurusDB's batch path: instances are upgraded through `BatchUpgradeDatabases`, grouped by project,
//! schedule and shared source version (the API refuses mixed versions), at most 100 per call, after the
//! pre-check API (`CheckKernelUpgrade` + `ShowKernelUpgradeCheckResult`) has passed.

use serde_json::{json, Value};

use super::item::{Item, Schedule};
use crate::build::BuiltRequest;
use crate::catalog::{Cloud, Style};
use crate::sign::UnsignedRequest;
use crate::validate::RawForm;

/// The API's limit per call.
pub const MAX_PER_CALL: usize = 100;

/// Indices of `items` (TaurusDB only, as selected by `pick`) grouped into calls: same project, schedule
/// and `from_version`, at most [`MAX_PER_CALL`] each, in first-seen order.
#[must_use]
pub fn groups(items: &[Item], pick: impl Fn(&Item) -> bool) -> Vec<Vec<usize>> {
    let mut keys: Vec<(Option<&str>, Schedule, &str)> = Vec::new();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, it) in items.iter().enumerate().filter(|(_, it)| pick(it)) {
        let key = (
            it.project_id.as_deref(),
            it.schedule,
            it.from_version.as_str(),
        );
        let slot = keys
            .iter()
            .enumerate()
            .rev()
            .find(|(g, k)| **k == key && out[*g].len() < MAX_PER_CALL)
            .map(|(g, _)| g);
        if let Some(g) = slot {
            out[g].push(i);
        } else {
            keys.push(key);
            out.push(vec![i]);
        }
    }
    out
}

/// The form of one `BatchUpgradeDatabases` call for the group, in the single-instance form's own
/// fields, so it is validated and built exactly like a hand-filled form.
#[must_use]
pub fn batch_form(items: &[&Item]) -> RawForm {
    let mut form = RawForm::new();
    let Some(first) = items.first() else {
        return form;
    };
    form.insert(
        "project_id".into(),
        first.project_id.clone().unwrap_or_default(),
    );
    let lines: Vec<String> = items
        .iter()
        .map(|i| format!("{},{}", i.instance_id, i.from_version))
        .collect();
    form.insert("databases_instance_infos".into(), lines.join("\n"));
    let delay = first.schedule == Schedule::MaintenanceWindow;
    form.insert("delay".into(), delay.to_string());
    form
}

/// The pre-check (`result = false`: `CheckKernelUpgrade`) or its result (`ShowKernelUpgradeCheckResult`).
#[must_use]
pub fn precheck_request(host: &str, items: &[&Item], result: bool) -> BuiltRequest {
    let project = items
        .first()
        .and_then(|i| i.project_id.clone())
        .unwrap_or_default();
    let infos: Vec<Value> = items
        .iter()
        .map(|i| json!({"current_version": i.from_version, "instance_id": i.instance_id}))
        .collect();
    let suffix = if result {
        "pre-check-result"
    } else {
        "pre-check"
    };
    let body = json!({ "databases_instance_infos": infos }).to_string();
    BuiltRequest {
        request: UnsignedRequest::new(
            "POST",
            host,
            format!("/v3/{project}/instances/database-version/upgrade/{suffix}"),
        )
        .with_header("Content-Type", "application/json;charset=UTF-8")
        .with_body(body),
        action: if result {
            "ShowKernelUpgradeCheckResult"
        } else {
            "CheckKernelUpgrade"
        },
        version: "v3",
        style: Style::HuaweiRest,
        cloud: Cloud::Huawei,
        project_id: Some(project),
    }
}

/// The failed checks of a `ShowKernelUpgradeCheckResult` reply, per instance:
/// `Ok(failures)` (empty when all passed) or `Err` when the reply says nothing usable.
///
/// # Errors
/// A message when the body is not a pre-check result.
pub fn precheck_failures(body: &str) -> Result<Vec<(String, String)>, String> {
    let json: Value =
        serde_json::from_str(body).map_err(|_| "the pre-check result is not JSON".to_owned())?;
    let verdict = json
        .get("upgrade_precheck_result")
        .ok_or_else(|| "the reply has no upgrade_precheck_result".to_owned())?;
    let passed = verdict.as_bool().unwrap_or(false) || verdict.as_str() == Some("true");
    let mut failures: Vec<(String, String)> = json
        .get("upgrade_precheck_detail")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|d| d.get("check_status").and_then(Value::as_str) != Some("passed"))
        .map(|d| {
            let s = |k: &str| d.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
            (
                s("check_object"),
                format!("{}: {}", s("check_item"), s("check_description")),
            )
        })
        .collect();
    if !passed && failures.is_empty() {
        failures.push((String::new(), "the pre-check did not pass".to_owned()));
    }
    Ok(failures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Product;

    fn item(id: &str, from: &str) -> Item {
        let mut i = Item::new("taurusdb-minor-upgrade", Product::TaurusDb, id, from, "");
        i.project_id = Some("p".into());
        i
    }

    #[test]
    fn groups_split_by_version_and_size() {
        let mut items: Vec<Item> = (0..150).map(|n| item(&format!("a{n}"), "2.0.1")).collect();
        items.push(item("b", "2.0.2"));
        let g = groups(&items, |_| true);
        assert_eq!(g.iter().map(Vec::len).collect::<Vec<_>>(), vec![100, 50, 1]);
        let refs: Vec<&Item> = g[2].iter().map(|&i| &items[i]).collect();
        let form = batch_form(&refs);
        assert_eq!(form["databases_instance_infos"], "b,2.0.2");
        assert_eq!(form["delay"], "false");
        let req = precheck_request("h", &refs, true);
        assert!(req.request.path.ends_with("/pre-check-result"));
    }

    #[test]
    fn precheck_verdicts() {
        let ok = r#"{"upgrade_precheck_result":"true","upgrade_precheck_detail":[{"check_status":"passed"}]}"#;
        assert_eq!(precheck_failures(ok), Ok(vec![]));
        let bad = r#"{"upgrade_precheck_result":"false","upgrade_precheck_detail":[{"check_object":"x","check_item":"Resource check","check_description":"busy","check_status":"failed"}]}"#;
        assert_eq!(precheck_failures(bad).unwrap()[0].0, "x");
        assert!(precheck_failures("nope").is_err());
    }
}
