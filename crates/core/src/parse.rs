//! Parsing one field's raw text into a [`Value`]: the per-field half of "validation is parsing".
//! Cross-field rules and pre-flight comparisons live in [`mod@crate::validate`].

use std::collections::BTreeMap;

use crate::field::{FieldKind, FieldSpec, Placement};
use crate::format::{Format, TAURUS_INSTANCE_ID, TAURUS_VERSION};
use crate::issue::Issue;
use crate::value::{EsPlugin, InstanceVersion, Value};

/// The result of parsing one field that did not fail: the value (`None` when left empty and optional)
/// and any warnings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The value to send, or `None` to leave the parameter out.
    pub value: Option<Value>,
    /// Non-blocking findings.
    pub warnings: Vec<Issue>,
}

/// Parses `raw` (exactly what the user typed) for `field`.
///
/// # Errors
/// The first [`Issue`] that makes the value unusable; the UI shows it under the field and disables Send.
pub fn parse_field(field: &FieldSpec, raw: &str) -> Result<Parsed, Issue> {
    let mut warnings = Vec::new();
    let text = if field.kind.is_multiline() {
        raw.trim()
    } else {
        let t = raw.trim();
        if t.len() != raw.len() && !t.is_empty() {
            warnings.push(Issue::Trimmed);
        }
        t
    };
    let text = match (text.is_empty(), field.placement, field.default) {
        (true, Placement::Control, Some(default)) => default,
        (true, _, _) if field.required => return Err(Issue::Required),
        (true, _, _) => return Ok(Parsed::default()),
        (false, _, _) => text,
    };
    // The field's own example, never the shared format's: `KEYWORD` serves Redis and Elasticsearch alike.
    let example = (!field.example.is_empty()).then_some(field.example);
    let value = match field.kind {
        FieldKind::Text(format) => Value::Text(text_value(format, text, example)?),
        FieldKind::Choice { choices, other } => {
            if !choices.iter().any(|c| c.value == text) {
                let documented = join(choices.iter().map(|c| c.value));
                let Some(format) = other else {
                    return Err(Issue::NotOneOf {
                        allowed: documented,
                    });
                };
                text_value(format, text, example)?;
                warnings.push(Issue::NotDocumented {
                    value: text.to_owned(),
                    documented,
                });
            }
            Value::Text(text.to_owned())
        }
        FieldKind::Bool => match text.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(Issue::NotBool),
        },
        FieldKind::InstanceVersions { max } => {
            let list = instance_lines(text, max)?;
            let mut versions: Vec<&str> = list.iter().map(|i| i.current_version.as_str()).collect();
            versions.sort_unstable();
            versions.dedup();
            if versions.len() > 1 {
                warnings.push(Issue::MixedVersions {
                    versions: versions.join(", "),
                });
            }
            if list.is_empty() {
                return if field.required {
                    Err(Issue::Required)
                } else {
                    Ok(Parsed::default())
                };
            }
            Value::Instances(list)
        }
        FieldKind::EsPlugins => Value::Plugins(plugins(text)?),
    };
    Ok(Parsed {
        value: Some(value),
        warnings,
    })
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// The most specific message first: "too long" when the value is well-formed up to the limit (an id
/// with extra characters), then non-ASCII, then the shape, quoting `example` (the field's).
fn text_value(format: &Format, text: &str, example: Option<&'static str>) -> Result<String, Issue> {
    let len = text.chars().count();
    if len > format.max_len {
        let head: String = text.chars().take(format.max_len).collect();
        if format.matches(&head) {
            return Err(Issue::TooLong {
                max: format.max_len,
                len,
            });
        }
    }
    if !text.is_ascii() {
        return Err(Issue::NotAscii);
    }
    if !format.matches(text) {
        return Err(Issue::BadFormat {
            hint: format.hint,
            example,
        });
    }
    Ok(text.to_owned())
}

/// `instance_id,current_version` per line; commas, tabs, semicolons or spaces separate the two (a
/// spreadsheet paste works); blank lines and `#` comments are skipped.
fn instance_lines(text: &str, max: usize) -> Result<Vec<InstanceVersion>, Issue> {
    let mut out: Vec<InstanceVersion> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        let [id, version] = parts.as_slice() else {
            return Err(Issue::BadLine { line: line_no });
        };
        if !TAURUS_INSTANCE_ID.matches(id) {
            return Err(Issue::LineInstanceId {
                line: line_no,
                value: (*id).to_owned(),
            });
        }
        if !TAURUS_VERSION.matches(version) {
            return Err(Issue::LineVersion {
                line: line_no,
                value: (*version).to_owned(),
            });
        }
        if let Some(first) = seen.get(*id) {
            return Err(Issue::DuplicateInstance {
                line: line_no,
                first: *first,
            });
        }
        seen.insert((*id).to_owned(), line_no);
        out.push(InstanceVersion {
            instance_id: (*id).to_owned(),
            current_version: (*version).to_owned(),
        });
    }
    if out.len() > max {
        return Err(Issue::TooManyInstances {
            max,
            count: out.len(),
        });
    }
    Ok(out)
}

/// A JSON array of `{name, enable, version?, fileVersion?}`; `enable` may be a boolean or the string
/// form. Other members are dropped: the API documents no others.
fn plugins(text: &str) -> Result<Vec<EsPlugin>, Issue> {
    let json: serde_json::Value = serde_json::from_str(text).map_err(|e| Issue::InvalidJson {
        detail: e.to_string(),
    })?;
    let items = json.as_array().ok_or(Issue::PluginsNotArray)?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let item_no = i + 1;
            let obj = item.as_object().ok_or(Issue::PluginsNotArray)?;
            let string = |field: &'static str| -> Result<Option<String>, Issue> {
                match obj.get(field) {
                    None | Some(serde_json::Value::Null) => Ok(None),
                    Some(serde_json::Value::String(s)) if !s.trim().is_empty() => {
                        Ok(Some(s.trim().to_owned()))
                    }
                    Some(_) => Err(Issue::PluginField {
                        item: item_no,
                        field,
                    }),
                }
            };
            let name = string("name")?.ok_or(Issue::PluginField {
                item: item_no,
                field: "name",
            })?;
            let enable = match obj.get("enable") {
                Some(serde_json::Value::Bool(b)) => b.to_string(),
                Some(serde_json::Value::String(s)) if s == "true" || s == "false" => s.clone(),
                None => {
                    return Err(Issue::PluginField {
                        item: item_no,
                        field: "enable",
                    })
                }
                Some(_) => return Err(Issue::PluginEnable { item: item_no }),
            };
            Ok(EsPlugin {
                name,
                enable,
                version: string("version")?,
                file_version: string("fileVersion")?,
            })
        })
        .collect()
}
