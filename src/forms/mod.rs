//! The catalog-driven form: one generic form renders any operation of `console_core::catalog`.
//! Logic lives in the core (validation, building, pre-flight parsing, error explanations); these
//! components read signals, call it inside memos, and render.

pub(crate) mod batch_check;
pub(crate) mod confirm;
pub(crate) mod earlier_check;
pub(crate) mod field_input;
pub(crate) mod operation_form;
pub(crate) mod preflight_panel;
pub(crate) mod preview_panel;
pub(crate) mod project;
pub(crate) mod result_panel;
pub(crate) mod state;
