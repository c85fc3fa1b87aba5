//! What one run's tasks share (the journal, the pace, the keys in flight) and how an item is saved:
//! in memory for the view, and in the journal, committed, before anything else happens.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use console_core::batch::outcome::{classify, classify_network, classify_proxy, Outcome};
use console_core::batch::Item;
use console_core::catalog::Product;
use leptos::prelude::*;

use super::calls::Pace;
use super::journal::Journal;
use super::FleetCtx;
use crate::call::{CallEnv, CallError};
use crate::transport::{network_detail, Reply, SendError};

/// What a run's tasks share.
#[derive(Clone)]
pub(crate) struct Run {
    pub(crate) env: CallEnv,
    pub(crate) fleet: FleetCtx,
    pub(crate) journal: Journal,
    pub(crate) pace: Rc<Pace>,
    pub(crate) busy: Rc<RefCell<HashSet<String>>>,
    pub(crate) batch: String,
}

impl Run {
    /// A copy of the item with `key`.
    pub(crate) fn item(&self, key: &str) -> Option<Item> {
        self.fleet
            .items
            .with_value(|items| items.iter().find(|i| i.key() == key).cloned())
    }

    /// Stores the item in memory and in the journal (awaiting the commit).
    pub(crate) async fn save(&self, item: Item) -> Result<(), String> {
        self.save_all(vec![item]).await
    }

    /// Saves several items in one transaction.
    pub(crate) async fn save_all(&self, list: Vec<Item>) -> Result<(), String> {
        let entries: Vec<(String, String)> = list
            .iter()
            .map(|i| {
                (
                    format!("{}/{}", self.batch, i.key()),
                    serde_json::to_string(i).unwrap_or_default(),
                )
            })
            .collect();
        self.fleet.edit_quiet(|items| {
            for it in list {
                if let Some(slot) = items.iter_mut().find(|i| i.key() == it.key()) {
                    *slot = it;
                }
            }
        });
        let refs: Vec<(Option<&str>, String)> = entries
            .iter()
            .map(|(k, v)| (Some(k.as_str()), v.clone()))
            .collect();
        self.journal.put_all(super::journal::ITEMS, &refs).await
    }

    pub(crate) fn release(&self, keys: &[String]) {
        let mut b = self.busy.borrow_mut();
        for k in keys {
            b.remove(k);
        }
    }
}

/// Sorts a call's result into an exactly-once outcome.
pub(crate) fn outcome_of(result: &Result<Reply, CallError>) -> Outcome {
    match result {
        Ok(r) => classify(r.status, &r.headers, &r.body),
        Err(CallError::Send(SendError::Proxy { code, message, .. })) => {
            classify_proxy(code, message)
        }
        Err(CallError::Send(SendError::Network {
            detail, cut_off, ..
        })) => classify_network(&network_detail(detail, *cut_off)),
        Err(e) => Outcome::NotSent {
            detail: e.to_string(),
        },
    }
}

/// Whether this page holds credentials to sign `product`'s calls (after a reload it holds none until
/// the DBA adds or unlocks them).
pub(crate) fn has_credentials(env: CallEnv, product: Product) -> bool {
    match product.cloud() {
        console_core::Cloud::Alibaba => env.auth.alibaba.with_untracked(Option::is_some),
        console_core::Cloud::Huawei => {
            env.auth.huawei.with_untracked(Option::is_some)
                || env.auth.iam_token.with_untracked(Option::is_some)
        }
    }
}
