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

/// Resolves after `ms` milliseconds, so a test can wait for the router without blocking the page.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits (at most 2 s) for an element to appear, since route changes render asynchronously.
async fn wait_for(id: &str) -> Option<HtmlElement> {
    for _ in 0..200 {
        if let Some(e) = by_testid(id) {
            return Some(e);
        }
        sleep(10).await;
    }
    None
}

/// Waits (at most 2 s) for an element to go away.
async fn wait_gone(id: &str) -> bool {
    for _ in 0..200 {
        if by_testid(id).is_none() {
            return true;
        }
        sleep(10).await;
    }
    false
}

#[wasm_bindgen_test]
async fn shell_lists_every_operation_and_navigates() {
    let _handle = leptos::mount::mount_to_body(App);
    leptos::task::tick().await;

    for op in OPERATIONS {
        let link = by_testid(&format!("nav-op-{}", op.id)).expect("a nav link per operation");
        assert_eq!(link.text_content().as_deref(), Some(op.title.en));
    }
    assert!(by_testid("nav-settings").is_some(), "settings link");
    assert!(by_testid("nav-cloud-alibaba").is_some() && by_testid("nav-cloud-huawei").is_some());

    // Client-side navigation: clicking a link swaps the pane without a page load.
    by_testid("nav-op-es-version-upgrade")
        .expect("es link")
        .click();
    let Some(pane) = wait_for("pane-op-es-version-upgrade").await else {
        panic!(
            "no es pane after click; at {:?}: {}",
            web_sys::window().and_then(|w| w.location().href().ok()),
            document()
                .body()
                .map(|b| b.inner_html())
                .unwrap_or_default()
        );
    };
    assert!(pane
        .text_content()
        .unwrap_or_default()
        .contains("UpgradeEngineVersion"));

    by_testid("nav-settings").expect("settings link").click();
    assert!(
        wait_for("pane-settings").await.is_some(),
        "settings pane after click"
    );
    assert!(
        wait_gone("pane-op-es-version-upgrade").await,
        "previous pane is gone"
    );
}

/// Sets an input's text as a user would (value, then `input` and `blur` events).
fn type_into(testid: &str, text: &str) {
    let input: web_sys::HtmlInputElement = by_testid(testid).expect("input").unchecked_into();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    for kind in ["input", "blur", "focusout"] {
        let ev = web_sys::Event::new_with_event_init_dict(kind, &init).expect("event");
        let _ = input.dispatch_event(&ev);
    }
}

#[wasm_bindgen_test]
async fn inline_message_appears_and_disappears_as_the_field_changes() {
    let _handle = leptos::mount::mount_to_body(App);
    leptos::task::tick().await;
    by_testid("nav-op-redis-major-upgrade")
        .expect("redis link")
        .click();
    assert!(
        wait_for("input-InstanceId").await.is_some(),
        "form rendered"
    );

    type_into("input-InstanceId", "not an id!");
    let message = wait_for("error-InstanceId")
        .await
        .expect("message after an invalid id");
    assert!(!message.text_content().unwrap_or_default().is_empty());
    let input = by_testid("input-InstanceId").expect("input");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input.get_attribute("aria-describedby").unwrap_or_default();
    assert!(
        described.contains("field-InstanceId-message"),
        "{described}"
    );

    type_into("input-InstanceId", "r-bp1sandbox0001");
    assert!(
        wait_gone("error-InstanceId").await,
        "message gone once the id is valid"
    );
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
}
