//! Browser entry point of upgrade-console: installs the panic hook (debug builds), mounts the app, and
//! marks the moment it became interactive (`app-interactive`), which `make bench` reads. Build and serve
//! it with `make run`.

fn main() {
    // Release builds abort at the panic itself (`panic = "immediate-abort"`, scripts/env.sh), so a hook
    // would never run there; debug builds keep the readable panic message in the console.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(console::App);
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        // A failed mark only costs a benchmark figure, never the app.
        let _ = perf.mark("app-interactive");
    }
}
