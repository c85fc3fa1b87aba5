//! Applying the sandbox's public demo credentials in one click, so a newcomer can try every operation.

use console_core::sign::Credentials;
use leptos::prelude::*;

use crate::state::auth::AuthCtx;
use crate::state::runtime::DemoCredentials;

/// Puts the demo AccessKeys of both clouds into memory, replacing what was there.
pub(crate) fn apply(auth: AuthCtx, demo: &DemoCredentials) {
    auth.alibaba.set(Some(Credentials::new(
        &demo.alibaba_access_key_id,
        &demo.alibaba_access_key_secret,
    )));
    auth.huawei.set(Some(Credentials::new(
        &demo.huawei_access_key,
        &demo.huawei_secret_key,
    )));
}
