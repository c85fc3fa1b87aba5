//! Reads are safe to repeat, unlike upgrades: they retry throttling and unclear failures with the
//! batch's backoff, and return a 2xx reply or why there is none.

use std::rc::Rc;

use console_core::batch::outcome::Outcome;
use console_core::batch::retry::Backoff;
use console_core::build::BuiltRequest;
use leptos::prelude::*;

use super::calls::{call, Pace};
use super::jitter;
use super::run::{outcome_of, Run};
use crate::call::CallEnv;
use crate::sleep::sleep;
use crate::transport::Reply;

/// Sends a read within the run, retrying throttling and unclear failures.
pub(crate) async fn read(run: &Run, built: &BuiltRequest, scheme: &str) -> Result<Reply, String> {
    let backoff = run
        .fleet
        .batch
        .with_untracked(|b| b.as_ref().map(|b| b.settings.backoff))
        .unwrap_or_default();
    read_with(run.env, &run.pace, &backoff, built, scheme).await
}

/// Sends a read, retrying throttling and unclear failures with `backoff`; a 2xx reply, or why there is
/// none (reads are safe to repeat, unlike upgrades).
pub(crate) async fn read_with(
    env: CallEnv,
    pace: &Rc<Pace>,
    backoff: &Backoff,
    built: &BuiltRequest,
    scheme: &str,
) -> Result<Reply, String> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let result = call(env, pace, built, scheme).await;
        let why = match outcome_of(&result) {
            Outcome::Accepted { .. } => return result.map_err(|e| e.to_string()),
            Outcome::Throttled { code } => code,
            Outcome::Unclear { detail } => detail,
            Outcome::Rejected { code, message } => return Err(format!("{code}: {message}")),
            Outcome::NotSent { detail } => return Err(detail),
        };
        if attempt >= backoff.max_attempts {
            return Err(format!("{why} ({attempt} attempts)"));
        }
        let wait = backoff.delay_ms(attempt, jitter());
        sleep(i32::try_from(wait).unwrap_or(i32::MAX)).await;
    }
}
