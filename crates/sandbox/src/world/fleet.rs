//! The fleet: N extra instances per product, all upgradeable and passing every pre-flight rule, for batch
//! upgrades (a 50-instance browser test, a 1000-instance benchmark).
//!
//! | product | id (n = 1…N) | name | where | starting point |
//! |---|---|---|---|---|
//! | Dds | `dds-bp1fleet00001` | `fleet-mongo-0001` | `cn-hangzhou` | replica set, 4.4, old kernel, cloud disk |
//! | R-kvstore | `r-bp1fleet00001` | `fleet-redis-0001` | `cn-hangzhou` | cloud-native standard, 5.0 |
//! | Elasticsearch | `es-cn-fleet00001` | `fleet-es-0001` | `cn-hangzhou` | `7.10_with_X-Pack`, green |
//! | TaurusDB | `5a4db0c5fleet{n:019}in07` | `fleet-taurus-0001` | `cn-north-4` project | odd n `2.0.45.230950`, even n `2.0.51.240300` |
//!
//! Re-creating the fleet starts it afresh: fleet instances come back at their starting versions, and the
//! tasks, audit entries and client tokens that concern them are dropped; seed instances keep their history.

use super::dds::DdsArch;
use super::redis::Deployment;
use super::{seed, World};

/// The Alibaba region of the fleet (the console's default).
pub(crate) const ALIBABA_REGION: &str = "cn-hangzhou";
/// The Huawei region (and project name) of the TaurusDB fleet (the console's default).
pub(crate) const HUAWEI_REGION: &str = "cn-north-4";
/// TaurusDB fleet kernels: odd-numbered instances on the first, even ones on the second, so a batch
/// splits into two groups by `current_version`.
pub(crate) const TAURUS_VERSIONS: [&str; 2] = ["2.0.45.230950", "2.0.51.240300"];

/// True for a fleet instance id (seed ids say `sandbox` instead).
pub(crate) fn is_fleet(id: &str) -> bool {
    id.contains("fleet")
}

/// The id of fleet MongoDB instance `n`.
pub(crate) fn dds_id(n: u32) -> String {
    format!("dds-bp1fleet{n:05}")
}

/// The id of fleet Redis instance `n`.
pub(crate) fn redis_id(n: u32) -> String {
    format!("r-bp1fleet{n:05}")
}

/// The id of fleet Elasticsearch instance `n`.
pub(crate) fn es_id(n: u32) -> String {
    format!("es-cn-fleet{n:05}")
}

/// The id of fleet TaurusDB instance `n`: 32 lower-case alphanumerics + `in07`.
pub(crate) fn taurus_id(n: u32) -> String {
    format!("5a4db0c5fleet{n:019}in07")
}

/// Replaces the fleet with `per_product` fresh instances per product (0 removes it).
pub(crate) fn set(world: &mut World, per_product: u32) {
    world.dds.retain(|d| !is_fleet(&d.id));
    world.redis.retain(|r| !is_fleet(&r.id));
    world.es.retain(|e| !is_fleet(&e.id));
    world.taurus.retain(|t| !is_fleet(&t.id));
    world.tasks.retain(|t| !is_fleet(&t.instance_id));
    world.audit.retain(|a| !is_fleet(&a.instance_id));
    world.client_tokens.retain(|c| !is_fleet(&c.instance_id));
    for n in 1..=per_product {
        let mut d = seed::dds(
            n,
            ALIBABA_REGION,
            DdsArch::ReplicaSet,
            "4.4",
            "cloud_essd1",
            true,
        );
        d.id = dds_id(n);
        d.description = format!("fleet-mongo-{n:04}");
        world.dds.push(d);

        let mut r = seed::redis(
            n,
            ALIBABA_REGION,
            Deployment::CloudNative,
            "standard",
            "5.0",
        );
        r.id = redis_id(n);
        r.name = format!("fleet-redis-{n:04}");
        world.redis.push(r);

        let mut e = seed::es(&es_id(n), ALIBABA_REGION, "7.10_with_X-Pack", "green");
        e.description = format!("fleet-es-{n:04}");
        world.es.push(e);

        let version = TAURUS_VERSIONS[usize::from(n % 2 == 0)];
        let mut t = seed::taurus(n, HUAWEI_REGION, version);
        t.id = taurus_id(n);
        t.name = format!("fleet-taurus-{n:04}");
        world.taurus.push(t);
    }
    world.fleet = per_product;
    world.reindex();
}

#[cfg(test)]
mod tests {
    use super::*;
    use console_core::format::{
        DDS_INSTANCE_ID, ES_INSTANCE_ID, REDIS_INSTANCE_ID, TAURUS_INSTANCE_ID,
    };

    #[test]
    fn fleet_is_upgradeable_valid_and_idempotent() {
        let mut w = seed::world();
        let seeded = w.dds.len();
        set(&mut w, 13);
        set(&mut w, 13);
        assert_eq!(w.dds.len(), seeded + 13);
        assert_eq!(w.taurus.iter().filter(|t| is_fleet(&t.id)).count(), 13);
        for d in w.dds.iter().filter(|d| is_fleet(&d.id)) {
            assert!(DDS_INSTANCE_ID.matches(&d.id), "{}", d.id);
            assert!(!d.available_engine_versions().is_empty());
            assert!(!d.kernel_is_latest());
        }
        for r in w.redis.iter().filter(|r| is_fleet(&r.id)) {
            assert!(REDIS_INSTANCE_ID.matches(&r.id) && r.can_upgrade_major());
        }
        for e in w.es.iter().filter(|e| is_fleet(&e.id)) {
            assert!(ES_INSTANCE_ID.matches(&e.id) && e.checks_pass() && e.next_version().is_some());
        }
        for t in w.taurus.iter().filter(|t| is_fleet(&t.id)) {
            assert!(
                TAURUS_INSTANCE_ID.matches(&t.id) && t.upgrade_flag(),
                "{}",
                t.id
            );
            assert_eq!(t.project_id, "4f0c3ad1b2e94d8c9a7b6e5f4d3c2b1a");
        }
        assert_eq!(
            w.dds(&dds_id(13)).map(|d| d.description.as_str()),
            Some("fleet-mongo-0013")
        );
        assert_eq!(
            w.taurus(&taurus_id(2)).map(|t| t.kernel_version.as_str()),
            Some(TAURUS_VERSIONS[1])
        );
        set(&mut w, 0);
        assert_eq!((w.dds.len(), w.fleet), (seeded, 0));
    }
}
