//! One module per route.

pub(crate) mod home;
pub(crate) mod not_found;
pub(crate) mod operation;
pub(crate) mod settings;
