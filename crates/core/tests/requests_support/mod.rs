//! Shared by the request-shape tests: forms validated and built for an operation, and id constants.
#![allow(dead_code, unreachable_pub)]

use console_core::build::{build, BuiltRequest};
use console_core::catalog::spec;
use console_core::region::endpoint;
use console_core::validate::{validate, RawForm, ValidForm};

pub const PROJECT: &str = "0123456789abcdef0123456789abcdef";
pub const TAURUS_A: &str = "61a4ea66210545909d74a05c27a7179ein07";
pub const TAURUS_B: &str = "0f3b2c1d4e5f46a7b8c9d0e1f2a3b4c5in07";

pub fn form(op: &str, pairs: &[(&str, &str)]) -> ValidForm {
    let raw: RawForm = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let v = validate(spec(op).unwrap(), &raw);
    v.valid.unwrap_or_else(|| panic!("{op}: {:?}", v.errors))
}

pub fn built(op: &str, region: &str, pairs: &[(&str, &str)]) -> BuiltRequest {
    let s = spec(op).unwrap();
    build(s, &form(op, pairs), &endpoint(s, region))
}

pub fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}
