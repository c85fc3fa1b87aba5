//! Validation findings: one enum for errors (which block Send) and warnings (which do not); whether an
//! issue blocks is decided by where validation files it, not by the variant. `Display` is the English
//! text shown next to the field; [`Issue::message`] gives English or Simplified Chinese.

use serde::Serialize;

use crate::advice::Advisory;
use crate::i18n::{Lang, Text};

/// One validation finding about a field, or about the whole form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum Issue {
    /// A required field is empty.
    #[error("This field is required.")]
    Required,
    /// Leading/trailing whitespace was removed (warning).
    #[error("Spaces or line breaks around the value were removed.")]
    Trimmed,
    /// Longer than the format allows.
    #[error("Too long: {len} characters, at most {max} allowed.")]
    TooLong {
        /// Allowed maximum.
        max: usize,
        /// Characters typed.
        len: usize,
    },
    /// Non-ASCII text where the API takes ASCII only.
    #[error("Only ASCII letters, digits and punctuation are allowed here.")]
    NotAscii,
    /// Does not match the field's format.
    #[error("{}", expected_format(*hint, *example, Lang::En))]
    BadFormat {
        /// What the value should look like, in words and without an example: formats are shared by
        /// several fields, so the example comes from the field (see `example`).
        hint: Text,
        /// The field's own example, quoted once after the hint; `None` for a field without one.
        example: Option<&'static str>,
    },
    /// Not one of a closed list.
    #[error("Choose one of: {allowed}.")]
    NotOneOf {
        /// The allowed values, comma-separated.
        allowed: String,
    },
    /// Outside the documented list but well-formed (warning).
    #[error("“{value}” is not in the documented list ({documented}), which may be stale; it will be sent as typed.")]
    NotDocumented {
        /// The value typed.
        value: String,
        /// The documented values, comma-separated.
        documented: String,
    },
    /// Not `true`/`false`.
    #[error("Enter true or false.")]
    NotBool,
    /// Text that should be JSON is not.
    #[error("Not valid JSON: {detail}.")]
    InvalidJson {
        /// The parser's complaint.
        detail: String,
    },
    /// ES plugins: not an array of objects.
    #[error("Expected a JSON array of plugin objects, such as [{{\"name\":\"analysis-ik\",\"enable\":\"true\"}}].")]
    PluginsNotArray,
    /// ES plugins: a member is missing or not a string.
    #[error("Plugin {item}: “{field}” is missing or not a string.")]
    PluginField {
        /// 1-based position.
        item: usize,
        /// The member name.
        field: &'static str,
    },
    /// ES plugins: `enable` is not true/false.
    #[error("Plugin {item}: “enable” must be \"true\" or \"false\".")]
    PluginEnable {
        /// 1-based position.
        item: usize,
    },
    /// More list items than one call takes.
    #[error("{count} instances listed; one call takes at most {max}.")]
    TooManyInstances {
        /// The limit.
        max: usize,
        /// Items given.
        count: usize,
    },
    /// A line that is not `instance_id,current_version`.
    #[error("Line {line}: write instance_id,current_version.")]
    BadLine {
        /// 1-based line number.
        line: usize,
    },
    /// A line whose instance id has the wrong format.
    #[error("Line {line}: “{value}” is not a TaurusDB instance id (32 lower-case letters or digits followed by in07).")]
    LineInstanceId {
        /// 1-based line number.
        line: usize,
        /// The id typed.
        value: String,
    },
    /// A line whose version has the wrong format.
    #[error("Line {line}: “{value}” is not a kernel version such as 2.0.28.1.")]
    LineVersion {
        /// 1-based line number.
        line: usize,
        /// The version typed.
        value: String,
    },
    /// The same instance twice.
    #[error("Line {line}: this instance is already listed on line {first}.")]
    DuplicateInstance {
        /// 1-based line of the repeat.
        line: usize,
        /// 1-based line of the first mention.
        first: usize,
    },
    /// Instances with different current versions in one batch (warning).
    #[error("The instances have different current versions ({versions}); TaurusDB expects one source version per batch (documented for the pre-check), so split them into separate calls.")]
    MixedVersions {
        /// The distinct versions, comma-separated.
        versions: String,
    },
    /// ES version style does not match `type`.
    #[error("“{version}” goes with type={expected}: 6.7-style versions are engine versions, ali1.2.0-style versions are kernel versions.")]
    VersionTypeMismatch {
        /// The version typed.
        version: String,
        /// The type it needs.
        expected: &'static str,
    },
    /// Target not above the current version (from pre-flight).
    #[error("The target {target} is not above the current version {current}; downgrades are not possible.")]
    NotAboveCurrent {
        /// Target typed.
        target: String,
        /// Current version.
        current: String,
    },
    /// Target not among those pre-flight listed (warning).
    #[error("Pre-flight lists {offered} as available, not {target}.")]
    NotOffered {
        /// Target typed.
        target: String,
        /// Targets offered, comma-separated.
        offered: String,
    },
    /// A documented caution (form-level warning).
    #[error(transparent)]
    Advice(#[from] Advisory),
}

/// The one place a format hint and an example are joined, in both languages, so an example is quoted
/// exactly once ("Expected a version, for example 7.0." / "格式应为版本号，例如 7.0。").
fn expected_format(hint: Text, example: Option<&str>, lang: Lang) -> String {
    match (lang, example.filter(|e| !e.is_empty())) {
        (Lang::En, Some(e)) => format!("Expected {}, for example {e}.", hint.en),
        (Lang::En, None) => format!("Expected {}.", hint.en),
        (Lang::Zh, Some(e)) => format!("格式应为{}，例如 {e}。", hint.zh),
        (Lang::Zh, None) => format!("格式应为{}。", hint.zh),
    }
}

impl Issue {
    /// The text in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let zh = match self {
            Self::Required => "此项为必填项。".to_owned(),
            Self::Trimmed => "已去除值前后的空格或换行。".to_owned(),
            Self::TooLong { max, len } => format!("过长：{len} 个字符，最多 {max} 个。"),
            Self::NotAscii => "此处只允许 ASCII 字母、数字和标点。".to_owned(),
            Self::BadFormat { hint, example } => expected_format(*hint, *example, Lang::Zh),
            Self::NotOneOf { allowed } => format!("请从以下值中选择：{allowed}。"),
            Self::NotDocumented { value, documented } => format!(
                "“{value}” 不在文档列出的取值（{documented}）中，文档可能已过时；将按输入原样发送。"
            ),
            Self::NotBool => "请输入 true 或 false。".to_owned(),
            Self::InvalidJson { detail } => format!("不是有效的 JSON：{detail}。"),
            Self::PluginsNotArray => {
                "应为插件对象组成的 JSON 数组，例如 [{\"name\":\"analysis-ik\",\"enable\":\"true\"}]。"
                    .to_owned()
            }
            Self::PluginField { item, field } => {
                format!("第 {item} 个插件：“{field}” 缺失或不是字符串。")
            }
            Self::PluginEnable { item } => {
                format!("第 {item} 个插件：“enable” 必须为 \"true\" 或 \"false\"。")
            }
            Self::TooManyInstances { max, count } => {
                format!("列出了 {count} 个实例；单次调用最多 {max} 个。")
            }
            Self::BadLine { line } => format!("第 {line} 行：请按 instance_id,current_version 填写。"),
            Self::LineInstanceId { line, value } => format!(
                "第 {line} 行：“{value}” 不是 TaurusDB 实例 ID（32 位小写字母或数字，后接 in07）。"
            ),
            Self::LineVersion { line, value } => {
                format!("第 {line} 行：“{value}” 不是内核版本号（例如 2.0.28.1）。")
            }
            Self::DuplicateInstance { line, first } => {
                format!("第 {line} 行：该实例已在第 {first} 行列出。")
            }
            Self::MixedVersions { versions } => format!(
                "这些实例的当前版本不同（{versions}）；TaurusDB 要求同一批次的源版本相同（见预检查文档），请分批调用。"
            ),
            Self::VersionTypeMismatch { version, expected } => format!(
                "“{version}” 应搭配 type={expected}：6.7 形式为引擎版本，ali1.2.0 形式为内核版本。"
            ),
            Self::NotAboveCurrent { target, current } => {
                format!("目标版本 {target} 不高于当前版本 {current}；不支持降级。")
            }
            Self::NotOffered { target, offered } => {
                format!("预检查给出的可用版本为 {offered}，不包含 {target}。")
            }
            Self::Advice(a) => a.message(Lang::Zh),
        };
        zh
    }

    /// A stable kebab-case code, for `data-testid`s, logs and tests.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::Trimmed => "trimmed",
            Self::TooLong { .. } => "too-long",
            Self::NotAscii => "not-ascii",
            Self::BadFormat { .. } => "bad-format",
            Self::NotOneOf { .. } => "not-one-of",
            Self::NotDocumented { .. } => "not-documented",
            Self::NotBool => "not-bool",
            Self::InvalidJson { .. } => "invalid-json",
            Self::PluginsNotArray => "plugins-not-array",
            Self::PluginField { .. } => "plugin-field",
            Self::PluginEnable { .. } => "plugin-enable",
            Self::TooManyInstances { .. } => "too-many-instances",
            Self::BadLine { .. } => "bad-line",
            Self::LineInstanceId { .. } => "line-instance-id",
            Self::LineVersion { .. } => "line-version",
            Self::DuplicateInstance { .. } => "duplicate-instance",
            Self::MixedVersions { .. } => "mixed-versions",
            Self::VersionTypeMismatch { .. } => "version-type-mismatch",
            Self::NotAboveCurrent { .. } => "not-above-current",
            Self::NotOffered { .. } => "not-offered",
            Self::Advice(a) => a.code(),
        }
    }
}
