//! Pacing for batch calls: exponential backoff with full jitter for throttled calls, and a token bucket
//! for the request-rate limit. Both take the time and the randomness as arguments.

use serde::{Deserialize, Serialize};

/// Exponential backoff with full jitter (AWS architecture blog's "full jitter"): the wait before attempt
/// `n + 1` is uniform in `base·2ⁿ⁻¹ … ` capped, so throttled clients spread out instead of retrying in step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backoff {
    /// Wait ceiling after the first failure, ms.
    pub base_ms: i64,
    /// Largest wait, ms.
    pub cap_ms: i64,
    /// Calls per instance before giving up.
    pub max_attempts: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            base_ms: 500,
            cap_ms: 20_000,
            max_attempts: 8,
        }
    }
}

impl Backoff {
    /// The wait after `attempts` failed calls; `jitter` in `0..1` (clamped). Never below 50 ms.
    #[must_use]
    pub fn delay_ms(&self, attempts: u32, jitter: f64) -> i64 {
        let exp = attempts.saturating_sub(1).min(30);
        let ceiling = self.base_ms.saturating_mul(1_i64 << exp).min(self.cap_ms);
        #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
        let wait = (ceiling as f64 * jitter.clamp(0.0, 1.0)) as i64;
        wait.max(50)
    }
}

/// A token bucket: `rate` requests per second on average, bursts up to `burst`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    rate: f64,
    burst: f64,
    tokens: f64,
    last_ms: Option<i64>,
}

impl RateLimit {
    /// A full bucket. `rate` is clamped to at least 0.1/s and `burst` to at least 1.
    #[must_use]
    pub fn new(rate_per_s: f64, burst: u32) -> Self {
        let burst = f64::from(burst.max(1));
        Self {
            rate: rate_per_s.max(0.1),
            burst,
            tokens: burst,
            last_ms: None,
        }
    }

    /// Takes a token at `now_ms`, or says how many ms until one is available.
    ///
    /// # Errors
    /// The wait in ms when the bucket is empty.
    pub fn take(&mut self, now_ms: i64) -> Result<(), i64> {
        if let Some(last) = self.last_ms {
            #[allow(clippy::cast_precision_loss)]
            let elapsed = (now_ms - last).max(0) as f64 / 1000.0;
            self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        }
        self.last_ms = Some(now_ms);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            #[allow(clippy::cast_possible_truncation)]
            let wait = (((1.0 - self.tokens) / self.rate) * 1000.0).ceil() as i64;
            Err(wait.max(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_caps_and_jitters() {
        let b = Backoff::default();
        assert_eq!(b.delay_ms(1, 1.0), 500);
        assert_eq!(b.delay_ms(3, 1.0), 2000);
        assert_eq!(b.delay_ms(20, 1.0), 20_000);
        assert_eq!(b.delay_ms(3, 0.5), 1000);
        assert_eq!(b.delay_ms(3, 0.0), 50);
        assert_eq!(b.delay_ms(u32::MAX, 7.0), 20_000);
    }

    #[test]
    fn bucket_allows_burst_then_paces() {
        let mut r = RateLimit::new(10.0, 2);
        assert!(r.take(0).is_ok());
        assert!(r.take(0).is_ok());
        assert_eq!(r.take(0), Err(100));
        assert!(r.take(100).is_ok());
        assert!(r.take(150).is_err());
        assert!(r.take(10_000).is_ok());
    }
}
