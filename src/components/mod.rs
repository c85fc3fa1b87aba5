//! Reusable view pieces. One component per file.

pub(crate) mod credentials_form;
pub(crate) mod csp_hint;
pub(crate) mod header;
pub(crate) mod iam_login;
pub(crate) mod nav;
pub(crate) mod openapi_download;
pub(crate) mod remember;
