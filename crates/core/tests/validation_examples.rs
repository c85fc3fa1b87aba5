//! Invariant over the whole catalog: a message about a field quotes an example at most once, and only
//! one that belongs to that field (its own example or one of its documented values), in English and
//! Chinese. Formats are shared by operations (`KEYWORD` serves Redis and Elasticsearch), so a message that
//! quoted the format's example, or a hint that carried one, would repeat it or borrow another product's.

use console_core::catalog::SPECS;
use console_core::field::FieldSpec;
use console_core::preflight::{build_read, reads_for, ReadTarget};
use console_core::validate::validate;
use console_core::{catalog, ApiSpec, Issue, Lang, Text};

/// Inputs that break most fields: a word, a negative number, nothing, punctuation, an inner space and
/// a control character (the only thing the client-token format rejects).
const BAD: &[&str] = &["x", "-1", "", "!!", "x y", "a\u{7}b"];

/// Words that introduce an example, in both languages.
const MARKERS: &[&str] = &["for example", "such as", "e.g.", "例如", "比如", "（如"];

/// The examples `message` quotes: the word after each marker, without closing punctuation or quotes.
fn quoted_examples(message: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for marker in MARKERS {
        for (at, _) in message.match_indices(marker) {
            let rest = message[at + marker.len()..].trim_start();
            let end = rest
                .find(|c: char| c.is_whitespace() || "，。；）".contains(c))
                .unwrap_or(rest.len());
            let word = rest[..end]
                .trim_end_matches(['.', ',', ';', ')'])
                .trim_matches(['“', '”', '"']);
            out.push(word);
        }
    }
    out
}

/// The field's own example or one of its documented values.
fn belongs(field: &FieldSpec, example: &str) -> bool {
    field.example == example || field.kind.choices().iter().any(|c| c.value == example)
}

/// Every message validation gives `field` for `input` (its error and warnings), in both languages.
fn messages(spec: &ApiSpec, field: &FieldSpec, input: &str) -> Vec<(Lang, String)> {
    let mut raw = spec.initial_form();
    raw.insert(field.name.to_owned(), input.to_owned());
    let v = validate(spec, &raw);
    let issues: Vec<&Issue> = v
        .errors
        .get(field.name)
        .into_iter()
        .chain(v.warnings.get(field.name).into_iter().flatten())
        .collect();
    Lang::ALL
        .iter()
        .flat_map(|&lang| issues.iter().map(move |i| (lang, i.message(lang))))
        .collect()
}

/// Fails with every offending message, so one run shows the whole extent of a regression.
fn assert_examples(problems: &[String]) {
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_field_message_quotes_only_its_own_example_once() {
    let mut problems = Vec::new();
    let mut quoted = 0;
    for spec in SPECS {
        for field in spec.fields {
            for input in BAD {
                for (lang, msg) in messages(spec, field, input) {
                    let ctx = format!("{}.{} = {input:?} ({lang:?}): {msg}", spec.id, field.name);
                    let examples = quoted_examples(&msg);
                    quoted += examples.len();
                    for (i, e) in examples.iter().enumerate() {
                        if examples[..i].contains(e) {
                            problems.push(format!("{ctx}\n  repeats “{e}”"));
                        }
                        if !belongs(field, e) {
                            problems.push(format!("{ctx}\n  quotes “{e}”, not this field's"));
                        }
                    }
                }
            }
        }
    }
    assert_examples(&problems);
    assert!(
        quoted > 20,
        "only {quoted} examples quoted: the scan is vacuous"
    );
}

#[test]
fn pre_flight_id_messages_quote_their_operations_example_once() {
    let mut problems = Vec::new();
    for spec in SPECS {
        let target = ReadTarget {
            instance_id: "x".into(),
            project_id: Some("x".into()),
        };
        for call in reads_for(spec) {
            let issue = build_read(*call, &target, "h.example").unwrap_err();
            for lang in Lang::ALL {
                let msg = issue.message(lang);
                let examples = quoted_examples(&msg);
                // An instance id is quoted whole by the id field, or as the first column of a TaurusDB line.
                let ours = |e: &str| {
                    spec.fields
                        .iter()
                        .any(|f| f.example.split(',').any(|p| p == e))
                };
                if examples.len() != 1 || !ours(examples[0]) {
                    problems.push(format!("{} {call:?} ({lang:?}): {msg}", spec.id));
                }
            }
        }
    }
    assert_examples(&problems);
}

#[test]
fn the_reported_messages_read_naturally() {
    let rows = [
        (
            "redis-major-upgrade",
            "MajorVersion",
            "x",
            "Expected a version, for example 7.0.",
            "格式应为版本号，例如 7.0。",
        ),
        (
            "redis-major-upgrade",
            "RegionId",
            "!!",
            "Expected a region id of lower-case letters, digits and “-”, for example cn-hangzhou.",
            "格式应为由小写字母、数字和 “-” 组成的地域 ID，例如 cn-hangzhou。",
        ),
        (
            "es-version-upgrade",
            "type",
            "-1",
            "Expected a keyword of letters, digits and “_”, for example engineVersion.",
            "格式应为由字母、数字和 “_” 组成的关键字，例如 engineVersion。",
        ),
        (
            "es-version-upgrade",
            "updateStrategy",
            "-1",
            "Expected a keyword of letters, digits and “_”, for example normal.",
            "格式应为由字母、数字和 “_” 组成的关键字，例如 normal。",
        ),
    ];
    for (op, name, input, en, zh) in rows {
        let spec = catalog::spec(op).unwrap();
        let field = spec.field(name).unwrap();
        let got = messages(spec, field, input);
        assert_eq!(
            got,
            [(Lang::En, en.to_owned()), (Lang::Zh, zh.to_owned())],
            "{op}.{name}"
        );
    }
}

#[test]
fn the_scanner_finds_repeated_and_foreign_examples() {
    let old = "Expected a version such as 7.0, for example 7.0.";
    assert_eq!(quoted_examples(old), ["7.0", "7.0"]);
    assert_eq!(
        quoted_examples("格式应为版本号，例如 7.0，例如 7.0。"),
        ["7.0", "7.0"]
    );
    assert_eq!(quoted_examples("引擎版本（如 7.10 或 X）"), ["7.10"]);
    // A field without an example gets the hint alone.
    let hint = Text::new("a keyword", "关键字");
    let bare = Issue::BadFormat {
        hint,
        example: None,
    };
    assert_eq!(bare.message(Lang::En), "Expected a keyword.");
    assert_eq!(bare.message(Lang::Zh), "格式应为关键字。");
    let es = catalog::spec("es-version-upgrade").unwrap();
    assert!(!belongs(es.field("type").unwrap(), "Immediately"));
    assert!(belongs(es.field("type").unwrap(), "aliVersion"));
}
