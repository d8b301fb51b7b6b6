//! The timestamp header ([docs/scheme.md#timestamp](../../../docs/scheme.md#timestamp)):
//! UTC, `yyyy-MM-ddTHH:mm:ss.fffffffZ`, seven fractional digits, truncated to 100 ns.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};

use crate::signer::SignError;

/// Formats an instant as the timestamp header, truncating to 100 ns (never rounding):
/// `2014-09-10T17:28:08.322735199Z` gives `2014-09-10T17:28:08.3227351Z`.
/// Refuses years outside 0001-9999, which the form cannot write.
pub fn format(instant: DateTime<Utc>) -> Result<String, SignError> {
    if !(1..=9999).contains(&instant.year()) {
        return Err(SignError::new(format!(
            "instant {} is outside years 0001-9999, which the timestamp form cannot write",
            instant
        )));
    }
    // A leap second is reported as nanoseconds past 1e9; the .NET form has no second 60.
    let ticks = instant.nanosecond().min(999_999_999) / 100;
    Ok(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}Z",
        instant.year(),
        instant.month(),
        instant.day(),
        instant.hour(),
        instant.minute(),
        instant.second(),
        ticks
    ))
}

/// Parses an ISO-8601 UTC instant with up to nine fractional digits, like
/// `2014-09-10T17:28:08.322735199Z` (the `instant` of the timestamps vectors).
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, SignError> {
    let refuse = |why: &str| {
        SignError::new(format!(
            "instant {:?} is not an ISO-8601 UTC instant (yyyy-MM-ddTHH:mm:ss, optionally '.' \
             and 1 to 9 digits, then 'Z'; e.g. 2014-09-10T17:28:08.322735199Z): {}",
            text, why
        ))
    };
    let rest = text.strip_suffix('Z').ok_or_else(|| refuse("no 'Z'"))?;
    let (date_time, nanos) = parse_date_time(rest, 9).map_err(|why| refuse(&why))?;
    let naive = date_time
        .with_nanosecond(nanos)
        .ok_or_else(|| refuse("bad fraction"))?;
    Ok(Utc.from_utc_datetime(&naive))
}

/// Checks that a timestamp is the canonical form or a variant the kit's verifier accepts
/// (0 to 7 fractional digits, `Z` or an offset up to ±14:59), for a date and time that exists.
pub(crate) fn check_signable(timestamp: &str) -> Result<(), SignError> {
    let refuse = |why: &str| {
        SignError::new(format!(
            "timestamp {:?} is not yyyy-MM-ddTHH:mm:ss.fffffffZ (or a variant: 0 to 7 fractional \
             digits, 'Z' or an offset +HH:MM; e.g. 2014-09-10T17:28:08.3227351Z): {}",
            timestamp, why
        ))
    };
    let rest = if let Some(rest) = timestamp.strip_suffix('Z') {
        rest
    } else {
        let split = timestamp.len().saturating_sub(6);
        let (rest, offset) = (
            timestamp.get(..split).unwrap_or(""),
            timestamp.get(split..).unwrap_or(""),
        );
        let b = offset.as_bytes();
        let well_formed = b.len() == 6
            && (b[0] == b'+' || b[0] == b'-')
            && b[3] == b':'
            && [b[1], b[2], b[4], b[5]].iter().all(u8::is_ascii_digit);
        if !well_formed {
            return Err(refuse("no 'Z' and no offset +HH:MM"));
        }
        let hours = (b[1] - b'0') * 10 + (b[2] - b'0');
        let minutes = (b[4] - b'0') * 10 + (b[5] - b'0');
        if hours > 14 || minutes > 59 {
            return Err(refuse(
                "the offset is beyond +/-14:59 (hours at most 14, minutes at most 59)",
            ));
        }
        rest
    };
    parse_date_time(rest, 7).map_err(|why| refuse(&why))?;
    Ok(())
}

/// `yyyy-MM-ddTHH:mm:ss` and an optional `.` with 1 to `max_digits` digits; the fraction is
/// returned in nanoseconds.
fn parse_date_time(text: &str, max_digits: usize) -> Result<(NaiveDateTime, u32), String> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        if part.iter().all(u8::is_ascii_digit) {
            Some(part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
        } else {
            None
        }
    };
    let shape_ok = b.len() >= 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':';
    let fields = [0..4, 5..7, 8..10, 11..13, 14..16, 17..19].map(&digits);
    if !shape_ok || fields.iter().any(Option::is_none) {
        return Err("expected yyyy-MM-ddTHH:mm:ss with ASCII digits".to_owned());
    }
    let [year, month, day, hour, minute, second] = fields.map(Option::unwrap);
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', fraction @ ..]
            if (1..=max_digits).contains(&fraction.len())
                && fraction.iter().all(u8::is_ascii_digit) =>
        {
            let value = digits(20..b.len()).unwrap_or(0);
            value * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => {
            return Err(format!(
                "after the seconds expected '.' and 1 to {} digits",
                max_digits
            ))
        }
    };
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)
        .filter(|_| year >= 1)
        .ok_or_else(|| "the date does not exist".to_owned())?;
    let time = NaiveTime::from_hms_opt(hour, minute, second)
        .ok_or_else(|| "the time of day does not exist".to_owned())?;
    Ok((date.and_time(time), nanos))
}
