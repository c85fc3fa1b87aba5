//! The framework's floor: the smallest app with what the console's first load needs from Leptos (a
//! router, a route with an input, a memo that validates it, an inline message), built with the same
//! release options as the console. `make bench` prints its gzip size beside ours, so the bundle-size target
//! can be read against what the framework alone costs (scripts/bench_floor.sh).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

fn main() {
    leptos::mount::mount_to_body(App);
}

/// A router with one route, as the console has.
#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| "Not found">
                <Route path=path!("/") view=Form/>
            </Routes>
        </Router>
    }
}

/// One field validated as it is typed.
#[component]
fn Form() -> impl IntoView {
    let value = RwSignal::new(String::new());
    let message = Memo::new(move |_| {
        value.with(|v| {
            (!v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                .then_some("Invalid instance id")
        })
    });
    view! {
        <label for="id">"Instance id"</label>
        <input id="id" prop:value=value on:input:target=move |ev| value.set(ev.target().value())/>
        <p role="alert">{message}</p>
    }
}
