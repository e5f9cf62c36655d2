//! Hours: when the business is open and when each staff member works, as
//! wall-clock spans in the business's time zone. Turning a local date and a
//! span into instants happens here, once, so that the slot engine and the
//! booking checks agree, including on days a DST change shortens or
//! lengthens.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};

use crate::id::ShiftExceptionId;

/// A stretch of one day, `from` inclusive to `to` exclusive, wall-clock.
/// Written as people write it, `08:00-17:30`, in ops and JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub from: Time,
    pub to: Time,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error("{0:?} is not a time of day: expected HH:MM, e.g. 08:30")]
    BadTime(String),
    #[error("{from} to {to} is not a span: the end must come after the start")]
    Backwards { from: String, to: String },
    #[error("{0:?} is not a day of the week: expected mon, tue, wed, thu, fri, sat or sun")]
    BadDay(String),
    #[error("spans {0} and {1} overlap")]
    Overlap(Span, Span),
}

impl Span {
    pub fn new(from: Time, to: Time) -> Result<Span, HoursError> {
        if to <= from {
            return Err(HoursError::Backwards {
                from: hhmm(from),
                to: hhmm(to),
            });
        }
        Ok(Span { from, to })
    }

    /// `HH:MM` to `HH:MM`; `24:00` as the end means midnight.
    pub fn parse(from: &str, to: &str) -> Result<Span, HoursError> {
        let from = parse_time(from)?;
        let to = if to.trim() == "24:00" {
            Time::MAX
        } else {
            parse_time(to)?
        };
        Span::new(from, to)
    }

    /// The instants this span covers on `date` in `zone`. On a day when a
    /// DST change skips the start, the span starts when the clock resumes;
    /// a repeated hour is counted once (the earlier reading).
    pub fn on(&self, date: Date, zone: &TimeZone) -> (Timestamp, Timestamp) {
        (instant(date, self.from, zone), instant(date, self.to, zone))
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", hhmm(self.from), hhmm(self.to))
    }
}

impl FromStr for Span {
    type Err = HoursError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (from, to) = s
            .split_once('-')
            .ok_or_else(|| HoursError::BadTime(s.to_owned()))?;
        Span::parse(from, to)
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// `Time::MAX` (used for "until midnight") reads as `24:00`.
pub fn hhmm(time: Time) -> String {
    if time == Time::MAX {
        "24:00".to_owned()
    } else {
        format!("{:02}:{:02}", time.hour(), time.minute())
    }
}

pub fn parse_time(text: &str) -> Result<Time, HoursError> {
    let bad = || HoursError::BadTime(text.to_owned());
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let ok_shape = (1..=2).contains(&h.len()) && m.len() == 2;
    let (h, m): (i8, i8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !ok_shape {
        return Err(bad());
    }
    Time::new(h, m, 0, 0).map_err(|_| bad())
}

/// The wall-clock time `time` on `date` as an instant; a time a DST gap
/// skips resolves to the first instant after the gap.
pub fn instant(date: Date, time: Time, zone: &TimeZone) -> Timestamp {
    let civil = date.to_datetime(time);
    // `Time::MAX` stands for midnight at the end of the day.
    let civil = if time == Time::MAX {
        date.tomorrow()
            .map(|d| d.to_datetime(Time::midnight()))
            .unwrap_or(civil)
    } else {
        civil
    };
    zone.to_ambiguous_zoned(civil)
        .compatible()
        .map(|z| z.timestamp())
        // Only reachable at the ends of jiff's range: far outside any booking.
        .unwrap_or(Timestamp::MAX)
}

/// Days of the week, Monday first, as the CLI and settings name them.
pub fn parse_weekday(text: &str) -> Result<Weekday, HoursError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "mon" | "monday" => Ok(Weekday::Monday),
        "tue" | "tuesday" => Ok(Weekday::Tuesday),
        "wed" | "wednesday" => Ok(Weekday::Wednesday),
        "thu" | "thursday" => Ok(Weekday::Thursday),
        "fri" | "friday" => Ok(Weekday::Friday),
        "sat" | "saturday" => Ok(Weekday::Saturday),
        "sun" | "sunday" => Ok(Weekday::Sunday),
        _ => Err(HoursError::BadDay(text.to_owned())),
    }
}

pub const fn weekday_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "mon",
        Weekday::Tuesday => "tue",
        Weekday::Wednesday => "wed",
        Weekday::Thursday => "thu",
        Weekday::Friday => "fri",
        Weekday::Saturday => "sat",
        Weekday::Sunday => "sun",
    }
}

/// Serde for a weekday as its three-letter key (`mon`), which jiff leaves
/// to its users.
pub mod weekday_serde {
    use jiff::civil::Weekday;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(super::weekday_key(*day))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_weekday(&text).map_err(serde::de::Error::custom)
    }
}

/// Sorted, non-overlapping spans for one day; empty means closed / off.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DayHours(Vec<Span>);

impl DayHours {
    pub fn new(mut spans: Vec<Span>) -> Result<DayHours, HoursError> {
        spans.sort();
        for pair in spans.windows(2) {
            if pair[1].from < pair[0].to {
                return Err(HoursError::Overlap(pair[0], pair[1]));
            }
        }
        Ok(DayHours(spans))
    }

    pub fn closed() -> DayHours {
        DayHours(Vec::new())
    }

    pub fn spans(&self) -> &[Span] {
        &self.0
    }

    pub fn is_closed(&self) -> bool {
        self.0.is_empty()
    }
}

/// Hours for each day of the week, Monday first. Written as a map from
/// `mon`..`sun` to spans, every day present (an empty list is closed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WeekHours {
    days: [DayHours; 7],
}

/// The days of the week, Monday first, as the calendar shows them.
pub const WEEK: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

impl Serialize for WeekHours {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(7))?;
        for day in WEEK {
            map.serialize_entry(weekday_key(day), self.day(day))?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for WeekHours {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<String, DayHours>::deserialize(d)?;
        let mut week = WeekHours::default();
        for (key, hours) in map {
            let day = parse_weekday(&key).map_err(serde::de::Error::custom)?;
            let hours = DayHours::new(hours.0).map_err(serde::de::Error::custom)?;
            week.set(day, hours);
        }
        Ok(week)
    }
}

impl WeekHours {
    /// The same spans every day of the week.
    pub fn every_day(hours: &DayHours) -> WeekHours {
        WeekHours {
            days: std::array::from_fn(|_| hours.clone()),
        }
    }

    pub fn day(&self, day: Weekday) -> &DayHours {
        &self.days[usize::from(day.to_monday_zero_offset().unsigned_abs())]
    }

    pub fn set(&mut self, day: Weekday, hours: DayHours) {
        self.days[usize::from(day.to_monday_zero_offset().unsigned_abs())] = hours;
    }

    pub fn on(&self, date: Date) -> &DayHours {
        self.day(date.weekday())
    }
}

/// A change to one staff member's usual week on one date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShiftChange {
    /// Not working (the whole day when the span is absent).
    Leave,
    /// Working in addition to the usual hours.
    Extra,
}

impl FromStr for ShiftChange {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "leave" | "off" => Ok(ShiftChange::Leave),
            "extra" | "shift" => Ok(ShiftChange::Extra),
            other => Err(format!("{other:?}: expected leave or extra")),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ShiftException {
    pub id: ShiftExceptionId,
    pub date: Date,
    pub change: ShiftChange,
    /// `None` with `Leave`: the whole day.
    pub span: Option<Span>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// When a staff member is at work on `date`: their usual hours plus extra
/// shifts, minus leave, inside the business's opening hours. Sorted,
/// disjoint, wall-clock.
pub fn working_spans(
    date: Date,
    week: &WeekHours,
    exceptions: &[ShiftException],
    opening: &WeekHours,
) -> Vec<Span> {
    let on_date = || exceptions.iter().filter(move |e| e.date == date);
    let mut spans: Vec<Span> = week.on(date).spans().to_vec();
    spans.extend(
        on_date()
            .filter(|e| e.change == ShiftChange::Extra)
            .filter_map(|e| e.span),
    );
    let mut spans = union(spans);
    for leave in on_date().filter(|e| e.change == ShiftChange::Leave) {
        spans = match leave.span {
            None => Vec::new(),
            Some(off) => subtract(&spans, off),
        };
    }
    intersect(&spans, opening.on(date).spans())
}

fn union(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.from <= last.to => last.to = last.to.max(span.to),
            _ => merged.push(span),
        }
    }
    merged
}

fn subtract(spans: &[Span], off: Span) -> Vec<Span> {
    let mut left = Vec::with_capacity(spans.len() + 1);
    for span in spans {
        if off.to <= span.from || span.to <= off.from {
            left.push(*span);
            continue;
        }
        if span.from < off.from {
            left.push(Span {
                from: span.from,
                to: off.from,
            });
        }
        if off.to < span.to {
            left.push(Span {
                from: off.to,
                to: span.to,
            });
        }
    }
    left
}

fn intersect(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for x in a {
        for y in b {
            let from = x.from.max(y.from);
            let to = x.to.min(y.to);
            if from < to {
                out.push(Span { from, to });
            }
        }
    }
    union(out)
}

/// Minutes as a jiff span, for arithmetic on instants.
pub fn minutes(n: u16) -> jiff::Span {
    i64::from(n).minutes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn span(from: &str, to: &str) -> Span {
        Span::parse(from, to).expect("span")
    }

    fn exception(day: Date, change: ShiftChange, span: Option<Span>) -> ShiftException {
        ShiftException {
            id: ShiftExceptionId::new(),
            date: day,
            change,
            span,
            note: String::new(),
        }
    }

    #[test]
    fn times_and_days_parse_strictly() {
        assert_eq!(hhmm(parse_time("8:30").expect("time")), "08:30");
        for bad in ["", "8", "830", "25:00", "08:60", "08:5", "ab:cd"] {
            assert!(parse_time(bad).is_err(), "{bad:?}");
        }
        assert_eq!(hhmm(span("20:00", "24:00").to), "24:00");
        assert!(matches!(
            Span::parse("10:00", "09:00"),
            Err(HoursError::Backwards { .. })
        ));
        assert_eq!(parse_weekday("Sun").expect("day"), Weekday::Sunday);
        assert!(parse_weekday("someday").is_err());
        assert!(matches!(
            DayHours::new(vec![span("08:00", "12:00"), span("11:00", "14:00")]),
            Err(HoursError::Overlap(..))
        ));
    }

    #[test]
    fn hours_are_written_as_people_write_them() {
        let mut week = WeekHours::default();
        week.set(
            Weekday::Monday,
            DayHours::new(vec![span("08:00", "12:00"), span("13:30", "24:00")])
                .expect("valid in the test"),
        );
        let json = serde_json::to_value(&week).expect("serialises");
        assert_eq!(
            json["mon"],
            serde_json::json!(["08:00-12:00", "13:30-24:00"])
        );
        assert_eq!(json["sun"], serde_json::json!([]));
        let back: WeekHours = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, week);
        assert!(serde_json::from_str::<Span>("\"12:00-08:00\"").is_err());
        assert!(serde_json::from_value::<WeekHours>(serde_json::json!({"someday": []})).is_err());
    }

    #[test]
    fn leave_and_extra_shifts_change_one_day_only() {
        let opening = WeekHours::every_day(
            &DayHours::new(vec![span("08:00", "21:00")]).expect("valid in the test"),
        );
        let mut week = WeekHours::default();
        week.set(
            Weekday::Monday,
            DayHours::new(vec![span("09:00", "17:00")]).expect("valid in the test"),
        );
        let monday = date(2026, 11, 23);
        let next_monday = date(2026, 11, 30);
        let sunday = date(2026, 11, 29);
        let exceptions = vec![
            exception(monday, ShiftChange::Leave, Some(span("12:00", "13:30"))),
            exception(sunday, ShiftChange::Extra, Some(span("07:00", "10:00"))),
        ];
        assert_eq!(
            working_spans(monday, &week, &exceptions, &opening),
            vec![span("09:00", "12:00"), span("13:30", "17:00")]
        );
        assert_eq!(
            working_spans(next_monday, &week, &exceptions, &opening),
            vec![span("09:00", "17:00")]
        );
        // The extra shift is cut to opening hours.
        assert_eq!(
            working_spans(sunday, &week, &exceptions, &opening),
            vec![span("08:00", "10:00")]
        );
        let whole_day = vec![exception(monday, ShiftChange::Leave, None)];
        assert!(working_spans(monday, &week, &whole_day, &opening).is_empty());
    }

    #[test]
    fn a_span_on_a_dst_day_has_its_real_length() {
        let berlin = TimeZone::get("Europe/Berlin").expect("zone");
        // 29 March 2026: clocks go from 02:00 to 03:00.
        let (from, to) = span("01:00", "05:00").on(date(2026, 3, 29), &berlin);
        assert_eq!(to.duration_since(from).as_hours(), 3);
        // 25 October 2026: 03:00 goes back to 02:00.
        let (from, to) = span("01:00", "05:00").on(date(2026, 10, 25), &berlin);
        assert_eq!(to.duration_since(from).as_hours(), 5);
    }
}
