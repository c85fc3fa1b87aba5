//! The exactly-once rules of a batch item, and the plan's choices, as the runner relies on them.

use console_core::batch::outcome::Outcome;
use console_core::batch::plan::{observed, plan_row, to_item};
use console_core::batch::progress::{Progress, TaskStatus};
use console_core::batch::retry::Backoff;
use console_core::batch::{inventory::Instance, Evidence, Item, Schedule, State};
use console_core::preflight::{Blocker, PreflightFacts};
use console_core::{Lang, Product};
use proptest::prelude::*;

fn item() -> Item {
    Item::new(
        "redis-major-upgrade",
        Product::RKvstore,
        "r-bp1x",
        "5.0",
        "6.0",
    )
}

/// What a read of the instance showed.
fn seen(status: &str, version: &str, task_since_sent: bool) -> Evidence {
    Evidence {
        status: Some(status.into()),
        version: Some(version.into()),
        task_since_sent,
    }
}

fn unclear() -> Outcome {
    Outcome::Unclear {
        detail: "HTTP 504".into(),
    }
}

#[test]
fn throttling_waits_then_resends_and_gives_up_in_the_end() {
    let b = Backoff {
        base_ms: 100,
        cap_ms: 1000,
        max_attempts: 3,
    };
    let mut it = item();
    assert!(it.due(0));
    for attempt in 1..=3 {
        it.begin_send(0);
        assert!(!it.due(i64::MAX), "a sending item is never due");
        it.on_outcome(
            Outcome::Throttled {
                code: "Throttling.User".into(),
            },
            0,
            &b,
            1.0,
        );
        if attempt < 3 {
            let State::Waiting { until_ms } = it.state else {
                panic!("{:?}", it.state)
            };
            assert!(!it.due(until_ms - 1) && it.due(until_ms));
        }
    }
    assert!(matches!(it.state, State::Failed { .. }), "{:?}", it.state);
    assert_eq!(it.attempts, 3);
}

#[test]
fn unclear_replies_are_settled_by_reading_never_resent_blind() {
    let b = Backoff::default();
    let mut it = item();
    it.begin_send(10);
    it.on_outcome(unclear(), 20, &b, 0.5);
    assert_eq!(it.state, State::Unknown);
    assert!(!it.due(i64::MAX));
    // A read that shows the instance busy: it was applied.
    let busy = Evidence {
        status: Some("MajorVersionUpgrading".into()),
        ..Evidence::default()
    };
    let mut applied = it.clone();
    applied.settle(&busy, 30);
    assert_eq!(applied.state, State::Accepted);
    // A task in the history since the first send: applied too.
    let mut by_task = it.clone();
    by_task.settle(&seen("Normal", "5.0", true), 30);
    assert_eq!(by_task.state, State::Accepted);
    // Steady at the old version, no task: not applied, offered again, but only once the call can no
    // longer be on its way.
    let nothing = seen("Normal", "5.0", false);
    it.settle(&nothing, 30);
    assert_eq!(it.state, State::Unknown, "too early to conclude");
    let later = 10 + console_core::batch::SETTLE_AFTER_MS;
    it.settle(&nothing, later);
    assert_eq!(it.state, State::Planned);
    assert!(it.due(later));
    // The resend is refused because the first call landed late after all: read again, do not fail.
    it.begin_send(later);
    it.on_outcome(
        Outcome::Rejected {
            code: "Task.Conflict".into(),
            message: "busy".into(),
        },
        later,
        &b,
        0.5,
    );
    assert_eq!(it.state, State::Unknown);
    it.settle(&busy, later + 1);
    assert_eq!(it.state, State::Accepted);
}

#[test]
fn a_reload_turns_in_flight_calls_into_unknown_outcomes() {
    let mut it = item();
    it.begin_send(1);
    it.on_restore(2);
    assert_eq!(it.state, State::Unknown);
    let mut planned = item();
    planned.on_restore(2);
    assert_eq!(planned.state, State::Planned, "never sent stays offered");
}

#[test]
fn es_with_a_client_token_may_retry_an_unclear_call() {
    let mut it = Item::new(
        "es-version-upgrade",
        Product::Elasticsearch,
        "es-cn-x",
        "6.7.0",
        "7.10.0",
    );
    it.form
        .insert("clientToken".into(), "batch-1-es-cn-x".into());
    it.begin_send(0);
    it.on_outcome(unclear(), 0, &Backoff::default(), 0.0);
    assert!(matches!(it.state, State::Waiting { .. }));
}

#[test]
fn rejections_and_proxy_refusals_fail_without_retry() {
    let mut it = item();
    it.begin_send(0);
    it.on_outcome(
        Outcome::Rejected {
            code: "IncorrectDBInstanceState".into(),
            message: "busy".into(),
        },
        0,
        &Backoff::default(),
        0.0,
    );
    assert_eq!(
        it.state,
        State::Failed {
            reason: "IncorrectDBInstanceState: busy".into()
        }
    );
    let mut it = item();
    it.begin_send(0);
    it.on_outcome(
        Outcome::NotSent {
            detail: "target_not_allowed".into(),
        },
        0,
        &Backoff::default(),
        0.0,
    );
    assert_eq!(it.attempts, 0, "nothing reached the cloud");
}

#[test]
fn a_call_that_never_left_the_page_is_planned_again() {
    let mut it = item();
    it.begin_send(1_000);
    assert_eq!((it.state.clone(), it.attempts), (State::Sending, 1));
    it.unsend(1_010, "no credentials in this page");
    assert_eq!((it.state.clone(), it.attempts), (State::Planned, 0));
    assert_eq!(it.first_sent_ms, None);
    assert_eq!(
        it.events.last().map(|e| e.kind),
        Some(console_core::batch::EventKind::Held)
    );
    // Its next turn is a first attempt again.
    it.begin_send(2_000);
    assert_eq!((it.attempts, it.first_sent_ms), (1, Some(2_000)));
}

#[test]
fn progress_then_done_at_the_target() {
    let mut it = Item::new(
        "es-version-upgrade",
        Product::Elasticsearch,
        "es-cn-x",
        "6.7.0",
        "7.10.0",
    );
    it.begin_send(0);
    it.on_outcome(
        Outcome::Accepted {
            request_id: Some("R".into()),
            job_id: None,
        },
        1,
        &Backoff::default(),
        0.0,
    );
    let running = Progress {
        status: TaskStatus::Running,
        step: "upgrade nodes".into(),
        percent: 40,
        eta_s: None,
    };
    it.on_progress(running.clone(), 2);
    it.on_progress(running, 3);
    assert_eq!(
        it.events
            .iter()
            .filter(|e| e.detail.starts_with("upgrade nodes"))
            .count(),
        1
    );
    let mid = seen("activating", "6.7.0_with_X-Pack", false);
    it.on_describe(&mid, 4);
    assert_eq!(it.state, State::Accepted);
    let end = seen("active", "7.10.0_with_X-Pack", false);
    it.on_describe(&end, 5);
    assert_eq!(it.state, State::Done);
    let mut failed = item();
    failed.begin_send(0);
    failed.on_outcome(
        Outcome::Accepted {
            request_id: None,
            job_id: None,
        },
        0,
        &Backoff::default(),
        0.0,
    );
    failed.on_progress(
        Progress {
            status: TaskStatus::Failed,
            step: "switch".into(),
            percent: 80,
            eta_s: None,
        },
        1,
    );
    assert!(matches!(failed.state, State::Failed { .. }));
}

#[test]
fn plan_picks_the_newest_offered_target_and_reports_blockers() {
    let inst = Instance {
        product: Some(Product::RKvstore),
        id: "r-bp1x".into(),
        region: "cn-hangzhou".into(),
        version: "5.0".into(),
        ..Instance::default()
    };
    let facts = PreflightFacts {
        status: Some("Normal".into()),
        current_version: Some("5.0".into()),
        targets: vec!["6.0".into(), "7.0".into()],
        ..PreflightFacts::default()
    };
    let row = plan_row(
        "redis-major-upgrade",
        &inst,
        Ok(&facts),
        None,
        Schedule::MaintenanceWindow,
        Lang::En,
    );
    assert_eq!((row.current.as_str(), row.target.as_str()), ("5.0", "7.0"));
    assert!(row.blockers.is_empty());
    let it = to_item(&row, "");
    assert_eq!(it.form["EffectiveTime"], "MaintainTime");
    assert_eq!(it.form["MajorVersion"], "7.0");
    let asked = plan_row(
        "redis-major-upgrade",
        &inst,
        Ok(&facts),
        Some("8.0"),
        Schedule::Now,
        Lang::En,
    );
    assert_eq!(asked.blockers.len(), 1);
    // A blocked row still shows the target that was asked for, not "latest".
    assert_eq!(asked.target, "8.0");
    let failed = plan_row(
        "redis-major-upgrade",
        &inst,
        Err("HTTP 500"),
        Some("6.0"),
        Schedule::Now,
        Lang::En,
    );
    assert_eq!((failed.target.as_str(), failed.blockers.len()), ("6.0", 1));
    let zh = plan_row(
        "redis-major-upgrade",
        &inst,
        Ok(&facts),
        Some("8.0"),
        Schedule::Now,
        Lang::Zh,
    );
    assert_eq!(zh.blockers, ["云端不为此实例提供 8.0。"]);
    assert_eq!(zh.warnings, ["大版本升级后无法回退。"]);
    let kernel = plan_row(
        "dds-kernel-upgrade",
        &inst,
        Ok(&facts),
        Some("6.0"),
        Schedule::Now,
        Lang::En,
    );
    assert_eq!(
        kernel.target, "",
        "a kernel upgrade takes the latest kernel"
    );
    let mut blocked = facts.clone();
    blocked.blockers.push(Blocker::MajorUpgradeDisabled);
    assert!(!plan_row(
        "redis-major-upgrade",
        &inst,
        Ok(&blocked),
        None,
        Schedule::Now,
        Lang::En
    )
    .blockers
    .is_empty());
    assert!(!plan_row(
        "redis-major-upgrade",
        &inst,
        Err("HTTP 500"),
        None,
        Schedule::Now,
        Lang::En
    )
    .blockers
    .is_empty());
    assert_eq!(
        observed("redis-major-upgrade", &facts).version.as_deref(),
        Some("5.0")
    );
}

fn outcome_strategy() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        Just(Outcome::Accepted {
            request_id: Some("R".into()),
            job_id: None
        }),
        Just(Outcome::Throttled {
            code: "Throttling".into()
        }),
        Just(unclear()),
        Just(Outcome::Rejected {
            code: "X".into(),
            message: "y".into()
        }),
    ]
}

proptest! {
    /// Whatever the replies, an item is only ever due when nothing it sent can still be applied:
    /// once accepted, unknown or finished it is never sent again, and attempts stay bounded.
    #[test]
    fn never_due_after_a_possible_application(outcomes in proptest::collection::vec(outcome_strategy(), 1..20)) {
        let b = Backoff::default();
        let mut it = item();
        let mut t = 0;
        for o in outcomes {
            if !it.due(t) { break; }
            it.begin_send(t);
            it.on_outcome(o, t, &b, 0.3);
            t += 100_000;
            if matches!(it.state, State::Accepted | State::Unknown | State::Failed { .. }) {
                prop_assert!(!it.due(i64::MAX));
            }
        }
        prop_assert!(it.attempts <= b.max_attempts);
    }
}
