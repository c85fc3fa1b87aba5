//! Clock-skew detection: compare the server's `Date` header with the local clock, so the app can warn
//! about (and sign around) a wrong computer clock before the cloud rejects the timestamp.
//!
//! Both clouds accept about 15 minutes of skew (Alibaba RPC `Timestamp` 31); a browser clock a minute off
//! is already worth telling the user about, and the measured offset lets the app sign with server time.

use super::time::{SigningTime, TimeError};

/// Clock offsets above this many seconds (either way) are worth a warning: the clouds allow 15 minutes, but
/// a browser clock a minute off is already suspicious and drifts further.
pub const SKEW_WARN_SECONDS: i64 = 60;

/// How far the local clock is from the server's, measured from a response `Date` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockSkew {
    /// Server time minus local time, in seconds: add it to local time to get server time.
    pub offset_seconds: i64,
    /// `|offset| > SKEW_WARN_SECONDS`: show a warning and sign with [`ClockSkew::corrected`] time.
    pub exceeds_threshold: bool,
}

impl ClockSkew {
    /// Local time moved onto the server's clock: the time to sign with after a skew was measured.
    ///
    /// # Errors
    /// [`TimeError::OutOfRange`] if the corrected time leaves the supported years.
    pub fn corrected(self, local: SigningTime) -> Result<SigningTime, TimeError> {
        local.offset_by(self.offset_seconds)
    }
}

/// Compares the server's `Date` header with the local unix time (both whole seconds) so the app can warn
/// about, and compensate for, a wrong computer clock before the cloud answers `InvalidTimeStamp.Expired`
/// or `signature expired`.
///
/// # Errors
/// [`TimeError::InvalidHttpDate`] when the header is not an HTTP date.
pub fn clock_skew(server_date: &str, local_unix_seconds: i64) -> Result<ClockSkew, TimeError> {
    let server = SigningTime::parse_http_date(server_date)?;
    let offset_seconds = server.unix_seconds().saturating_sub(local_unix_seconds);
    Ok(ClockSkew {
        offset_seconds,
        exceeds_threshold: offset_seconds.unsigned_abs() > SKEW_WARN_SECONDS.unsigned_abs(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAY_1_2024_8H: i64 = 1_714_550_400;

    #[test]
    fn skew() {
        let date = "Wed, 01 May 2024 08:00:00 GMT";
        let s = clock_skew(date, MAY_1_2024_8H - 60).unwrap();
        assert_eq!(
            s,
            ClockSkew {
                offset_seconds: 60,
                exceeds_threshold: false
            }
        );
        let s = clock_skew(date, MAY_1_2024_8H + 61).unwrap();
        assert_eq!(
            s,
            ClockSkew {
                offset_seconds: -61,
                exceeds_threshold: true
            }
        );
        let local = SigningTime::from_unix_seconds(MAY_1_2024_8H + 61).unwrap();
        assert_eq!(
            s.corrected(local).unwrap().alibaba(),
            "2024-05-01T08:00:00Z"
        );
        assert!(clock_skew("nonsense", 0).is_err());
        assert!(clock_skew(date, i64::MIN).unwrap().exceeds_threshold);
    }
}
