//! Signing throughput, one line per scheme: `cargo run --release -p console-core --example sign_bench`.
//!
//! Each scheme signs a realistic request (the target APIs of signing.md) for about one second. Signing
//! happens once per user click, so this is a sanity check that it costs microseconds. The same fixtures
//! run in headless Chromium through `tests/wasm_sign_bench.rs`; `make bench` prints both.

mod common;

use std::time::Instant;

fn main() {
    let start = Instant::now();
    let now_ms = move || start.elapsed().as_secs_f64() * 1000.0;
    for case in common::cases() {
        match common::measure(&case, 1000.0, &now_ms) {
            Ok(rate) => println!("sign {:<10} native  {rate:>8.0} signatures/s", case.label),
            Err(e) => eprintln!("{e}"),
        }
    }
}
