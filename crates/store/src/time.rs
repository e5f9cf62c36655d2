//! Business time: input is local wall-clock time in the business's zone,
//! output is RFC 3339 with that zone's offset, storage is UTC. Sentences
//! people read (the activity log, messages) write dates day first, as
//! Vietnam and Indonesia do: `21/11/2026 09:30`, never `2026-11-21`, which
//! a reader of `12/07` would take for July.

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use crate::error::{Result, StoreError};

pub(crate) fn parse_local(text: &str, zone: &TimeZone) -> Result<Timestamp> {
    let bad = || StoreError::BadTime(text.to_owned());
    let trimmed = text.trim();
    // Exactly YYYY-MM-DDTHH:MM (seconds allowed), so that a date alone or a
    // time with an offset is not silently read some other way.
    let shape_ok = trimmed.len() >= 16 && trimmed.as_bytes().get(10) == Some(&b'T');
    if !shape_ok {
        return Err(bad());
    }
    let civil: DateTime = trimmed.parse().map_err(|_| bad())?;
    // A wall time that a DST change skips or repeats resolves the way people
    // expect ("compatible": later for a gap, earlier for a fold).
    let zoned = zone
        .to_ambiguous_zoned(civil)
        .compatible()
        .map_err(|_| bad())?;
    Ok(zoned.timestamp())
}

pub(crate) fn rfc3339(at: Timestamp, zone: &TimeZone) -> String {
    at.to_zoned(zone.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// `21/11/2026 09:30` in `zone`: a moment in a sentence.
pub(crate) fn day_first(at: Timestamp, zone: &TimeZone) -> String {
    at.to_zoned(zone.clone())
        .strftime("%d/%m/%Y %H:%M")
        .to_string()
}

/// `18/02/2027`: a business date in a sentence.
pub(crate) fn day_first_date(date: jiff::civil::Date) -> String {
    date.strftime("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_input_and_offset_output_in_the_business_zone() {
        let saigon = TimeZone::get("Asia/Ho_Chi_Minh").expect("zone");
        let at = parse_local("2026-11-21T09:30", &saigon).expect("parses");
        assert_eq!(at.to_string(), "2026-11-21T02:30:00Z");
        assert_eq!(rfc3339(at, &saigon), "2026-11-21T09:30:00+07:00");
        let makassar = TimeZone::get("Asia/Makassar").expect("zone");
        assert_eq!(rfc3339(at, &makassar), "2026-11-21T10:30:00+08:00");
    }

    #[test]
    fn sentences_write_the_day_first() {
        let saigon = TimeZone::get("Asia/Ho_Chi_Minh").expect("zone");
        let at = parse_local("2026-12-07T09:05", &saigon).expect("parses");
        assert_eq!(day_first(at, &saigon), "07/12/2026 09:05");
        let date: jiff::civil::Date = "2027-02-18".parse().expect("date");
        assert_eq!(day_first_date(date), "18/02/2027");
    }

    #[test]
    fn other_shapes_are_refused() {
        let zone = TimeZone::UTC;
        for bad in [
            "2026-11-21",
            "09:30",
            "21/11/2026 09:30",
            "2026-13-01T09:30",
            "",
        ] {
            assert!(parse_local(bad, &zone).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_time_skipped_by_daylight_saving_is_read_forwards() {
        let berlin = TimeZone::get("Europe/Berlin").expect("zone");
        let at = parse_local("2026-03-29T02:30", &berlin).expect("parses");
        assert_eq!(rfc3339(at, &berlin), "2026-03-29T03:30:00+02:00");
    }
}
