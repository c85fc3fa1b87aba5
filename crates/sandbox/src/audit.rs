//! The audit list: one entry per accepted write call, so tests (and curious users) can check that every
//! upgrade was applied exactly once, whatever faults and retries happened around it.

use serde::{Deserialize, Serialize};

/// An accepted write call, as `GET /_sandbox/audit` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Unix seconds (sandbox clock) when the call was accepted.
    pub time: i64,
    /// API name (`UpgradeDBInstanceEngineVersion`, `BatchUpgradeDatabases`…).
    pub action: String,
    /// The instance the call changes.
    pub instance_id: String,
    /// The request id the call was answered with.
    pub request_id: String,
}
