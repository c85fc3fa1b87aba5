//! `console-core`: the pure logic of upgrade-console.
//!
//! Everything that can be decided without a browser lives here: the catalog of operations, field
//! validation, canonicalisation and request signing. The crate does no I/O, reads no clock and draws no
//! random numbers: time and nonces are parameters, as in rusty-s3. It builds for the host and for
//! `wasm32-unknown-unknown` alike, and is tested with plain `cargo test -p console-core`.
//!
//! The path of one upgrade call through the crate:
//!
//! 1. [`catalog::spec`] gives the operation's [`catalog::ApiSpec`]: fields, endpoint rule, advisories.
//! 2. [`region::endpoint`] turns the chosen region into the endpoint host.
//! 3. Optionally, [`preflight::build_read`] + [`preflight::parse_reply`] learn the instance's state.
//! 4. [`validate::validate_with`] parses the raw form into a [`validate::ValidForm`] or per-field issues.
//! 5. [`build::build`] makes the unsigned request; [`sign::sign`] signs it.
//! 6. [`preview`] renders it as curl / CLI; [`explain::explain`] reads a cloud error reply.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod advice;
pub mod batch;
pub mod build;
pub mod catalog;
pub mod cli;
pub mod diff;
pub mod dryrun;
pub mod explain;
pub mod field;
pub mod format;
pub mod i18n;
pub mod issue;
pub mod openapi;
pub mod parse;
pub mod preflight;
pub mod preview;
pub mod proxy_base;
pub mod region;
pub mod reply;
pub mod resend;
pub mod schedule;
pub mod sign;
pub mod validate;
pub mod value;
pub mod version;

pub use build::{build, BuiltRequest};
pub use catalog::{spec, ApiSpec, Cloud, Operation, Product, Style, OPERATIONS, SPECS};
pub use field::{FieldKind, FieldSpec, Placement};
pub use i18n::{Lang, Text};
pub use issue::Issue;
pub use preflight::{Blocker, PreflightFacts};
pub use sign::{
    sign, Credentials, OutgoingRequest, Scheme, SignError, Signed, SigningTime, UnsignedRequest,
};
pub use validate::{validate, validate_with, RawForm, ValidForm, Validated};
