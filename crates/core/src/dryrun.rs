//! The Elasticsearch `UpgradeEngineVersion` reply as a checklist: with `dryRun=true` the cloud runs its
//! pre-upgrade checks and answers `Result: [{validateType, status, validateResult: [{errorType,
//! errorCode, errorMsg}]}]` (apis.md §A.3). Each check and error code gets a readable name and a fix.

use serde::Serialize;
use serde_json::Value;

use crate::i18n::{Lang, Text};
use crate::sign::UnsignedRequest;

/// One row of the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// `validateType` as sent (`checkClusterHealth` …).
    pub kind: String,
    /// Whether the check passed (`status == "success"`).
    pub passed: bool,
    /// The problems found, with the cloud's code and message.
    pub problems: Vec<Problem>,
}

/// One problem a check reported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// `errorType` (`clusterStatus`, `clusterConfigYml` …).
    pub error_type: String,
    /// `errorCode` (`ClusterStatusNotHealth` …).
    pub code: String,
    /// `errorMsg` as the cloud wrote it.
    pub message: String,
}

impl Check {
    /// A readable name for the check.
    #[must_use]
    pub fn title(&self, lang: Lang) -> String {
        check_name(&self.kind).map_or_else(|| self.kind.clone(), |t| t.get(lang).to_owned())
    }
}

impl Problem {
    /// What to do about it, when the code is known.
    #[must_use]
    pub fn fix(&self, lang: Lang) -> Option<&'static str> {
        fix_for(&self.code, &self.error_type).map(|t| t.get(lang))
    }
}

/// Reads the checklist from a reply body; `None` when the body has no check list (a real upgrade's
/// reply, or another shape), which the caller shows as a plain result.
#[must_use]
pub fn checklist(body: &str) -> Option<Vec<Check>> {
    let json: Value = serde_json::from_str(body).ok()?;
    let items = json.get("Result")?.as_array()?;
    let str_of = |v: &Value, k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let checks: Vec<Check> = items
        .iter()
        .filter(|i| i.get("validateType").is_some())
        .map(|i| Check {
            kind: str_of(i, "validateType"),
            passed: i
                .get("status")
                .and_then(Value::as_str)
                .is_some_and(|s| s.eq_ignore_ascii_case("success")),
            problems: i
                .get("validateResult")
                .and_then(Value::as_array)
                .map(|ps| {
                    ps.iter()
                        .map(|p| Problem {
                            error_type: str_of(p, "errorType"),
                            code: str_of(p, "errorCode"),
                            message: str_of(p, "errorMsg"),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    (!checks.is_empty()).then_some(checks)
}

/// The checks of an earlier dry run, for the confirmation of the real upgrade: only a dry run of the same
/// instance, target and strategy counts (the same path, body and query but for `dryRun` and the retry
/// token `clientToken`), and only one whose reply was a checklist. `dry_path_and_query` (encoded) and
/// `dry_body` are what that dry run sent.
#[must_use]
pub fn earlier_checks(
    upgrade: &UnsignedRequest,
    dry_path_and_query: &str,
    dry_body: &[u8],
    reply_body: &str,
) -> Option<Vec<Check>> {
    // `dryRun` differs by design, and `clientToken` is a retry token, not part of what is checked.
    let kept = |k: &str| k != "dryRun" && k != "clientToken";
    let (path, query) = dry_path_and_query
        .split_once('?')
        .unwrap_or((dry_path_and_query, ""));
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    let mut dry: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .map(|(k, v)| (decode(k), decode(v)))
        .filter(|(k, _)| kept(k))
        .collect();
    let mut sent: Vec<(String, String)> = upgrade
        .query
        .iter()
        .filter(|(k, _)| kept(k))
        .cloned()
        .collect();
    dry.sort();
    sent.sort();
    if path != upgrade.path || dry != sent || dry_body != upgrade.body.as_slice() {
        return None;
    }
    checklist(reply_body)
}

fn check_name(kind: &str) -> Option<Text> {
    Some(match kind {
        "checkClusterHealth" => Text::new("Cluster health", "集群健康状态"),
        "checkConfigCompatible" => Text::new(
            "Configuration (YML and plugins) compatible",
            "配置（YML 与插件）兼容性",
        ),
        "checkClusterResource" => Text::new(
            "Cluster resources (disk, memory, nodes)",
            "集群资源（磁盘、内存、节点）",
        ),
        "checkClusterSnapshot" => Text::new("Recent snapshot available", "近期快照"),
        _ => return None,
    })
}

fn fix_for(code: &str, error_type: &str) -> Option<Text> {
    Some(match (code, error_type) {
        ("ClusterStatusNotHealth", _) | (_, "clusterStatus") => Text::new(
            "The cluster is not green. Fix unassigned shards or failed nodes (GET _cluster/health, _cat/shards) and run the check again.",
            "集群状态不是 green。请先处理未分配分片或故障节点（GET _cluster/health、_cat/shards），再重新检查。",
        ),
        (_, "clusterConfigYml") => Text::new(
            "A YML setting is not supported by the target version. Remove or change it in the instance's YML configuration.",
            "目标版本不支持某项 YML 配置。请在实例的 YML 配置中删除或修改该项。",
        ),
        (_, "clusterConfigPlugins") => Text::new(
            "A plugin has no build for the target version. Uninstall it, or pass the plugin list with the upgrade.",
            "某插件没有目标版本的构建。请卸载该插件，或在升级时传入插件列表。",
        ),
        (_, "clusterResource") => Text::new(
            "Not enough resources for the upgrade. Free disk space or scale out the data nodes first.",
            "资源不足以完成升级。请先释放磁盘空间或扩容数据节点。",
        ),
        (_, "clusterSnapshot") => Text::new(
            "No recent snapshot. Create a snapshot before upgrading so the data can be restored.",
            "没有近期快照。升级前请创建快照，以便需要时恢复数据。",
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_failing_dry_run() {
        let body = r#"{"RequestId":"R1","Result":[
            {"validateType":"checkClusterHealth","status":"failed","validateResult":[
                {"errorType":"clusterStatus","errorCode":"ClusterStatusNotHealth","errorMsg":"cluster is red"}]},
            {"validateType":"checkClusterSnapshot","status":"success","validateResult":[]}]}"#;
        let list = checklist(body).expect("checklist");
        assert_eq!(list.len(), 2);
        assert!(!list[0].passed && list[1].passed);
        assert_eq!(list[0].title(Lang::En), "Cluster health");
        assert_eq!(list[0].problems[0].code, "ClusterStatusNotHealth");
        assert!(list[0].problems[0]
            .fix(Lang::Zh)
            .is_some_and(|f| f.contains("green")));
    }

    #[test]
    fn other_shapes_are_not_a_checklist() {
        for body in [
            "",
            "null",
            "[]",
            r#"{"Result":true}"#,
            r#"{"Result":[1,2]}"#,
            r#"{"RequestId":"x"}"#,
            "<html>",
        ] {
            assert!(checklist(body).is_none(), "{body}");
        }
    }

    #[test]
    fn an_earlier_dry_run_counts_only_for_the_same_instance_and_target() {
        let path = "/openapi/instances/es-cn-1/actions/upgrade-version";
        let body = br#"{"version":"7.16"}"#;
        let upgrade = UnsignedRequest::new("POST", "es.example", path).with_body(body.to_vec());
        let reply = r#"{"Result":[{"validateType":"checkClusterHealth","status":"success"}]}"#;
        let dry = format!("{path}?dryRun=true");
        assert_eq!(
            earlier_checks(&upgrade, &dry, body, reply).map(|c| c.len()),
            Some(1)
        );
        let other_instance = "/openapi/instances/es-cn-2/actions/upgrade-version?dryRun=true";
        assert!(earlier_checks(&upgrade, other_instance, body, reply).is_none());
        assert!(earlier_checks(&upgrade, &dry, br#"{"version":"8.5"}"#, reply).is_none());
        assert!(earlier_checks(&upgrade, &dry, body, r#"{"RequestId":"x"}"#).is_none());
        // Another strategy is another upgrade; the retry token and dryRun are not part of it.
        let upgrade = upgrade
            .with_query("dryRun", "false")
            .with_query("updateStrategy", "blue_green");
        let same = format!("{path}?clientToken=t%2D1&dryRun=true&updateStrategy=blue_green");
        assert!(earlier_checks(&upgrade, &same, body, reply).is_some());
        assert!(earlier_checks(&upgrade, &dry, body, reply).is_none());
        let other = format!("{path}?dryRun=true&updateStrategy=in_place");
        assert!(earlier_checks(&upgrade, &other, body, reply).is_none());
    }

    #[test]
    fn unknown_checks_keep_their_raw_names() {
        let list = checklist(r#"{"Result":[{"validateType":"checkNew","status":"SUCCESS"}]}"#)
            .expect("list");
        assert_eq!(list[0].title(Lang::En), "checkNew");
        assert!(list[0].passed);
    }
}
