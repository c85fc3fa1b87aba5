//! The two languages of the console and the bilingual text type the catalog is written in.
//!
//! DBAs who read the Chinese API pages and those who read the English ones use the same console, so every
//! label, help text and message exists in English and Simplified Chinese. Static text is a [`Text`] pair
//! chosen with [`Text::get`]; dynamic messages (validation issues, blockers, explanations) have a
//! `message(lang)` method built on the same [`Lang`].

use serde::{Deserialize, Serialize};

/// A UI language. English is the default because error codes and API names are English either way.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese (`zh-CN`).
    Zh,
}

impl Lang {
    /// Both languages, for language pickers and for tests that check every text in each.
    pub const ALL: [Self; 2] = [Self::En, Self::Zh];

    /// The BCP 47 tag, for `<html lang>` and for persisting the choice.
    #[must_use]
    pub const fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Zh => "zh-CN",
        }
    }

    /// Reads a tag as browsers write it (`zh`, `zh-CN`, `zh-Hans`, `en-US`…); `None` for other languages,
    /// so the caller can fall back to its default.
    #[must_use]
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "zh" => Some(Self::Zh),
            _ => None,
        }
    }

    /// The name of the language in itself, for the language switch.
    #[must_use]
    pub const fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Zh => "简体中文",
        }
    }
}

/// A piece of static text in both languages. Catalog data is written as `Text` so that a missing
/// translation is a compile error rather than a blank label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

impl Text {
    /// Pairs an English and a Chinese text.
    #[must_use]
    pub const fn new(en: &'static str, zh: &'static str) -> Self {
        Self { en, zh }
    }

    /// The text in `lang`.
    #[must_use]
    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// Picks one of two dynamic strings by language; keeps `message(lang)` implementations short.
pub(crate) fn pick(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_browser_variants_parse() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("EN_us"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn text_picks_by_language() {
        let t = Text::new("Instance ID", "实例 ID");
        assert_eq!(t.get(Lang::En), "Instance ID");
        assert_eq!(t.get(Lang::Zh), "实例 ID");
        assert_eq!(Lang::default(), Lang::En);
    }
}
