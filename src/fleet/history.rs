//! The call history on this device: one record per upgrade or pre-check call (parameters, request id,
//! outcome; never credentials), read back for the history view and exported as CSV or JSON.

use console_core::batch::history::{redact, Record};
use console_core::batch::outcome::Outcome;
use console_core::build::BuiltRequest;
use console_core::reply::request_id;
use console_core::validate::RawForm;
use console_core::Cloud;

use super::journal::{Journal, HISTORY};
use super::now_ms;
use crate::call::CallError;
use crate::transport::Reply;

/// The outcome as the history shows it.
pub(crate) fn outcome_text(o: &Outcome) -> String {
    match o {
        Outcome::Accepted { .. } => "accepted".to_owned(),
        Outcome::Throttled { code } => format!("throttled ({code})"),
        Outcome::Rejected { code, message } => format!("rejected: {code}: {message}"),
        Outcome::Unclear { detail } => format!("unknown: {detail}"),
        Outcome::NotSent { detail } => format!("not sent: {detail}"),
    }
}

/// Appends a record of a call, from a batch run or a form (errors writing history never stop either).
pub(crate) async fn record(
    journal: &Journal,
    built: &BuiltRequest,
    instances: &[String],
    form: &RawForm,
    result: &Result<Reply, CallError>,
    outcome: &Outcome,
) {
    let rec = Record {
        at_ms: now_ms(),
        cloud: match built.cloud {
            Cloud::Alibaba => "alibaba",
            Cloud::Huawei => "huawei",
        }
        .to_owned(),
        operation: built.action.to_owned(),
        instance: instances.join(","),
        params: redact(form),
        request_id: result
            .as_ref()
            .ok()
            .and_then(|r| request_id(&r.headers, &r.body)),
        outcome: outcome_text(outcome),
    };
    if let Ok(json) = serde_json::to_string(&rec) {
        let _ = journal.put_all(HISTORY, &[(None, json)]).await;
    }
}

/// Records a form's upgrade call in the background: the answer is shown without waiting for IndexedDB
/// (which may be slow, or blocked by an older version of the app open in another tab).
pub(crate) fn record_later(
    built: BuiltRequest,
    instances: Vec<String>,
    form: RawForm,
    result: Result<Reply, CallError>,
    outcome: Outcome,
) {
    leptos::task::spawn_local(async move {
        if let Ok(journal) = Journal::open().await {
            record(&journal, &built, &instances, &form, &result, &outcome).await;
        }
    });
}

/// Every record, oldest first.
pub(crate) async fn load() -> Result<Vec<Record>, String> {
    let journal = Journal::open().await?;
    let rows = journal.all(HISTORY, "").await?;
    Ok(rows
        .into_iter()
        .filter_map(|(_, v)| serde_json::from_str(&v).ok())
        .collect())
}
