//! The request as received, in plain owned data, so verification and the product handlers are ordinary
//! functions that tests can call without a socket.

use std::borrow::Cow;

use percent_encoding::percent_decode_str;

/// One HTTP request: method, raw path and query (exactly as sent, still percent-encoded), decoded query
/// pairs, headers with lower-case names, and the body bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Incoming {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Incoming {
    /// Builds one from the raw parts; `raw_query` is the part after `?` (without it).
    pub(crate) fn new(
        method: &str,
        path: &str,
        raw_query: &str,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> Self {
        Self {
            method: method.to_owned(),
            path: path.to_owned(),
            query: parse_pairs(raw_query),
            headers: headers
                .into_iter()
                .map(|(n, v)| (n.to_ascii_lowercase(), v))
                .collect(),
            body,
        }
    }

    /// First header of that name (any case), as sent.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `Host` header (what the client signed as `host`).
    pub(crate) fn host(&self) -> &str {
        self.header("host").unwrap_or("")
    }

    /// First query parameter of that name.
    pub(crate) fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// True for a form-encoded body (RPC parameters may travel there).
    pub(crate) fn has_form_body(&self) -> bool {
        self.header("content-type").is_some_and(|ct| {
            ct.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        })
    }

    /// Path segments without empty ones (so a trailing `/` does not matter), percent-decoded.
    pub(crate) fn segments(&self) -> Vec<String> {
        self.path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| decode(s).into_owned())
            .collect()
    }
}

/// Splits `a=1&b=%20x` into decoded pairs; `+` counts as a space (form and servlet convention); a name
/// without `=` gets an empty value.
pub(crate) fn parse_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (n, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_form(n), decode_form(v))
        })
        .collect()
}

fn decode_form(s: &str) -> String {
    decode(&s.replace('+', " ")).into_owned()
}

fn decode(s: &str) -> Cow<'_, str> {
    percent_decode_str(s).decode_utf8_lossy()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_query_headers_and_path() {
        let r = Incoming::new(
            "GET",
            "/v3/p/instances/",
            "a=1&b=x%20y&c=a+b&flag&Time=2024-05-01T08%3A00%3A00Z",
            vec![(
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            )],
            Vec::new(),
        );
        assert_eq!(r.query_param("b"), Some("x y"));
        assert_eq!(r.query_param("c"), Some("a b"));
        assert_eq!(r.query_param("flag"), Some(""));
        assert_eq!(r.query_param("Time"), Some("2024-05-01T08:00:00Z"));
        assert!(r.has_form_body());
        assert_eq!(r.segments(), vec!["v3", "p", "instances"]);
        assert_eq!(r.host(), "");
    }
}
