//! The signer's errors in the user's language. `Display` stays the English text (tests, logs and the
//! English UI read it); `message(lang)` gives English or Simplified Chinese, as
//! [`crate::Issue::message`] does for validation. They sit together here rather than beside each enum
//! (whose files are long already). Like any function they are linked only where called: the app calls
//! them from its split chunks only, so these Chinese texts never reach its first load.
//!
//! Tests: `tests/error_messages.rs` (every variant has Chinese that differs from the English and keeps
//! the variable parts).

use super::credentials::CredentialsError;
use super::iam_token::TokenError;
use super::request::SignError;
use super::time::TimeError;
use crate::i18n::Lang;

impl SignError {
    /// The text in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::InvalidMethod(m) => {
                format!("HTTP 方法 {m:?} 无效；请使用大写的方法名，例如 GET 或 POST。")
            }
            Self::InvalidHost(h) => {
                format!("Endpoint 主机名 {h:?} 无效；请输入主机名，例如 mongodb.aliyuncs.com。")
            }
            Self::InvalidHeaderName(n) => format!("请求头名称 {n:?} 无效。"),
            Self::InvalidHeaderValue(n) => {
                format!("请求头 {n:?} 的值含有换行、控制字符或非 ASCII 字符。")
            }
            Self::ReservedHeader(n) => format!("请求头 {n:?} 由签名过程生成，请从请求中删除。"),
            Self::ReservedParameter(p) => format!("参数 {p:?} 由签名过程生成，请从请求中删除。"),
            Self::RpcPathNotRoot(p) => format!("RPC V1 请求的路径必须为 \"/\"，而不是 {p:?}。"),
            Self::RpcBodyNotEmpty => {
                "RPC V1 请求的参数放在查询字符串中，请求体必须为空。".to_owned()
            }
            Self::FormBodyRequiresPost => "只有 POST 请求才能以表单请求体携带参数。".to_owned(),
            Self::MissingInput(what) => {
                let what = match *what {
                    "action" => "API 名称（Action）",
                    "API version" => "API 版本",
                    "nonce" => "签名随机数（nonce）",
                    other => other,
                };
                format!("缺少{what}，签名请求需要此项。")
            }
        }
    }
}

impl CredentialsError {
    /// The text in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::EmptyAccessKeyId => "请输入 AccessKey ID。".to_owned(),
            Self::EmptySecret => "请输入 AccessKey Secret。".to_owned(),
            Self::InvalidCharacters { field } => format!(
                "{} 中含有空格或控制字符；请只粘贴一个密钥。",
                key_field(field)
            ),
            Self::NotAscii { field } => format!(
                "{} 中含有 ASCII 字母、数字和标点以外的字符；云厂商签发的访问密钥不含此类字符。",
                key_field(field)
            ),
            Self::TooLong { field, len, max } => format!(
                "{} 长度为 {len} 个字符，最多应为 {max} 个。",
                key_field(field)
            ),
        }
    }
}

/// A pasted field's name as the Chinese settings page labels it.
fn key_field(field: &str) -> &str {
    match field {
        "access key ID" => "AccessKey ID",
        "secret" => "AccessKey Secret",
        "security token" => "安全令牌",
        other => other,
    }
}

impl TokenError {
    /// The text in `lang`; IAM's own message (in `Rejected`) is kept as IAM wrote it.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::MissingField(what) => {
                let what = match *what {
                    "account (domain) name" => "账号名",
                    "IAM user name" => "IAM 用户名",
                    "password" => "密码",
                    "project name" => "项目名称",
                    other => other,
                };
                format!("请输入{what}。")
            }
            Self::InvalidHost(h) => format!("IAM Endpoint {h:?} 不是有效的主机名。"),
            Self::Rejected {
                status,
                code,
                message,
            } => {
                let code = if code.is_empty() {
                    String::new()
                } else {
                    format!("，{code}")
                };
                let message = if message.is_empty() {
                    "未提供详细信息"
                } else {
                    message
                };
                format!("IAM 拒绝了 Token 请求（HTTP {status}{code}）：{message}")
            }
            Self::MissingSubjectToken => "IAM 已接受登录，但响应中没有 X-Subject-Token 响应头；代理必须暴露该响应头（Access-Control-Expose-Headers: X-Subject-Token）。".to_owned(),
            Self::InvalidBody(detail) => {
                let detail = match detail.as_str() {
                    "the body is not JSON" => "响应体不是 JSON",
                    "token.expires_at is missing" => "缺少 token.expires_at",
                    other => other,
                };
                format!("无法读取 IAM 的响应：{detail}")
            }
        }
    }
}

impl TimeError {
    /// The text in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::OutOfRange => {
                "时钟值超出范围（1970–9999 年）；请检查本机的日期和时间。".to_owned()
            }
            Self::InvalidHttpDate(v) => {
                format!("服务端的 Date 响应头 {v:?} 不是有效的 HTTP 日期。")
            }
            Self::InvalidTimestamp(v) => format!("{v:?} 不是有效的 UTC 时间戳。"),
        }
    }
}
