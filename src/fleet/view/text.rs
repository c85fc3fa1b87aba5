//! Fleet page text in English and Simplified Chinese, kept beside the views that use it (the shared
//! table in `crate::i18n` holds the chrome of the single-operation pages).

use leptos::prelude::*;

use crate::state::settings::use_settings;

/// A reactive text getter: `en` or `zh` by the language chosen in the header.
pub(crate) fn tx(
    en: &'static str,
    zh: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let settings = use_settings();
    move || {
        if settings.0.with(|s| s.lang) == console_core::Lang::Zh {
            zh
        } else {
            en
        }
    }
}
