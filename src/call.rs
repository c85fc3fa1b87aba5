//! Build → sign → send: the one path every cloud call takes, upgrade or pre-flight read. It picks the
//! upstream (sandbox or cloud endpoint), signs with a fresh nonce and the (skew-corrected) time, sends
//! through the proxy, and records the server clock from the reply.

use console_core::build::BuiltRequest;
use console_core::catalog::{ApiSpec, Cloud};
use console_core::region;
use console_core::sign::{sign, OutgoingRequest, SignError, Signed};
use leptos::prelude::*;
use thiserror::Error;

use crate::state::auth::{use_auth, AuthCtx};
use crate::state::clock::{use_clock, ClockCtx};
use crate::state::runtime::{use_runtime, RuntimeCtx};
use crate::state::settings::{use_settings, SettingsCtx};
use crate::transport::{self, Reply, SendError};
use crate::upstream;

/// The contexts a call needs, gathered once per component (they are all `Copy`).
#[derive(Clone, Copy)]
pub(crate) struct CallEnv {
    pub(crate) settings: SettingsCtx,
    pub(crate) runtime: RuntimeCtx,
    pub(crate) auth: AuthCtx,
    pub(crate) clock: ClockCtx,
}

/// Reads the contexts; call inside a component.
pub(crate) fn use_call_env() -> CallEnv {
    CallEnv {
        settings: use_settings(),
        runtime: use_runtime(),
        auth: use_auth(),
        clock: use_clock(),
    }
}

/// Where an operation's calls go, as shown to the user and as signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Destination {
    /// `http` (sandbox) or `https`.
    pub(crate) scheme: String,
    /// Host (and port) that is signed and forwarded to.
    pub(crate) host: String,
    /// Region id in use.
    pub(crate) region: String,
    /// The real cloud endpoint for that region (or the user's override).
    pub(crate) cloud_host: String,
}

/// Why a call could not be made or got no cloud answer. `Display` is the English message;
/// `message(lang)` (`crate::error_text`) gives it in the UI's language.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub(crate) enum CallError {
    #[error("No {} credentials yet: add them in Settings (in the sandbox, click \"Use demo credentials\").", .0.label().en)]
    NoCredentials(Cloud),
    #[error("The browser clock gives no usable time to sign with.")]
    Clock,
    #[error("Cannot sign this request: {0}")]
    Sign(#[from] SignError),
    #[error(transparent)]
    Send(#[from] SendError),
    /// The signing and sending code (a split chunk, `crate::lazy::call_chunk`) did not load; nothing was
    /// sent, so trying again is safe.
    #[error(transparent)]
    Chunk(#[from] crate::lazy::ChunkError),
}

/// One finished call: what was signed (if it got that far) and the answer or why there is none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) prepared: Option<Prepared>,
    pub(crate) result: Result<Reply, CallError>,
    /// Set for an upgrade sent from a form (not a read, not a dry run): a server error then leaves the
    /// outcome unknown rather than calling for a retry (`crate::lazy::form_call`).
    pub(crate) upgrade: bool,
    /// For such an upgrade, the hold it leaves on sending again, if any (`console_core::resend`). Kept
    /// with the answer it comes from, so that the form needs no state of its own for it.
    pub(crate) hold: Option<console_core::resend::SendHold>,
}

/// A call that failed before anything was signed or sent.
impl From<CallError> for Outcome {
    fn from(e: CallError) -> Self {
        Self {
            prepared: None,
            result: Err(e),
            upgrade: false,
            hold: None,
        }
    }
}

/// A signed request plus what the preview shows about its signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Prepared {
    pub(crate) request: OutgoingRequest,
    pub(crate) scheme: String,
    pub(crate) canonical_request: Option<String>,
    pub(crate) string_to_sign: Option<String>,
}

const fn cloud_key(cloud: Cloud) -> &'static str {
    match cloud {
        Cloud::Alibaba => "alibaba",
        Cloud::Huawei => "huawei",
    }
}

impl CallEnv {
    /// Whether the page holds what signs `cloud`'s calls: its AccessKey, or for Huawei an IAM token
    /// (reactive when read in a memo or resource).
    pub(crate) fn has_credentials(self, cloud: Cloud) -> bool {
        match cloud {
            Cloud::Alibaba => self.auth.alibaba.with(Option::is_some),
            Cloud::Huawei => {
                self.auth.huawei.with(Option::is_some) || self.auth.iam_token.with(Option::is_some)
            }
        }
    }

    /// The destination of `spec`'s calls under the current settings (reactive when read in a memo).
    pub(crate) fn destination(self, spec: &ApiSpec) -> Destination {
        let region = self.settings.0.with(|s| s.region(cloud_key(spec.cloud)));
        self.destination_in(spec, region)
    }

    /// The destination of `spec`'s calls in `region` (a fleet spans the regions its instances are in):
    /// the endpoint override or the region's endpoint, then the sandbox or the cloud.
    pub(crate) fn destination_in(self, spec: &ApiSpec, region: String) -> Destination {
        let s = self.settings.0.get();
        let cloud_host = s
            .endpoints
            .get(spec.id)
            .cloned()
            .unwrap_or_else(|| region::endpoint(spec, &region));
        let (scheme, host) = self
            .runtime
            .info
            .with(|r| upstream::resolve(&s, r.as_ref(), &cloud_host));
        Destination {
            scheme,
            host,
            region,
            cloud_host,
        }
    }

    /// Signs a built request: IAM token for Huawei when one is held, else the cloud's AccessKey.
    pub(crate) fn prepare(self, built: &BuiltRequest, scheme: &str) -> Result<Prepared, CallError> {
        if built.cloud == Cloud::Huawei {
            if let Some(token) = self.auth.iam_token.get_untracked() {
                return Ok(Prepared {
                    request: built.with_token(token.token()),
                    scheme: scheme.to_owned(),
                    canonical_request: None,
                    string_to_sign: None,
                });
            }
        }
        let creds = match built.cloud {
            Cloud::Alibaba => self.auth.alibaba.get_untracked(),
            Cloud::Huawei => self.auth.huawei.get_untracked(),
        }
        .ok_or(CallError::NoCredentials(built.cloud))?;
        let time = self.clock.signing_time().ok_or(CallError::Clock)?;
        let nonce = nonce();
        let signed = sign(&built.request, &creds, &built.scheme(&nonce, time))?;
        let canonical_request = match &signed {
            Signed::AlibabaV3(s) => Some(s.steps.canonical_request.clone()),
            Signed::Huawei(s) => Some(s.steps.canonical_request.clone()),
            Signed::AlibabaRpcV1(_) => None,
        };
        let string_to_sign = Some(signed.string_to_sign().to_owned());
        Ok(Prepared {
            request: signed.into_request(),
            scheme: scheme.to_owned(),
            canonical_request,
            string_to_sign,
        })
    }

    /// Signs and sends: the whole call, for the split chunk that carries the signer and the HTTP client
    /// (`crate::lazy::call`).
    pub(crate) async fn call(self, built: BuiltRequest, scheme: String) -> Outcome {
        match self.prepare(&built, &scheme) {
            Ok(prepared) => {
                let result = self.send(&prepared).await;
                Outcome {
                    prepared: Some(prepared),
                    result,
                    upgrade: false,
                    hold: None,
                }
            }
            Err(e) => e.into(),
        }
    }

    /// Sends a prepared request through the proxy and learns the server clock from the reply.
    pub(crate) async fn send(self, prepared: &Prepared) -> Result<Reply, CallError> {
        let proxy = self.settings.0.with_untracked(|s| s.proxy_base.clone());
        let reply = transport::send(&proxy, &prepared.scheme, &prepared.request).await?;
        if let Some(date) = reply.header("date") {
            self.clock.observe(date);
        }
        Ok(reply)
    }
}

/// A fresh signature nonce: a UUID v4 from `crypto.getRandomValues` (available even on plain-HTTP
/// intranet hosts, unlike `randomUUID`, which needs a secure context).
fn nonce() -> String {
    let mut b = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut b).is_ok());
    if !filled {
        // No WebCrypto at all (very old browser): still unique per call, which is all the cloud checks.
        let t = js_sys::Date::now().to_bits().to_be_bytes();
        let r = (js_sys::Math::random().to_bits() ^ t.len() as u64).to_be_bytes();
        b[..8].copy_from_slice(&t);
        b[8..].copy_from_slice(&r);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}
