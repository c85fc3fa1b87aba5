//! Each operation's page state for the life of the page: its form's draft, its latest answer, whether
//! a call of it is on its way, and its pre-flight refresh counter.
//! They belong to the page rather than to the form on screen: an answer that arrives after the DBA went
//! to another page (and the hold it puts on Send, `console_core::resend`) is there on coming back, and
//! a call never reports into a form that is gone. The draft is the form's last query (the field values
//! its URL carries, none of them secret): a half-filled form left through the navigation is found as it
//! was on coming back; "Clear form" starts one afresh. Only in memory: a reload keeps the open form in
//! its URL anyway, and nothing is written to storage.

use console_core::SPECS;
use leptos::prelude::*;

use crate::call::Outcome;

/// One operation's page state.
#[derive(Clone, Copy)]
pub(crate) struct Answer {
    /// The form's last query, once the form was opened on this page.
    pub(crate) draft: StoredValue<Option<String>>,
    /// The latest answer shown under the form (`None` before the first call, and while one runs).
    pub(crate) outcome: RwSignal<Option<Outcome>>,
    /// True from Send until the answer is in.
    pub(crate) sending: RwSignal<bool>,
    /// Bumped to re-read pre-flight: after an upgrade it keeps being bumped for a while, so the
    /// instance's state is followed also in a form opened again meanwhile.
    pub(crate) refresh: RwSignal<u32>,
}

impl Answer {
    fn new() -> Self {
        Self {
            draft: StoredValue::new(None),
            outcome: RwSignal::new(None),
            sending: RwSignal::new(false),
            refresh: RwSignal::new(0),
        }
    }
}

/// Every operation's [`Answer`], by operation id, created with the app (so they outlive every form).
#[derive(Clone, Copy)]
pub(crate) struct AnswersCtx(StoredValue<Vec<(&'static str, Answer)>>);

/// Installs an answer slot for each operation of the catalog.
pub(crate) fn provide_answers() {
    let all = SPECS.iter().map(|s| (s.id, Answer::new())).collect();
    provide_context(AnswersCtx(StoredValue::new(all)));
}

/// The answers; call inside a component.
pub(crate) fn use_answers() -> AnswersCtx {
    expect_context::<AnswersCtx>()
}

impl AnswersCtx {
    /// Operation `id`'s answer. Every catalog operation has one; any other id (none reaches a form) gets
    /// a slot of the caller's own.
    pub(crate) fn of(self, id: &str) -> Answer {
        self.0
            .with_value(|all| all.iter().find(|(k, _)| *k == id).map(|(_, a)| *a))
            .unwrap_or_else(Answer::new)
    }
}
