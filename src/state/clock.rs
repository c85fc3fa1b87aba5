//! Clock-skew correction. The proxy exposes each upstream reply's `Date`; when it differs from the
//! browser clock by more than a minute, requests are signed with the server's time instead, and the
//! header shows a warning (a wrong clock is a classic cause of `InvalidTimeStamp.Expired`).

use console_core::sign::{clock_skew, SigningTime};
use leptos::prelude::*;

/// Context handle: the measured offset (server minus browser) in seconds, `None` until measured.
#[derive(Clone, Copy)]
pub(crate) struct ClockCtx(pub(crate) RwSignal<Option<i64>>);

/// Installs the clock context.
pub(crate) fn provide_clock() {
    provide_context(ClockCtx(RwSignal::new(None)));
}

/// The clock context.
pub(crate) fn use_clock() -> ClockCtx {
    expect_context::<ClockCtx>()
}

impl ClockCtx {
    /// Records a server `Date` header; unparsable values are ignored (the reply itself still counts).
    pub(crate) fn observe(self, date_header: &str) {
        if let Ok(skew) = clock_skew(date_header, browser_unix_seconds()) {
            self.0.set(Some(skew.offset_seconds));
        }
    }

    /// The offset to apply when signing: only when it exceeds the warning threshold, so ordinary jitter
    /// does not change signatures.
    pub(crate) fn correction(self) -> Option<i64> {
        significant(self.0.get_untracked())
    }

    /// The same, tracked: for views that must update when a new skew is measured.
    pub(crate) fn correction_tracked(self) -> Option<i64> {
        significant(self.0.get())
    }

    /// The time to sign with now: the browser clock, corrected when it is known to be off.
    pub(crate) fn signing_time(self) -> Option<SigningTime> {
        let now = SigningTime::from_js_millis(js_sys::Date::now()).ok()?;
        match self.correction() {
            Some(offset) => now.offset_by(offset).ok(),
            None => Some(now),
        }
    }
}

/// Keeps an offset only when it is large enough to matter.
fn significant(offset: Option<i64>) -> Option<i64> {
    offset.filter(|s| s.abs() > console_core::sign::SKEW_WARN_SECONDS)
}

fn browser_unix_seconds() -> i64 {
    #[allow(clippy::cast_possible_truncation)]
    let secs = (js_sys::Date::now() / 1000.0).floor() as i64;
    secs
}
