//! The log line layout of the binary: tracing's usual plain-text shape,
//! `2024-05-01T12:34:56.789012Z  INFO target: message key=value ...`, written directly (values with
//! spaces, quotes or control characters, and empty ones, are quoted and escaped).
//!
//! Why not tracing-subscriber's default formatter: it styles every part (time, level, each field name)
//! through a terminal-colour wrapper even when colours are off, and formats integers, floats and the
//! timestamp through the generic `fmt` machinery; that was about a seventh of the proxy's own CPU work
//! per forwarded request, for the access line alone. Here strings are copied, numbers are printed with
//! `itoa`/`ryu`, and the date part of the timestamp is computed once per second. No colours.

use std::cell::RefCell;
use std::fmt::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

/// The event formatter; pass it to `tracing_subscriber::fmt().event_format(..)`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Plain;

impl<S, N> FormatEvent<S, N> for Plain
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut w: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        write_timestamp(&mut w, SystemTime::now())?;
        let meta = event.metadata();
        w.write_str(match *meta.level() {
            Level::ERROR => " ERROR ",
            Level::WARN => "  WARN ",
            Level::INFO => "  INFO ",
            Level::DEBUG => " DEBUG ",
            Level::TRACE => " TRACE ",
        })?;
        if let Some(scope) = ctx.event_scope() {
            for span in scope.from_root() {
                w.write_str(span.name())?;
                w.write_char(':')?;
            }
            w.write_char(' ')?;
        }
        w.write_str(meta.target())?;
        w.write_str(":")?;
        let mut fields = Fields {
            w: &mut w,
            result: Ok(()),
        };
        event.record(&mut fields);
        fields.result?;
        w.write_char('\n')
    }
}

thread_local! {
    /// The last second formatted (`2024-05-01T12:34:56`), per thread.
    static SECOND: RefCell<(u64, String)> = const { RefCell::new((u64::MAX, String::new())) };
}

/// RFC 3339 UTC with microseconds, like tracing's default timer.
pub(crate) fn write_timestamp(w: &mut impl Write, now: SystemTime) -> fmt::Result {
    let since = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    SECOND.with(|cell| {
        let mut cached = cell.borrow_mut();
        if cached.0 != secs {
            let full = crate::audit::rfc3339(UNIX_EPOCH + std::time::Duration::from_secs(secs));
            *cached = (secs, full[..19].to_owned());
        }
        w.write_str(&cached.1)
    })?;
    let micros = since.subsec_micros();
    let mut digits = *b".000000Z";
    let mut n = micros;
    for d in digits[1..7].iter_mut().rev() {
        *d = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
    }
    w.write_str(std::str::from_utf8(&digits).map_err(|_| fmt::Error)?)
}

/// Writes ` name=value` for each field, and the `message` bare.
struct Fields<'a, 'w> {
    w: &'a mut Writer<'w>,
    result: fmt::Result,
}

impl Fields<'_, '_> {
    fn name(&mut self, field: &Field) -> fmt::Result {
        self.w.write_char(' ')?;
        if field.name() != "message" {
            self.w.write_str(field.name())?;
            self.w.write_char('=')?;
        }
        Ok(())
    }
    fn put(&mut self, field: &Field, value: impl FnOnce(&mut Writer<'_>) -> fmt::Result) {
        if self.result.is_ok() {
            self.result = self.name(field).and_then(|()| value(self.w));
        }
    }
}

impl Visit for Fields<'_, '_> {
    /// Plain words unquoted (as `%value` fields print), anything with spaces, quotes or controls quoted.
    fn record_str(&mut self, field: &Field, value: &str) {
        let bare = field.name() == "message"
            || (!value.is_empty()
                && value
                    .bytes()
                    .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\'));
        self.put(field, |w| {
            if bare {
                w.write_str(value)
            } else {
                write!(w, "{value:?}")
            }
        });
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.put(field, |w| w.write_str(itoa::Buffer::new().format(value)));
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.put(field, |w| w.write_str(itoa::Buffer::new().format(value)));
    }
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.put(field, |w| {
            if value.is_finite() {
                w.write_str(ryu::Buffer::new().format_finite(value))
            } else {
                write!(w, "{value}")
            }
        });
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.put(field, |w| w.write_str(if value { "true" } else { "false" }));
    }
    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.put(field, |w| write!(w, "{value}"));
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.put(field, |w| write!(w, "{value:?}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    #[derive(Clone, Default)]
    struct Capture(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Capture {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("lock").extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// What `f` logs through a subscriber formatting with [`Plain`].
    fn logged(f: impl FnOnce()) -> String {
        let cap = Capture::default();
        let writer = cap.clone();
        let subscriber = tracing_subscriber::fmt()
            .event_format(Plain)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::with_default(subscriber, f);
        let bytes = cap.0.lock().expect("lock").clone();
        String::from_utf8(bytes).expect("utf8")
    }

    #[test]
    fn writes_the_usual_plain_layout() {
        let text = logged(|| {
            tracing::info!(target: "console_proxy::access", method = "GET", path = "/a b",
                status = 200_u16, latency_ms = 0.25, proxy_error = "", up = %"http://h", "proxied");
            tracing::warn!(n = -3_i64, ok = true, "careful");
        });
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        let (stamp, rest) = lines[0].split_at(27);
        assert!(
            stamp.ends_with('Z') && stamp.as_bytes()[10] == b'T' && stamp.as_bytes()[19] == b'.'
        );
        assert_eq!(
            rest,
            r#"  INFO console_proxy::access: proxied method=GET path="/a b" status=200 latency_ms=0.25 proxy_error="" up=http://h"#
        );
        assert!(lines[1].ends_with("  WARN console_proxy::log_format::tests: careful n=-3 ok=true"));
    }

    #[test]
    fn timestamp_has_microseconds() {
        let t = UNIX_EPOCH + std::time::Duration::from_micros(1_709_251_199_000_042);
        let mut s = String::new();
        write_timestamp(&mut s, t).expect("fmt");
        assert_eq!(s, "2024-02-29T23:59:59.000042Z");
    }

    #[test]
    fn the_direct_access_line_is_the_tracing_line() {
        use crate::access_log::{format, log, Access};
        let cases = [
            Access {
                method: "POST",
                upstream: "https://dds.aliyuncs.com",
                path: "/",
                status: 200,
                latency: Duration::from_micros(266),
                proxy_error: None,
            },
            Access {
                method: "GET",
                upstream: "-",
                path: "/proxy/https/evil.example/x",
                status: 403,
                latency: Duration::from_millis(1),
                proxy_error: Some("target_not_allowed"),
            },
            Access {
                method: "DELETE",
                upstream: "http://127.0.0.1:9",
                path: "/v3/p/x%20y",
                status: 504,
                latency: Duration::from_micros(30_000_250),
                proxy_error: Some("upstream_timeout"),
            },
        ];
        // Every way the milliseconds are written: none, a digit, trailing zeros, beyond 4,294 s.
        let more = [0, 5, 40, 100_000, 1_234_567, 5_000_000_000].map(|us| Access {
            latency: Duration::from_micros(us),
            ..cases[0]
        });
        for a in cases.iter().chain(&more) {
            // No direct sink is set in tests, so `log` goes through tracing and this formatter.
            let traced = logged(|| log(a));
            let mut direct = String::new();
            format(&mut direct, SystemTime::now(), a);
            // Everything after the timestamp (27 bytes) is the same.
            assert_eq!(traced.get(27..), direct.get(27..), "{traced}{direct}");
            assert!(traced.len() > 60, "{traced}");
        }
    }
}
