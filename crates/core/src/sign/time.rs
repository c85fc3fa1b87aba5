//! Signing time as data: built from unix seconds, formatted for each cloud, parsed back.
//!
//! The core reads no clock (it must run the same in tests and in wasm32): the app passes
//! `js_sys::Date::now()` and tests pass constants. The calendar arithmetic lives in the private `civil`
//! module, the comparison with the server's clock in [`super::skew`].

use std::fmt::Write as _;

use super::civil::{civil_from_unix, digits, from_fields, parse_hms, MAX_UNIX};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// An instant in whole UTC seconds between 1970 and 9999: the `Timestamp` / `x-acs-date` / `X-Sdk-Date`
/// of a signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SigningTime(i64);

/// A time value that cannot be used; `Display` is the message shown to the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// Before 1970 or after 9999, or not a number (a broken browser clock).
    #[error("The clock value is out of range (1970–9999); check the computer's date and time.")]
    OutOfRange,
    /// The server's `Date` header could not be read, so the clock cannot be compared.
    #[error("The server's Date header {0:?} is not a valid HTTP date.")]
    InvalidHttpDate(String),
    /// A timestamp string did not have the expected shape.
    #[error("{0:?} is not a valid UTC timestamp.")]
    InvalidTimestamp(String),
}

impl SigningTime {
    /// From unix seconds (what tests and the proxy use).
    ///
    /// # Errors
    /// [`TimeError::OutOfRange`] outside 1970-01-01..=9999-12-31.
    pub const fn from_unix_seconds(secs: i64) -> Result<Self, TimeError> {
        if secs < 0 || secs > MAX_UNIX {
            Err(TimeError::OutOfRange)
        } else {
            Ok(Self(secs))
        }
    }

    /// From JavaScript milliseconds (`js_sys::Date::now()`), truncated to whole seconds.
    ///
    /// # Errors
    /// [`TimeError::OutOfRange`] for NaN, infinities and values outside the supported years.
    pub fn from_js_millis(millis: f64) -> Result<Self, TimeError> {
        let secs = (millis / 1000.0).floor();
        #[allow(clippy::cast_precision_loss)]
        let max = MAX_UNIX as f64;
        if !(0.0..=max).contains(&secs) {
            return Err(TimeError::OutOfRange);
        }
        #[allow(clippy::cast_possible_truncation)]
        Self::from_unix_seconds(secs as i64)
    }

    /// Seconds since the unix epoch.
    #[must_use]
    pub const fn unix_seconds(self) -> i64 {
        self.0
    }

    /// This time shifted by `secs` (a measured clock offset).
    ///
    /// # Errors
    /// [`TimeError::OutOfRange`] if the result leaves the supported years.
    pub fn offset_by(self, secs: i64) -> Result<Self, TimeError> {
        Self::from_unix_seconds(self.0.checked_add(secs).ok_or(TimeError::OutOfRange)?)
    }

    /// Alibaba's `Timestamp` / `x-acs-date`: `yyyy-MM-ddTHH:mm:ssZ`, no fractions.
    #[must_use]
    pub fn alibaba(self) -> String {
        let c = civil_from_unix(self.0);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }

    /// Huawei's `X-Sdk-Date`: `YYYYMMDDTHHMMSSZ`.
    #[must_use]
    pub fn huawei(self) -> String {
        let c = civil_from_unix(self.0);
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }

    /// RFC 1123 / IMF-fixdate, as in an HTTP `Date` header: `Wed, 01 May 2024 08:00:00 GMT`.
    #[must_use]
    pub fn http_date(self) -> String {
        let c = civil_from_unix(self.0);
        let weekday =
            WEEKDAYS[usize::try_from((self.0.div_euclid(86_400) + 3).rem_euclid(7)).unwrap_or(0)];
        let month = MONTHS[usize::try_from(c.month - 1).unwrap_or(0)];
        let mut s = String::with_capacity(29);
        let _ = write!(
            s,
            "{weekday}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT",
            c.day, c.year, c.hour, c.minute, c.second
        );
        s
    }

    /// Parses an HTTP `Date` header in IMF-fixdate form (`Wed, 01 May 2024 08:00:00 GMT`), the only form
    /// servers may send. The weekday name is checked for shape, not consistency.
    ///
    /// # Errors
    /// [`TimeError::InvalidHttpDate`] for anything else.
    pub fn parse_http_date(value: &str) -> Result<Self, TimeError> {
        let bad = || TimeError::InvalidHttpDate(value.to_owned());
        let parts: Vec<&str> = value.split_ascii_whitespace().collect();
        let [weekday, day, month, year, hms, "GMT"] = parts.as_slice() else {
            return Err(bad());
        };
        let weekday_ok = weekday
            .strip_suffix(',')
            .is_some_and(|w| WEEKDAYS.contains(&w));
        let month = MONTHS
            .iter()
            .position(|m| m == month)
            .and_then(|i| u32::try_from(i + 1).ok());
        let (Some(month), true, 1..=2, 4) = (month, weekday_ok, day.len(), year.len()) else {
            return Err(bad());
        };
        let date = (digits(year), digits(day));
        let (Some(year), Some(day)) = date else {
            return Err(bad());
        };
        let secs = parse_hms(hms.as_bytes(), true).ok_or_else(bad)?;
        from_fields(i64::from(year), month, day, secs)
            .map(Self)
            .ok_or_else(bad)
    }

    /// Parses a UTC timestamp `yyyy-MM-ddTHH:mm:ss[.fraction]Z` (Alibaba's format, Huawei IAM's
    /// `expires_at`); fractions are dropped.
    ///
    /// # Errors
    /// [`TimeError::InvalidTimestamp`] for any other shape or an impossible date.
    pub fn parse_iso8601(value: &str) -> Result<Self, TimeError> {
        let bad = || TimeError::InvalidTimestamp(value.to_owned());
        let b = value.as_bytes();
        let frac_ok = match b.get(19..) {
            Some([b'Z']) => true,
            Some([b'.', rest @ .., b'Z']) => {
                !rest.is_empty() && rest.iter().all(u8::is_ascii_digit)
            }
            _ => false,
        };
        let seps = b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') && b.get(10) == Some(&b'T');
        if !frac_ok || !seps {
            return Err(bad());
        }
        let f = |r: std::ops::Range<usize>| value.get(r).and_then(digits);
        let (Some(year), Some(month), Some(day)) = (f(0..4), f(5..7), f(8..10)) else {
            return Err(bad());
        };
        let secs = b
            .get(11..19)
            .and_then(|t| parse_hms(t, true))
            .ok_or_else(bad)?;
        from_fields(i64::from(year), month, day, secs)
            .map(Self)
            .ok_or_else(bad)
    }

    /// Parses Huawei's compact `YYYYMMDDTHHMMSSZ`.
    ///
    /// # Errors
    /// [`TimeError::InvalidTimestamp`] for any other shape or an impossible date.
    pub fn parse_compact(value: &str) -> Result<Self, TimeError> {
        let bad = || TimeError::InvalidTimestamp(value.to_owned());
        let b = value.as_bytes();
        if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
            return Err(bad());
        }
        let f = |r: std::ops::Range<usize>| value.get(r).and_then(digits);
        let (Some(year), Some(month), Some(day)) = (f(0..4), f(4..6), f(6..8)) else {
            return Err(bad());
        };
        let secs = parse_hms(&b[9..15], false).ok_or_else(bad)?;
        from_fields(i64::from(year), month, day, secs)
            .map(Self)
            .ok_or_else(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAY_1_2024_8H: i64 = 1_714_550_400;

    #[test]
    fn formats() {
        let t = SigningTime::from_unix_seconds(MAY_1_2024_8H).unwrap();
        assert_eq!(t.alibaba(), "2024-05-01T08:00:00Z");
        assert_eq!(t.huawei(), "20240501T080000Z");
        assert_eq!(t.http_date(), "Wed, 01 May 2024 08:00:00 GMT");
        let epoch = SigningTime::from_unix_seconds(0).unwrap();
        assert_eq!(epoch.http_date(), "Thu, 01 Jan 1970 00:00:00 GMT");
        let max = SigningTime::from_unix_seconds(MAX_UNIX).unwrap();
        assert_eq!(max.alibaba(), "9999-12-31T23:59:59Z");
        let leap = SigningTime::parse_iso8601("2024-02-29T23:59:59Z").unwrap();
        assert_eq!(leap.offset_by(1).unwrap().huawei(), "20240301T000000Z");
    }

    #[test]
    fn parses() {
        let t = SigningTime::from_unix_seconds(MAY_1_2024_8H).unwrap();
        assert_eq!(
            SigningTime::parse_http_date("Wed, 01 May 2024 08:00:00 GMT"),
            Ok(t)
        );
        assert_eq!(
            SigningTime::parse_http_date(" Wed, 1 May 2024 08:00:00 GMT\r\n"),
            Ok(t)
        );
        assert_eq!(SigningTime::parse_iso8601("2024-05-01T08:00:00Z"), Ok(t));
        assert_eq!(
            SigningTime::parse_iso8601("2024-05-01T08:00:00.123000Z"),
            Ok(t)
        );
        assert_eq!(SigningTime::parse_compact("20240501T080000Z"), Ok(t));
        assert_eq!(
            SigningTime::parse_iso8601("2016-02-23T12:46:24Z")
                .unwrap()
                .unix_seconds(),
            1_456_231_584
        );
    }

    #[test]
    fn rejects_garbage_without_panicking() {
        for bad in [
            "",
            "Wed, 01 May 2024 08:00:00 UTC",
            "Wed 01 May 2024 08:00:00 GMT",
            "Xyz, 01 May 2024 08:00:00 GMT",
            "Wed, 31 Apr 2024 08:00:00 GMT",
            "Wed, 01 Foo 2024 08:00:00 GMT",
            "Wed, 01 May 2024 24:00:00 GMT",
            "Wed, 01 May 1969 08:00:00 GMT",
            "Wed, 01 May +024 08:00:00 GMT",
            "Wed, 01 May 2024 08:00 GMT",
            "Wed, 01 May 2024 é8:00:00 GMT",
        ] {
            assert!(SigningTime::parse_http_date(bad).is_err(), "{bad}");
        }
        for bad in [
            "",
            "2024-05-01T08:00:00",
            "2024-05-01 08:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-05-01T08:00:00.Z",
            "2024-05-01T08:00:00+08:00",
            "2024-05-01T08:0é:00Z",
        ] {
            assert!(SigningTime::parse_iso8601(bad).is_err(), "{bad}");
        }
        for bad in [
            "",
            "20240501T080000",
            "20241301T080000Z",
            "20240501X080000Z",
            "20240501T08000éZ",
            "20240501T080000Zé",
        ] {
            assert!(SigningTime::parse_compact(bad).is_err(), "{bad}");
        }
        assert_eq!(
            SigningTime::from_unix_seconds(-1),
            Err(TimeError::OutOfRange)
        );
        assert_eq!(
            SigningTime::from_unix_seconds(MAX_UNIX + 1),
            Err(TimeError::OutOfRange)
        );
        assert!(SigningTime::from_js_millis(f64::NAN).is_err());
        assert!(SigningTime::from_js_millis(f64::INFINITY).is_err());
        assert!(SigningTime::from_unix_seconds(MAX_UNIX)
            .unwrap()
            .offset_by(i64::MAX)
            .is_err());
    }

    #[test]
    fn js_millis_truncate() {
        assert_eq!(
            SigningTime::from_js_millis(1_714_550_400_999.0)
                .unwrap()
                .unix_seconds(),
            MAY_1_2024_8H
        );
    }
}
