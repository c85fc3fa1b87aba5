//! Credentials, held in this page's memory only. They leave it solely as signatures; the optional
//! "remember on this device" store keeps them encrypted (see `vault.rs`).

use console_core::sign::{Credentials, IamToken};
use leptos::prelude::*;

/// Context handle for the credentials of both clouds.
#[derive(Clone, Copy)]
pub(crate) struct AuthCtx {
    /// Alibaba Cloud AccessKey (optionally with an STS token).
    pub(crate) alibaba: RwSignal<Option<Credentials>>,
    /// Huawei Cloud AK/SK (optionally with a security token).
    pub(crate) huawei: RwSignal<Option<Credentials>>,
    /// Huawei IAM token obtained with a user name and password, used instead of AK/SK when present.
    pub(crate) iam_token: RwSignal<Option<IamToken>>,
}

/// Installs empty credentials: nothing is loaded from storage without the user's passphrase.
pub(crate) fn provide_auth() {
    provide_context(AuthCtx {
        alibaba: RwSignal::new(None),
        huawei: RwSignal::new(None),
        iam_token: RwSignal::new(None),
    });
}

/// The credentials context.
pub(crate) fn use_auth() -> AuthCtx {
    expect_context::<AuthCtx>()
}
