//! Shared by the validation table tests: a valid form per operation, and one row checker that overrides a
//! field and asserts pass / warning / error (with the issue code), bilingual messages included.
#![allow(dead_code, unreachable_pub)]

use console_core::catalog::spec;
use console_core::validate::{validate, RawForm};
use console_core::{Issue, Lang};

pub const DDS: &str = "dds-bp1a2b3c4d5e6f7g";
pub const TAURUS_A: &str = "61a4ea66210545909d74a05c27a7179ein07";
pub const TAURUS_B: &str = "0f3b2c1d4e5f46a7b8c9d0e1f2a3b4c5in07";
pub const PROJECT: &str = "0123456789abcdef0123456789abcdef";

/// A valid form of each operation.
pub fn base(op: &str) -> RawForm {
    let pairs: &[(&str, &str)] = match op {
        "dds-engine-upgrade" => &[("DBInstanceId", DDS), ("EngineVersion", "5.0")],
        "dds-kernel-upgrade" => &[("DBInstanceId", DDS)],
        "es-version-upgrade" => &[
            ("InstanceId", "es-cn-abc123def456"),
            ("dryRun", "true"),
            ("type", "engineVersion"),
            ("version", "7.10"),
        ],
        "redis-major-upgrade" => &[
            ("InstanceId", "r-bp1a2b3c4d5e6f7g"),
            ("MajorVersion", "7.0"),
        ],
        "taurusdb-minor-upgrade" => &[
            ("project_id", PROJECT),
            (
                "databases_instance_infos",
                "61a4ea66210545909d74a05c27a7179ein07,2.0.28.1",
            ),
            ("delay", "false"),
        ],
        _ => unreachable!(),
    };
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[derive(Debug, Clone, Copy)]
pub enum Expect {
    /// Passes without warnings.
    Ok,
    /// Passes with this warning.
    Warn(&'static str),
    /// Fails with this error.
    Err(&'static str),
}
pub use Expect::{Err, Ok, Warn};

pub fn lines(n: usize) -> String {
    (0..n)
        .map(|i| format!("{i:032x}in07,2.0.28.1"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn check_bilingual(issue: &Issue) {
    let (en, zh) = (issue.message(Lang::En), issue.message(Lang::Zh));
    assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{issue:?}");
    assert_ne!(en, zh, "{issue:?} is not translated");
    assert_eq!(en, issue.to_string());
}

pub fn run(op: &str, field: &str, input: &str, expect: Expect) {
    let s = spec(op).unwrap();
    let mut raw = base(op);
    raw.insert(field.to_owned(), input.to_owned());
    let v = validate(s, &raw);
    let ctx = format!("{op}.{field} = {input:?}");
    match expect {
        Ok | Warn(_) => {
            assert!(v.errors.is_empty(), "{ctx}: unexpected {:?}", v.errors);
            assert!(v.valid.is_some(), "{ctx}");
        }
        Err(_) => assert!(v.valid.is_none(), "{ctx}"),
    }
    let warnings: Vec<&str> = v
        .warnings
        .get(field)
        .map_or(vec![], |w| w.iter().map(Issue::code).collect());
    match expect {
        Ok => assert!(
            warnings.is_empty(),
            "{ctx}: unexpected warnings {warnings:?}"
        ),
        Warn(code) => assert!(
            warnings.contains(&code),
            "{ctx}: warnings {warnings:?}, want {code}"
        ),
        Err(code) => {
            let e = v
                .errors
                .get(field)
                .unwrap_or_else(|| panic!("{ctx}: no error, {:?}", v.errors));
            assert_eq!(e.code(), code, "{ctx}: {e}");
        }
    }
    for issue in v.errors.values().chain(v.warnings.values().flatten()) {
        check_bilingual(issue);
    }
}
