//! Optional JSON-lines audit log of write operations (`--audit-log FILE`): who changed which instance,
//! when, and the cloud's request id to quote in a support ticket.
//!
//! Only writes are recorded ([`crate::write_op`] decides which), and only the fields of [`Entry`]: never
//! headers, query strings, signatures, tokens or bodies.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;
use std::time::SystemTime;

use serde::Serialize;

/// The append-only audit file.
#[derive(Debug)]
pub struct AuditLog {
    file: Mutex<File>,
}

/// One line of the audit log.
#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    /// UTC, RFC 3339 with milliseconds.
    pub time: String,
    /// The caller's socket address, when known.
    pub client: Option<String>,
    /// HTTP method.
    pub method: &'a str,
    /// Upstream origin (`https://dds.aliyuncs.com`).
    pub upstream: String,
    /// Upstream path, without the query.
    pub path: &'a str,
    /// What was attempted.
    pub operation: &'a str,
    /// Which instances it concerned.
    pub instance_ids: &'a [String],
    /// The cloud's request id, if it sent one.
    pub request_id: Option<String>,
    /// HTTP status returned to the page.
    pub status: u16,
    /// The proxy's error code when the proxy failed the request (the write may still have happened).
    pub proxy_error: Option<&'static str>,
}

impl AuditLog {
    /// Opens (creating if needed) the file for appending.
    pub fn open(path: &Path) -> std::io::Result<Self> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| {
                std::io::Error::new(e.kind(), format!("audit log {}: {e}", path.display()))
            })?;
        Ok(Self {
            file: Mutex::new(file),
        })
    }

    /// Appends one line; failures are reported in the log but never fail the request.
    pub fn record(&self, entry: &Entry<'_>) {
        let mut line = serde_json::to_vec(entry).unwrap_or_default();
        line.push(b'\n');
        let mut f = self
            .file
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Err(e) = f.write_all(&line) {
            tracing::error!(error = %e, "cannot write the audit log");
        }
    }
}

/// `SystemTime` as `2024-05-01T12:34:56.789Z` (civil-from-days, H. Hinnant), to avoid a date crate.
#[must_use]
pub fn rfc3339(t: SystemTime) -> String {
    let d = t.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs();
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_json_lines_with_utc_times() {
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_millis(1_709_251_199_123);
        assert_eq!(rfc3339(t), "2024-02-29T23:59:59.123Z");
        assert_eq!(rfc3339(SystemTime::UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("a.jsonl");
        let log = AuditLog::open(&path).expect("open");
        let ids = ["i-1".to_owned()];
        let entry = Entry {
            time: rfc3339(t),
            client: None,
            method: "POST",
            upstream: "https://r-kvstore.aliyuncs.com".into(),
            path: "/",
            operation: "ModifyInstanceMajorVersion",
            instance_ids: &ids,
            request_id: Some("R".into()),
            status: 200,
            proxy_error: None,
        };
        log.record(&entry);
        log.record(&entry);
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(text.lines().count(), 2);
        assert!(
            text.starts_with(r#"{"time":"2024-02-29T23:59:59.123Z","client":null,"method":"POST""#)
        );
    }
}
