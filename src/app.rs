//! The application shell: header, navigation grouped by cloud, and one route per operation, plus the fleet (batch) page.
//! Settings and the fleet page are split points (`crate::lazy`): their code loads on first visit.

use leptos::prelude::*;

use crate::components::header::Header;
use crate::components::nav::Nav;
use crate::lazy::{FleetRoute, SettingsRoute};
use crate::pages::{home::Home, not_found::NotFound, operation::OperationPage};
use crate::router::{provide_router, Route};

/// The whole console. Every route is deep-linkable (`/op/{id}`, `/settings`), so a DBA can bookmark or
/// share the exact operation they were working on.
#[component]
pub fn App() -> impl IntoView {
    crate::state::provide_all();
    crate::fleet::provide_fleet();
    let route = provide_router().route;
    crate::title::follow_title(route);
    view! {
        <Header/>
        <div class="app-body">
            <Nav/>
            <main class="app-main" data-testid="app-main">
                {move || match route.get() {
                    Route::Home => view! { <Home/> }.into_any(),
                    Route::Op(id) => view! { <OperationPage id=id/> }.into_any(),
                    Route::Settings => view! { <SettingsRoute/> }.into_any(),
                    Route::Fleet => view! { <FleetRoute/> }.into_any(),
                    Route::NotFound => view! { <NotFound/> }.into_any(),
                }}
            </main>
        </div>
    }
}
