//! The hold a form puts on Send after an upgrade call (`console_core::resend`): accepted or unclear
//! calls hold the instances they named, clear refusals hold nothing, and other instances are free.

use console_core::batch::outcome::Outcome;
use console_core::catalog::spec;
use console_core::resend::{instances, Held, SendHold};
use console_core::validate::RawForm;
use console_core::Lang;

fn form(pairs: &[(&str, &str)]) -> RawForm {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn accepted(rid: &str) -> Outcome {
    Outcome::Accepted {
        request_id: Some(rid.to_owned()),
        job_id: None,
    }
}

#[test]
fn an_accepted_or_unclear_upgrade_holds_its_instance_and_only_it() {
    let redis = spec("redis-major-upgrade").expect("spec");
    let sent = form(&[("InstanceId", " r-bp1a "), ("EngineVersion", "6.0")]);
    let hold = SendHold::after(instances(redis, &sent), &accepted("RID-1")).expect("held");
    assert_eq!(hold.instances, ["r-bp1a"]);
    assert_eq!(
        hold.held,
        Held::Accepted {
            request_id: Some("RID-1".into())
        }
    );
    // Another parameter does not make it another upgrade of the same instance.
    assert!(hold.covers(
        redis,
        &form(&[("InstanceId", "r-bp1a"), ("EngineVersion", "7.0")])
    ));
    assert!(!hold.covers(redis, &form(&[("InstanceId", "r-bp1b")])));
    assert!(!hold.covers(redis, &form(&[])));

    let unclear = Outcome::Unclear {
        detail: "HTTP 504".into(),
    };
    let hold = SendHold::after(instances(redis, &sent), &unclear).expect("held");
    assert_eq!(hold.held, Held::Unknown);
}

#[test]
fn a_clear_refusal_or_a_call_never_sent_holds_nothing() {
    let redis = spec("redis-major-upgrade").expect("spec");
    let sent = form(&[("InstanceId", "r-bp1a")]);
    for outcome in [
        Outcome::Rejected {
            code: "IncorrectDBInstanceState".into(),
            message: "x".into(),
        },
        Outcome::Throttled {
            code: "Throttling.User".into(),
        },
        Outcome::NotSent {
            detail: "target_not_allowed".into(),
        },
    ] {
        assert_eq!(
            SendHold::after(instances(redis, &sent), &outcome),
            None,
            "{outcome:?}"
        );
    }
    // Nothing named, nothing to hold.
    assert_eq!(
        SendHold::after(instances(redis, &form(&[])), &accepted("R")),
        None
    );
}

#[test]
fn a_taurus_batch_holds_every_line_and_any_overlap_is_held() {
    let taurus = spec("taurusdb-minor-upgrade").expect("spec");
    let batch = "# id,current_version\nA1in07,2.0.45\n\nB2in07 , 2.0.45\nA1in07,2.0.45";
    let sent = form(&[("databases_instance_infos", batch)]);
    let hold = SendHold::after(instances(taurus, &sent), &accepted("J")).expect("held");
    assert_eq!(hold.instances, ["A1in07", "B2in07"], "each instance once");
    assert!(hold.covers(
        taurus,
        &form(&[("databases_instance_infos", "C3in07,1\nB2in07,1")])
    ));
    assert!(!hold.covers(taurus, &form(&[("databases_instance_infos", "C3in07,1")])));
}

#[test]
fn the_reason_names_the_instances_and_the_way_on_in_both_languages() {
    let dds = spec("dds-engine-upgrade").expect("spec");
    let sent = form(&[("DBInstanceId", "dds-bp1x")]);
    let held = SendHold::after(instances(dds, &sent), &accepted("RID-9")).expect("held");
    let unclear = Outcome::Unclear {
        detail: "reset".into(),
    };
    let unknown = SendHold::after(instances(dds, &sent), &unclear).expect("held");
    for hold in [held, unknown] {
        let (en, zh) = (hold.message(Lang::En), hold.message(Lang::Zh));
        assert!(en.contains("dds-bp1x") && zh.contains("dds-bp1x"));
        assert!(en.contains("Allow sending again") && zh.contains("允许再次发送"));
        assert_ne!(en, zh);
    }
    assert!(SendHold::after(instances(dds, &sent), &accepted("RID-9"))
        .expect("held")
        .message(Lang::En)
        .contains("RID-9"));
}
