//! Deterministic fault injection: a rate of 0.25 fails exactly every fourth call (an accumulator, no random
//! numbers), so tests can predict which call fails. Errors and throttling are drawn before any signature
//! check or state change, so a call that fails applied nothing and a retry can succeed. Lost replies are
//! drawn only after an accepted write, which stays applied: the caller must read state to learn the outcome.

use crate::config::Faults;
use crate::error::{ApiError, Family};

const ONE: u64 = 1_000_000;

/// The knobs plus the accumulators that turn rates into a fixed pattern.
#[derive(Debug, Default)]
pub(crate) struct FaultState {
    pub(crate) knobs: Faults,
    throttle_acc: u64,
    error_acc: u64,
    errors: u64,
    lost_acc: u64,
}

/// One injected failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    Throttle,
    /// Alternates between "internal error" and "unavailable" flavours.
    ServerError {
        unavailable: bool,
    },
}

fn parts_per_million(rate: f64) -> u64 {
    // Rates are validated to 0.0..=1.0, so this fits.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let ppm = (rate.clamp(0.0, 1.0) * 1_000_000.0).round() as u64;
    ppm
}

impl FaultState {
    /// Replaces the knobs and restarts the pattern.
    pub(crate) fn set(&mut self, knobs: Faults) {
        *self = Self {
            knobs,
            ..Self::default()
        };
    }

    /// Decides the fate of the next call.
    pub(crate) fn draw(&mut self) -> Option<Fault> {
        self.throttle_acc += parts_per_million(self.knobs.throttle_rate);
        if self.throttle_acc >= ONE {
            self.throttle_acc -= ONE;
            return Some(Fault::Throttle);
        }
        self.error_acc += parts_per_million(self.knobs.error_rate);
        if self.error_acc >= ONE {
            self.error_acc -= ONE;
            self.errors += 1;
            return Some(Fault::ServerError {
                unavailable: self.errors % 2 == 0,
            });
        }
        None
    }
}

impl FaultState {
    /// Decides whether the reply of an accepted write (already applied and audited) is lost; only
    /// accepted writes advance this pattern.
    pub(crate) fn lose_reply(&mut self) -> bool {
        self.lost_acc += parts_per_million(self.knobs.lost_reply_rate);
        if self.lost_acc >= ONE {
            self.lost_acc -= ONE;
            return true;
        }
        false
    }
}

/// The gateway timeout a client sees when the reply of an applied write is lost: a 5xx that does not
/// say whether the backend acted, as a real gateway timeout does not.
pub(crate) fn lost_reply_error(family: Family) -> ApiError {
    if matches!(family, Family::Alibaba(_)) {
        ApiError::new(
            504,
            "ServiceTimeout",
            "The request timed out at the gateway; the service may or may not have processed it.",
        )
    } else {
        ApiError::new(504, "APIGW.0203", "Backend timeout.")
    }
}

/// The cloud's own error for a fault.
pub(crate) fn fault_error(fault: Fault, family: Family) -> ApiError {
    let alibaba = matches!(family, Family::Alibaba(_));
    match (fault, alibaba) {
        (Fault::Throttle, true) => ApiError::new(
            400,
            "Throttling.User",
            "Request was denied due to user flow control.",
        ),
        (Fault::Throttle, false) => ApiError::new(
            429,
            "APIGW.0308",
            "The throttling threshold has been reached: policy user over ratelimit.",
        ),
        (Fault::ServerError { unavailable: false }, true) => ApiError::new(
            500,
            "InternalError",
            "The request processing has failed due to some unknown error, exception or failure.",
        ),
        (Fault::ServerError { unavailable: true }, true) => ApiError::new(
            503,
            "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server.",
        ),
        (Fault::ServerError { unavailable: false }, false) => {
            ApiError::new(502, "APIGW.0202", "Backend unavailable.")
        }
        (Fault::ServerError { unavailable: true }, false) => {
            ApiError::new(504, "APIGW.0203", "Backend timeout.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_become_exact_patterns() {
        let mut s = FaultState::default();
        s.set(Faults {
            error_rate: 0.5,
            ..Faults::default()
        });
        let fates: Vec<Option<Fault>> = (0..4).map(|_| s.draw()).collect();
        assert_eq!(
            fates,
            vec![
                None,
                Some(Fault::ServerError { unavailable: false }),
                None,
                Some(Fault::ServerError { unavailable: true })
            ]
        );
        s.set(Faults {
            throttle_rate: 0.1,
            ..Faults::default()
        });
        assert_eq!((0..10).filter(|_| s.draw().is_some()).count(), 1);
        s.set(Faults::default());
        assert!((0..100).all(|_| s.draw().is_none()));
        assert_eq!(fault_error(Fault::Throttle, Family::Huawei).status, 429);
        assert_eq!(
            fault_error(Fault::Throttle, Family::Alibaba("Dds")).code,
            "Throttling.User"
        );
    }

    #[test]
    fn lost_replies_follow_their_own_pattern() {
        let mut s = FaultState::default();
        s.set(Faults {
            lost_reply_rate: 0.5,
            error_rate: 1.0,
            ..Faults::default()
        });
        assert!(s.draw().is_some(), "errors keep their pattern");
        assert_eq!(
            (0..4).map(|_| s.lose_reply()).collect::<Vec<_>>(),
            [false, true, false, true]
        );
        s.set(Faults::default());
        assert!((0..50).all(|_| !s.lose_reply()));
        let a = lost_reply_error(Family::Alibaba("Dds"));
        assert_eq!((a.status, a.code.as_str()), (504, "ServiceTimeout"));
        let h = lost_reply_error(Family::Huawei);
        assert_eq!((h.status, h.code.as_str()), (504, "APIGW.0203"));
    }
}
