//! The slot engine: which start times can take a service, with whom and in
//! which room, over a range of dates. Pure: the store hands it the calendar,
//! the staff's hours and what is already booked.
//!
//! Slots are wall-clock times on the grid of each working span (its start
//! rounded up to the alignment, then every `slot_minutes`), in the business's
//! zone. A slot must fit the service and its buffer inside the span in real
//! time, so a span that a DST change shortens holds fewer slots; grid times
//! that a DST gap skips are not offered, and a repeated hour is offered once.

use std::collections::HashMap;

use jiff::civil::{Date, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{Timestamp, ToSpan};
use serde::Serialize;

use crate::calendar::CalendarSettings;
use crate::hours::{ShiftException, Span, WeekHours, minutes, working_spans};
use crate::id::{RoomId, StaffId};

/// One staff member who performs the service, with their hours.
#[derive(Debug, Clone)]
pub struct StaffHours {
    pub staff: StaffId,
    pub week: WeekHours,
    pub exceptions: Vec<ShiftException>,
}

/// Time already taken: a booking item or a class (with its buffer) for a
/// staff member and maybe a room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    pub staff: StaffId,
    pub room: Option<RoomId>,
    pub start: Timestamp,
    pub until: Timestamp,
    /// A class takes its room whole; a booking item one place in it.
    pub whole_room: bool,
}

/// What is asked: a service's length, the rooms that can host it, the dates.
#[derive(Debug, Clone)]
pub struct SlotQuery<'a> {
    pub zone: &'a TimeZone,
    pub calendar: &'a CalendarSettings,
    pub minutes: u16,
    pub buffer_minutes: u16,
    /// Rooms that can host the service with their capacity, in preference
    /// order; empty when it needs no room.
    pub rooms: &'a [(RoomId, u16)],
    pub staff: &'a [StaffHours],
    pub busy: &'a [Busy],
    pub from: Date,
    /// Inclusive.
    pub to: Date,
    pub now: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Slot {
    pub start: Timestamp,
    pub end: Timestamp,
    pub staff: StaffId,
    pub room: Option<RoomId>,
}

/// Free slots, by start time then staff id.
pub fn free_slots(query: &SlotQuery<'_>) -> Vec<Slot> {
    let taken = Taken::new(query.busy);
    let length = minutes(query.minutes);
    let block = minutes(query.minutes.saturating_add(query.buffer_minutes));
    let mut slots = Vec::new();
    let mut date = query.from;
    while date <= query.to {
        for staff in query.staff {
            let spans = working_spans(
                date,
                &staff.week,
                &staff.exceptions,
                &query.calendar.opening,
            );
            for span in spans {
                let (_, span_end) = span.on(date, query.zone);
                for start in grid(date, span, query.calendar, query.zone) {
                    let (Ok(end), Ok(until)) =
                        (start.checked_add(length), start.checked_add(block))
                    else {
                        continue;
                    };
                    if until > span_end {
                        break;
                    }
                    if !bookable_at(start, query.now, query.calendar, query.zone) {
                        continue;
                    }
                    if taken.staff_overlaps(staff.staff, start, until) {
                        continue;
                    }
                    let room = if query.rooms.is_empty() {
                        None
                    } else {
                        match taken.free_room(query.rooms, start, until) {
                            Some(room) => Some(room),
                            None => continue,
                        }
                    };
                    slots.push(Slot {
                        start,
                        end,
                        staff: staff.staff,
                        room,
                    });
                }
            }
        }
        match date.tomorrow() {
            Ok(next) => date = next,
            Err(_) => break,
        }
    }
    slots.sort();
    slots
}

/// Whether a booking may start at `start` when the clock says `now`: not in
/// the past, and for today more than the lead time ahead.
pub fn bookable_at(
    start: Timestamp,
    now: Timestamp,
    calendar: &CalendarSettings,
    zone: &TimeZone,
) -> bool {
    if start <= now {
        return false;
    }
    let today = now.to_zoned(zone.clone()).date();
    let that_day = start.to_zoned(zone.clone()).date();
    if that_day != today {
        return true;
    }
    now.checked_add(minutes(calendar.lead_minutes))
        .is_ok_and(|earliest| start > earliest)
}

/// Whether `[start, until)` lies inside one of the staff member's working
/// spans on the local date of `start`.
pub fn within_hours(
    start: Timestamp,
    until: Timestamp,
    staff: &StaffHours,
    calendar: &CalendarSettings,
    zone: &TimeZone,
) -> bool {
    let date = start.to_zoned(zone.clone()).date();
    working_spans(date, &staff.week, &staff.exceptions, &calendar.opening)
        .iter()
        .any(|span| {
            let (from, to) = span.on(date, zone);
            from <= start && until <= to
        })
}

/// The grid's start times inside `span`, as instants, skipping wall-clock
/// times that do not exist on `date` and reading repeated ones once.
fn grid(
    date: Date,
    span: Span,
    calendar: &CalendarSettings,
    zone: &TimeZone,
) -> impl Iterator<Item = Timestamp> {
    let align = i32::from(calendar.align_minutes.max(1));
    let step = i32::from(calendar.slot_minutes.max(1));
    let from = minute_of_day(span.from);
    let first = (from + align - 1) / align * align;
    let last = minute_of_day(span.to);
    let zone = zone.clone();
    (0..)
        .map(move |k| first + k * step)
        .take_while(move |m| *m < last)
        .filter_map(move |m| {
            let time = Time::midnight()
                .checked_add((i64::from(m)).minutes())
                .ok()?;
            let civil = date.to_datetime(time);
            let ambiguous = zone.to_ambiguous_timestamp(civil);
            match ambiguous.offset() {
                AmbiguousOffset::Gap { .. } => None,
                _ => ambiguous.compatible().ok(),
            }
        })
}

fn minute_of_day(time: Time) -> i32 {
    if time == Time::MAX {
        return 24 * 60;
    }
    i32::from(time.hour()) * 60 + i32::from(time.minute())
}

/// Busy time by staff member and by room, sorted by start, so that each
/// check looks only at the intervals near it.
struct Taken {
    staff: HashMap<StaffId, Vec<(Timestamp, Timestamp)>>,
    /// With whether each interval takes the whole room.
    rooms: HashMap<RoomId, Vec<(Timestamp, Timestamp, bool)>>,
    /// The longest busy interval: how far back an overlapping one can start.
    longest: jiff::SignedDuration,
}

impl Taken {
    fn new(busy: &[Busy]) -> Taken {
        let mut staff: HashMap<StaffId, Vec<(Timestamp, Timestamp)>> = HashMap::new();
        let mut rooms: HashMap<RoomId, Vec<(Timestamp, Timestamp, bool)>> = HashMap::new();
        let mut longest = jiff::SignedDuration::ZERO;
        for b in busy {
            staff.entry(b.staff).or_default().push((b.start, b.until));
            if let Some(room) = b.room {
                rooms
                    .entry(room)
                    .or_default()
                    .push((b.start, b.until, b.whole_room));
            }
            longest = longest.max(b.until.duration_since(b.start));
        }
        for list in staff.values_mut() {
            list.sort();
        }
        for list in rooms.values_mut() {
            list.sort();
        }
        Taken {
            staff,
            rooms,
            longest,
        }
    }

    /// The intervals of `list` (sorted by start) that overlap
    /// `[start, until)`; `span` reads an entry's interval.
    fn overlapping<'a, T>(
        &self,
        list: &'a [T],
        span: impl Fn(&T) -> (Timestamp, Timestamp) + Copy + 'a,
        start: Timestamp,
        until: Timestamp,
    ) -> impl Iterator<Item = &'a T> {
        let earliest = start.checked_sub(self.longest).unwrap_or(Timestamp::MIN);
        let from = list.partition_point(|t| span(t).0 < earliest);
        list[from..]
            .iter()
            .take_while(move |t| span(t).0 < until)
            .filter(move |t| span(t).1 > start)
    }

    fn staff_overlaps(&self, staff: StaffId, start: Timestamp, until: Timestamp) -> bool {
        self.staff.get(&staff).is_some_and(|list| {
            self.overlapping(list, |t| *t, start, until)
                .next()
                .is_some()
        })
    }

    /// The first room with a place left for the whole of `[start, until)`:
    /// no class in it, and fewer overlapping bookings than its places.
    /// Counting every overlapping booking is conservative for rooms of
    /// more than one place (two that do not overlap each other count twice).
    fn free_room(
        &self,
        rooms: &[(RoomId, u16)],
        start: Timestamp,
        until: Timestamp,
    ) -> Option<RoomId> {
        rooms.iter().find_map(|(room, capacity)| {
            let (mut used, mut whole) = (0usize, false);
            if let Some(list) = self.rooms.get(room) {
                for (_, _, takes_all) in self.overlapping(list, |t| (t.0, t.1), start, until) {
                    used += 1;
                    whole |= *takes_all;
                }
            }
            (!whole && used < usize::from(*capacity)).then_some(*room)
        })
    }
}

#[cfg(test)]
mod tests;
