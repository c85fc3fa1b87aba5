//! The proxy address a DBA may type in Settings: an `http(s)://host[:port][/path]` origin that every
//! call is sent through. Checked when it is entered, so a typo is named there instead of surfacing later
//! as a puzzling cloud error from whatever server the calls reached.

use crate::i18n::{Lang, Text};

/// Why a typed proxy address is refused; `Display` is the English text under the field and
/// [`ProxyBaseIssue::message`] the text in the chosen language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProxyBaseIssue {
    /// Not `http://` or `https://` (`ftp://x`, `javascript:…`, a bare host).
    #[error("{}", self.message(Lang::En))]
    NotHttp,
    /// No host after the scheme, or an IPv6 host without its brackets.
    #[error("{}", self.message(Lang::En))]
    NoHost,
    /// A port that is not a number from 1 to 65535.
    #[error("{}", self.message(Lang::En))]
    BadPort,
    /// A user name or password in the address: it would be sent with every call and stored in settings.
    #[error("{}", self.message(Lang::En))]
    Userinfo,
    /// A query or fragment, which would end up in the middle of every proxied URL.
    #[error("{}", self.message(Lang::En))]
    QueryOrFragment,
    /// Spaces, control characters or non-ASCII letters (type the host in its ASCII `xn--` form).
    #[error("{}", self.message(Lang::En))]
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
            Self::NoHost => (
                "Enter a host name after the scheme (an IPv6 address in brackets: http://[::1]:8080).",
                "请在协议后输入主机名（IPv6 地址需加方括号：http://[::1]:8080）。",
            ),
            Self::BadPort => (
                "The port must be a number from 1 to 65535.",
                "端口必须是 1 到 65535 之间的数字。",
            ),
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
        Text::new(en, zh).get(lang).to_owned()
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
    // `host[:port]`, or `[v6][:port]`: what follows the host must be nothing or a port.
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (host, rest) = v6.split_once(']').ok_or(ProxyBaseIssue::NoHost)?;
            match rest {
                "" => (host, None),
                _ => (
                    host,
                    Some(rest.strip_prefix(':').ok_or(ProxyBaseIssue::BadPort)?),
                ),
            }
        }
        None => match authority.split_once(':') {
            Some((_, rest)) if rest.contains(':') => return Err(ProxyBaseIssue::NoHost),
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if host.is_empty() {
        return Err(ProxyBaseIssue::NoHost);
    }
    match port.map(|p| p.parse::<u16>()) {
        Some(Ok(0) | Err(_)) => Err(ProxyBaseIssue::BadPort),
        _ => Ok(()),
    }
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
            ("https://[::1", ProxyBaseIssue::NoHost),
            ("https://[::1]junk", ProxyBaseIssue::BadPort),
            ("http://::1", ProxyBaseIssue::NoHost),
            ("https://host:abc", ProxyBaseIssue::BadPort),
            ("https://host:99999", ProxyBaseIssue::BadPort),
            ("https://host:0", ProxyBaseIssue::BadPort),
            ("https://host:", ProxyBaseIssue::BadPort),
        ] {
            assert_eq!(check_proxy_base(bad), Err(why), "{bad}");
        }
        assert!(ProxyBaseIssue::NotHttp
            .message(Lang::Zh)
            .contains("https://"));
    }
}
