//! Parsed field values: what validation produces and the builder consumes. Every variant is already
//! checked, so writing it into a query, header or JSON body cannot fail.

use serde::Serialize;

/// One parsed field value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Value {
    /// Trimmed text (ids, versions, list values).
    Text(String),
    /// A boolean typed as `true`/`false`.
    Bool(bool),
    /// TaurusDB instances with their current kernel versions, in the order typed.
    Instances(Vec<InstanceVersion>),
    /// Elasticsearch plugins, normalised.
    Plugins(Vec<EsPlugin>),
}

impl Value {
    /// The text, if this is a text value.
    #[must_use]
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Self::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    #[must_use]
    pub const fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The value as one query-string or header value (`None` for lists, which only go in JSON bodies).
    #[must_use]
    pub fn scalar(&self) -> Option<String> {
        match self {
            Self::Text(t) => Some(t.clone()),
            Self::Bool(b) => Some(b.to_string()),
            Self::Instances(_) | Self::Plugins(_) => None,
        }
    }
}

/// One `databases_instance_infos` item. Field order is the wire order of the SDK and the signing vectors.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct InstanceVersion {
    /// `…in07` instance id.
    pub instance_id: String,
    /// Its current kernel version (`ShowInstanceDatabaseVersion` → `datastore.current_version`).
    pub current_version: String,
}

/// One Elasticsearch `plugins` item, written in the SDK's key order; `enable` is the string the API
/// documents (`"true"`/`"false"`), whatever the user typed (`true` or `"true"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EsPlugin {
    /// Plugin name (`analysis-ik`).
    pub name: String,
    /// `"true"` to install/enable, `"false"` to uninstall/disable.
    pub enable: String,
    /// The ES version the plugin targets (`7.16.2`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The plugin file version from `ListUserPlugin`.
    #[serde(rename = "fileVersion", skip_serializing_if = "Option::is_none")]
    pub file_version: Option<String>,
}
