//! The starting inventory: 33 instances across the regions the console offers, chosen so that every rule
//! has a case (an upgradeable one, a blocked one, an already-latest one). Ids are deterministic
//! (`dds-bp1sandbox0001`), so docs and tests can name them.

use super::dds::{latest_kernel, DdsArch, DdsInstance, RUNNING};
use super::es::{EsInstance, ACTIVE};
use super::redis::{latest_minor, Deployment, RedisInstance, NORMAL};
use super::taurus::{TaurusInstance, NORMAL as TAURUS_NORMAL};
use super::World;
use crate::demo::huawei_project;

/// Alibaba's id prefix for a region (`bp1` is Hangzhou, `uf6` Shanghai, `2ze` Beijing, `gs5` Singapore).
pub(super) fn prefix(region: &str) -> &'static str {
    match region {
        "cn-hangzhou" => "bp1",
        "cn-shanghai" => "uf6",
        "cn-beijing" => "2ze",
        _ => "gs5",
    }
}

pub(super) fn dds(
    n: u32,
    region: &str,
    arch: DdsArch,
    version: &str,
    storage: &str,
    old_kernel: bool,
) -> DdsInstance {
    let kernel = if old_kernel {
        latest_kernel(version)
            .replace("mongodb_2024", "mongodb_2022")
            .replace("mongodb_2023", "mongodb_2021")
    } else {
        latest_kernel(version)
    };
    DdsInstance {
        id: format!("dds-{}sandbox{n:04}", prefix(region)),
        description: format!("sandbox-mongo-{n:02}"),
        region: region.to_owned(),
        zone: format!("{region}-h"),
        arch,
        engine_version: version.to_owned(),
        kernel_version: kernel,
        storage_type: storage.to_owned(),
        protocol: "mongodb".to_owned(),
        status: RUNNING.to_owned(),
        class_code: if arch == DdsArch::Sharded {
            "dds.shard.mid"
        } else {
            "dds.mongo.mid"
        }
        .to_owned(),
        storage_gb: 20 * (n % 5 + 1),
        maintain_start: "18:00Z".to_owned(),
        maintain_end: "22:00Z".to_owned(),
        created: format!("2023-03-{:02}T08:00:00Z", n % 28 + 1),
    }
}

pub(super) fn redis(
    n: u32,
    region: &str,
    deployment: Deployment,
    arch: &str,
    version: &str,
) -> RedisInstance {
    RedisInstance {
        id: format!("r-{}sandbox{n:04}", prefix(region)),
        name: format!("sandbox-redis-{n:02}"),
        region: region.to_owned(),
        zone: format!("{region}-h"),
        deployment,
        architecture: arch.to_owned(),
        direct_connection: false,
        engine_version: version.to_owned(),
        minor_version: latest_minor(version),
        status: NORMAL.to_owned(),
        instance_class: match (deployment, arch) {
            (Deployment::CloudNative, "cluster") => "redis.shard.small.2.ce",
            (Deployment::CloudNative, _) => "redis.shard.small.ce",
            (Deployment::Classic, "cluster") => "redis.logic.sharding.2g.8db.0rodb.8proxy.default",
            (Deployment::Classic, _) => "redis.master.small.default",
        }
        .to_owned(),
        shard_count: if arch == "cluster" { 4 } else { 1 },
        edition: "Community".to_owned(),
        maintain_start: "18:00Z".to_owned(),
        maintain_end: "22:00Z".to_owned(),
    }
}

pub(super) fn es(id: &str, region: &str, version: &str, health: &str) -> EsInstance {
    EsInstance {
        id: id.to_owned(),
        description: format!("sandbox-{id}"),
        region: region.to_owned(),
        zone: format!("{region}-i"),
        es_version: version.to_owned(),
        ali_version: "ali1.8.0".to_owned(),
        status: ACTIVE.to_owned(),
        health: health.to_owned(),
        category: "x-pack".to_owned(),
        arch_type: "public".to_owned(),
        node_amount: 3,
        node_spec: "elasticsearch.sn2ne.large".to_owned(),
        disk_gb: 100,
        disk_used_percent: 42,
        snapshot_enabled: true,
        incompatible_yml: false,
        created_ms: 1_680_000_000_000,
    }
}

pub(super) fn taurus(n: u32, region: &str, kernel: &str) -> TaurusInstance {
    let project_id = huawei_project(region)
        .map_or("", |p| p.project_id)
        .to_owned();
    TaurusInstance {
        id: format!("5a4db0c5{n:024x}in07"),
        name: format!("sandbox-taurus-{n:02}"),
        project_id,
        region: region.to_owned(),
        status: TAURUS_NORMAL.to_owned(),
        kernel_version: kernel.to_owned(),
        flavor: "gaussdb.mysql.xlarge.x86.4".to_owned(),
        node_count: 2,
        maintenance_window: "18:00-22:00".to_owned(),
        created: format!("2023-06-{:02}T08:00:00+0000", n % 28 + 1),
        proxy_too_old: false,
    }
}

/// A fresh world.
pub(crate) fn world() -> World {
    use DdsArch::{ReplicaSet, Sharded, Standalone};
    let mut dds_list = vec![
        dds(1, "cn-hangzhou", ReplicaSet, "4.4", "cloud_essd1", true),
        dds(2, "cn-hangzhou", Sharded, "4.4", "cloud_essd2", false),
        dds(3, "cn-hangzhou", Standalone, "4.0", "cloud_essd1", true),
        dds(4, "cn-shanghai", ReplicaSet, "5.0", "cloud_essd1", true),
        dds(5, "cn-shanghai", ReplicaSet, "4.0", "local_ssd", false),
        dds(6, "cn-shanghai", Sharded, "4.2", "local_ssd", true),
        dds(7, "cn-beijing", ReplicaSet, "6.0", "cloud_essd3", false),
        dds(8, "cn-beijing", Sharded, "5.0", "cloud_essd1", false),
        dds(9, "cn-beijing", Standalone, "4.2", "local_ssd", false),
        dds(10, "ap-southeast-1", ReplicaSet, "4.2", "cloud_essd1", true),
        dds(11, "ap-southeast-1", Sharded, "6.0", "cloud_essd1", true),
        dds(
            12,
            "ap-southeast-1",
            ReplicaSet,
            "7.0",
            "cloud_essd2",
            false,
        ),
    ];
    dds_list[7].protocol = "dynamodb".to_owned();

    use Deployment::{Classic, CloudNative};
    let mut redis_list = vec![
        redis(1, "cn-hangzhou", CloudNative, "standard", "5.0"),
        redis(2, "cn-hangzhou", Classic, "standard", "4.0"),
        redis(3, "cn-hangzhou", CloudNative, "cluster", "6.0"),
        redis(4, "cn-shanghai", CloudNative, "cluster", "6.0"),
        redis(5, "cn-shanghai", Classic, "cluster", "5.0"),
        redis(6, "cn-beijing", CloudNative, "standard", "7.0"),
        redis(7, "cn-beijing", Classic, "rwsplit", "4.0"),
        redis(8, "ap-southeast-1", CloudNative, "standard", "5.0"),
        redis(9, "ap-southeast-1", CloudNative, "standard", "6.0"),
    ];
    redis_list[2].direct_connection = true;
    redis_list[7].edition = "Enterprise".to_owned();

    let mut es_list = vec![
        es(
            "es-cn-sandbox0001",
            "cn-hangzhou",
            "6.7_with_X-Pack",
            "green",
        ),
        es(
            "es-cn-sandbox0002",
            "cn-hangzhou",
            "7.10_with_X-Pack",
            "red",
        ),
        es(
            "es-cn-sandbox0003",
            "cn-shanghai",
            "5.6.16_with_X-Pack",
            "yellow",
        ),
        es(
            "es-cn-sandbox0004",
            "cn-beijing",
            "7.16_with_X-Pack",
            "green",
        ),
        es(
            "es-sg-sandbox0005",
            "ap-southeast-1",
            "8.5_with_X-Pack",
            "green",
        ),
    ];
    es_list[2].snapshot_enabled = false;
    es_list[3].incompatible_yml = true;
    es_list[3].disk_used_percent = 91;

    let mut taurus_list = vec![
        taurus(1, "cn-north-4", "2.0.28.1"),
        taurus(2, "cn-north-4", "2.0.45.230950"),
        taurus(3, "cn-north-4", "2.0.57.240900"),
        taurus(4, "cn-east-3", "2.0.42.230601"),
        taurus(5, "cn-east-3", "2.0.45.230950"),
        taurus(6, "ap-southeast-1", "2.0.51.240300"),
        taurus(7, "ap-southeast-1", "2.0.29.1"),
    ];
    taurus_list[4].proxy_too_old = true;

    let mut world = World {
        dds: dds_list,
        redis: redis_list,
        es: es_list,
        taurus: taurus_list,
        ..World::default()
    };
    world.reindex();
    world
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inventory_is_large_and_varied() {
        let w = world();
        assert!(w.dds.len() + w.redis.len() + w.es.len() + w.taurus.len() >= 30);
        for v in ["4.0", "4.2", "4.4", "5.0", "6.0"] {
            assert!(w.dds.iter().any(|d| d.engine_version == v), "{v}");
        }
        for a in [DdsArch::ReplicaSet, DdsArch::Sharded, DdsArch::Standalone] {
            assert!(w.dds.iter().any(|d| d.arch == a));
        }
        assert!(w.dds.iter().any(DdsInstance::local_disk));
        assert!(w
            .redis
            .iter()
            .any(|r| r.direct_connection && r.architecture == "cluster"));
        assert!(w.es.iter().any(|e| e.health == "red"));
        let mut ids: Vec<&str> = w.dds.iter().map(|d| d.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), w.dds.len());
        assert_eq!(w.dds[0].id, "dds-bp1sandbox0001");
        assert!(!w.dds[0].kernel_is_latest());
    }
}
