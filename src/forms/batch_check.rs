//! The confirmation's last check of a TaurusDB batch (`console_core::preflight::batch`): every line of
//! the request about to be sent is read once (status, upgrade offer, current version), and the dialog
//! names every line the cloud would refuse the batch for. Confirming waits for the check and is refused
//! while a line is wrong; a line that could not be read is named but does not stop the batch (pre-flight
//! never stops a call it could not make).
//!
//! Part of the confirmation's chunk; the reads go through the signer's chunk, as pre-flight's do.

use console_core::build::BuiltRequest;
use console_core::preflight::batch::{batch_lines, line_issues, line_target, LineIssue};
use console_core::{Lang, Text};
use futures::future::join_all;
use leptos::prelude::*;

use crate::call::use_call_env;
use crate::forms::preflight_panel::{Preflight, Round};

/// Lines read at the same time: enough to check a 100-line batch in a few round trips, few enough not
/// to be throttled.
const AT_ONCE: usize = 4;

const CHECKING: Text = Text::new(
    "Checking each instance of the batch",
    "正在检查批次中的每个实例",
);
const ALL_READY: Text = Text::new(
    "Every instance of the batch was read: ready, and each line's current_version is the instance's.",
    "已读取批次中的每个实例：均可升级，且每行的 current_version 与实例一致。",
);
const REFUSED: Text = Text::new(
    "The cloud would refuse this batch. Correct or remove these lines in the form:",
    "云端将拒绝此批次。请在表单中更正或删除以下各行：",
);
const NOT_READ: Text = Text::new("not checked", "未能检查");
const NO_CREDENTIALS: Text = Text::new(
    "No Huawei Cloud credentials to sign the reads with.",
    "没有可用于签名读取请求的华为云凭证。",
);

/// What the check found for one line.
#[derive(Clone)]
enum Found {
    Issues(Vec<LineIssue>),
    /// The reads failed (or there was nothing to sign with); why, in the language of the time.
    Unread(String),
}

/// The check of `request`'s lines; `blocked` is true while it runs and when a line is wrong. Renders
/// nothing for a request that is not a batch.
#[component]
pub(crate) fn BatchCheck(request: BuiltRequest, blocked: RwSignal<bool>) -> impl IntoView {
    let lines = batch_lines(&request);
    let spec = console_core::spec("taurusdb-minor-upgrade").filter(|_| !lines.is_empty())?;
    let env = use_call_env();
    let lang = move || env.settings.0.with(|s| s.lang);
    let found = RwSignal::new(None::<Vec<(String, Found)>>);
    blocked.set(true);
    let (dest, at) = (env.destination(spec), lang());
    let total = lines.len();
    leptos::task::spawn_local(async move {
        let mut out = Vec::with_capacity(total);
        for group in lines.chunks(AT_ONCE) {
            // Cancelled (the dialog is gone): no more reads for a batch nobody will confirm.
            if found.is_disposed() {
                return;
            }
            let reads = group.iter().map(|line| {
                let round = Round::new(spec, line_target(&request, line), dest.clone(), env, at);
                async move {
                    let found = match crate::lazy::preflight(round).await {
                        Preflight::Facts(f) => Found::Issues(line_issues(line, &f)),
                        Preflight::Failed(m) => Found::Unread(m),
                        Preflight::Idle => Found::Unread(NO_CREDENTIALS.get(at).to_owned()),
                    };
                    (line.instance_id.clone(), found)
                }
            });
            out.extend(join_all(reads).await);
        }
        let wrong = out
            .iter()
            .any(|(_, f)| matches!(f, Found::Issues(i) if !i.is_empty()));
        // The dialog may be gone by now (cancelled): then there is nothing to show.
        let _ = blocked.try_set(wrong);
        let _ = found.try_set(Some(out));
    });
    // One text, a line per named instance: the least view code this chunk can carry.
    let text = move || match found.get() {
        None => format!("{} ({total})…", CHECKING.get(lang())),
        Some(rows) => report(rows, lang()),
    };
    Some(view! { <p class="batch-check" data-testid="batch-check" role="status">{text}</p> })
}

/// What the check found, as text: all clear, or a line per instance that is wrong or was not read.
fn report(rows: Vec<(String, Found)>, lang: Lang) -> String {
    let mut refused = false;
    let mut lines = Vec::new();
    for (id, found) in rows {
        match found {
            Found::Issues(issues) if issues.is_empty() => {}
            Found::Issues(issues) => {
                refused = true;
                let said: Vec<String> = issues.iter().map(|i| i.message(lang)).collect();
                lines.push(format!("{id}: {}", said.join(" ")));
            }
            Found::Unread(why) => lines.push(format!("{id}: {}. {why}", NOT_READ.get(lang))),
        }
    }
    if lines.is_empty() {
        return ALL_READY.get(lang).to_owned();
    }
    if refused {
        lines.insert(0, REFUSED.get(lang).to_owned());
    }
    lines.join("\n")
}
