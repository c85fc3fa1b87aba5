//! Application state shared through context: small `Copy` newtypes with `provide_x`/`use_x` helpers
//! (the leptos `counters` and thaw pattern), so components never reach for bare `use_context`.

pub(crate) mod answers;
pub(crate) mod auth;
pub(crate) mod clock;
pub(crate) mod runtime;
pub(crate) mod settings;

/// Installs every context at the root of the app, in dependency order.
pub(crate) fn provide_all() {
    settings::provide_settings();
    auth::provide_auth();
    clock::provide_clock();
    runtime::provide_runtime();
    answers::provide_answers();
}
