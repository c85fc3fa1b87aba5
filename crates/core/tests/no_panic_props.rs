//! Property tests: nothing that reads outside input panics. Pre-flight parsers get arbitrary text and
//! arbitrary JSON (also spliced into the shapes they expect); `explain` gets arbitrary bodies; `validate`
//! gets arbitrary form text; the diff gets arbitrary lines. Host only (proptest).
#![cfg(not(target_arch = "wasm32"))]

use console_core::diff::diff_lines;
use console_core::explain::explain;
use console_core::preflight::{parse_reply, reads_for};
use console_core::validate::{validate, RawForm};
use console_core::SPECS;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Arbitrary JSON values, a few levels deep, with the keys the parsers look for among random ones.
fn arb_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("Result".to_owned()),
        Just("UpgradeInfo".to_owned()),
        Just("DBInstances".to_owned()),
        Just("DBInstance".to_owned()),
        Just("EngineVersion".to_owned()),
        Just("status".to_owned()),
        Just("datastore".to_owned()),
        Just("upgrade_flag".to_owned()),
        Just("Code".to_owned()),
        Just("error".to_owned()),
        "[a-zA-Z_]{1,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        ".{0,20}".prop_map(Value::String),
        prop_oneof![
            Just("Running"),
            Just("red"),
            Just("4.0"),
            Just("ali1.2.0"),
            Just("")
        ]
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The expected envelopes with arbitrary content inside.
fn shaped(inner: Value) -> Vec<Value> {
    vec![
        json!({"DBInstances": {"DBInstance": [inner.clone()]}}),
        json!({"EngineVersions": {"EngineVersion": inner.clone()}}),
        json!({"Instances": {"DBInstanceAttribute": inner.clone()}}),
        json!({"Result": {"UpgradeInfo": inner.clone()}}),
        json!({"Result": inner.clone()}),
        json!({"instance": inner.clone()}),
        json!({"datastore": inner.clone(), "upgrade_flag": inner.clone()}),
        json!({"MajorVersion": inner.clone(), "EnableUpgradeMajorVersion": inner.clone()}),
        inner,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parsers_never_panic_on_text(body in "\\PC{0,200}") {
        for s in SPECS {
            for call in reads_for(s) {
                let _ = parse_reply(s, *call, &body);
            }
        }
        let _ = explain(400, &body);
    }

    #[test]
    fn parsers_never_panic_on_json(value in arb_json()) {
        for body in shaped(value) {
            let text = body.to_string();
            for s in SPECS {
                for call in reads_for(s) {
                    let _ = parse_reply(s, *call, &text);
                }
            }
            let e = explain(403, &text);
            prop_assert_eq!(e.status, 403);
        }
    }

    #[test]
    fn explain_never_panics(status in any::<u16>(), code in ".{0,30}", message in "\\PC{0,120}") {
        for body in [
            json!({"Code": code, "Message": message, "RequestId": "r"}),
            json!({"error_code": code, "error_msg": message}),
            json!({"error": {"code": status, "message": message, "title": code}}),
        ] {
            let _ = explain(status, &body.to_string());
        }
    }

    #[test]
    fn validate_never_panics(
        op in 0..SPECS.len(),
        values in prop::collection::vec("\\PC{0,60}|[0-9a-z.,\\n -]{0,80}", 8),
    ) {
        let spec = &SPECS[op];
        let raw: RawForm = spec.fields.iter().zip(values).map(|(f, v)| (f.name.to_owned(), v)).collect();
        let v = validate(spec, &raw);
        prop_assert_eq!(v.valid.is_some(), v.errors.is_empty());
    }

    #[test]
    fn diff_never_panics_and_keeps_every_line(a in "[ab\\n&]{0,40}", b in "[ab\\n&]{0,40}") {
        let d = diff_lines(&a, &b);
        let ours = d.iter().filter(|l| l.kind != console_core::diff::DiffKind::Theirs).count();
        prop_assert_eq!(ours, console_core::diff::split_for_diff(&a).len());
    }
}
