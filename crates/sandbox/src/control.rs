//! The batch-testing side of the control API: re-creating the fleet (`/_sandbox/fleet`) and the
//! exactly-once evidence (`/_sandbox/upgrades`): per instance, how many upgrade writes were accepted.

use std::collections::HashMap;

use console_core::Product;
use serde::Serialize;
use serde_json::{json, Value};

use crate::config::MAX_FLEET;
use crate::demo::huawei_project;
use crate::sandbox::{Sandbox, SandboxError};
use crate::world::{fleet, World};

/// One instance that received at least one accepted upgrade write, as `GET /_sandbox/upgrades` lists it.
/// A batch that upgrades every instance exactly once shows `accepted_calls == 1` everywhere, whatever
/// faults, lost replies, retries and page reloads happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UpgradeRecord {
    /// The instance id.
    pub instance_id: String,
    /// Its product, spelled as `console_core::Product` serialises (`Dds`, `RKvstore`, `Elasticsearch`,
    /// `TaurusDb`).
    pub product: Product,
    /// Accepted upgrade writes on it (audit entries, cancellations excluded).
    pub accepted_calls: usize,
    /// The request ids those writes were answered with (a TaurusDB batch shares one across instances).
    pub request_ids: Vec<String>,
    /// The APIs called (`UpgradeDBInstanceEngineVersion`, `BatchUpgradeDatabases`…).
    pub actions: Vec<String>,
    /// Its version now: Dds and R-kvstore major version, Elasticsearch `esVersion`, TaurusDB kernel.
    pub current_version: String,
    /// Its minor/kernel version now: Dds kernel, R-kvstore minor, Elasticsearch ali version, TaurusDB kernel.
    pub kernel_version: String,
    /// Its status now (`Running`, `EngineVersionUpgrading`, `Normal`, `active`, `normal`…).
    pub status: String,
}

/// Product, version, kernel and status of an instance, looked up by id.
fn describe(world: &World, id: &str) -> Option<(Product, String, String, String)> {
    if let Some(d) = world.dds(id) {
        let v = (&d.engine_version, &d.kernel_version, &d.status);
        return Some((Product::Dds, v.0.clone(), v.1.clone(), v.2.clone()));
    }
    if let Some(r) = world.redis(id) {
        let v = (&r.engine_version, &r.minor_version, &r.status);
        return Some((Product::RKvstore, v.0.clone(), v.1.clone(), v.2.clone()));
    }
    if let Some(e) = world.es(id) {
        let v = (&e.es_version, &e.ali_version, &e.status);
        return Some((
            Product::Elasticsearch,
            v.0.clone(),
            v.1.clone(),
            v.2.clone(),
        ));
    }
    world.taurus(id).map(|t| {
        let k = t.kernel_version.clone();
        (Product::TaurusDb, k.clone(), k, t.status.clone())
    })
}

/// What `GET|POST /_sandbox/fleet` answers: the size and where to find the fleet.
pub(crate) fn fleet_summary(per_product: u32) -> Value {
    let project = huawei_project(fleet::HUAWEI_REGION).map_or("", |p| p.project_id);
    let first = |f: fn(u32) -> String| (per_product > 0).then(|| f(1));
    let last = |f: fn(u32) -> String| (per_product > 0).then(|| f(per_product));
    json!({
        "per_product": per_product,
        "instances": u64::from(per_product) * 4,
        "max_per_product": MAX_FLEET,
        "alibaba_region": fleet::ALIBABA_REGION,
        "huawei_region": fleet::HUAWEI_REGION,
        "huawei_project_id": project,
        "taurus_versions": fleet::TAURUS_VERSIONS,
        "ids": {
            "Dds": [first(fleet::dds_id), last(fleet::dds_id)],
            "RKvstore": [first(fleet::redis_id), last(fleet::redis_id)],
            "Elasticsearch": [first(fleet::es_id), last(fleet::es_id)],
            "TaurusDb": [first(fleet::taurus_id), last(fleet::taurus_id)],
        },
    })
}

impl Sandbox {
    /// Replaces the fleet with exactly `per_product` fresh instances per product (what
    /// `POST /_sandbox/fleet` does): idempotent, and it drops the fleet's earlier tasks and audit entries
    /// so a batch test starts clean. Seed instances and their history are untouched.
    ///
    /// # Errors
    /// [`SandboxError::Config`] above [`MAX_FLEET`]; [`SandboxError::Io`] when the state file cannot be
    /// written.
    pub fn set_fleet(&self, per_product: u32) -> Result<(), SandboxError> {
        if per_product > MAX_FLEET {
            return Err(SandboxError::Config(format!(
                "per_product must be at most {MAX_FLEET}, got {per_product}"
            )));
        }
        let mut core = self.lock();
        fleet::set(&mut core.world, per_product);
        core.journal_lines = 0;
        self.save_locked(&core.world)
    }

    /// Fleet instances per product right now.
    #[must_use]
    pub fn fleet(&self) -> u32 {
        self.lock().world.fleet
    }

    /// Every instance that received an accepted upgrade write, in the order of its first one, with its
    /// state brought up to date with the clock (what `GET /_sandbox/upgrades` returns).
    #[must_use]
    pub fn upgrades(&self) -> Vec<UpgradeRecord> {
        let now = self.now();
        let mut core = self.lock();
        core.world.advance(now);
        let world = &core.world;
        let mut out: Vec<UpgradeRecord> = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        for entry in world
            .audit
            .iter()
            .filter(|e| e.action != "CancelScheduleTask")
        {
            let i = match at.get(entry.instance_id.as_str()) {
                Some(&i) => i,
                None => {
                    let Some((product, current_version, kernel_version, status)) =
                        describe(world, &entry.instance_id)
                    else {
                        continue;
                    };
                    at.insert(&entry.instance_id, out.len());
                    out.push(UpgradeRecord {
                        instance_id: entry.instance_id.clone(),
                        product,
                        accepted_calls: 0,
                        request_ids: Vec::new(),
                        actions: Vec::new(),
                        current_version,
                        kernel_version,
                        status,
                    });
                    out.len() - 1
                }
            };
            let record = &mut out[i];
            record.accepted_calls += 1;
            record.request_ids.push(entry.request_id.clone());
            record.actions.push(entry.action.clone());
        }
        out
    }
}
