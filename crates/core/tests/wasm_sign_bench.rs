//! In-browser signing throughput, printed (never asserted) by `make bench`:
//! `cargo test --release --target wasm32-unknown-unknown -p console-core --test wasm_sign_bench -- --nocapture`.
//! It runs the fixtures of `examples/common` with `performance.now()` as the clock.
#![cfg(target_arch = "wasm32")]

#[path = "../examples/common/mod.rs"]
mod bench;

use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn signing_throughput_in_the_browser() {
    let perf = web_sys::window().and_then(|w| w.performance());
    let now_ms = move || {
        perf.as_ref()
            .map_or_else(js_sys::Date::now, web_sys::Performance::now)
    };
    for case in bench::cases() {
        match bench::measure(&case, 1000.0, &now_ms) {
            Ok(rate) => console_log!("sign {:<10} browser {rate:>8.0} signatures/s", case.label),
            Err(e) => console_log!("sign {} browser failed: {e}", case.label),
        }
    }
}
