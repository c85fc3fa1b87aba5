//! Dds read views: the instance JSON of `DescribeDBInstances` and `DescribeDBInstanceAttribute` (with the
//! shard, mongos and config-server node lists of sharded clusters), field names as the API writes them.

use serde_json::{json, Value};

use super::{page, page_param, Ctx};
use crate::verify::AlibabaCall;
use crate::world::dds::{DdsArch, DdsInstance};

fn summary(d: &DdsInstance) -> Value {
    json!({
        "DBInstanceId": d.id,
        "DBInstanceDescription": d.description,
        "RegionId": d.region,
        "ZoneId": d.zone,
        "DBInstanceStatus": d.status,
        "DBInstanceType": d.db_instance_type(),
        "Engine": "MongoDB",
        "EngineVersion": d.engine_version,
        "KindCode": "1",
        "LockMode": "Unlock",
        "DBInstanceClass": d.class_code,
        "DBInstanceStorage": d.storage_gb,
        "StorageType": d.storage_type,
        "ReplicationFactor": d.replication_factor().to_string(),
        "DBNodeType": if d.arch == DdsArch::Standalone { "single" } else { "multi" },
        "ChargeType": "PostPaid",
        "NetworkType": "VPC",
        "CreationTime": d.created,
    })
}

fn node(kind: &str, d: &DdsInstance, n: u32) -> Value {
    json!({
        "NodeId": format!("{kind}-{}-{n}", d.id.trim_start_matches("dds-")),
        "NodeClass": d.class_code,
        "NodeStorage": d.storage_gb,
        "NodeDescription": format!("{kind}{n}"),
        "Status": d.status,
        "CurrentKernelVersion": d.kernel_version,
    })
}

/// One `DescribeDBInstanceAttribute` entry (node lists for sharded clusters).
pub(crate) fn attribute(d: &DdsInstance) -> Value {
    let mut v = summary(d);
    let extra = json!({
        "CurrentKernelVersion": d.kernel_version,
        "ProtocolType": d.protocol,
        "StorageEngine": "WiredTiger",
        "MaintainStartTime": d.maintain_start,
        "MaintainEndTime": d.maintain_end,
        "DBInstanceOrderStatus": "finished",
        "ReplicaSetName": format!("mgset-{}", d.id.trim_start_matches("dds-")),
        "SyncPercent": "100",
    });
    if let (Value::Object(map), Value::Object(more)) = (&mut v, extra) {
        map.extend(more);
        if d.arch == DdsArch::Sharded {
            map.insert(
                "ShardList".into(),
                json!({"ShardAttribute": [node("d", d, 1), node("d", d, 2)]}),
            );
            map.insert(
                "MongosList".into(),
                json!({"MongosAttribute": [node("s", d, 1), node("s", d, 2)]}),
            );
            map.insert(
                "ConfigserverList".into(),
                json!({"ConfigserverAttribute": [node("cs", d, 1)]}),
            );
        }
    }
    v
}

/// `DescribeDBInstances` with its filters and paging.
pub(crate) fn describe_instances(ctx: &Ctx<'_>, call: &AlibabaCall) -> Value {
    let matches = |d: &&DdsInstance| {
        let eq = |name: &str, value: &str| call.param(name).is_none_or(|want| want == value);
        eq("RegionId", &d.region)
            && eq("DBInstanceId", &d.id)
            && eq("DBInstanceType", d.db_instance_type())
            && eq("DBInstanceStatus", &d.status)
            && eq("EngineVersion", &d.engine_version)
            && eq("ReplicationFactor", &d.replication_factor().to_string())
            && eq(
                "DBNodeType",
                if d.arch == DdsArch::Standalone {
                    "single"
                } else {
                    "multi"
                },
            )
    };
    let all: Vec<&DdsInstance> = ctx.world.dds.iter().filter(matches).collect();
    let (number, size) = (
        page_param(call.param("PageNumber"), 1, 100_000),
        page_param(call.param("PageSize"), 30, 100),
    );
    let items: Vec<Value> = page(&all, number, size).into_iter().map(summary).collect();
    json!({
        "DBInstances": {"DBInstance": items},
        "TotalCount": all.len(),
        "PageNumber": number,
        "PageSize": size,
    })
}
