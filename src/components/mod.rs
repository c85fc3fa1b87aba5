//! Reusable view pieces. One component per file.

pub(crate) mod nav;
