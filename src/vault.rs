//! "Remember on this device": credentials encrypted under a passphrase with WebCrypto
//! (PBKDF2-SHA-256, 310 000 iterations → AES-256-GCM, random salt and IV), stored in `localStorage`.
//! The plain secret is never stored; without the passphrase the stored blob is useless.
//!
//! Saving never drops what is stored: with a store present, Save needs that store's passphrase and keeps
//! its credentials for every cloud that has none in memory, and it is refused outright when memory holds
//! nothing (the page was reloaded and not unlocked yet).

use console_core::Cloud;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};
use zeroize::Zeroizing;

use crate::state::auth::SecretBundle;

const STORAGE_KEY: &str = "upgrade-console.vault.v1";
const ITERATIONS: u32 = 310_000;

/// What can go wrong. `Display` is the English message; `message(lang)` (`crate::error_text`) gives it
/// in the UI's language.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub(crate) enum VaultError {
    #[error("This browser offers no WebCrypto here (it needs https or localhost), so nothing can be remembered.")]
    NoCrypto,
    #[error("Nothing is remembered on this device.")]
    Empty,
    #[error("Wrong passphrase, or the stored data is damaged.")]
    WrongPassphrase,
    #[error("The passphrase must be at least 8 characters.")]
    WeakPassphrase,
    /// Save with no credentials in memory while a store exists: saving would have emptied it.
    #[error("This page holds no credentials to save, and credentials are already saved on this device, so nothing was changed. To use them, type the passphrase and press \"Unlock saved credentials\".")]
    LockedNothingToSave,
    /// Save with a passphrase that does not open the existing store: the store keeps its passphrase.
    #[error("This passphrase does not open the credentials already saved on this device (or they are damaged), so nothing was saved. A save updates them under their passphrase: type that one, or forget the saved credentials to start over with a new one.")]
    NotTheSavedPassphrase,
    /// No `localStorage` in this page (disabled by the browser's settings).
    #[error("Storing failed: localStorage is not available")]
    NoStorage,
    /// `localStorage` refused the write (quota, private mode).
    #[error("Storing failed: localStorage refused the data")]
    StorageRefused,
    #[error("Storing failed: {0}")]
    Storage(String),
}

#[derive(Serialize, Deserialize)]
struct Stored {
    salt: Vec<u8>,
    iv: Vec<u8>,
    ciphertext: Vec<u8>,
}

/// True when something is stored, so the settings page can offer "Unlock".
pub(crate) fn has_saved() -> bool {
    crate::state::settings::storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .is_some()
}

/// Removes the stored blob.
pub(crate) fn forget() {
    if let Some(s) = crate::state::settings::storage() {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

/// Saves the in-memory credentials under `passphrase` and gives the clouds kept from the existing store.
/// Without a store this creates one. With a store, `passphrase` must open it and its credentials are
/// kept for the clouds `memory` lacks ([`SecretBundle::over`]); with nothing in memory it refuses,
/// since the DBA most likely meant Unlock and saving would have erased the store.
pub(crate) async fn save(passphrase: &str, memory: SecretBundle) -> Result<Vec<Cloud>, VaultError> {
    if memory.is_empty() && has_saved() {
        return Err(VaultError::LockedNothingToSave);
    }
    if passphrase.chars().count() < 8 {
        return Err(VaultError::WeakPassphrase);
    }
    let (bundle, kept) = if has_saved() {
        let stored = load(passphrase).await.map_err(|e| match e {
            VaultError::WrongPassphrase => VaultError::NotTheSavedPassphrase,
            e => e,
        })?;
        memory.over(stored)
    } else {
        (memory, Vec::new())
    };
    write(passphrase, &bundle).await?;
    Ok(kept)
}

/// Encrypts `bundle` under `passphrase` (fresh salt and IV) and replaces the stored blob with it.
async fn write(passphrase: &str, bundle: &SecretBundle) -> Result<(), VaultError> {
    let (crypto, subtle) = crypto()?;
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 12];
    crypto
        .get_random_values_with_u8_array(&mut salt)
        .map_err(|_| VaultError::NoCrypto)?;
    crypto
        .get_random_values_with_u8_array(&mut iv)
        .map_err(|_| VaultError::NoCrypto)?;
    let key = derive(&subtle, passphrase, &salt).await?;
    let plain =
        Zeroizing::new(serde_json::to_vec(bundle).map_err(|e| VaultError::Storage(e.to_string()))?);
    let promise = subtle
        .encrypt_with_object_and_u8_array(&aes_params(&iv), &key, &plain)
        .map_err(|_| VaultError::NoCrypto)?;
    let ciphertext = bytes(
        await_promise(promise)
            .await
            .map_err(|_| VaultError::NoCrypto)?,
    );
    let stored = Stored {
        salt: salt.to_vec(),
        iv: iv.to_vec(),
        ciphertext,
    };
    let json = serde_json::to_string(&stored).map_err(|e| VaultError::Storage(e.to_string()))?;
    crate::state::settings::storage()
        .ok_or(VaultError::NoStorage)?
        .set_item(STORAGE_KEY, &json)
        .map_err(|_| VaultError::StorageRefused)
}

/// Decrypts the stored bundle with `passphrase`.
pub(crate) async fn load(passphrase: &str) -> Result<SecretBundle, VaultError> {
    let (_, subtle) = crypto()?;
    let json = crate::state::settings::storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .ok_or(VaultError::Empty)?;
    let stored: Stored = serde_json::from_str(&json).map_err(|_| VaultError::WrongPassphrase)?;
    let key = derive(&subtle, passphrase, &stored.salt).await?;
    let promise = subtle
        .decrypt_with_object_and_u8_array(&aes_params(&stored.iv), &key, &stored.ciphertext)
        .map_err(|_| VaultError::WrongPassphrase)?;
    let plain = Zeroizing::new(bytes(
        await_promise(promise)
            .await
            .map_err(|_| VaultError::WrongPassphrase)?,
    ));
    serde_json::from_slice(&plain).map_err(|_| VaultError::WrongPassphrase)
}

fn crypto() -> Result<(web_sys::Crypto, SubtleCrypto), VaultError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(VaultError::NoCrypto)?;
    let subtle = crypto.subtle();
    if subtle.is_undefined() || subtle.is_null() {
        return Err(VaultError::NoCrypto);
    }
    Ok((crypto, subtle))
}

async fn derive(
    subtle: &SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
) -> Result<CryptoKey, VaultError> {
    let raw = Uint8Array::from(passphrase.as_bytes());
    let usages = Array::of1(&JsValue::from_str("deriveKey"));
    let base = subtle
        .import_key_with_str("raw", &raw, "PBKDF2", false, &usages)
        .map_err(|_| VaultError::NoCrypto)?;
    let base: CryptoKey = await_promise(base)
        .await
        .map_err(|_| VaultError::NoCrypto)?
        .unchecked_into();
    let algo = object(&[
        ("name", "PBKDF2".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", ITERATIONS.into()),
        ("hash", "SHA-256".into()),
    ]);
    let target = object(&[("name", "AES-GCM".into()), ("length", 256u32.into())]);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = subtle
        .derive_key_with_object_and_object(&algo, &base, &target, false, &usages)
        .map_err(|_| VaultError::NoCrypto)?;
    Ok(await_promise(key)
        .await
        .map_err(|_| VaultError::NoCrypto)?
        .unchecked_into())
}

fn aes_params(iv: &[u8]) -> Object {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv).into()),
    ])
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

async fn await_promise(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

fn bytes(v: JsValue) -> Vec<u8> {
    Uint8Array::new(&v).to_vec()
}
