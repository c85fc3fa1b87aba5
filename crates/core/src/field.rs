//! One form field of an operation, as data: where it goes in the request, what it accepts, how it is
//! labelled. The UI renders forms from these, [`mod@crate::validate`] parses against them, the builder places
//! values by them and the OpenAPI export describes them — one description, four uses.

use serde::Serialize;

use crate::format::Format;
use crate::i18n::Text;

/// Where a value travels in the HTTP request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Placement {
    /// Substituted into `{name}` in the path template.
    Path,
    /// A query parameter (all Alibaba RPC parameters, ES `clientToken`/`dryRun`/`updateStrategy`).
    Query,
    /// A request header (TaurusDB `X-Language`).
    Header,
    /// A member of the JSON request body, in catalog order.
    JsonBody,
    /// Not sent: shapes how another field is written (e.g. TaurusDB `delay` as string or boolean).
    Control,
}

impl Placement {
    /// The OpenAPI `in` value, `None` for body and control fields.
    #[must_use]
    pub const fn openapi_in(self) -> Option<&'static str> {
        match self {
            Self::Path => Some("path"),
            Self::Query => Some("query"),
            Self::Header => Some("header"),
            Self::JsonBody | Self::Control => None,
        }
    }
}

/// One documented value of a list, with the label a DBA reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// The value sent on the wire.
    pub value: &'static str,
    /// What it means.
    pub label: Text,
}

impl Choice {
    /// A value and its bilingual label.
    #[must_use]
    pub const fn new(value: &'static str, en: &'static str, zh: &'static str) -> Self {
        Self {
            value,
            label: Text::new(en, zh),
        }
    }
}

/// What a field accepts; decides the widget and the parser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum FieldKind {
    /// Free text that must match a format (instance ids, tokens, versions).
    Text(&'static Format),
    /// One of a documented list. With `other`, a value outside the list that matches that format is
    /// accepted with a warning, because documented lists go stale (apis.md §E.2); without it (local
    /// control fields only) the list is closed.
    Choice {
        /// The documented values, in display order.
        choices: &'static [Choice],
        /// Format for values outside the list, or `None` for a closed list.
        other: Option<&'static Format>,
    },
    /// `true` or `false`.
    Bool,
    /// TaurusDB instances, one `instance_id,current_version` pair per line (a textarea).
    InstanceVersions {
        /// Most instances one call takes.
        max: usize,
    },
    /// Elasticsearch `plugins` as JSON text: an array of `{name, enable, version?, fileVersion?}`.
    EsPlugins,
}

impl FieldKind {
    /// Whether the UI should offer a multi-line text area rather than a one-line input.
    #[must_use]
    pub const fn is_multiline(self) -> bool {
        matches!(self, Self::InstanceVersions { .. } | Self::EsPlugins)
    }

    /// The documented values of a list field; empty for other kinds.
    #[must_use]
    pub const fn choices(self) -> &'static [Choice] {
        match self {
            Self::Choice { choices, .. } => choices,
            _ => &[],
        }
    }
}

/// The JSON/OpenAPI type of the value on the wire (query values are strings either way; this is what
/// the API documents and what a JSON body carries).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Wire {
    /// A string.
    String,
    /// An integer written as digits (Dds engine `SwitchMode`).
    Integer,
    /// A JSON boolean, or `true`/`false` in a query.
    Boolean,
    /// A boolean in a JSON body written as the string `"true"`/`"false"` or as a JSON boolean, as the
    /// named control field says: TaurusDB `delay`, where the docs and the SDK disagree (apis.md §A.5.1).
    BooleanAs {
        /// The [`Placement::Control`] field holding `string` or `boolean`.
        control: &'static str,
    },
    /// A JSON array.
    Array,
}

/// One field of an operation's form. Built with the `const fn` helpers so the catalog reads as a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FieldSpec {
    /// The API's own parameter name, also the key in a [`crate::validate::RawForm`].
    pub name: &'static str,
    /// Short label above the input.
    pub label: Text,
    /// One or two sentences under the input: what the value does and where to find it.
    pub help: Text,
    /// Where the value goes.
    pub placement: Placement,
    /// What it accepts.
    pub kind: FieldKind,
    /// Its type on the wire.
    pub wire: Wire,
    /// Must be filled in before Send.
    pub required: bool,
    /// The value a fresh form starts with (`None` = empty, i.e. the cloud's own default applies). For a
    /// control field it is also the value used when the field is left empty.
    pub default: Option<&'static str>,
    /// A realistic example, used as the input placeholder and in the OpenAPI export.
    pub example: &'static str,
    /// Rarely changed: the UI may fold it under "Advanced".
    pub advanced: bool,
}

impl FieldSpec {
    /// A field with empty texts; chain [`Self::label`], [`Self::help`] and the rest.
    #[must_use]
    pub const fn new(
        name: &'static str,
        placement: Placement,
        kind: FieldKind,
        wire: Wire,
    ) -> Self {
        Self {
            name,
            label: Text::new("", ""),
            help: Text::new("", ""),
            placement,
            kind,
            wire,
            required: false,
            default: None,
            example: "",
            advanced: false,
        }
    }

    /// Sets the bilingual label.
    #[must_use]
    pub const fn label(self, en: &'static str, zh: &'static str) -> Self {
        Self {
            label: Text::new(en, zh),
            ..self
        }
    }

    /// Sets the bilingual help text.
    #[must_use]
    pub const fn help(self, en: &'static str, zh: &'static str) -> Self {
        Self {
            help: Text::new(en, zh),
            ..self
        }
    }

    /// Marks the field required.
    #[must_use]
    pub const fn required(self) -> Self {
        Self {
            required: true,
            ..self
        }
    }

    /// Sets the initial value.
    #[must_use]
    pub const fn default_value(self, value: &'static str) -> Self {
        Self {
            default: Some(value),
            ..self
        }
    }

    /// Sets the example.
    #[must_use]
    pub const fn example(self, example: &'static str) -> Self {
        Self { example, ..self }
    }

    /// Folds the field under "Advanced".
    #[must_use]
    pub const fn advanced(self) -> Self {
        Self {
            advanced: true,
            ..self
        }
    }

    /// The raw value a shared link (URL query) sets, or `None` to keep the field's default. A checkbox
    /// can show only `true` or `false`: a link's `TRUE` becomes `true`, and anything else (`dryRun=`,
    /// `dryRun=maybe`) keeps the default, so the box always shows what would be sent. Other kinds keep
    /// the text as given; their inline message explains what is wrong with it.
    #[must_use]
    pub fn from_link(&self, text: &str) -> Option<String> {
        match self.kind {
            FieldKind::Bool => ["true", "false"]
                .into_iter()
                .find(|b| text.trim().eq_ignore_ascii_case(b))
                .map(str::to_owned),
            _ => Some(text.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_sets_a_checkbox_only_to_true_or_false() {
        let dry = FieldSpec::new("dryRun", Placement::Query, FieldKind::Bool, Wire::Boolean)
            .default_value("true");
        for (given, set) in [
            ("true", Some("true")),
            ("TRUE", Some("true")),
            (" False ", Some("false")),
            ("", None),
            ("maybe", None),
            ("1", None),
        ] {
            assert_eq!(dry.from_link(given).as_deref(), set, "{given:?}");
        }
        let text = FieldSpec::new(
            "x",
            Placement::Query,
            FieldKind::Text(&crate::format::MAJOR_VERSION),
            Wire::String,
        );
        assert_eq!(text.from_link(" 7.0 ").as_deref(), Some(" 7.0 "));
    }
}
