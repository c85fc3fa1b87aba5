//! The batch chart: instances accepted and done over time, as an SVG step line (no chart library: the
//! data is two counters).

use console_core::batch::summary::chart_points;
use leptos::prelude::*;

use super::text::{tx, use_lang};
use crate::fleet::status::pick;
use crate::fleet::use_fleet;

const W: f64 = 640.0;
const H: f64 = 140.0;

#[allow(clippy::cast_precision_loss)]
fn path(points: &[(i64, usize)], span: i64, total: usize) -> String {
    let x = |t: i64| (t as f64 / span.max(1) as f64) * W;
    let y = |n: usize| H - (n as f64 / total.max(1) as f64) * H;
    let mut d = format!("M0,{H}");
    let mut last = 0;
    for (t, n) in points {
        d.push_str(&format!(
            " L{:.1},{:.1} L{:.1},{:.1}",
            x(*t),
            y(last),
            x(*t),
            y(*n)
        ));
        last = *n;
    }
    d.push_str(&format!(" L{W},{:.1}", y(last)));
    d
}

/// Accepted (blue) and done (green) against time since the batch was created.
#[component]
pub(crate) fn BatchChart() -> impl IntoView {
    let fleet = use_fleet();
    let lang = use_lang();
    let data = Memo::new(move |_| {
        let start = fleet.batch.with(|b| b.as_ref().map_or(0, |b| b.created_ms));
        fleet.with_items(|items| {
            let pts = chart_points(items, start);
            let total = items
                .iter()
                .filter(|i| !matches!(i.state, console_core::batch::State::Skipped { .. }))
                .count();
            let span = pts.last().map_or(1, |p| p.0).max(1);
            let accepted: Vec<(i64, usize)> = pts.iter().map(|p| (p.0, p.2)).collect();
            let done: Vec<(i64, usize)> = pts.iter().map(|p| (p.0, p.1)).collect();
            (
                path(&accepted, span, total),
                path(&done, span, total),
                span,
                total,
            )
        })
    });
    view! {
        <figure class="chart" data-testid="run-chart">
            <svg viewBox=format!("0 0 {W} {H}") width="100%" height="140" role="img" aria-label=tx("Instances accepted and done over time", "已接受与已完成的实例数随时间的变化")>
                <rect x="0" y="0" width=W height=H class="chart__bg"/>
                <path d=move || data.get().0 class="chart__accepted"/>
                <path d=move || data.get().1 class="chart__done"/>
            </svg>
            <figcaption>
                <span class="chart__key chart__key--accepted">{tx("accepted", "已接受")}</span>
                <span class="chart__key chart__key--done">{tx("done", "已完成")}</span>
                {move || { let (_, _, span, total) = data.get(); let s = span as f64 / 1000.0;
                    pick(lang(), format!(" — {total} instances over {s:.0} s"), format!(" — {total} 个实例，历时 {s:.0} 秒")) }}
            </figcaption>
        </figure>
    }
}
