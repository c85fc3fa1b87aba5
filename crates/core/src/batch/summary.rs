//! The batch at a glance: counts per state, overall percent and ETA, and the points of the progress
//! chart (instances done over time), all computed from the items alone.

use serde::Serialize;

use super::item::{EventKind, Item, State};

/// Counts and the overall progress of a batch.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Items in the run (skipped ones excluded).
    pub total: usize,
    /// Not sent yet.
    pub pending: usize,
    /// Sending, waiting for a retry, or unknown being settled.
    pub in_flight: usize,
    /// Accepted, upgrading.
    pub upgrading: usize,
    /// At the target.
    pub done: usize,
    /// Failed or refused.
    pub failed: usize,
    /// Outcome unknown (to settle).
    pub unknown: usize,
    /// 0–100 over all items (done = 100, upgrading = task percent).
    pub percent: f64,
    /// Longest remaining time any running task reports, seconds.
    pub eta_s: Option<u64>,
}

/// One item's share of the overall percent.
#[must_use]
pub fn item_percent(it: &Item) -> f64 {
    match it.state {
        State::Done | State::Failed { .. } => 100.0,
        State::Accepted => f64::from(it.progress.as_ref().map_or(0, |p| p.percent)).min(99.0),
        _ => 0.0,
    }
}

/// Sums a batch up.
#[must_use]
pub fn summarize(items: &[Item]) -> Summary {
    let mut s = Summary::default();
    let mut sum = 0.0;
    for it in items {
        match &it.state {
            State::Skipped { .. } => continue,
            State::Planned => s.pending += 1,
            State::Waiting { .. } | State::Sending => s.in_flight += 1,
            State::Unknown => s.unknown += 1,
            State::Accepted => s.upgrading += 1,
            State::Done => s.done += 1,
            State::Failed { .. } => s.failed += 1,
        }
        s.total += 1;
        sum += item_percent(it);
        if it.state == State::Accepted {
            let eta = it.progress.as_ref().and_then(|p| p.eta_s);
            s.eta_s = s.eta_s.max(eta);
        }
    }
    if s.total > 0 {
        #[allow(clippy::cast_precision_loss)]
        let pct = sum / s.total as f64;
        s.percent = pct;
    }
    s
}

/// The chart: `(ms since start, instances done, instances accepted)` at every change, in time order.
#[must_use]
pub fn chart_points(items: &[Item], start_ms: i64) -> Vec<(i64, usize, usize)> {
    let mut events: Vec<(i64, EventKind)> = items
        .iter()
        .flat_map(|it| {
            let mut seen_accept = false;
            it.events.iter().filter_map(move |e| match e.kind {
                EventKind::Accepted | EventKind::Settled if !seen_accept => {
                    seen_accept = true;
                    Some((e.at_ms, EventKind::Accepted))
                }
                EventKind::Done => Some((e.at_ms, EventKind::Done)),
                _ => None,
            })
        })
        .collect();
    events.sort_by_key(|(t, _)| *t);
    let (mut done, mut accepted) = (0, 0);
    events
        .into_iter()
        .map(|(t, k)| {
            if k == EventKind::Done {
                done += 1;
            } else {
                accepted += 1;
            }
            ((t - start_ms).max(0), done, accepted)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::outcome::Outcome;
    use crate::batch::retry::Backoff;
    use crate::catalog::Product;

    #[test]
    fn counts_percent_and_chart() {
        let mut a = Item::new(
            "redis-major-upgrade",
            Product::RKvstore,
            "r-1",
            "5.0",
            "6.0",
        );
        let b = Item::new(
            "redis-major-upgrade",
            Product::RKvstore,
            "r-2",
            "5.0",
            "6.0",
        );
        a.begin_send(1000);
        a.on_outcome(
            Outcome::Accepted {
                request_id: Some("R".into()),
                job_id: None,
            },
            1100,
            &Backoff::default(),
            0.5,
        );
        let ev = crate::batch::Evidence {
            status: Some("Normal".into()),
            version: Some("6.0".into()),
            task_since_sent: false,
        };
        a.on_describe(&ev, 5000);
        let s = summarize(&[a.clone(), b]);
        assert_eq!((s.total, s.done, s.pending), (2, 1, 1));
        assert!((s.percent - 50.0).abs() < 1e-9);
        assert_eq!(chart_points(&[a], 1000), vec![(100, 0, 1), (4000, 1, 1)]);
    }
}
