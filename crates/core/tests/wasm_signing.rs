//! The signing vectors, signed inside headless Chromium (wasm32), must give the same bytes as on the host.
//! Run by `make test`: `cargo test --target wasm32-unknown-unknown -p console-core --test wasm_signing`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::load;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn rpc_v1_vectors_in_the_browser() {
    common::alibaba_rpc_v1_vectors(&load()).finish(14);
}

#[wasm_bindgen_test]
fn v3_vectors_in_the_browser() {
    common::alibaba_v3_vectors(&load()).finish(15);
}

#[wasm_bindgen_test]
fn huawei_vectors_in_the_browser() {
    common::huawei_vectors(&load()).finish(10);
}
