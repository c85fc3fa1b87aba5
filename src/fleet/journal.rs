//! The batch journal in IndexedDB: every item's state is written, and the write transaction completed,
//! **before** its call leaves, so a reload, a crash or a closed tab can tell what was sent. The call
//! history lives beside it. Values are JSON strings of core types; no secret is ever written here.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbRequest, IdbTransactionMode};

const DB: &str = "upgrade-console";
const VERSION: u32 = 1;
/// Items of every batch, keyed `{batch}/{op}:{instance}`.
pub(crate) const ITEMS: &str = "items";
/// Batch metadata, keyed by batch id.
pub(crate) const BATCHES: &str = "batches";
/// Call history, auto-increment keys.
pub(crate) const HISTORY: &str = "history";

/// An open journal.
#[derive(Clone)]
pub(crate) struct Journal {
    db: IdbDatabase,
}

fn err(v: &JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .unwrap_or_else(|| "IndexedDB error".to_owned())
}

/// Turns IndexedDB's callback style into a future: `install` attaches one-shot handlers that call
/// `resolve` or `reject`.
async fn settled(install: impl FnOnce(Function, Function)) -> Result<JsValue, String> {
    let mut install = Some(install);
    let promise = Promise::new(&mut |resolve, reject| {
        if let Some(f) = install.take() {
            f(resolve, reject);
        }
    });
    JsFuture::from(promise).await.map_err(|e| err(&e))
}

/// Awaits an IDB request's success (its result) or error.
async fn done(req: &IdbRequest) -> Result<JsValue, String> {
    settled(|resolve, reject| {
        let r2 = req.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r2.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r3 = req.clone();
        let bad = Closure::once_into_js(move || {
            let e = r3.error().ok().flatten().map_or_else(
                || JsValue::from_str("IndexedDB request failed"),
                |e| JsValue::from_str(&e.message()),
            );
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(bad.unchecked_ref()));
    })
    .await
}

/// Awaits a transaction's commit (`complete`), so what it wrote survives a crash that follows.
async fn committed(tx: &web_sys::IdbTransaction) -> Result<(), String> {
    settled(|resolve, reject| {
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let bad = Closure::once_into_js(move || {
            let e = JsValue::from_str("the journal write was aborted");
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onerror(Some(bad.unchecked_ref()));
    })
    .await
    .map(|_| ())
}

impl Journal {
    /// Opens (and on first use creates) the database.
    pub(crate) async fn open() -> Result<Self, String> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or(
                "This browser offers no IndexedDB (private mode?): batches cannot be journalled.",
            )?;
        let req = factory.open_with_u32(DB, VERSION).map_err(|e| err(&e))?;
        let upgrade = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
            move |ev: web_sys::Event| {
                let db = ev
                    .target()
                    .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                    .and_then(|r| r.result().ok())
                    .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
                if let Some(db) = db {
                    let names = db.object_store_names();
                    for store in [ITEMS, BATCHES] {
                        if !names.contains(store) {
                            let _ = db.create_object_store(store);
                        }
                    }
                    if !names.contains(HISTORY) {
                        let p = IdbObjectStoreParameters::new();
                        p.set_auto_increment(true);
                        let _ = db.create_object_store_with_optional_parameters(HISTORY, &p);
                    }
                }
            },
        );
        req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let db = done(&req).await?;
        drop(upgrade);
        Ok(Self {
            db: db.dyn_into().map_err(|_| "IndexedDB open".to_owned())?,
        })
    }

    /// Writes `entries` into `store` in one transaction and waits until it is committed.
    pub(crate) async fn put_all(
        &self,
        store: &str,
        entries: &[(Option<&str>, String)],
    ) -> Result<(), String> {
        let tx = self
            .db
            .transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)
            .map_err(|e| err(&e))?;
        let os = tx.object_store(store).map_err(|e| err(&e))?;
        let finished = committed(&tx);
        for (key, value) in entries {
            let v = JsValue::from_str(value);
            match key {
                Some(k) => os.put_with_key(&v, &JsValue::from_str(k)),
                None => os.add(&v),
            }
            .map_err(|e| err(&e))?;
        }
        finished.await
    }

    /// Writes one entry.
    pub(crate) async fn put(&self, store: &str, key: &str, value: String) -> Result<(), String> {
        self.put_all(store, &[(Some(key), value)]).await
    }

    /// Every `(key, value)` of `store` whose key starts with `prefix`.
    pub(crate) async fn all(
        &self,
        store: &str,
        prefix: &str,
    ) -> Result<Vec<(String, String)>, String> {
        let tx = self.db.transaction_with_str(store).map_err(|e| err(&e))?;
        let os = tx.object_store(store).map_err(|e| err(&e))?;
        let keys: Array = done(&os.get_all_keys().map_err(|e| err(&e))?).await?.into();
        let values: Array = done(&os.get_all().map_err(|e| err(&e))?).await?.into();
        Ok(keys
            .iter()
            .zip(values.iter())
            .map(|(k, v)| {
                let key = k
                    .as_string()
                    .unwrap_or_else(|| k.as_f64().unwrap_or(0.0).to_string());
                (key, v.as_string().unwrap_or_default())
            })
            .filter(|(k, _)| k.starts_with(prefix))
            .collect())
    }
}
