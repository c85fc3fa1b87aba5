//! The fleet page's status line as data, not text: the runner, the planner and the views say *what*
//! happened, and the view words it in the language chosen in the header, so switching language
//! re-renders the current status. Error text from upstream (the cloud, the journal) stays as received.

use console_core::{Lang, Product};

/// How many rejected tokens a paste reports before it says "…".
pub(crate) const REJECTED_SHOWN: usize = 5;

/// What the fleet status line reports.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Status {
    /// Instances are being listed.
    Listing,
    /// Listing finished: how many instances, and the products that could not be listed (with why).
    Listed {
        /// Instances listed.
        count: usize,
        /// Products whose listing failed, with the error as received.
        failed: Vec<(Product, String)>,
    },
    /// Pasted or imported ids were added and selected.
    IdsAdded {
        /// Ids recognised (all selected).
        selected: usize,
        /// Of those, ids new to the inventory.
        added: usize,
        /// The first [`REJECTED_SHOWN`] rejected tokens: `(line number, token)`.
        rejected: Vec<(usize, String)>,
        /// More tokens were rejected than shown.
        more_rejected: bool,
    },
    /// The imported file could not be read.
    FileUnreadable,
    /// Planning was asked for with nothing selected.
    SelectFirst,
    /// Pre-flight is running for this many instances.
    Preflight(usize),
    /// Planning finished: `ready` of `total` instances can be upgraded.
    Planned {
        /// Instances without blockers.
        ready: usize,
        /// Instances planned.
        total: usize,
    },
    /// The batch could not be journalled, so nothing was sent (the journal's error).
    BatchNotJournalled(String),
    /// Sending paused: no credentials for this product.
    NoCredentials(Product),
    /// A journal write failed before a send, so sending stopped (the journal's error).
    JournalWriteFailed(String),
    /// The outcome of an instance's call could not be read yet; the runner retries.
    SettleFailed {
        /// The instance id.
        instance: String,
        /// The error as received.
        error: String,
    },
    /// The history export failed (the browser's error).
    ExportFailed(String),
    /// Text that is already finished (errors passed through from the journal or from restore).
    Message(String),
}

/// `en` or `zh` by `lang`.
pub(crate) fn pick<T>(lang: Lang, en: T, zh: T) -> T {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

impl Status {
    /// The message in `lang`.
    pub(crate) fn text(&self, lang: Lang) -> String {
        match self {
            Self::Listing => pick(lang, "Listing instances…", "正在列出实例…").to_owned(),
            Self::Listed { count, failed } => listed(lang, *count, failed),
            Self::IdsAdded {
                selected,
                added,
                rejected,
                more_rejected,
            } => ids_added(lang, *selected, *added, rejected, *more_rejected),
            Self::FileUnreadable => {
                pick(lang, "The file could not be read.", "无法读取该文件。").to_owned()
            }
            Self::SelectFirst => pick(lang, "Select instances first.", "请先选择实例。").to_owned(),
            Self::Preflight(n) => pick(
                lang,
                format!("Pre-flight of {n} instances…"),
                format!("正在预检 {n} 个实例…"),
            ),
            Self::Planned { ready, total } => pick(
                lang,
                format!("{ready} of {total} instances can be upgraded."),
                format!("{total} 个实例中有 {ready} 个可以升级。"),
            ),
            Self::BatchNotJournalled(e) => pick(
                lang,
                format!("The batch could not be journalled, nothing was sent: {e}"),
                format!("批次无法记录到本设备，未发送任何请求：{e}"),
            ),
            Self::NoCredentials(p) => pick(
                lang,
                format!("No {} credentials in this page: add them (Settings or “Use demo credentials”), then send the remaining.", p.label().en),
                format!("本页面没有{}的凭证：请先添加（“设置”或“使用演示凭证”），然后发送剩余的调用。", p.label().zh),
            ),
            Self::JournalWriteFailed(e) => pick(
                lang,
                format!("The journal could not be written ({e}); sending stopped."),
                format!("无法写入本设备上的记录（{e}），已停止发送。"),
            ),
            Self::SettleFailed { instance, error } => pick(
                lang,
                format!("Could not settle {instance}: {error}; retrying."),
                format!("无法确认 {instance} 的结果：{error}；正在重试。"),
            ),
            Self::ExportFailed(e) => pick(
                lang,
                format!("Export failed: {e}"),
                format!("导出失败：{e}"),
            ),
            Self::Message(m) => m.clone(),
        }
    }
}

fn listed(lang: Lang, count: usize, failed: &[(Product, String)]) -> String {
    let mut out = pick(
        lang,
        format!("{count} instances listed."),
        format!("已列出 {count} 个实例。"),
    );
    if !failed.is_empty() {
        let why: Vec<String> = failed
            .iter()
            .map(|(p, e)| {
                let name = p.label().get(lang);
                pick(lang, format!("{name}: {e}"), format!("{name}（{e}）"))
            })
            .collect();
        out.push_str(pick(lang, " Could not list ", "无法列出："));
        out.push_str(&why.join(pick(lang, "; ", "；")));
    }
    out
}

fn ids_added(
    lang: Lang,
    selected: usize,
    added: usize,
    rejected: &[(usize, String)],
    more: bool,
) -> String {
    let mut out = pick(
        lang,
        format!("{selected} ids selected ({added} new)."),
        format!("已选中 {selected} 个 ID（新增 {added} 个）。"),
    );
    if !rejected.is_empty() {
        let bad: Vec<String> = rejected
            .iter()
            .map(|(line, t)| {
                pick(
                    lang,
                    format!("line {line}: “{t}”"),
                    format!("第 {line} 行“{t}”"),
                )
            })
            .collect();
        let (sep, head) = pick(
            lang,
            (", ", " Not an instance id of a supported product: "),
            ("，", "以下不是受支持产品的实例 ID："),
        );
        out.push_str(head);
        out.push_str(&bad.join(sep));
        if more {
            out.push_str(sep);
            out.push('…');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant with its English text as the page showed it before the status line was bilingual.
    fn cases() -> Vec<(Status, &'static str)> {
        let fail = |p, e: &str| (p, e.to_owned());
        let st = |x: &str| x.to_owned();
        vec![
            (Status::Listing, "Listing instances…"),
            (Status::Listed { count: 3, failed: vec![] }, "3 instances listed."),
            (
                Status::Listed { count: 1, failed: vec![fail(Product::Dds, "a"), fail(Product::Elasticsearch, "b")] },
                "1 instances listed. Could not list ApsaraDB for MongoDB: a; Alibaba Cloud Elasticsearch: b",
            ),
            (
                Status::IdsAdded { selected: 2, added: 1, rejected: vec![], more_rejected: false },
                "2 ids selected (1 new).",
            ),
            (
                Status::IdsAdded { selected: 0, added: 0, rejected: vec![(3, st("x")), (4, st("y"))], more_rejected: true },
                "0 ids selected (0 new). Not an instance id of a supported product: line 3: “x”, line 4: “y”, …",
            ),
            (Status::FileUnreadable, "The file could not be read."),
            (Status::SelectFirst, "Select instances first."),
            (Status::Preflight(4), "Pre-flight of 4 instances…"),
            (Status::Planned { ready: 2, total: 5 }, "2 of 5 instances can be upgraded."),
            (Status::BatchNotJournalled(st("q")), "The batch could not be journalled, nothing was sent: q"),
            (
                Status::NoCredentials(Product::Dds),
                "No ApsaraDB for MongoDB credentials in this page: add them (Settings or “Use demo credentials”), then send the remaining.",
            ),
            (Status::JournalWriteFailed(st("q")), "The journal could not be written (q); sending stopped."),
            (Status::SettleFailed { instance: st("i"), error: st("e") }, "Could not settle i: e; retrying."),
            (Status::ExportFailed(st("x")), "Export failed: x"),
        ]
    }

    #[test]
    fn english_is_unchanged() {
        for (s, en) in cases() {
            assert_eq!(s.text(Lang::En), en);
        }
    }

    #[test]
    fn every_variant_has_chinese() {
        for (s, _) in cases() {
            let (en, zh) = (s.text(Lang::En), s.text(Lang::Zh));
            assert!(!en.is_empty() && !zh.is_empty(), "{s:?}");
            assert_ne!(en, zh, "{s:?}");
        }
        let zh = Status::NoCredentials(Product::Dds).text(Lang::Zh);
        assert!(zh.contains("云数据库 MongoDB 版"), "{zh}");
        // Finished text (an upstream error) is shown as received in both languages.
        let m = Status::Message("IndexedDB unavailable".into());
        assert_eq!(m.text(Lang::Zh), m.text(Lang::En));
        assert!(!m.text(Lang::Zh).is_empty());
    }
}
