//! Validation is parsing: raw form text in, a [`ValidForm`] (or per-field findings) out.
//!
//! Every field is parsed by [`crate::parse::parse_field`]; then the operation's cross-field rules run,
//! then — when pre-flight facts are given — the target version is compared with the instance's current
//! version, and finally the operation's documented cautions that apply become form-level warnings.
//! Errors block Send, warnings never do. Only this module can make a [`ValidForm`] (its fields are
//! private), so the request builder never sees unvalidated input.
//!
//! ```
//! use console_core::{catalog, validate};
//!
//! let spec = catalog::spec("redis-major-upgrade").unwrap();
//! let mut raw = validate::RawForm::new();
//! raw.insert("InstanceId".into(), " r-bp1a2b3c4d5e6f7g".into());
//! raw.insert("MajorVersion".into(), "7.0".into());
//! let v = validate::validate(spec, &raw);
//! assert!(v.errors.is_empty());
//! assert_eq!(v.warnings["InstanceId"][0].code(), "trimmed");
//! assert_eq!(v.valid.unwrap().text("InstanceId"), Some("r-bp1a2b3c4d5e6f7g"));
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::{ApiSpec, CrossCheck};
use crate::format::{is_es_ali_version, is_es_engine_version};
use crate::issue::Issue;
use crate::parse::parse_field;
use crate::preflight::{Blocker, PreflightFacts};
use crate::value::Value;
use crate::version::version_cmp;

/// What the user typed: field name → raw text. Keys that are not fields of the operation are ignored.
pub type RawForm = BTreeMap<String, String>;

/// The outcome of validating a form. Maps are keyed by field name, so their order is stable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Validated {
    /// The first blocking problem of each field that has one.
    pub errors: BTreeMap<&'static str, Issue>,
    /// Non-blocking findings per field (trimmed whitespace, undocumented values…).
    pub warnings: BTreeMap<&'static str, Vec<Issue>>,
    /// Cautions about the whole operation (irreversible, restarts, scheduled…), in catalog order.
    pub form_warnings: Vec<Issue>,
    /// The parsed form, present exactly when `errors` is empty.
    pub valid: Option<ValidForm>,
}

impl Validated {
    /// Whether Send may be enabled.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.valid.is_some()
    }

    /// The errors in form order (for an error summary above the Send button).
    #[must_use]
    pub fn errors_in_form_order(&self, spec: &ApiSpec) -> Vec<(&'static str, &Issue)> {
        spec.fields
            .iter()
            .filter_map(|f| self.errors.get(f.name).map(|e| (f.name, e)))
            .collect()
    }
}

/// A form that passed validation for one operation: the only input [`crate::build::build`] takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ValidForm {
    op_id: &'static str,
    values: BTreeMap<&'static str, Value>,
}

impl ValidForm {
    /// The operation this form was validated for.
    #[must_use]
    pub const fn op_id(&self) -> &'static str {
        self.op_id
    }

    /// The parsed value of a field; `None` when it was left empty.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// The text value of a field.
    #[must_use]
    pub fn text(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_text)
    }

    /// Every value present, by field name.
    #[must_use]
    pub const fn values(&self) -> &BTreeMap<&'static str, Value> {
        &self.values
    }
}

/// Validates `raw` against `spec` without pre-flight facts.
#[must_use]
pub fn validate(spec: &ApiSpec, raw: &RawForm) -> Validated {
    validate_with(spec, raw, None)
}

/// Validates `raw` against `spec`; with `facts` (from the pre-flight reads) it also rejects a target not
/// above the current version, warns about a target pre-flight did not offer, and shows the cautions that
/// depend on the current version (4.4 → 5.0 write concern, Redis 4.0 Bloom filters, sharded balancer).
#[must_use]
pub fn validate_with(spec: &ApiSpec, raw: &RawForm, facts: Option<&PreflightFacts>) -> Validated {
    let mut errors = BTreeMap::new();
    let mut warnings: BTreeMap<&'static str, Vec<Issue>> = BTreeMap::new();
    let mut values = BTreeMap::new();
    for field in spec.fields {
        let text = raw.get(field.name).map_or("", String::as_str);
        match parse_field(field, text) {
            Ok(parsed) => {
                if !parsed.warnings.is_empty() {
                    warnings.insert(field.name, parsed.warnings);
                }
                if let Some(v) = parsed.value {
                    values.insert(field.name, v);
                }
            }
            Err(issue) => {
                errors.insert(field.name, issue);
            }
        }
    }
    for check in spec.checks {
        cross_check(*check, &values, &mut errors);
    }
    let target = spec
        .target_field
        .and_then(|f| values.get(f))
        .and_then(Value::as_text);
    if let (Some(field), Some(t), Some(facts)) = (spec.target_field, target, facts) {
        if !errors.contains_key(field) {
            match facts.target_blocker(t) {
                Some(Blocker::TargetNotAboveCurrent { target, current }) => {
                    errors.insert(field, Issue::NotAboveCurrent { target, current });
                }
                _ => {
                    if let Some(w) = not_offered(facts, t) {
                        warnings.entry(field).or_default().push(w);
                    }
                }
            }
        }
    }
    let form_warnings = spec
        .advisories
        .iter()
        .filter(|a| a.applies(&values, target, facts))
        .map(|a| Issue::Advice(*a))
        .collect();
    let valid = errors.is_empty().then_some(ValidForm {
        op_id: spec.id,
        values,
    });
    Validated {
        errors,
        warnings,
        form_warnings,
        valid,
    }
}

fn cross_check(
    check: CrossCheck,
    values: &BTreeMap<&'static str, Value>,
    errors: &mut BTreeMap<&'static str, Issue>,
) {
    match check {
        CrossCheck::EsVersionMatchesType { version, ty } => {
            let Some(v) = values.get(version).and_then(Value::as_text) else {
                return;
            };
            let t = values
                .get(ty)
                .and_then(Value::as_text)
                .unwrap_or("engineVersion");
            let expected = match t {
                "engineVersion" if is_es_ali_version(v) => "aliVersion",
                "aliVersion" if is_es_engine_version(v) => "engineVersion",
                _ => return,
            };
            errors.entry(version).or_insert(Issue::VersionTypeMismatch {
                version: v.to_owned(),
                expected,
            });
        }
    }
}

/// A warning when pre-flight listed targets and `target` is not among them (compared as versions, so
/// `7.10` matches `7.10_with_X-Pack`).
fn not_offered(facts: &PreflightFacts, target: &str) -> Option<Issue> {
    let offered = facts.targets_for(target);
    let listed = offered
        .iter()
        .any(|o| o == target || version_cmp(o, target).is_some_and(|c| c.is_eq()));
    (!offered.is_empty() && !listed).then(|| Issue::NotOffered {
        target: target.to_owned(),
        offered: offered.join(", "),
    })
}
