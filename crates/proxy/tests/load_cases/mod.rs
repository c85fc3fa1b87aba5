//! The malformed requests of the load test (`tests/load.rs`), written as raw bytes, and what the proxy
//! must answer to each.

use std::net::SocketAddr;

/// What a malformed request must get back.
pub(crate) enum Expect {
    /// The proxy's own JSON error: this status, `X-Proxy-Error` and `proxy_error.code` set to this code.
    Json(u16, &'static str),
    /// Bytes the HTTP layer cannot parse: a bare 4xx from it, or the connection simply closed.
    Refused,
}

/// One malformed request.
pub(crate) struct Case {
    pub(crate) name: &'static str,
    pub(crate) bytes: Vec<u8>,
    /// Shut down our sending side after writing (a client that stops half-way).
    pub(crate) half_close: bool,
    pub(crate) expect: Expect,
}

/// The `n`-th malformed request (cycling through every kind).
pub(crate) fn malformed(n: usize, proxy: SocketAddr, up: SocketAddr, limit: usize) -> Case {
    let get = |target: &str| {
        format!("GET {target} HTTP/1.1\r\nHost: {proxy}\r\nConnection: close\r\n\r\n")
    };
    let over = limit + 1 + n % 100;
    let (name, text, half_close, expect): (&str, Vec<u8>, bool, Expect) = match n % 12 {
        0 => ("bad scheme", get(&format!("/proxy/gopher/{up}/echo/x")).into(), false, Expect::Json(400, "bad_target")),
        1 => ("not allow-listed", get("/proxy/https/evil.example/echo/x?Signature=s").into(), false, Expect::Json(403, "target_not_allowed")),
        2 => ("numeric IP spelling", get(&format!("/proxy/http/2130706433:{}/echo/x", up.port())).into(), false, Expect::Json(400, "bad_target")),
        3 => ("dot segments", get(&format!("/proxy/http/{up}/echo/%2e%2e/x")).into(), false, Expect::Json(400, "bad_target")),
        4 => ("characters to encode", get(&format!("/proxy/http/{up}/echo/x{{y}}\"z")).into(), false, Expect::Json(400, "bad_target")),
        5 => (
            "CRLF in the request line",
            format!("GET /proxy/http/{up}/echo/a\r\nX-Evil: 1 HTTP/1.1\r\nHost: {proxy}\r\nConnection: close\r\n\r\n").into(),
            false,
            Expect::Refused,
        ),
        6 => {
            let head = format!("POST /proxy/http/{up}/echo/big HTTP/1.1\r\nHost: {proxy}\r\nContent-Length: {over}\r\nConnection: close\r\n\r\n");
            let mut bytes = head.into_bytes();
            bytes.resize(bytes.len() + over, b'x');
            ("oversize body", bytes, false, Expect::Json(413, "body_too_large"))
        }
        7 => {
            let head = format!("POST /proxy/http/{up}/echo/big HTTP/1.1\r\nHost: {proxy}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            let chunk = "x".repeat(over);
            let text = format!("{head}{:x}\r\n{chunk}\r\n0\r\n\r\n", chunk.len());
            ("oversize chunked body", text.into(), false, Expect::Json(413, "body_too_large"))
        }
        8 => ("truncated head", format!("GET /proxy/http/{up}/echo/x HTT").into(), true, Expect::Refused),
        9 => {
            let mut bytes: Vec<u8> = (0..200u32).map(|b| ((b * 7 + n as u32) % 256) as u8).collect();
            bytes.extend_from_slice(b"\r\n\r\n");
            ("binary garbage", bytes, false, Expect::Refused)
        }
        10 => (
            "truncated body",
            format!("POST /proxy/http/{up}/echo/x HTTP/1.1\r\nHost: {proxy}\r\nContent-Length: 100\r\nConnection: close\r\n\r\n0123456789").into(),
            true,
            Expect::Json(400, "bad_request_body"),
        ),
        _ => (
            "foreign page origin",
            format!("POST /proxy/http/{up}/echo/x HTTP/1.1\r\nHost: {proxy}\r\nOrigin: https://evil.example\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}").into(),
            false,
            Expect::Json(403, "origin_not_allowed"),
        ),
    };
    Case {
        name,
        bytes: text,
        half_close,
        expect,
    }
}

impl Expect {
    /// Checks the raw bytes read until the connection closed.
    pub(crate) fn check(&self, reply: &[u8]) -> Result<(), String> {
        let split = reply.windows(4).position(|w| w == b"\r\n\r\n");
        let status =
            || -> Option<u16> { std::str::from_utf8(reply.get(9..12)?).ok()?.parse().ok() };
        match self {
            Self::Refused => match status() {
                None if reply.is_empty() => Ok(()),
                Some(s) if (400..500).contains(&s) && reply.starts_with(b"HTTP/1.1 ") => Ok(()),
                _ => Err(format!(
                    "expected a 4xx or a closed connection, got {:?}",
                    lossy(reply)
                )),
            },
            Self::Json(want_status, want_code) => {
                let split =
                    split.ok_or_else(|| format!("no complete reply: {:?}", lossy(reply)))?;
                let head = String::from_utf8_lossy(&reply[..split]).to_ascii_lowercase();
                let marker = format!("\r\nx-proxy-error: {want_code}\r\n");
                let json: serde_json::Value = serde_json::from_slice(&reply[split + 4..])
                    .map_err(|e| format!("body is not JSON ({e}): {:?}", lossy(reply)))?;
                let code = json["proxy_error"]["code"].as_str();
                if status() != Some(*want_status)
                    || !head.contains(&marker)
                    || code != Some(want_code)
                {
                    return Err(format!(
                        "expected {want_status} {want_code}, got {:?}",
                        lossy(reply)
                    ));
                }
                Ok(())
            }
        }
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(&b[..b.len().min(200)]).into_owned()
}
