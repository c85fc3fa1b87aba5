//! The operation forms' drafts for the life of this page: each form's last query (the field values its
//! URL carries, none of them secret). A DBA who leaves a half-filled form through the navigation and
//! comes back finds it as it was, as in a desktop tool's tabs; "Clear form" starts one afresh. Only in
//! memory: a reload keeps the open form in its URL anyway, and nothing is written to storage.

use leptos::prelude::*;

/// Each operation's last query, by operation id (a list: there are five operations, and a map's code
/// would cost the first load more than it could ever save).
#[derive(Clone, Copy)]
pub(crate) struct DraftsCtx(StoredValue<Vec<(&'static str, String)>>);

/// Installs an empty set of drafts.
pub(crate) fn provide_drafts() {
    provide_context(DraftsCtx(StoredValue::new(Vec::new())));
}

/// The drafts; call inside a component.
pub(crate) fn use_drafts() -> DraftsCtx {
    expect_context::<DraftsCtx>()
}

impl DraftsCtx {
    /// The draft of operation `id`, if its form was opened on this page before.
    pub(crate) fn get(self, id: &str) -> Option<String> {
        self.0
            .with_value(|d| d.iter().find(|(k, _)| *k == id).map(|(_, q)| q.clone()))
    }

    /// Keeps `query` as the draft of operation `id`.
    pub(crate) fn keep(self, id: &'static str, query: String) {
        self.0
            .update_value(|d| match d.iter_mut().find(|(k, _)| *k == id) {
                Some((_, q)) => *q = query,
                None => d.push((id, query)),
            });
    }
}
