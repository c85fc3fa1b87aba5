//! The plan: for each selected instance, what its pre-flight says (current → target, blockers,
//! warnings, schedule), and the [`Item`] that will carry out the upgrade. The operation and the target
//! are chosen per product; the target must be one the cloud offers.

use serde::{Deserialize, Serialize};

use super::inventory::Instance;
use super::item::{Evidence, Item, Schedule};
use crate::catalog::Product;
use crate::i18n::{pick, Lang, Text};
use crate::preflight::PreflightFacts;
use crate::version::version_cmp;

/// One row of the plan table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    /// Operation id.
    pub op: String,
    /// The instance.
    pub instance: Instance,
    /// Huawei project id (TaurusDB).
    pub project_id: Option<String>,
    /// Version now (the kernel for a kernel upgrade).
    pub current: String,
    /// Version after; empty when the cloud picks the latest kernel.
    pub target: String,
    /// Why it cannot go now; a row with blockers is left out of the run.
    pub blockers: Vec<String>,
    /// What the DBA should know before confirming.
    pub warnings: Vec<String>,
    /// Now or in the maintenance window.
    pub schedule: Schedule,
    /// The maintenance window, when known.
    pub window: Option<String>,
}

/// The upgrade operation for a product: Dds takes the engine (major) upgrade unless `kernel` is asked.
#[must_use]
pub const fn op_for(product: Product, kernel: bool) -> &'static str {
    match product {
        Product::Dds if kernel => "dds-kernel-upgrade",
        Product::Dds => "dds-engine-upgrade",
        Product::RKvstore => "redis-major-upgrade",
        Product::Elasticsearch => "es-version-upgrade",
        Product::TaurusDb => "taurusdb-minor-upgrade",
    }
}

/// What a describe reply shows, in the terms [`Item::settle`] and [`Item::on_describe`] use.
#[must_use]
pub fn observed(op: &str, facts: &PreflightFacts) -> Evidence {
    let version = if op == "dds-kernel-upgrade" {
        facts.current_kernel.clone()
    } else {
        facts.current_version.clone()
    };
    Evidence {
        status: facts.status.clone(),
        version,
        task_since_sent: false,
    }
}

fn newest(candidates: &[String], current: &str) -> Option<String> {
    candidates
        .iter()
        .filter(|t| version_cmp(t, current).is_none_or(|o| o.is_gt()))
        .max_by(|a, b| version_cmp(a, b).unwrap_or(std::cmp::Ordering::Equal))
        .cloned()
}

/// The documented choices of the operation's target field above `current`.
fn documented_above(op: &str, current: &str) -> Vec<String> {
    let Some(field) =
        crate::catalog::spec(op).and_then(|s| s.target_field.and_then(|f| s.field(f)))
    else {
        return Vec::new();
    };
    match field.kind {
        crate::field::FieldKind::Choice { choices, .. } => choices
            .iter()
            .map(|c| c.value.to_owned())
            .filter(|v| version_cmp(v, current).is_some_and(std::cmp::Ordering::is_gt))
            .collect(),
        _ => Vec::new(),
    }
}

/// The smallest version above `current`: without the cloud's list, one major step is the move every
/// deployment mode allows.
fn next_step(candidates: &[String], current: &str) -> Option<String> {
    candidates
        .iter()
        .filter(|t| version_cmp(t, current).is_none_or(|o| o.is_gt()))
        .min_by(|a, b| version_cmp(a, b).unwrap_or(std::cmp::Ordering::Equal))
        .cloned()
}

/// Plans one instance. `facts` is its pre-flight (or the message of a failed pre-flight); `wanted` is
/// the target the DBA asked for this product (the newest offered when `None`).
#[must_use]
pub fn plan_row(
    op: &str,
    instance: &Instance,
    facts: Result<&PreflightFacts, &str>,
    wanted: Option<&str>,
    schedule: Schedule,
    lang: Lang,
) -> PlanRow {
    let kernel = op == "dds-kernel-upgrade";
    let mut row = PlanRow {
        op: op.to_owned(),
        instance: instance.clone(),
        project_id: None,
        current: instance.version.clone(),
        // The target asked for, until the cloud's offer says otherwise: a blocked row still shows what
        // was asked (and its blocker says why it cannot be had).
        target: wanted
            .filter(|_| !kernel)
            .map(str::trim)
            .unwrap_or_default()
            .to_owned(),
        blockers: Vec::new(),
        warnings: Vec::new(),
        schedule,
        window: None,
    };
    let facts = match facts {
        Ok(f) => f,
        Err(e) => {
            row.blockers.push(pick(
                lang,
                format!("Pre-flight failed: {e}"),
                format!("预检失败：{e}"),
            ));
            return row;
        }
    };
    let current = if kernel {
        facts.current_kernel.clone()
    } else {
        facts.current_version.clone()
    };
    row.current = current.unwrap_or_else(|| instance.version.clone());
    row.window.clone_from(&facts.maintenance_window);
    row.blockers = facts.blockers.iter().map(|b| b.message(lang)).collect();
    if !kernel {
        let mut offered: Vec<String> = facts
            .targets
            .iter()
            .chain(if instance.product == Some(Product::TaurusDb) {
                facts.kernel_targets.iter()
            } else {
                [].iter()
            })
            .cloned()
            .collect();
        let from_catalog = offered.is_empty();
        if from_catalog {
            // No target list from the cloud (R-kvstore): the documented versions above the current one.
            offered = documented_above(op, &row.current);
        }
        match wanted.map(str::trim).filter(|w| !w.is_empty()) {
            Some(w) if offered.iter().any(|o| o == w) => {}
            Some(w) => row.blockers.push(pick(
                lang,
                format!("The cloud does not offer {w} for this instance."),
                format!("云端不为此实例提供 {w}。"),
            )),
            None => match if from_catalog {
                next_step(&offered, &row.current)
            } else {
                newest(&offered, &row.current)
            } {
                Some(t) => row.target = t,
                None if row.blockers.is_empty() => row.blockers.push(
                    Text::new(
                        "The cloud offers no newer version.",
                        "云端没有提供更新的版本。",
                    )
                    .get(lang)
                    .to_owned(),
                ),
                None => {}
            },
        }
    }
    warnings(&mut row, facts, lang);
    row
}

fn warnings(row: &mut PlanRow, facts: &PreflightFacts, lang: Lang) {
    if matches!(
        row.op.as_str(),
        "dds-engine-upgrade" | "redis-major-upgrade" | "es-version-upgrade"
    ) {
        row.warnings.push(
            Text::new(
                "Major upgrades cannot be rolled back.",
                "大版本升级后无法回退。",
            )
            .get(lang)
            .to_owned(),
        );
    }
    if facts.health.as_deref() == Some("yellow") {
        row.warnings.push(
            Text::new("Cluster health is yellow.", "集群健康状态为黄色。")
                .get(lang)
                .to_owned(),
        );
    }
    if row.op == "es-version-upgrade" && row.schedule == Schedule::MaintenanceWindow {
        row.schedule = Schedule::Now;
        row.warnings.push(
            Text::new(
                "Elasticsearch has no maintenance-window option: it starts at once.",
                "Elasticsearch 不支持在可维护时间段执行：将立即开始。",
            )
            .get(lang)
            .to_owned(),
        );
    }
    if row.schedule == Schedule::MaintenanceWindow && row.window.is_none() {
        row.warnings.push(
            Text::new(
                "Maintenance window unknown; the cloud will use the instance's own.",
                "可维护时间段未知；云端将使用实例自身的设置。",
            )
            .get(lang)
            .to_owned(),
        );
    }
}

/// The item that carries out a row. `client_token` is the stable idempotency token of this logical
/// upgrade (ES only).
#[must_use]
pub fn to_item(row: &PlanRow, client_token: &str) -> Item {
    let product = row.instance.product.unwrap_or(Product::Dds);
    let mut it = Item::new(
        &row.op,
        product,
        &row.instance.id,
        &row.current,
        &row.target,
    );
    it.name.clone_from(&row.instance.name);
    it.region.clone_from(&row.instance.region);
    it.project_id.clone_from(&row.project_id);
    it.schedule = row.schedule;
    let window = row.schedule == Schedule::MaintenanceWindow;
    let mut set = |k: &str, v: &str| {
        it.form.insert(k.to_owned(), v.to_owned());
    };
    match row.op.as_str() {
        "dds-engine-upgrade" | "dds-kernel-upgrade" => {
            set("DBInstanceId", &row.instance.id);
            if row.op == "dds-engine-upgrade" {
                set("EngineVersion", &row.target);
            }
            set("SwitchMode", if window { "1" } else { "0" });
        }
        "redis-major-upgrade" => {
            set("InstanceId", &row.instance.id);
            set("MajorVersion", &row.target);
            set(
                "EffectiveTime",
                if window {
                    "MaintainTime"
                } else {
                    "Immediately"
                },
            );
        }
        "es-version-upgrade" => {
            set("InstanceId", &row.instance.id);
            set("type", "engineVersion");
            set("version", &row.target);
            set("clientToken", client_token);
        }
        _ => {
            set("project_id", row.project_id.as_deref().unwrap_or(""));
        }
    }
    if product != Product::Elasticsearch
        && product != Product::TaurusDb
        && !row.instance.region.is_empty()
    {
        it.form
            .insert("RegionId".into(), row.instance.region.clone());
    }
    it
}
