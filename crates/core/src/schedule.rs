//! When an upgrade runs: now, or in the instance's maintenance window. The confirmation dialog states it
//! from the request it is about to send (not from the form), so what the DBA reads is what goes out.

use crate::advice::{defers, Advisory};
use crate::build::BuiltRequest;
use crate::catalog::SPECS;
use crate::field::Placement;

/// Whether `built` defers the upgrade to the maintenance window: its operation has an
/// [`Advisory::Scheduled`] caution and the request carries the deferring value (a query parameter, or a
/// JSON body member written as a string or a boolean).
#[must_use]
pub fn is_scheduled(built: &BuiltRequest) -> bool {
    let Some(spec) = SPECS
        .iter()
        .find(|s| s.api == built.action && s.cloud == built.cloud)
    else {
        return false;
    };
    let body = || serde_json::from_slice::<serde_json::Value>(&built.request.body).ok();
    spec.advisories.iter().any(|a| {
        let Advisory::Scheduled { field, value } = *a else {
            return false;
        };
        match spec.field(field).map(|f| f.placement) {
            Some(Placement::Query) => built
                .request
                .query
                .iter()
                .any(|(k, v)| k == field && defers(value, Some(v), None)),
            Some(Placement::JsonBody) => body()
                .and_then(|b| b.get(field).cloned())
                .is_some_and(|v| defers(value, v.as_str(), v.as_bool())),
            _ => false,
        }
    })
}

/// A maintenance window as the clouds report it in UTC (`18:00Z-22:00Z`; pre-flight joins them with an en dash), as `("18:00–22:00",
/// "02:00–06:00")`: UTC, then shifted by `offset_minutes` (local time minus UTC, as the browser knows
/// it). `None` when the text has another shape, so the caller shows it as reported.
#[must_use]
pub fn window_hours(window: &str, offset_minutes: i32) -> Option<(String, String)> {
    let (from, to) = window.split_once(['-', '–'])?;
    let minutes = |t: &str| -> Option<i32> {
        let t = t.trim().trim_end_matches(['Z', 'z']);
        let (h, m) = t.split_once(':')?;
        let (h, m) = (h.parse::<i32>().ok()?, m.get(..2)?.parse::<i32>().ok()?);
        ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
    };
    let (from, to) = (minutes(from)?, minutes(to)?);
    let hm = |m: i32| {
        let m = m.rem_euclid(24 * 60);
        format!("{:02}:{:02}", m / 60, m % 60)
    };
    Some((
        format!("{}–{}", hm(from), hm(to)),
        format!("{}–{}", hm(from + offset_minutes), hm(to + offset_minutes)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{validate, RawForm};

    fn built(op: &str, fields: &[(&str, &str)]) -> BuiltRequest {
        let spec = crate::catalog::spec(op).unwrap();
        let raw: RawForm = fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let v = validate(spec, &raw);
        crate::build::build(spec, &v.valid.expect("valid form"), "example.com")
    }

    #[test]
    fn redis_maintain_time_is_scheduled_and_immediately_is_not() {
        let base = [
            ("InstanceId", "r-bp1a2b3c4d5e6f7g"),
            ("MajorVersion", "7.0"),
        ];
        let with = |t: &'static str| {
            let mut f = base.to_vec();
            f.push(("EffectiveTime", t));
            built("redis-major-upgrade", &f)
        };
        assert!(is_scheduled(&with("MaintainTime")));
        assert!(!is_scheduled(&with("Immediately")));
        assert!(!is_scheduled(&built("redis-major-upgrade", &base)));
    }

    #[test]
    fn dds_switch_mode_one_is_scheduled() {
        let f = |m: &'static str| {
            built(
                "dds-kernel-upgrade",
                &[("DBInstanceId", "dds-bp1a2b3c4d5e6f7g"), ("SwitchMode", m)],
            )
        };
        assert!(is_scheduled(&f("1")));
        assert!(!is_scheduled(&f("0")));
    }

    #[test]
    fn window_in_utc_and_local() {
        assert_eq!(
            window_hours("18:00Z-22:00Z", 8 * 60),
            Some(("18:00–22:00".to_owned(), "02:00–06:00".to_owned()))
        );
        assert_eq!(
            window_hours("01:30Z-03:00Z", -120),
            Some(("01:30–03:00".to_owned(), "23:30–01:00".to_owned()))
        );
        assert_eq!(
            window_hours("18:00Z–22:00Z", 0),
            Some(("18:00–22:00".to_owned(), "18:00–22:00".to_owned()))
        );
        assert_eq!(window_hours("soon", 0), None);
    }
}
