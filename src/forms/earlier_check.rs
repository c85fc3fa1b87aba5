//! In the confirmation of an Elasticsearch upgrade, what the form's last answer, when it is a dry run of
//! the same instance, target and strategy, said (`console_core::dryrun::earlier_checks`): the DBA who ran
//! a dry run,
//! saw checks fail and then turned `dryRun` off is reminded of it where the upgrade is confirmed, and one
//! who never ran it is told that a check costs nothing. It advises and does not block: the cause may
//! have been fixed since.
//!
//! Part of the confirmation's chunk.

use console_core::build::BuiltRequest;
use console_core::dryrun::earlier_checks;
use console_core::Text;
use leptos::prelude::*;

use crate::call::Outcome;

const NONE: Text = Text::new(
    "No dry run of this instance and target is at hand (the form's last answer was not one). A dry run (dryRun=true) costs nothing; a failed upgrade may.",
    "没有该实例和目标版本的试运行结果（表单的上一个结果不是试运行）。试运行（dryRun=true）没有代价，升级失败则可能有。",
);
const PASSED: Text = Text::new(
    "The form's last pre-upgrade check of this instance and target passed:",
    "表单上一次对该实例和目标版本的升级前检查已通过：",
);
const FAILED: Text = Text::new(
    "The form's last pre-upgrade check of this instance and target failed; the upgrade is likely to be refused or to fail:",
    "表单上一次对该实例和目标版本的升级前检查未通过；升级很可能被拒绝或失败：",
);

/// The reminder, for an Elasticsearch upgrade; `last` is the form's previous answer (a dry run's, if
/// there was one). Nothing for other operations.
#[component]
pub(crate) fn EarlierCheck(request: BuiltRequest, last: Option<Outcome>) -> impl IntoView {
    if request.action != "UpgradeEngineVersion" {
        return None;
    }
    let checks = last.and_then(|o| {
        let p = o.prepared?;
        let reply = o.result.ok().filter(|r| (200..300).contains(&r.status))?;
        earlier_checks(
            &request.request,
            &p.request.path_and_query,
            &p.request.body,
            &reply.body,
        )
    });
    let settings = crate::state::settings::use_settings();
    let lang = move || settings.0.with(|s| s.lang);
    let failed = checks.as_ref().is_some_and(|c| c.iter().any(|c| !c.passed));
    let (class, kind) = match (&checks, failed) {
        (None, _) => ("field__message field__message--warn", "none"),
        (Some(_), false) => ("field__message field__message--ok", "passed"),
        (Some(_), true) => ("field__message field__message--error", "failed"),
    };
    let text = move || {
        let Some(checks) = &checks else {
            return NONE.get(lang()).to_owned();
        };
        let l = lang();
        let named: Vec<String> = checks
            .iter()
            .filter(|c| c.passed != failed)
            .map(|c| c.title(l))
            .collect();
        let head = if failed { FAILED } else { PASSED };
        format!("{} {}.", head.get(l), named.join(", "))
    };
    Some(view! { <p class=class data-testid="confirm-checks" data-kind=kind>{text}</p> })
}
