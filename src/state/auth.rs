//! Credentials, held in this page's memory only. They leave it solely as signatures; the optional
//! "remember on this device" store keeps them encrypted (see `vault.rs`).

use console_core::sign::{Credentials, IamToken};
use console_core::Cloud;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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

impl AuthCtx {
    /// The AK/SK pairs in memory now, as the encrypted store keeps them (the IAM token is not kept).
    pub(crate) fn bundle(self) -> SecretBundle {
        SecretBundle {
            alibaba: self.alibaba.get_untracked().map(pack),
            huawei: self.huawei.get_untracked().map(pack),
        }
    }

    /// Puts a bundle's credentials into memory; a cloud the bundle lacks keeps what memory holds.
    pub(crate) fn restore(self, bundle: SecretBundle) {
        if let Some(s) = bundle.alibaba {
            self.alibaba.set(Some(unpack(s)));
        }
        if let Some(s) = bundle.huawei {
            self.huawei.set(Some(unpack(s)));
        }
    }
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

/// One cloud's secrets as stored: key id, secret, optional security token.
type Secret = (String, String, Option<String>);

/// Both clouds' credentials as plain values: what the encrypted store holds (serialized only inside
/// `vault.rs`). No `Debug`, so the secrets cannot end up in a log line.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct SecretBundle {
    pub(crate) alibaba: Option<Secret>,
    pub(crate) huawei: Option<Secret>,
}

impl SecretBundle {
    /// True when no cloud has credentials: a store holding this restores nothing.
    pub(crate) const fn is_empty(&self) -> bool {
        self.alibaba.is_none() && self.huawei.is_none()
    }

    /// `self` (what is in memory) laid over `stored`: a cloud set in memory replaces the stored one, a
    /// cloud not set in memory keeps the stored one, so a save never drops a cloud silently. Also gives
    /// the clouds kept that way, for the status line.
    pub(crate) fn over(self, stored: Self) -> (Self, Vec<Cloud>) {
        let mut kept = Vec::new();
        let mut pick = |mine: Option<Secret>, theirs: Option<Secret>, cloud| {
            if mine.is_none() && theirs.is_some() {
                kept.push(cloud);
            }
            mine.or(theirs)
        };
        let alibaba = pick(self.alibaba, stored.alibaba, Cloud::Alibaba);
        let huawei = pick(self.huawei, stored.huawei, Cloud::Huawei);
        (Self { alibaba, huawei }, kept)
    }
}

fn pack(c: Credentials) -> Secret {
    (
        c.access_key_id().to_owned(),
        c.secret().to_owned(),
        c.security_token().map(str::to_owned),
    )
}

fn unpack((id, secret, token): Secret) -> Credentials {
    let c = Credentials::new(id, secret);
    match token {
        Some(t) => c.with_security_token(t),
        None => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str) -> Option<Secret> {
        Some((id.to_owned(), format!("{id}-secret"), None))
    }

    /// Regression: Save with only Alibaba in memory over a store holding Alibaba and Huawei dropped Huawei.
    #[test]
    fn memory_replaces_its_clouds_and_keeps_the_stored_others() {
        let stored = SecretBundle {
            alibaba: key("old-ali"),
            huawei: key("hw"),
        };
        let memory = SecretBundle {
            alibaba: key("new-ali"),
            huawei: None,
        };
        let (merged, kept) = memory.over(stored.clone());
        assert!(merged.alibaba == key("new-ali") && merged.huawei == key("hw"));
        assert_eq!(kept, [Cloud::Huawei]);
        let both = SecretBundle {
            alibaba: key("a"),
            huawei: key("h"),
        };
        let (merged, kept) = both.clone().over(stored);
        assert!(merged == both && kept.is_empty());
        let (merged, kept) = SecretBundle::default().over(SecretBundle::default());
        assert!(merged.is_empty() && kept.is_empty());
    }
}
