//! Fleet page text in English and Simplified Chinese, kept beside the views that use it (the shared
//! table in `crate::i18n` holds the chrome of the single-operation pages).

use console_core::Lang;
use leptos::prelude::*;

use crate::state::settings::use_settings;

/// The language chosen in the header, read reactively: for texts with numbers in them, worded with
/// [`crate::fleet::status::pick`].
pub(crate) fn use_lang() -> impl Fn() -> Lang + Copy + Send + Sync + 'static {
    let settings = use_settings();
    move || settings.0.with(|s| s.lang)
}

/// A reactive text getter: `en` or `zh` by the language chosen in the header.
pub(crate) fn tx(
    en: &'static str,
    zh: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || if lang() == Lang::Zh { zh } else { en }
}
