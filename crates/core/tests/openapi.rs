//! The generated OpenAPI document: five operations, parameters in the right places with types, enums
//! and required flags, JSON request bodies for the ROA and Huawei operations.

use console_core::openapi::{openapi_json, path_key};
use console_core::SPECS;
use serde_json::Value;

fn op<'a>(doc: &'a Value, path: &str) -> &'a Value {
    &doc["paths"][path]["post"]
}

fn param<'a>(op: &'a Value, name: &str) -> &'a Value {
    op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no parameter {name}"))
}

#[test]
fn has_five_operations_one_per_spec() {
    let doc = openapi_json();
    assert_eq!(doc["openapi"], "3.0.3");
    let paths = doc["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 5);
    let mut ids: Vec<&str> = paths
        .values()
        .map(|p| p["post"]["operationId"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    let mut want: Vec<&str> = SPECS.iter().map(|s| s.id).collect();
    want.sort_unstable();
    assert_eq!(ids, want);
    for s in SPECS {
        let o = op(&doc, &path_key(s));
        assert_eq!(o["x-api-version"], s.version);
        assert!(!o["description"].as_str().unwrap().is_empty());
        assert!(!o["x-description-zh"].as_str().unwrap().is_empty());
        assert!(!doc["paths"][path_key(s)]["servers"]
            .as_array()
            .unwrap()
            .is_empty());
    }
    // Round trip through text.
    let text = serde_json::to_string_pretty(&doc).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), doc);
}

#[test]
fn parameters_and_bodies() {
    let doc = openapi_json();
    let dds = op(&doc, "/#Action=UpgradeDBInstanceEngineVersion");
    let id = param(dds, "DBInstanceId");
    assert_eq!(
        (id["in"].as_str(), id["required"].as_bool()),
        (Some("query"), Some(true))
    );
    assert_eq!(id["schema"]["pattern"], "^dds-[a-z0-9]{6,40}$");
    let sm = param(dds, "SwitchMode");
    assert_eq!(sm["schema"]["type"], "integer");
    assert_eq!(sm["schema"]["enum"], serde_json::json!([0, 1]));
    assert_eq!(sm["required"], false);
    assert_eq!(param(dds, "EngineVersion")["schema"]["x-open-enum"], true);
    assert!(dds.get("requestBody").is_none());
    let kernel_sm = param(
        op(&doc, "/#Action=UpgradeDBInstanceKernelVersion"),
        "SwitchMode",
    );
    assert_eq!(kernel_sm["schema"]["enum"], serde_json::json!(["0", "1"]));

    let es = op(
        &doc,
        "/openapi/instances/{InstanceId}/actions/upgrade-version",
    );
    assert_eq!(param(es, "InstanceId")["in"], "path");
    assert_eq!(param(es, "dryRun")["schema"]["type"], "boolean");
    assert_eq!(param(es, "clientToken")["schema"]["maxLength"], 64);
    let body = &es["requestBody"]["content"]["application/json; charset=utf-8"]["schema"];
    assert_eq!(
        body["properties"]["type"]["enum"],
        serde_json::json!(["engineVersion", "aliVersion"])
    );
    assert_eq!(body["properties"]["plugins"]["type"], "array");
    assert!(es["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["name"] != "version"));

    let tdb = op(&doc, "/v3/{project_id}/instances/database-version/upgrade");
    assert_eq!(param(tdb, "project_id")["in"], "path");
    assert_eq!(param(tdb, "X-Language")["in"], "header");
    let body = &tdb["requestBody"]["content"]["application/json;charset=UTF-8"]["schema"];
    assert_eq!(
        body["required"],
        serde_json::json!(["databases_instance_infos", "delay"])
    );
    assert_eq!(
        body["properties"]["databases_instance_infos"]["maxItems"],
        100
    );
    assert!(body["properties"]["delay"]["oneOf"].is_array());
    assert!(body["properties"].get("delay_type").is_none());
    assert!(tdb["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["name"] != "delay_type"));
    assert_eq!(tdb["security"][1]["iamToken"], serde_json::json!([]));
}
