//! The call history on this device: one record per upgrade or pre-check call (parameters, request id,
//! outcome; never credentials), read back for the history view and exported as CSV or JSON.

use console_core::batch::history::{redact, Record};
use console_core::batch::outcome::Outcome;
use console_core::build::BuiltRequest;
use console_core::reply::request_id;
use console_core::validate::RawForm;
use console_core::Cloud;
use wasm_bindgen::JsCast;

use super::journal::{Journal, HISTORY};
use super::now_ms;
use super::run::Run;
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

/// Appends a record of a call (errors writing history never stop the run).
pub(crate) async fn record(
    run: &Run,
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
        let _ = run.journal.put_all(HISTORY, &[(None, json)]).await;
    }
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

/// Offers `text` as a file download (a Blob URL, no inline script, CSP-friendly).
pub(crate) fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|_| "Blob")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "object URL")?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "anchor")?
        .dyn_into()
        .map_err(|_| "anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
