//! The fuzz targets' runner: proptest's `TestRunner` driven by environment variables, so one test binary
//! serves both the short run in `make test` and the long one in `make fuzz`.
//!
//! Why proptest and not cargo-fuzz/libFuzzer: cargo-fuzz needs a nightly compiler with sanitizer
//! support, which this project's toolchains (rustup stable, Debian's rustc-web) do not provide. proptest
//! is already the project's property-testing library, runs on stable, shrinks a failure to a minimal
//! input and prints it.
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `FUZZ_CASES` | cases per property | 256 |
//! | `FUZZ_SECONDS` | keep going, in rounds of `FUZZ_CASES`, until this many seconds have passed | off |
//! | `FUZZ_SEED` | a fixed RNG seed (u64), to replay a run | random |
//!
//! Each property prints `fuzz <name>: N cases in T s (R cases/s)`; run with `--nocapture` to see it.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

fn env_number<T: std::str::FromStr>(name: &str) -> Option<T> {
    let text = std::env::var(name).ok()?;
    Some(
        text.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a number")),
    )
}

/// Cases per round (`FUZZ_CASES`, default 256).
pub(crate) fn cases() -> u32 {
    env_number("FUZZ_CASES").unwrap_or(256).max(1)
}

/// Runs `test` on values from `strategy` (see the module docs for how many) and prints the rate.
/// Panics with proptest's minimal failing input when a case fails.
pub(crate) fn run<S, F>(name: &str, strategy: S, test: F)
where
    S: Strategy,
    S::Value: std::fmt::Debug,
    F: Fn(S::Value) -> Result<(), TestCaseError>,
{
    let per_round = cases();
    let budget = env_number::<f64>("FUZZ_SECONDS").map(Duration::from_secs_f64);
    let seed: Option<u64> = env_number("FUZZ_SEED");
    let started = Instant::now();
    let mut total: u64 = 0;
    let mut round: u64 = 0;
    loop {
        let config = Config {
            cases: per_round,
            failure_persistence: None,
            // A fixed seed still differs per round, so a timed run does not repeat itself.
            rng_seed: seed.map_or(RngSeed::Random, |s| RngSeed::Fixed(s.wrapping_add(round))),
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("fuzz {name}: {e}");
        }
        total += u64::from(per_round);
        round += 1;
        if budget.is_none_or(|b| started.elapsed() >= b) {
            break;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    let rate = total as f64 / secs.max(1e-9);
    eprintln!("fuzz {name}: {total} cases in {secs:.2} s ({rate:.0} cases/s)");
}
