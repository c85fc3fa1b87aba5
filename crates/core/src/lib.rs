//! `console-core`: the pure logic of upgrade-console.
//!
//! Everything that can be decided without a browser lives here: the catalog of operations, field
//! validation, canonicalisation and request signing. The crate does no I/O, reads no clock and draws no
//! random numbers: time and nonces are parameters, as in rusty-s3. It builds for the host and for
//! `wasm32-unknown-unknown` alike, and is tested with plain `cargo test -p console-core`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod catalog;
pub mod sign;

pub use catalog::{Cloud, Operation, OPERATIONS};
pub use sign::{
    sign, Credentials, OutgoingRequest, Scheme, SignError, Signed, SigningTime, UnsignedRequest,
};
