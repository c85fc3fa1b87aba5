//! The app's own errors in the user's language: a failed call ([`CallError`], [`SendError`], with one
//! sentence per proxy error code) and the encrypted store ([`VaultError`]). `Display` stays the English
//! text (tests, the fleet's journal and the English UI read it); `message(lang)` is what views show.
//!
//! Only split chunks call these (the result panel, pre-flight and the signer, the preview, the settings
//! page, the fleet), so the Chinese texts stay out of the first load; views in the main module ask for a
//! call's message through `crate::lazy::call_message`.

use console_core::Lang;

use crate::call::CallError;
use crate::i18n::T;
use crate::transport::SendError;
use crate::vault::VaultError;

impl CallError {
    /// The failure as the user reads it, in `lang`.
    pub(crate) fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Chunk(_), _) => T::ChunkFailed.get(lang).to_owned(),
            (Self::Send(e), _) => e.message(lang),
            (_, Lang::En) => self.to_string(),
            (Self::NoCredentials(cloud), Lang::Zh) => format!(
                "尚未设置{}凭证：请在“设置”中添加（沙箱模式下可点击“使用演示凭证”）。",
                cloud.label().zh
            ),
            (Self::Clock, Lang::Zh) => "浏览器时钟无法提供可用于签名的时间。".to_owned(),
            (Self::Sign(e), Lang::Zh) => format!("无法签名该请求：{}", e.message(lang)),
        }
    }
}

impl SendError {
    /// The failure in `lang`; the URL, the browser's words and the proxy's code stay as they are.
    pub(crate) fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Network {
                url,
                detail,
                cut_off,
            } => {
                let detail = match cut_off {
                    None => detail.clone(),
                    Some(status) => format!(
                        "响应（HTTP {status}）在结束前中断（{detail}）；无法确定调用是否已执行，请先检查实例再重新发送"
                    ),
                };
                format!("未能通过代理 {url} 收到完整响应：{detail}。若代理位于其他源，也可能被本页的安全策略拦截（“设置”中会说明）。如果代理不可达，请在“设置”中检查代理地址，并确认代理正在运行。")
            }
            Self::Proxy {
                status,
                code,
                message,
            } => format!(
                "代理拒绝或未能完成调用（{code}，HTTP {status}）：{}",
                proxy_reason(code, message, lang)
            ),
            Self::Build(e) => format!("浏览器无法构建该请求：{e}"),
        }
    }
}

/// Why the proxy refused, in `lang`: a sentence per code the proxy sends (`X-Proxy-Error`, see
/// `ProxyError::code` in crates/proxy/src/error.rs). English, and any code this build does not know,
/// keep the proxy's own message.
pub(crate) fn proxy_reason(code: &str, message: &str, lang: Lang) -> String {
    let zh = match code {
        "target_not_allowed" => "目标地址不在代理的允许列表中，代理拒绝转发。",
        "bad_target" => "代理无法解析请求的目标地址。",
        "origin_not_allowed" => "本页面的来源不在代理的允许列表中，无法使用该代理。",
        "method_not_allowed" => "代理不转发此 HTTP 方法。",
        "body_too_large" => "请求体超过了代理允许的大小上限。",
        "bad_request_body" => "代理未能完整读取请求体。",
        "upstream_connect_failed" => {
            "代理无法连接到云端服务（连接被拒绝、网络不可达、DNS 或 TLS 失败）。"
        }
        "upstream_connection_reset" => {
            "云端服务在响应前关闭了连接；调用可能已执行，也可能未执行，请先检查实例再重新发送。"
        }
        "upstream_timeout" => {
            "云端服务未在规定时间内响应；调用仍可能执行，请先检查实例再重新发送。"
        }
        "upstream_error" => {
            "代理与云端服务通信失败；调用可能已执行，也可能未执行，请先检查实例再重新发送。"
        }
        "overloaded" => "代理繁忙，请稍后重试。",
        _ => return message.to_owned(),
    };
    match lang {
        Lang::En => message.to_owned(),
        Lang::Zh => zh.to_owned(),
    }
}

impl VaultError {
    /// The message in `lang`.
    pub(crate) fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::NoCrypto => {
                "此浏览器在当前页面无法使用 WebCrypto（需要 https 或 localhost），因此无法记住凭证。"
            }
            Self::Empty => "此设备上没有已保存的凭证。",
            Self::WrongPassphrase => "口令错误，或已保存的数据已损坏。",
            Self::WeakPassphrase => "口令至少需要 8 个字符。",
            Self::LockedNothingToSave => {
                "本页面中没有可保存的凭证，而此设备上已保存了凭证，因此未做任何更改。要使用它们，请输入口令并点击“解锁已保存的凭证”。"
            }
            Self::NotTheSavedPassphrase => {
                "该口令无法打开此设备上已保存的凭证（或数据已损坏），因此未保存。保存会在原口令下更新已有凭证：请输入原口令，或先删除已保存的凭证，再用新口令重新开始。"
            }
            Self::NoStorage => "保存失败：localStorage 不可用。",
            Self::StorageRefused => "保存失败：localStorage 拒绝写入数据。",
            Self::Storage(e) => return format!("保存失败：{e}"),
        }
        .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use console_core::sign::SignError;
    use console_core::Cloud;

    use super::*;
    use crate::lazy::ChunkError;

    /// The Chinese text exists, differs from the English one, is Chinese, and keeps `keeps`.
    fn check(en: &str, zh: &str, keeps: &[&str]) {
        assert_ne!(en, zh);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        for k in keeps {
            assert!(zh.contains(k), "{zh} lacks {k}");
            assert!(en.contains(k), "{en} lacks {k}");
        }
    }

    /// Every code `ProxyError::code` can return, read from the proxy's source so that a code added there
    /// without a sentence here fails this test.
    fn proxy_codes() -> Vec<&'static str> {
        let src = include_str!("../crates/proxy/src/error.rs");
        let body = src
            .split("pub fn code(&self)")
            .nth(1)
            .expect("ProxyError::code");
        let body = &body[..body.find("\n    }\n").expect("end of code()")];
        let codes: Vec<_> = body.split('"').skip(1).step_by(2).collect();
        assert!(codes.len() >= 10, "{codes:?}");
        codes
    }

    #[test]
    fn every_proxy_code_has_a_chinese_sentence_and_unknown_codes_keep_the_proxy_message() {
        let message = "upstream example.com is not on the proxy's allowlist";
        for code in proxy_codes() {
            assert_eq!(proxy_reason(code, message, Lang::En), message);
            let zh = proxy_reason(code, message, Lang::Zh);
            check(message, &zh, &[]);
            let e = SendError::Proxy {
                status: 502,
                code: code.to_owned(),
                message: message.to_owned(),
            };
            assert_eq!(e.message(Lang::En), e.to_string());
            check(&e.to_string(), &e.message(Lang::Zh), &[code, "HTTP 502"]);
        }
        assert_eq!(
            proxy_reason("teapot", "I am a teapot", Lang::Zh),
            "I am a teapot"
        );
    }

    #[test]
    fn network_and_build_failures_keep_the_url_and_the_details() {
        let url = "http://127.0.0.1:9/proxy/https/r-kvstore.aliyuncs.com/";
        for cut_off in [None, Some(200)] {
            let e = SendError::Network {
                url: url.to_owned(),
                detail: "TypeError: Failed to fetch".to_owned(),
                cut_off,
            };
            check(
                &e.to_string(),
                &e.message(Lang::Zh),
                &[url, "TypeError: Failed to fetch"],
            );
        }
        let cut = SendError::Network {
            url: url.to_owned(),
            detail: "x".to_owned(),
            cut_off: Some(200),
        };
        assert!(cut
            .to_string()
            .contains("the answer (HTTP 200) broke off before its end (x)"));
        assert!(cut
            .message(Lang::Zh)
            .contains("响应（HTTP 200）在结束前中断（x）"));
        let e = SendError::Build("bad header".to_owned());
        check(&e.to_string(), &e.message(Lang::Zh), &["bad header"]);
    }

    #[test]
    fn call_errors_have_chinese_texts() {
        let cases: [(CallError, &[&str]); 6] = [
            (CallError::NoCredentials(Cloud::Alibaba), &[]),
            (CallError::NoCredentials(Cloud::Huawei), &[]),
            (CallError::Clock, &[]),
            (
                CallError::Sign(SignError::InvalidHost("a b".into())),
                &["\"a b\""],
            ),
            (
                CallError::Send(SendError::Build("bad header".into())),
                &["bad header"],
            ),
            (CallError::Chunk(ChunkError::Load), &[]),
        ];
        for (e, keeps) in cases {
            assert_eq!(e.message(Lang::En), e.to_string());
            check(&e.to_string(), &e.message(Lang::Zh), keeps);
        }
        assert!(CallError::NoCredentials(Cloud::Huawei)
            .to_string()
            .starts_with("No Huawei Cloud credentials yet"));
        assert!(CallError::NoCredentials(Cloud::Huawei)
            .message(Lang::Zh)
            .starts_with("尚未设置华为云凭证"));
    }

    #[test]
    fn vault_errors_have_chinese_texts() {
        let cases: [(VaultError, &[&str]); 9] = [
            (VaultError::NoCrypto, &["WebCrypto", "https", "localhost"]),
            (VaultError::Empty, &[]),
            (VaultError::WrongPassphrase, &[]),
            (VaultError::WeakPassphrase, &["8"]),
            (VaultError::LockedNothingToSave, &[]),
            (VaultError::NotTheSavedPassphrase, &[]),
            (VaultError::NoStorage, &["localStorage"]),
            (VaultError::StorageRefused, &["localStorage"]),
            (
                VaultError::Storage("key must be a string".into()),
                &["key must be a string"],
            ),
        ];
        for (e, keeps) in cases {
            assert_eq!(e.message(Lang::En), e.to_string());
            check(&e.to_string(), &e.message(Lang::Zh), keeps);
        }
    }
}
