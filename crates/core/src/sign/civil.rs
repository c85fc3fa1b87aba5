//! Proleptic Gregorian calendar arithmetic and the digit-field parsers behind [`super::time`].
//!
//! Hand-written (Howard Hinnant's `days_from_civil` / `civil_from_days`) rather than a date crate: it is a
//! few dozen lines, reads no clock, and is tested over the whole supported range 1970–9999.

/// Largest supported instant, 9999-12-31T23:59:59Z: the formats have four-digit years.
pub(crate) const MAX_UNIX: i64 = 253_402_300_799;

/// Broken-down UTC calendar fields of a unix time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Civil {
    pub(crate) year: i64,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) hour: i64,
    pub(crate) minute: i64,
    pub(crate) second: i64,
}

/// Calendar fields of unix seconds (UTC).
pub(crate) fn civil_from_unix(secs: i64) -> Civil {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Civil {
        year,
        month,
        day,
        hour: rem / 3600,
        minute: rem / 60 % 60,
        second: rem % 60,
    }
}

/// A short all-ASCII-digit field as a number.
pub(crate) fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `HH:MM:SS` (with colons) or `HHMMSS` → seconds of the day.
pub(crate) fn parse_hms(b: &[u8], colons: bool) -> Option<i64> {
    let s = std::str::from_utf8(b).ok()?;
    let (h, m, sec) = if colons {
        if b.len() != 8 || b[2] != b':' || b[5] != b':' {
            return None;
        }
        (s.get(0..2)?, s.get(3..5)?, s.get(6..8)?)
    } else {
        if b.len() != 6 {
            return None;
        }
        (s.get(0..2)?, s.get(2..4)?, s.get(4..6)?)
    };
    let (h, m, sec) = (digits(h)?, digits(m)?, digits(sec)?);
    // 60 would be a leap second; no cloud emits one and unix time cannot represent it.
    (h < 24 && m < 60 && sec < 60).then(|| i64::from(h * 3600 + m * 60 + sec))
}

/// Unix seconds of a calendar date and second-of-day, if the date exists and is in range.
pub(crate) fn from_fields(year: i64, month: u32, day: u32, secs_of_day: i64) -> Option<i64> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let secs = days_from_civil(year, month, day)
        .checked_mul(86_400)?
        .checked_add(secs_of_day)?;
    (0..=MAX_UNIX).contains(&secs).then_some(secs)
}

const fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

const fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let y = yoe + era * 400;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_every_day_boundary() {
        let mut days = 0;
        while days < 2_932_897 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
            assert!(d >= 1 && d <= days_in_month(y, m));
            days += 37;
        }
    }

    #[test]
    fn known_dates_and_bounds() {
        assert_eq!(from_fields(1970, 1, 1, 0), Some(0));
        assert_eq!(from_fields(2024, 5, 1, 8 * 3600), Some(1_714_550_400));
        assert_eq!(from_fields(9999, 12, 31, 86_399), Some(MAX_UNIX));
        assert_eq!(from_fields(1969, 12, 31, 0), None);
        assert_eq!(from_fields(2023, 2, 29, 0), None);
        assert_eq!(from_fields(2000, 2, 29, 0), Some(951_782_400));
        assert_eq!(from_fields(2100, 2, 29, 0), None);
        assert_eq!(from_fields(2024, 13, 1, 0), None);
        assert_eq!(from_fields(2024, 4, 0, 0), None);
        let c = civil_from_unix(1_714_550_400 + 3661);
        assert_eq!(
            (c.year, c.month, c.day, c.hour, c.minute, c.second),
            (2024, 5, 1, 9, 1, 1)
        );
    }

    #[test]
    fn field_parsers() {
        assert_eq!(parse_hms(b"23:59:59", true), Some(86_399));
        assert_eq!(parse_hms(b"235959", false), Some(86_399));
        assert_eq!(parse_hms(b"24:00:00", true), None);
        assert_eq!(parse_hms(b"23:59:60", true), None);
        assert_eq!(parse_hms(b"23-59-59", true), None);
        assert_eq!(parse_hms(&[0xff; 6], false), None);
        assert_eq!(digits("0042"), Some(42));
        assert_eq!(digits("+42"), None);
        assert_eq!(digits(""), None);
        assert_eq!(digits("1234567890"), None);
    }
}
