//! The browser tab's title follows the page and the language, so a DBA with several tabs open, the
//! history menu or a bookmark tells the operations apart ("Redis major version upgrade ·
//! upgrade-console" rather than "upgrade-console" everywhere).

use console_core::catalog::find;
use console_core::{Lang, Text};
use leptos::prelude::*;

use crate::i18n::T;
use crate::router::Route;
use crate::state::settings::use_settings;

/// The app's name: the end of every title, and the whole title of `index.html` until the app runs.
const APP: &str = "upgrade-console";

/// The fleet page's heading (`crate::fleet::view`), repeated here because that page is a split chunk.
const FLEET: Text = Text::new("Fleet upgrades", "批量升级");

/// The title of `route` in `lang`: the page's heading, then the app's name. Pure, so it is tested
/// natively.
fn title(route: &Route, lang: Lang) -> String {
    let page = match route {
        Route::Home => T::HomeTitle.get(lang),
        // The form's heading, or the pane's for an id that names no operation.
        Route::Op(id) => find(id).map_or(T::UnknownOp.get(lang), |o| o.title.get(lang)),
        Route::Settings => T::Settings.get(lang),
        Route::Fleet => FLEET.get(lang),
        Route::NotFound => T::NotFound.get(lang),
    };
    format!("{page} · {APP}")
}

/// Keeps `document.title` in step with `route` and the language chosen in the header. Call once, in
/// `App`.
pub(crate) fn follow_title(route: Memo<Route>) {
    let settings = use_settings();
    Effect::new(move |_| {
        let lang = settings.0.with(|s| s.lang);
        document().set_title(&route.with(|r| title(r, lang)));
    });
}

#[cfg(test)]
mod tests {
    use super::{title, Lang, Route};

    #[test]
    fn each_page_has_its_own_title_in_each_language() {
        let en = |r: Route| title(&r, Lang::En);
        assert_eq!(
            en(Route::Op("redis-major-upgrade".into())),
            "Redis major version upgrade · upgrade-console"
        );
        assert_eq!(en(Route::Settings), "Settings · upgrade-console");
        assert_eq!(en(Route::Fleet), "Fleet upgrades · upgrade-console");
        assert_eq!(
            en(Route::Op("nope".into())),
            "Unknown operation · upgrade-console"
        );
        assert_eq!(en(Route::NotFound), "Page not found · upgrade-console");
        assert_eq!(title(&Route::Settings, Lang::Zh), "设置 · upgrade-console");
        assert_eq!(title(&Route::Fleet, Lang::Zh), "批量升级 · upgrade-console");
    }
}
