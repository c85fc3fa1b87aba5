//! Time as an injected dependency: the server reads the wall clock, tests turn a dial.
//!
//! Every time-dependent decision (signature windows, task progress, maintenance windows, token expiry) asks
//! the [`Clock`] for "now", so a test can run a whole upgrade in microseconds by moving a [`ManualClock`].

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// "Now" in unix seconds. A plain closure so callers can plug in anything (an offset clock, a test dial).
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// The real clock, for `make run`.
#[must_use]
pub fn system_clock() -> Clock {
    Arc::new(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    })
}

/// A clock that only moves when told to, shared between a test and the sandbox it drives.
#[derive(Clone, Debug)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    /// Starts at `unix_seconds`.
    #[must_use]
    pub fn new(unix_seconds: i64) -> Self {
        Self(Arc::new(AtomicI64::new(unix_seconds)))
    }

    /// The current reading.
    #[must_use]
    pub fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }

    /// Moves time forward (or back, with a negative value): how tests finish an upgrade instantly.
    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }

    /// Sets an absolute time.
    pub fn set(&self, unix_seconds: i64) {
        self.0.store(unix_seconds, Ordering::SeqCst);
    }

    /// The [`Clock`] to hand to [`crate::Sandbox::with_clock`]; it keeps following this dial.
    #[must_use]
    pub fn clock(&self) -> Clock {
        let inner = Arc::clone(&self.0);
        Arc::new(move || inner.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_told() {
        let dial = ManualClock::new(100);
        let clock = dial.clock();
        assert_eq!(clock(), 100);
        dial.advance(5);
        assert_eq!(clock(), 105);
        dial.set(7);
        assert_eq!((clock(), dial.now()), (7, 7));
        assert!(system_clock()() > 1_700_000_000);
    }
}
