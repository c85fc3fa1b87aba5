//! upgrade-console, the browser app: a Leptos client-side-rendered single-page app.
//!
//! It renders forms from the catalog in `console-core`, signs requests in the page, and sends them through
//! the configurable proxy (`crates/proxy`). This library holds every component so that `tests/web.rs`
//! (wasm-bindgen-test, headless Chromium) can mount them; `main.rs` only mounts [`App`].
// `#[component]` expands to `pub` prop structs beside `pub(crate)` components, which `unreachable_pub`
// misreads; the lint stays on for the core and the proxy.
#![allow(unreachable_pub)]

mod app;
mod call;
mod components;
mod demo;
mod download;
mod error_text;
mod fleet;
mod forms;
mod i18n;
mod lazy;
mod leave_guard;
mod pages;
mod router;
mod sleep;
mod state;
mod title;
mod transport;
mod upstream;
mod vault;

pub use app::App;
