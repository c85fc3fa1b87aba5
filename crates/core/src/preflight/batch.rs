//! The last check of a TaurusDB batch, made when its confirmation opens. Live pre-flight reads only the
//! first line's instance (it runs as the DBA types), while the cloud refuses the whole batch for any one
//! line that is wrong: a `current_version` that is not the instance's, or an instance that cannot take
//! the upgrade. So before the batch is confirmed, every line of the request about to be sent is read once
//! and compared with what it says, and every problem is named at once rather than the cloud's first.

use serde_json::Value;

use super::{Blocker, PreflightFacts, ReadTarget};
use crate::build::BuiltRequest;
use crate::i18n::Lang;

/// One line of a batch, as the request will send it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchLine {
    /// The instance the line upgrades.
    pub instance_id: String,
    /// The version the line says the instance runs now.
    pub current_version: String,
}

/// The lines of a TaurusDB batch upgrade request (its body's `databases_instance_infos`), in order.
/// Empty for any other request, so the check simply does not apply.
#[must_use]
pub fn batch_lines(request: &BuiltRequest) -> Vec<BatchLine> {
    let Ok(body) = serde_json::from_slice::<Value>(&request.request.body) else {
        return Vec::new();
    };
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    body.get("databases_instance_infos")
        .and_then(Value::as_array)
        .map(|infos| {
            infos
                .iter()
                .filter_map(|i| {
                    Some(BatchLine {
                        instance_id: text(i, "instance_id")?,
                        current_version: text(i, "current_version")?,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What the reads of a line's instance need: its id and the request's project.
#[must_use]
pub fn line_target(request: &BuiltRequest, line: &BatchLine) -> ReadTarget {
    ReadTarget {
        instance_id: line.instance_id.clone(),
        project_id: request.project_id.clone(),
    }
}

/// Why the cloud would refuse a batch because of one of its lines.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LineIssue {
    /// What pre-flight finds for a single instance (not ready, no newer kernel…).
    #[error("{0}")]
    Blocked(Blocker),
    /// The line's `current_version` is not the instance's.
    #[error(
        "The line says current_version {typed}, but the instance runs {actual}; correct the line."
    )]
    WrongCurrentVersion {
        /// What the line says.
        typed: String,
        /// What the instance reports.
        actual: String,
    },
}

impl LineIssue {
    /// The text in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Blocked(b), _) => b.message(lang),
            (Self::WrongCurrentVersion { typed, actual }, Lang::Zh) => {
                format!(
                    "该行的 current_version 为 {typed}，但实例当前版本为 {actual}；请更正该行。"
                )
            }
            (_, Lang::En) => self.to_string(),
        }
    }
}

/// Everything wrong with `line`, given what its instance's reads found; empty when it is ready.
#[must_use]
pub fn line_issues(line: &BatchLine, facts: &PreflightFacts) -> Vec<LineIssue> {
    let mut out: Vec<LineIssue> = facts
        .blockers
        .iter()
        .cloned()
        .map(LineIssue::Blocked)
        .collect();
    if let Some(actual) = facts.current_version.as_deref() {
        if actual != line.current_version.trim() {
            out.push(LineIssue::WrongCurrentVersion {
                typed: line.current_version.clone(),
                actual: actual.to_owned(),
            });
        }
    }
    out
}
