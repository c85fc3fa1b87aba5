//! Per-form state: the raw text of every field, which fields were touched (blurred), and whether Send
//! was pressed once. Errors are derived from these, never stored. Non-secret field values mirror into the
//! URL query, so a link reopens the same form, and into the page's draft of it (`crate::state::answers`).

use std::collections::BTreeSet;

use console_core::catalog::ApiSpec;
use console_core::validate::RawForm;
use leptos::prelude::*;

use crate::state::answers::use_answers;

/// Signals of one form.
#[derive(Clone, Copy)]
pub(crate) struct FormState {
    pub(crate) raw: RwSignal<RawForm>,
    pub(crate) touched: RwSignal<BTreeSet<&'static str>>,
    pub(crate) submitted: RwSignal<bool>,
}

impl FormState {
    /// A field's message is shown once it was left (blur) or after the first Send, as thaw does.
    pub(crate) fn visible(self, name: &'static str) -> bool {
        self.submitted.get() || self.touched.with(|t| t.contains(name))
    }

    /// The raw text of a field.
    pub(crate) fn value(self, name: &str) -> String {
        self.raw.with(|r| r.get(name).cloned().unwrap_or_default())
    }

    /// Back to the operation's defaults, nothing touched (its draft follows). A TaurusDB project id that
    /// was filled in from the credentials is not filled in again: the look-up beside it finds it.
    pub(crate) fn clear(self, spec: &'static ApiSpec) {
        self.raw.set(spec.initial_form());
        self.touched.set(BTreeSet::new());
        self.submitted.set(false);
    }

    /// Sets a field's raw text.
    pub(crate) fn set(self, name: &'static str, value: String) {
        self.raw.update(|r| {
            r.insert(name.to_owned(), value);
        });
    }
}

/// Creates the state from the spec's defaults overlaid with the URL's query, or, for a link without
/// one, with the form's draft on this page; keeps the URL and the draft in step.
pub(crate) fn use_form_state(spec: &'static ApiSpec) -> FormState {
    let draft_slot = use_answers().of(spec.id).draft;
    let search = crate::router::search();
    let draft = search
        .trim_start_matches('?')
        .is_empty()
        .then(|| draft_slot.get_value())
        .flatten();
    let restored = draft.is_some();
    let query = from_query(draft.as_deref().unwrap_or(&search));
    let mut raw = spec.initial_form();
    for f in spec.fields {
        if let Some(v) = query
            .iter()
            .rev()
            .find(|(k, _)| k == f.name)
            .and_then(|(_, v)| f.from_link(v))
        {
            raw.insert(f.name.to_owned(), v);
        }
    }
    let state = FormState {
        raw: RwSignal::new(raw),
        touched: RwSignal::new(BTreeSet::new()),
        submitted: RwSignal::new(false),
    };
    // The URL follows every change, and from the start when a draft filled the form.
    Effect::new(move |prev: Option<()>| {
        let query = state.raw.with(to_query);
        if prev.is_some() || restored {
            let sep = if query.is_empty() { "" } else { "?" };
            crate::router::replace_url(&crate::router::href(&format!(
                "/op/{}{sep}{query}",
                spec.id
            )));
        }
        draft_slot.set_value(Some(query));
    });
    state
}

/// The form as a URL query (`a=1&b=2`), values percent-encoded, empty fields left out.
fn to_query(raw: &RawForm) -> String {
    raw.iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The pairs of a raw query (`a=1&b=%25`), each decoded exactly once (a typed `%41` stays `%41`).
fn from_query(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (dec(k), dec(v))
        })
        .collect()
}

/// Decodes one query component as a browser does (`+` is a space); malformed escapes stay as typed.
fn dec(s: &str) -> String {
    let s = s.replace('+', " ");
    match js_sys::decode_uri_component(&s) {
        Ok(v) => v.into(),
        Err(_) => s,
    }
}

fn enc(s: &str) -> String {
    js_sys::encode_uri_component(s).into()
}
