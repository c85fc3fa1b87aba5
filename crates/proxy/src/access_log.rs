//! The access line of a forwarded request, written straight into the log buffer.
//!
//! Why: going through tracing's event machinery (the dispatcher lookup, the value set, a visitor call per
//! field) cost about as much as all the lane's header handling, on every request; nginx writes its access
//! line outside its error-log machinery for the same reason. The line is byte for byte the one
//! [`crate::log_format::Plain`] writes for the same event (its tests compare the two), and it is written
//! only when the filter (`RUST_LOG`) lets `console_proxy::access` through at info, as before. Without a
//! direct sink (the tests, or a program that uses the library with a subscriber of its own) the line is a
//! tracing event as it always was. Never the query, headers or body: they carry signatures and tokens.

use std::cell::RefCell;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use crate::log_format::write_timestamp;
use crate::log_writer::BufferedWriter;

static SINK: OnceLock<BufferedWriter> = OnceLock::new();

/// Sends access lines straight to `writer`, the writer of the binary's own subscriber (formatting with
/// [`crate::log_format::Plain`]); call it once, at start.
pub fn write_directly_to(writer: &BufferedWriter) {
    let _ = SINK.set(writer.clone());
}

/// One access line's values.
pub(crate) struct Access<'a> {
    pub(crate) method: &'a str,
    pub(crate) upstream: &'a str,
    pub(crate) path: &'a str,
    pub(crate) status: u16,
    pub(crate) latency: Duration,
    pub(crate) proxy_error: Option<&'a str>,
}

thread_local! {
    /// This thread's line buffer, reused.
    static LINE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Logs `a` (see the module docs).
pub(crate) fn log(a: &Access<'_>) {
    let Some(sink) = SINK.get() else {
        tracing::info!(
            target: "console_proxy::access",
            method = %a.method,
            upstream = %a.upstream,
            path = %a.path,
            status = a.status,
            latency_ms = millis(a.latency),
            proxy_error = a.proxy_error.unwrap_or(""),
            "proxied"
        );
        return;
    };
    if tracing::enabled!(target: "console_proxy::access", tracing::Level::INFO) {
        LINE.with_borrow_mut(|line| {
            line.clear();
            format(line, SystemTime::now(), a);
            sink.append(line.as_bytes());
        });
    }
}

/// Milliseconds rounded to whole microseconds, so the log shows `0.157`, not `0.15740200000000001`.
pub(crate) fn millis(d: Duration) -> f64 {
    u32::try_from(d.as_micros())
        .map_or_else(|_| d.as_secs_f64() * 1000.0, |us| f64::from(us) / 1000.0)
}

/// The line as `Plain` lays it out: `%` fields as they are, numbers by `itoa`/`ryu`, the error code bare
/// unless empty (then `""`; codes are plain words).
pub(crate) fn format(out: &mut String, now: SystemTime, a: &Access<'_>) {
    let _ = write_timestamp(out, now);
    out.push_str("  INFO console_proxy::access: proxied method=");
    out.push_str(a.method);
    out.push_str(" upstream=");
    out.push_str(a.upstream);
    out.push_str(" path=");
    out.push_str(a.path);
    out.push_str(" status=");
    out.push_str(itoa::Buffer::new().format(a.status));
    out.push_str(" latency_ms=");
    match u32::try_from(a.latency.as_micros()) {
        // What `ryu` prints for `millis`: the shortest decimal of a whole number of microseconds is
        // its digits with the point three places from the right, trailing zeros cut, one digit kept.
        Ok(us) => {
            out.push_str(itoa::Buffer::new().format(us / 1000));
            out.push('.');
            let frac = us % 1000;
            let digits =
                [frac / 100, frac / 10 % 10, frac % 10].map(|d| char::from(b'0' + d as u8));
            let keep = match digits {
                [_, _, '1'..='9'] => 3,
                [_, '1'..='9', _] => 2,
                _ => 1,
            };
            out.extend(&digits[..keep]);
        }
        Err(_) => out.push_str(ryu::Buffer::new().format(millis(a.latency))),
    }
    out.push_str(" proxy_error=");
    match a.proxy_error {
        Some(code)
            if !code.is_empty()
                && code
                    .bytes()
                    .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\') =>
        {
            out.push_str(code);
        }
        None | Some("") => out.push_str("\"\""),
        Some(code) => out.push_str(&format!("{code:?}")),
    }
    out.push('\n');
}
