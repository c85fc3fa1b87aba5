//! Browser tests of the app shell, run by `make test` in headless Chromium through
//! wasm-bindgen-test-runner (`cargo test --target wasm32-unknown-unknown -p console --test web`).
#![cfg(target_arch = "wasm32")]

use console::App;
use console_core::OPERATIONS;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn by_testid(id: &str) -> Option<HtmlElement> {
    document()
        .query_selector(&format!("[data-testid=\"{id}\"]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
}

#[wasm_bindgen_test]
async fn shell_lists_every_operation_and_navigates() {
    let _handle = leptos::mount::mount_to_body(App);
    leptos::task::tick().await;

    for op in OPERATIONS {
        let link = by_testid(&format!("nav-op-{}", op.id)).expect("a nav link per operation");
        assert_eq!(link.text_content().as_deref(), Some(op.title));
    }
    assert!(by_testid("nav-settings").is_some(), "settings link");
    assert!(by_testid("nav-cloud-alibaba").is_some() && by_testid("nav-cloud-huawei").is_some());

    // Client-side navigation: clicking a link swaps the pane without a page load.
    by_testid("nav-op-es-version-upgrade")
        .expect("es link")
        .click();
    leptos::task::tick().await;
    let pane = by_testid("pane-op-es-version-upgrade").expect("es pane after click");
    assert!(pane
        .text_content()
        .unwrap_or_default()
        .contains("UpgradeEngineVersion"));

    by_testid("nav-settings").expect("settings link").click();
    leptos::task::tick().await;
    assert!(
        by_testid("pane-settings").is_some(),
        "settings pane after click"
    );
    assert!(
        by_testid("pane-op-es-version-upgrade").is_none(),
        "previous pane is gone"
    );
}
