//! Single-use nonces: Alibaba rejects a `SignatureNonce` / `x-acs-signature-nonce` seen before from the
//! same key (`SignatureNonceUsed`). Entries are forgotten once their timestamp window has passed, since an
//! older request fails the time check anyway.

use std::collections::HashMap;

use crate::error::ApiError;

/// Remembered `(access key, nonce)` pairs with the time after which they can be forgotten.
#[derive(Debug, Default)]
pub(crate) struct NonceCache {
    seen: HashMap<(String, String), i64>,
    /// Size at which the next sweep runs: twice what the last one kept, so a busy window (thousands of
    /// calls within the time window) is not rescanned on every request.
    sweep_at: usize,
}

impl NonceCache {
    /// Records the nonce, or fails with `SignatureNonceUsed` if it was used within the window. Call only
    /// after the signature was verified, so a forged request cannot burn someone's nonce.
    pub(crate) fn use_once(
        &mut self,
        access_key: &str,
        nonce: &str,
        now: i64,
        window: i64,
    ) -> Result<(), ApiError> {
        if self.seen.len() > self.sweep_at.max(10_000) {
            self.seen.retain(|_, forget_at| *forget_at > now);
            self.sweep_at = self.seen.len() * 2;
        }
        let key = (access_key.to_owned(), nonce.to_owned());
        if self
            .seen
            .get(&key)
            .is_some_and(|forget_at| *forget_at > now)
        {
            return Err(ApiError::new(
                400,
                "SignatureNonceUsed",
                "Specified signature nonce was used already.",
            ));
        }
        self.seen.insert(key, now + 2 * window);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_use_fails_until_forgotten() {
        let mut c = NonceCache::default();
        assert!(c.use_once("ak", "n1", 0, 10).is_ok());
        assert_eq!(
            c.use_once("ak", "n1", 5, 10).unwrap_err().code,
            "SignatureNonceUsed"
        );
        assert!(c.use_once("other", "n1", 5, 10).is_ok());
        assert!(c.use_once("ak", "n1", 21, 10).is_ok());
    }
}
