//! After an upgrade sent from a form: may the same instances be sent an upgrade again at once?
//!
//! Why this exists: an upgrade is not idempotent. Right after the cloud accepts one, the instance may
//! still read as running for a while (its status flips later), so pre-flight alone would let a second,
//! identical call go out, whose refusal would then hide the first one's success. And after a reply that
//! leaves the outcome unknown (a 5xx, a gateway timeout, a connection cut off after sending), the cloud
//! may have started the upgrade. In both cases the form holds Send for those instances until the DBA
//! turns to other instances or explicitly allows sending again. The fleet page has its own, stricter,
//! exactly-once rules (`crate::batch`); this is their counterpart for one form.

use crate::batch::outcome::Outcome;
use crate::catalog::{ApiSpec, Product};
use crate::i18n::{pick, Lang};
use crate::preflight::read_target;
use crate::validate::RawForm;

/// Why Send is held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Held {
    /// The cloud accepted the upgrade.
    Accepted {
        /// The cloud's request id, to quote.
        request_id: Option<String>,
    },
    /// No clear answer: the upgrade may or may not have started.
    Unknown,
}

/// A hold on sending another upgrade to the instances of the last call. Its reason is written in both
/// languages when the hold is made, so that the code reading it ([`SendHold::message`], on every
/// keystroke of the form) carries no text-building of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendHold {
    /// The instances the last call named.
    pub instances: Vec<String>,
    /// Why.
    pub held: Held,
    /// The reason, in English and in Chinese.
    reason: [String; 2],
}

impl SendHold {
    /// The hold an upgrade call with this outcome leaves on `instances` (the form's [`instances`]);
    /// `None` when the cloud clearly did nothing (refused, throttled, never sent), so sending again is
    /// safe.
    #[must_use]
    pub fn after(instances: Vec<String>, outcome: &Outcome) -> Option<Self> {
        let held = match outcome {
            Outcome::Accepted { request_id, .. } => Held::Accepted {
                request_id: request_id.clone(),
            },
            Outcome::Unclear { .. } => Held::Unknown,
            Outcome::Throttled { .. } | Outcome::Rejected { .. } | Outcome::NotSent { .. } => {
                return None
            }
        };
        if instances.is_empty() {
            return None;
        }
        let reason = [Lang::En, Lang::Zh].map(|lang| reason(&instances, &held, lang));
        Some(Self {
            instances,
            held,
            reason,
        })
    }

    /// Whether the form as it is now would send to one of the held instances. Checked on every
    /// keystroke, so it reads the form as it is: the id field, or for a TaurusDB batch whether any
    /// held id appears in it (ids are long and fixed-length, so a match by text is a match by id, and
    /// a stray match only holds more, the safe side).
    #[must_use]
    pub fn covers(&self, spec: &ApiSpec, raw: &RawForm) -> bool {
        match spec.product {
            Product::TaurusDb => raw
                .get("databases_instance_infos")
                .is_some_and(|batch| self.instances.iter().any(|i| batch.contains(i.as_str()))),
            _ => read_target(spec, raw).is_some_and(|t| self.instances.contains(&t.instance_id)),
        }
    }

    /// Why Send is held, and how to go on, for the list of what blocks Send.
    #[must_use]
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.reason[0],
            Lang::Zh => &self.reason[1],
        }
    }
}

/// Why Send is held for `instances`, and how to go on.
fn reason(instances: &[String], held: &Held, lang: Lang) -> String {
    let ids = instances.join(", ");
    match held {
        Held::Accepted { request_id } => {
            let rid = request_id.as_deref().unwrap_or("-");
            pick(
                lang,
                format!("The cloud accepted an upgrade of {ids} a moment ago (RequestId {rid}); sending again would ask for a second one. Follow it in pre-flight, turn to other instances, or choose “Allow sending again”."),
                format!("云端刚刚已受理 {ids} 的升级（RequestId {rid}）；再次发送将请求第二次升级。请在预检查中跟踪进度、改为其他实例，或选择“允许再次发送”。"),
            )
        }
        Held::Unknown => pick(
            lang,
            format!("The last upgrade call for {ids} got no clear answer, so the upgrade may have started. Pre-flight reads the instance again; choose “Allow sending again” only once it shows that the upgrade did not start."),
            format!("上一次对 {ids} 的升级调用未得到明确答复，升级可能已经开始。预检查正在重新读取实例；仅当其显示升级未开始时，再选择“允许再次发送”。"),
        ),
    }
}

/// Every instance id the form names: the one id field, or each TaurusDB batch line's first column.
#[must_use]
pub fn instances(spec: &ApiSpec, raw: &RawForm) -> Vec<String> {
    let get = |name: &str| raw.get(name).map_or("", |v| v.trim());
    let out: Vec<String> = match spec.product {
        Product::Dds => vec![get("DBInstanceId").to_owned()],
        Product::RKvstore | Product::Elasticsearch => vec![get("InstanceId").to_owned()],
        Product::TaurusDb => get("databases_instance_infos")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split([',', ';', '\t', ' ']).next())
            .map(|id| id.trim().to_owned())
            .collect(),
    };
    let mut unique: Vec<String> = Vec::with_capacity(out.len());
    for id in out {
        if !id.is_empty() && !unique.contains(&id) {
            unique.push(id);
        }
    }
    unique
}
