//! Fuzz target: validation of every field of every operation in [`SPECS`].
//!
//! Each case takes one field of one operation and a text that is either arbitrary, shaped like a valid
//! value (generated from the field's own format regex, choice list, boolean spellings, TaurusDB lines or
//! plugin JSON) or such a value mutated (blanks around it, case flipped, a character appended). The other
//! fields hold the catalog's examples. Checked: nothing panics; every issue renders in both languages;
//! a field error from [`parse_field`] is the error [`validate`] reports; a value that parses re-parses
//! identically from its canonical text (idempotence); and a form that validates always builds and signs
//! (validation is parsing: the builder and signers never see input they would refuse).
//!
//! `#[ignore]`d so `cargo test` stays quick: `scripts/test.sh` runs a short round (256 cases), `make
//! fuzz` a long one (`FUZZ_CASES`, `FUZZ_SECONDS`; see `fuzz_support`).
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_support;

use std::sync::atomic::{AtomicU64, Ordering};

use console_core::field::{FieldKind, FieldSpec};
use console_core::format::{TAURUS_INSTANCE_ID, TAURUS_VERSION};
use console_core::parse::parse_field;
use console_core::sign::{sign, Credentials, SigningTime};
use console_core::validate::{validate, RawForm};
use console_core::value::Value;
use console_core::{build, Lang, SPECS};
use proptest::prelude::*;
use proptest::string::string_regex;

/// A strategy for strings matching an anchored `^…$` pattern.
fn matching(pattern: &'static str) -> BoxedStrategy<String> {
    let unanchored = &pattern[1..pattern.len() - 1];
    string_regex(unanchored)
        .unwrap_or_else(|e| panic!("pattern {pattern}: {e}"))
        .boxed()
}

/// Texts shaped like a valid value of `field`.
fn valid_like(field: &'static FieldSpec) -> BoxedStrategy<String> {
    match field.kind {
        FieldKind::Text(format) => matching(format.pattern),
        FieldKind::Choice { choices, other } => {
            let listed = prop::sample::select(choices.iter().map(|c| c.value).collect::<Vec<_>>())
                .prop_map(str::to_owned);
            match other {
                Some(f) => prop_oneof![listed, matching(f.pattern)].boxed(),
                None => listed.boxed(),
            }
        }
        FieldKind::Bool => prop::sample::select(vec!["true", "false", "TRUE", "False"])
            .prop_map(str::to_owned)
            .boxed(),
        FieldKind::InstanceVersions { max } => prop::collection::vec(
            (
                matching(TAURUS_INSTANCE_ID.pattern),
                matching(TAURUS_VERSION.pattern),
                prop::sample::select(vec![",", ";", "\t", " , "]),
            ),
            0..=max + 1,
        )
        .prop_map(|lines| {
            lines
                .into_iter()
                .map(|(id, v, sep)| format!("{id}{sep}{v}"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .boxed(),
        FieldKind::EsPlugins => prop::collection::vec(
            (
                "[a-z-]{1,12}",
                prop_oneof![Just("true"), Just("false"), Just("\"true\""), Just("1")],
                prop::option::of("[0-9.]{1,6}"),
            ),
            0..3,
        )
        .prop_map(|items| {
            let parts: Vec<String> = items
                .into_iter()
                .map(|(name, enable, version)| {
                    let version = version
                        .map(|v| format!(r#","version":"{v}""#))
                        .unwrap_or_default();
                    format!(r#"{{"name":"{name}","enable":{enable}{version}}}"#)
                })
                .collect();
            format!("[{}]", parts.join(","))
        })
        .boxed(),
    }
}

/// Arbitrary, valid-looking, or valid-looking and then changed a little.
fn text_for(field: &'static FieldSpec) -> BoxedStrategy<String> {
    let valid = valid_like(field);
    prop_oneof![
        2 => valid.clone(),
        2 => (valid, 0..4u8, any::<char>()).prop_map(|(v, how, c)| match how {
            0 => format!(" \t{v}\n"),
            1 => v.to_ascii_uppercase(),
            2 => format!("{v}{c}"),
            _ => v.chars().rev().collect(),
        }),
        1 => any::<String>(),
        1 => "\\PC{0,40}",
        1 => Just(String::new()),
    ]
    .boxed()
}

/// The canonical text of a parsed value: what typing it again should give back.
fn text_of(value: &Value) -> String {
    match value {
        Value::Text(t) => t.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Instances(list) => list
            .iter()
            .map(|i| format!("{},{}", i.instance_id, i.current_version))
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Plugins(list) => serde_json::to_string(list).unwrap_or_default(),
    }
}

/// Every field of every operation, flattened.
fn fields() -> Vec<(usize, usize)> {
    SPECS
        .iter()
        .enumerate()
        .flat_map(|(s, spec)| (0..spec.fields.len()).map(move |f| (s, f)))
        .collect()
}

fn example_form(spec_index: usize) -> RawForm {
    SPECS[spec_index]
        .fields
        .iter()
        .map(|f| (f.name.to_owned(), f.example.to_owned()))
        .collect()
}

#[test]
fn the_examples_form_a_valid_request_for_every_operation() {
    // The baseline the fuzz target starts from (cheap, so not ignored).
    for (i, spec) in SPECS.iter().enumerate() {
        let v = validate(spec, &example_form(i));
        assert!(v.errors.is_empty(), "{}: {:?}", spec.id, v.errors);
    }
}

#[test]
#[ignore = "fuzz target: scripts/test.sh (short) and make fuzz (long)"]
fn fuzz_every_field_of_every_operation() {
    let strategy = prop::sample::select(fields())
        .prop_flat_map(|(s, f)| (Just(s), Just(f), text_for(&SPECS[s].fields[f])));
    let creds = Credentials::new("AKIDEXAMPLE", "secret");
    let time = SigningTime::from_unix_seconds(1_714_550_400).expect("time");
    let (valid_fields, signed) = (AtomicU64::new(0), AtomicU64::new(0));
    fuzz_support::run("validate/fields", strategy, |(s, f, text)| {
        let spec = &SPECS[s];
        let field = &spec.fields[f];
        let parsed = parse_field(field, &text);
        let mut raw = example_form(s);
        raw.insert(field.name.to_owned(), text.clone());
        let v = validate(spec, &raw);
        for issue in v
            .errors
            .values()
            .chain(v.warnings.values().flatten())
            .chain(&v.form_warnings)
        {
            for lang in Lang::ALL {
                prop_assert!(!issue.message(lang).is_empty(), "{}", issue.code());
            }
        }
        match &parsed {
            Err(issue) => prop_assert_eq!(
                v.errors.get(field.name),
                Some(issue),
                "{}.{}",
                spec.id,
                field.name
            ),
            Ok(p) => {
                valid_fields.fetch_add(1, Ordering::Relaxed);
                if let Some(value) = &p.value {
                    let again = parse_field(field, &text_of(value)).map_err(|e| {
                        TestCaseError::fail(format!(
                            "{}.{}: {value:?} re-parses as {e:?}",
                            spec.id, field.name
                        ))
                    })?;
                    prop_assert_eq!(
                        again.value.as_ref(),
                        Some(value),
                        "{}.{}",
                        spec.id,
                        field.name
                    );
                    prop_assert!(again.warnings.iter().all(|w| w.code() != "trimmed"));
                }
            }
        }
        if let Some(valid) = &v.valid {
            signed.fetch_add(1, Ordering::Relaxed);
            let built = build(spec, valid, "endpoint.example.com");
            let signed = sign(&built.request, &creds, &built.scheme("nonce-1", time));
            prop_assert!(
                signed.is_ok(),
                "{}.{} = {:?} validates but does not sign: {:?}",
                spec.id,
                field.name,
                text,
                signed.err()
            );
        }
        Ok(())
    });
    eprintln!(
        "fuzz validate/fields: {} values parsed, {} whole forms valid and signed",
        valid_fields.into_inner(),
        signed.into_inner()
    );
}
