//! The application shell: header, navigation grouped by cloud, and one route per operation.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::header::Header;
use crate::components::nav::Nav;
use crate::pages::{home::Home, not_found::NotFound, operation::OperationPage, settings::Settings};

/// The whole console. Every route is deep-linkable (`/op/{id}`, `/settings`), so a DBA can bookmark or
/// share the exact operation they were working on.
#[component]
pub fn App() -> impl IntoView {
    crate::state::provide_all();
    view! {
        <Router>
            <Header/>
            <div class="app-body">
                <Nav/>
                <main class="app-main" data-testid="app-main">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Home/>
                        <Route path=path!("/op/:id") view=OperationPage/>
                        <Route path=path!("/settings") view=Settings/>
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
