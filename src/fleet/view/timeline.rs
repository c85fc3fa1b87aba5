//! One upgrade's timeline: submitted, throttled/settled, accepted, scheduled, steps, done, drawn as
//! dots on a time axis with the event list under it.

use console_core::batch::{Event, EventKind};
use leptos::prelude::*;

use super::text::tx;

/// The event's name in English and Chinese.
const fn kind_label(k: EventKind) -> (&'static str, &'static str) {
    match k {
        EventKind::Submitted => ("submitted", "已提交"),
        EventKind::Throttled => ("retry later", "稍后重试"),
        EventKind::Held => ("not sent, planned again", "未发送，重新排队"),
        EventKind::Unknown => ("outcome unknown", "结果未知"),
        EventKind::Settled => ("settled", "已确认"),
        EventKind::Accepted => ("accepted", "已接受"),
        EventKind::Scheduled => ("scheduled", "已安排"),
        EventKind::Step => ("step", "步骤"),
        EventKind::Done => ("done", "已完成"),
        EventKind::Failed => ("failed", "失败"),
    }
}

const fn kind_class(k: EventKind) -> &'static str {
    match k {
        EventKind::Done | EventKind::Accepted => "tl--ok",
        EventKind::Failed => "tl--bad",
        EventKind::Throttled | EventKind::Held | EventKind::Unknown => "tl--warn",
        _ => "tl--info",
    }
}

fn clock(ms: i64) -> String {
    let s = ms.div_euclid(1000).rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// The timeline of one item's events.
#[component]
pub(crate) fn Timeline(events: Vec<Event>) -> impl IntoView {
    let label = |k| {
        let (en, zh) = kind_label(k);
        tx(en, zh)
    };
    let start = events.first().map_or(0, |e| e.at_ms);
    let end = events.last().map_or(0, |e| e.at_ms).max(start + 1);
    #[allow(clippy::cast_precision_loss)]
    let x = move |t: i64| 10.0 + (t - start) as f64 / (end - start) as f64 * 580.0;
    let dots = events
        .iter()
        .map(|e| {
            let cx = x(e.at_ms);
            view! { <circle cx=cx cy="14" r="6" class=kind_class(e.kind)><title>{label(e.kind)}" "{e.detail.clone()}</title></circle> }
        })
        .collect_view();
    let rows = events
        .into_iter()
        .map(|e| view! {
            <li class=kind_class(e.kind)><time>{clock(e.at_ms)}</time>" "<b>{label(e.kind)}</b>" "{e.detail}</li>
        })
        .collect_view();
    view! {
        <div class="timeline" data-testid="run-timeline">
            <svg viewBox="0 0 600 28" width="100%" height="28" role="img" aria-label=tx("Upgrade timeline", "升级时间线")>
                <line x1="10" y1="14" x2="590" y2="14" class="timeline__axis"/>
                {dots}
            </svg>
            <ol class="timeline__events">{rows}</ol>
        </div>
    }
}
