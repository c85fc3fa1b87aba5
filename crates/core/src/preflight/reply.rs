//! Lenient parsers of the read calls' JSON replies (field names of apis.md §B). They read what is there,
//! accept strings or numbers or booleans where clouds are inconsistent, and never panic: a body that is
//! not JSON, or lacks the record, is a [`ReplyError`]; a record with odd fields yields fewer facts.

use serde_json::Value as Json;

use super::{Blocker, PreflightFacts, ReadCall};
use crate::catalog::ApiSpec;
use crate::i18n::Lang;
use crate::version::version_cmp;

/// Why a reply gave no facts at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReplyError {
    /// Not JSON (an HTML error page, a truncated body…).
    #[error("The reply is not JSON: {0}")]
    NotJson(String),
    /// JSON without the expected record.
    #[error("The reply has no {0}.")]
    Missing(&'static str),
}

impl ReplyError {
    /// The text in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (Self::NotJson(e), Lang::Zh) => format!("响应不是 JSON：{e}"),
            (Self::Missing(what), Lang::Zh) => format!("响应中没有 {what}。"),
        }
    }
}

/// Follows object keys.
fn at<'a>(v: &'a Json, keys: &[&str]) -> Option<&'a Json> {
    keys.iter().try_fold(v, |cur, k| cur.get(k))
}

/// A scalar as text (strings, numbers and booleans; empty strings count as absent).
fn text(v: Option<&Json>) -> Option<String> {
    match v? {
        Json::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A boolean written as `true`, `"true"`, `"True"` or `1`.
fn flag(v: Option<&Json>) -> Option<bool> {
    match text(v)?.to_ascii_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// The first record of a list (or the value itself when a single record is not wrapped in a list).
fn first(v: Option<&Json>) -> Option<&Json> {
    match v? {
        Json::Array(items) => items.first().filter(|i| i.is_object()),
        obj @ Json::Object(_) => Some(obj),
        _ => None,
    }
}

/// Parses the reply of `call`, made for operation `spec`.
///
/// # Errors
/// [`ReplyError`] when the body is not JSON or lacks the record the call returns.
pub fn parse_reply(
    spec: &ApiSpec,
    call: ReadCall,
    body: &str,
) -> Result<PreflightFacts, ReplyError> {
    let json: Json = serde_json::from_str(body).map_err(|e| ReplyError::NotJson(e.to_string()))?;
    if !json.is_object() {
        return Err(ReplyError::Missing("JSON object"));
    }
    let mut f = PreflightFacts::default();
    match call {
        ReadCall::DdsAttribute => {
            let d = first(at(&json, &["DBInstances", "DBInstance"]))
                .ok_or(ReplyError::Missing("DBInstances.DBInstance"))?;
            dds_attribute(spec, d, &mut f);
        }
        ReadCall::DdsEngineVersions => {
            let list = at(&json, &["EngineVersions", "EngineVersion"])
                .ok_or(ReplyError::Missing("EngineVersions.EngineVersion"))?;
            f.targets = match list {
                Json::Array(items) => items.iter().filter_map(|i| text(Some(i))).collect(),
                other => text(Some(other)).into_iter().collect(),
            };
            if f.targets.is_empty() && spec.target_field.is_some() {
                f.blockers.push(Blocker::NoUpgradeAvailable);
            }
        }
        ReadCall::RedisAttribute => {
            let r = first(at(&json, &["Instances", "DBInstanceAttribute"]))
                .ok_or(ReplyError::Missing("Instances.DBInstanceAttribute"))?;
            f.instance_id = text(r.get("InstanceId"));
            status(&mut f, text(r.get("InstanceStatus")), "Normal");
            f.current_version = text(r.get("EngineVersion"));
            f.architecture = text(r.get("ArchitectureType"));
            f.maintenance_window = window(r, "MaintainStartTime", "MaintainEndTime");
        }
        ReadCall::RedisEngineVersion => {
            if json.get("MajorVersion").is_none() && json.get("EnableUpgradeMajorVersion").is_none()
            {
                return Err(ReplyError::Missing("MajorVersion"));
            }
            f.current_version = text(json.get("MajorVersion"));
            f.current_kernel = text(json.get("MinorVersion"));
            f.kernel_targets = text(at(&json, &["DBLatestMinorVersion", "MinorVersion"]))
                .into_iter()
                .collect();
            if flag(json.get("EnableUpgradeMajorVersion")) == Some(false) {
                f.blockers.push(Blocker::MajorUpgradeDisabled);
            }
        }
        ReadCall::EsInstance => {
            let r = json
                .get("Result")
                .filter(|r| r.is_object())
                .ok_or(ReplyError::Missing("Result"))?;
            f.instance_id = text(r.get("instanceId"));
            status(&mut f, text(r.get("status")), "active");
            f.current_version = text(r.get("esVersion"));
            f.architecture = text(r.get("archType"));
        }
        ReadCall::EsUpgradeInfo => {
            let u = at(&json, &["Result", "UpgradeInfo"])
                .filter(|u| u.is_object())
                .ok_or(ReplyError::Missing("Result.UpgradeInfo"))?;
            let (cur, next) = (text(u.get("curEsVersion")), text(u.get("upgradeEsVersion")));
            let (cur_ali, next_ali) = (
                text(u.get("curApackVersion")),
                text(u.get("upgradeApackVersion")),
            );
            f.targets = newer(cur.as_deref(), next);
            f.kernel_targets = newer(cur_ali.as_deref(), next_ali);
            f.current_version = cur;
            f.current_kernel = cur_ali;
            if flag(u.get("Upgrade")) == Some(false) {
                f.blockers.push(Blocker::NoUpgradeAvailable);
            }
        }
        ReadCall::EsHealth => {
            let r = json.get("Result").ok_or(ReplyError::Missing("Result"))?;
            f.health = text(Some(r)).or_else(|| text(r.get("status")));
            if f.health
                .as_deref()
                .is_some_and(|h| h.eq_ignore_ascii_case("red"))
            {
                f.blockers.push(Blocker::HealthRed);
            }
        }
        ReadCall::TaurusInstance => {
            let i = json
                .get("instance")
                .filter(|i| i.is_object())
                .ok_or(ReplyError::Missing("instance"))?;
            f.instance_id = text(i.get("id"));
            let s = text(i.get("status"));
            let ready = s
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("normal") || s == "ACTIVE");
            if ready {
                f.status = s;
            } else {
                status(&mut f, s, "normal");
            }
            // The kernel, as a kernel: the upgrade body's `current_version` is the value
            // ShowInstanceDatabaseVersion gives (below), which the batch check compares each line with.
            f.current_kernel = text(at(i, &["datastore", "kernel_version"]));
            f.architecture = text(i.get("type"));
            f.maintenance_window = text(i.get("maintenance_window"));
        }
        ReadCall::TaurusDatabaseVersion => {
            let d = json
                .get("datastore")
                .filter(|d| d.is_object())
                .ok_or(ReplyError::Missing("datastore"))?;
            let cur = text(d.get("current_version"));
            f.targets = newer(cur.as_deref(), text(d.get("latest_version")));
            f.kernel_targets = newer(
                text(d.get("current_kernel_version")).as_deref(),
                text(d.get("latest_kernel_version")),
            );
            f.current_version = cur;
            f.current_kernel = text(d.get("current_kernel_version"));
            if flag(json.get("upgrade_flag")) == Some(false) {
                f.blockers.push(Blocker::NoUpgradeAvailable);
            }
        }
    }
    Ok(f)
}

fn dds_attribute(spec: &ApiSpec, d: &Json, f: &mut PreflightFacts) {
    f.instance_id = text(d.get("DBInstanceId"));
    status(f, text(d.get("DBInstanceStatus")), "Running");
    f.current_version = text(d.get("EngineVersion"));
    f.current_kernel = text(d.get("CurrentKernelVersion"));
    f.protocol = text(d.get("ProtocolType"));
    f.maintenance_window = window(d, "MaintainStartTime", "MaintainEndTime");
    // Standalone instances also report DBInstanceType=replicate: tell them apart by node type or by a
    // replication factor of 1 (replica sets have 3, 5 or 7).
    let standalone = text(d.get("DBNodeType")).is_some_and(|t| t == "single")
        || text(d.get("ReplicationFactor")).is_some_and(|r| r == "1");
    f.architecture = if standalone {
        Some("standalone".to_owned())
    } else {
        text(d.get("DBInstanceType"))
    };
    if standalone {
        f.blockers.push(Blocker::Standalone);
    }
    let sharded = f.architecture.as_deref() == Some("sharding");
    if sharded && spec.target_field.is_some() && f.protocol.as_deref() == Some("dynamodb") {
        f.blockers.push(Blocker::DynamoDbProtocol);
    }
    if let Some(mode) = text(d.get("LockMode")).filter(|m| m != "Unlock") {
        f.blockers.push(Blocker::Locked { mode });
    }
}

/// Records the status, and a blocker when it is not `expected`.
fn status(f: &mut PreflightFacts, s: Option<String>, expected: &'static str) {
    if let Some(s) = &s {
        if s != expected {
            f.blockers.push(Blocker::NotReady {
                status: s.clone(),
                expected,
            });
        }
    }
    f.status = s;
}

/// `start–end` from two fields, when both are present.
fn window(v: &Json, start: &str, end: &str) -> Option<String> {
    Some(format!("{}–{}", text(v.get(start))?, text(v.get(end))?))
}

/// `next` as a one-item list when it is above `current` (or `current` is unknown).
fn newer(current: Option<&str>, next: Option<String>) -> Vec<String> {
    next.filter(|n| current.is_none_or(|c| version_cmp(n, c).is_none_or(|o| o.is_gt()) && n != c))
        .into_iter()
        .collect()
}
