//! The console's own router: four routes, the browser history and in-page links.
//!
//! Why not `leptos_router`: the console has four flat routes and one path parameter, and the general
//! router (nested and async routes, matching, params maps, its link component) was about 70 KB of the
//! main module's 640 KB, about a tenth of the first load (README, "Figures"). This file does what the
//! console used: the route of the current path under the page's `<base href>`, same-origin `<a>` clicks
//! turned into history pushes, Back and Forward, and a way to rewrite the URL's query as the form changes.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where the page is; what `App` renders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    /// `/`: the landing pane.
    Home,
    /// `/op/{id}`: an operation's form (the id may name no operation: the form pane says so).
    Op(String),
    /// `/settings`: credentials and preferences (its code is a chunk loaded on the first visit).
    Settings,
    /// `/fleet`: batch upgrades (a chunk too).
    Fleet,
    /// Anything else, so a stale bookmark shows "not found" instead of a blank page.
    NotFound,
}

impl Route {
    /// The route of a URL path under the app's `base` path (`""` at the site root). Pure, so it is tested
    /// natively. One trailing slash is ignored, as servers usually do.
    pub(crate) fn parse(base: &str, pathname: &str) -> Self {
        let Some(rest) = app_path(base, pathname) else {
            return Self::NotFound;
        };
        let rest = match rest.strip_suffix('/') {
            Some(r) if !r.is_empty() => r,
            _ => rest,
        };
        match rest {
            "" | "/" => Self::Home,
            "/settings" => Self::Settings,
            "/fleet" => Self::Fleet,
            _ => match rest.strip_prefix("/op/") {
                Some(id) if !id.is_empty() && !id.contains('/') => {
                    // Percent-decoded, so a link that a mail client or a portal encoded
                    // (`/op/dds%2Dengine-upgrade`) still opens its form. Bytes that are no UTF-8 are
                    // replaced, and the form pane then says that no operation has that id.
                    Self::Op(
                        percent_encoding::percent_decode_str(id)
                            .decode_utf8_lossy()
                            .into_owned(),
                    )
                }
                _ => Self::NotFound,
            },
        }
    }
}

/// The part of `pathname` after the app's `base` (`""` at the site root), or `None` for a path outside
/// it: `/tools/upgradex` is not under `/tools/upgrade`.
fn app_path<'p>(base: &str, pathname: &'p str) -> Option<&'p str> {
    let rest = pathname.strip_prefix(base)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

/// The app's base path, from `<base href>` (`""` at the site root, `/tools/upgrade` under a subpath),
/// so every route and link works wherever a portal mounts the app. Read once: it cannot change.
pub(crate) fn base() -> &'static str {
    static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BASE.get_or_init(|| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .and_then(|b| web_sys::Url::new(&b).ok())
            .map(|u| u.pathname().trim_end_matches('/').to_owned())
            .unwrap_or_default()
    })
}

/// An app route as a link target (`/op/x` → `/tools/upgrade/op/x` under a subpath): links are absolute
/// paths, so the base is added here.
pub(crate) fn href(path: &str) -> String {
    format!("{}{path}", base())
}

/// Context handle: the current URL path (the query is not tracked: only the form writes it) and its route.
#[derive(Clone, Copy)]
pub(crate) struct RouterCtx {
    path: RwSignal<String>,
    /// The current route; a memo, so a change of query or a click on the current link renders nothing.
    pub(crate) route: Memo<Route>,
}

impl RouterCtx {
    /// Whether `route` is the page shown: the nav's `aria-current`.
    pub(crate) fn is_current(self, route: &Route) -> bool {
        self.route.with(|r| r == route)
    }
}

/// Starts the router: reads the location, follows Back/Forward and takes over same-origin link clicks.
/// Call once, in `App`.
pub(crate) fn provide_router() -> RouterCtx {
    let path = RwSignal::new(location().pathname().unwrap_or_default());
    let ctx = RouterCtx {
        path,
        route: Memo::new(move |_| path.with(|p| Route::parse(base(), p))),
    };
    provide_context(ctx);
    // The handles are dropped without `remove()`, so the listeners stay for the page's life (the App is
    // never unmounted).
    window_event_listener(ev::popstate, move |_| {
        ctx.path.set(location().pathname().unwrap_or_default());
    });
    window_event_listener(ev::click, move |ev| on_click(ctx, &ev));
    ctx
}

/// The router context, for components that mark or follow the current route.
pub(crate) fn use_router() -> RouterCtx {
    expect_context::<RouterCtx>()
}

/// The page's query (`?a=1`), read when a form is created (it restores a shared link's values).
pub(crate) fn search() -> String {
    location().search().unwrap_or_default()
}

/// Rewrites the URL (same path, new query) without a navigation or a history entry: the form mirrors its
/// values there as the DBA types.
pub(crate) fn replace_url(url: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// A plain left click on a same-origin link under the app's base becomes a history push; anything else
/// (modifier keys, other buttons, `target`, `download`, other origins or paths) is left to the browser.
fn on_click(ctx: RouterCtx, ev: &web_sys::MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return;
    }
    let Some(a) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let external = a.rel().split_ascii_whitespace().any(|r| r == "external");
    if external || a.has_attribute("download") || !matches!(a.target().as_str(), "" | "_self") {
        return;
    }
    let Ok(url) = web_sys::Url::new(&a.href()) else {
        return;
    };
    let here = location();
    let path = url.pathname();
    let in_app = app_path(base(), &path).is_some();
    if url.origin() != here.origin().unwrap_or_default() || !in_app || !url.hash().is_empty() {
        return;
    }
    ev.prevent_default();
    // The page shown (a link without a query to the form being filled in keeps the form's query, as the
    // form keeps its values): nothing to push.
    let same_path = here.pathname().ok().as_deref() == Some(path.as_str());
    if same_path && (url.search().is_empty() || here.href().ok() == Some(url.href())) {
        return;
    }
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
    ctx.path.set(path);
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn routes_at_the_root_and_under_a_base() {
        for base in ["", "/tools/upgrade"] {
            let at = |p: &str| Route::parse(base, &format!("{base}{p}"));
            assert_eq!(at(""), Route::Home);
            assert_eq!(at("/"), Route::Home);
            assert_eq!(at("/settings"), Route::Settings);
            assert_eq!(at("/settings/"), Route::Settings);
            assert_eq!(at("/fleet"), Route::Fleet);
            assert_eq!(
                at("/op/dds-engine-upgrade"),
                Route::Op("dds-engine-upgrade".into())
            );
            assert_eq!(at("/op/x/"), Route::Op("x".into()));
            assert_eq!(
                at("/op/dds%2Dengine%2dupgrade"),
                Route::Op("dds-engine-upgrade".into())
            );
            assert_eq!(at("/op/%3Cb%3E"), Route::Op("<b>".into()));
            assert_eq!(at("/op/%FF"), Route::Op("\u{fffd}".into()));
            assert_eq!(at("/op/"), Route::NotFound);
            assert_eq!(at("/op/a/b"), Route::NotFound);
            assert_eq!(at("/nope"), Route::NotFound);
            assert_eq!(at("/settingsx"), Route::NotFound);
        }
        assert_eq!(
            Route::parse("/tools/upgrade", "/other/op/x"),
            Route::NotFound
        );
    }
}
