//! Each operation's latest answer, whether a call of it is on its way, and its pre-flight refresh
//! counter, for the life of the page.
//! They belong to the page rather than to the form on screen: an answer that arrives after the DBA went
//! to another page (and the hold it puts on Send, `console_core::resend`) is there on coming back, and
//! a call never reports into a form that is gone.

use console_core::SPECS;
use leptos::prelude::*;

use crate::call::Outcome;

/// One operation's answer and busy flag.
#[derive(Clone, Copy)]
pub(crate) struct Answer {
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
