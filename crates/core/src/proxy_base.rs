//! The proxy address a DBA may type in Settings: an `http(s)://host[:port][/path]` origin that every
//! call is sent through. Checked when it is entered, so a typo is named there instead of surfacing later
//! as a puzzling cloud error from whatever server the calls reached.

use crate::i18n::{pick, Lang};

/// Why a typed proxy address is refused; [`ProxyBaseIssue::message`] is the text under the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProxyBaseIssue {
    /// Not `http://` or `https://` (`ftp://x`, `javascript:…`, a bare host).
    NotHttp,
    /// No host after the scheme.
    NoHost,
    /// A user name or password in the address: it would be sent with every call and stored in settings.
    Userinfo,
    /// A query or fragment, which would end up in the middle of every proxied URL.
    QueryOrFragment,
    /// Spaces, control characters or non-ASCII letters (type the host in its ASCII `xn--` form).
    BadCharacters,
}

impl ProxyBaseIssue {
    /// The message in `lang`.
    #[must_use]
    pub fn message(self, lang: Lang) -> String {
        let (en, zh) = match self {
            Self::NotHttp => (
                "Enter an address that starts with https:// (or http://), such as https://proxy.example.com.",
                "请输入以 https://（或 http://）开头的地址，例如 https://proxy.example.com。",
            ),
            Self::NoHost => ("Enter a host name after the scheme.", "请在协议后输入主机名。"),
            Self::Userinfo => (
                "Leave the user name and password out of the proxy address.",
                "代理地址中不要包含用户名和密码。",
            ),
            Self::QueryOrFragment => (
                "Leave “?” and “#” parts out of the proxy address.",
                "代理地址中不要包含 “?” 或 “#” 部分。",
            ),
            Self::BadCharacters => (
                "The address contains spaces or non-ASCII characters.",
                "地址中含有空格或非 ASCII 字符。",
            ),
        };
        pick(lang, en.to_owned(), zh.to_owned())
    }
}

/// Checks a typed proxy address (already trimmed); empty means "the server that served this page".
///
/// # Errors
/// [`ProxyBaseIssue`] says what is wrong.
pub fn check_proxy_base(text: &str) -> Result<(), ProxyBaseIssue> {
    if text.is_empty() {
        return Ok(());
    }
    if !text.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ProxyBaseIssue::BadCharacters);
    }
    let lower = text.to_ascii_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|s| lower.strip_prefix(s))
        .ok_or(ProxyBaseIssue::NotHttp)?;
    if rest.contains(['?', '#']) {
        return Err(ProxyBaseIssue::QueryOrFragment);
    }
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Err(ProxyBaseIssue::Userinfo);
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    if host.is_empty() {
        return Err(ProxyBaseIssue::NoHost);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_addresses() {
        for ok in [
            "",
            "https://proxy.example.com",
            "http://127.0.0.1:8080/",
            "HTTPS://Portal.Example.com/tools/upgrade",
            "http://[::1]:9000",
        ] {
            assert_eq!(check_proxy_base(ok), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("not a url", ProxyBaseIssue::BadCharacters),
            ("ftp://x", ProxyBaseIssue::NotHttp),
            ("javascript:alert(1)", ProxyBaseIssue::NotHttp),
            ("proxy.example.com", ProxyBaseIssue::NotHttp),
            ("https://", ProxyBaseIssue::NoHost),
            ("https://:8080/x", ProxyBaseIssue::NoHost),
            ("https://u:p@proxy.example.com", ProxyBaseIssue::Userinfo),
            (
                "https://proxy.example.com/?a=1",
                ProxyBaseIssue::QueryOrFragment,
            ),
            (
                "https://proxy.example.com/#x",
                ProxyBaseIssue::QueryOrFragment,
            ),
            ("https://代理.example.com", ProxyBaseIssue::BadCharacters),
        ] {
            assert_eq!(check_proxy_base(bad), Err(why), "{bad}");
        }
        assert!(ProxyBaseIssue::NotHttp
            .message(Lang::Zh)
            .contains("https://"));
    }
}
