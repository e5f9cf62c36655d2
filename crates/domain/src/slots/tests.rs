use jiff::civil::{Weekday, date};

use super::*;
use crate::hours::{DayHours, ShiftChange};
use crate::id::ShiftExceptionId;

fn saigon() -> TimeZone {
    TimeZone::get("Asia/Ho_Chi_Minh").expect("zone")
}

fn at(zone: &TimeZone, text: &str) -> Timestamp {
    let civil: jiff::civil::DateTime = text.parse().expect("civil time");
    civil.to_zoned(zone.clone()).expect("zoned").timestamp()
}

fn hours(from: &str, to: &str) -> WeekHours {
    WeekHours::every_day(&DayHours::new(vec![Span::parse(from, to).expect("span")]).expect("day"))
}

fn staff(week: WeekHours) -> StaffHours {
    StaffHours {
        staff: StaffId::new(),
        week,
        exceptions: Vec::new(),
    }
}

fn local_times(zone: &TimeZone, slots: &[Slot]) -> Vec<String> {
    slots
        .iter()
        .map(|s| s.start.to_zoned(zone.clone()).strftime("%H:%M").to_string())
        .collect()
}

struct Day {
    zone: TimeZone,
    calendar: CalendarSettings,
    staff: Vec<StaffHours>,
    busy: Vec<Busy>,
    rooms: Vec<(RoomId, u16)>,
    now: Timestamp,
}

impl Day {
    fn new() -> Day {
        let zone = saigon();
        let now = at(&zone, "2026-11-20T18:00");
        Day {
            zone,
            calendar: CalendarSettings::default(),
            staff: vec![staff(hours("08:00", "20:00"))],
            busy: Vec::new(),
            rooms: Vec::new(),
            now,
        }
    }

    fn slots(&self, on: Date) -> Vec<Slot> {
        free_slots(&SlotQuery {
            zone: &self.zone,
            calendar: &self.calendar,
            minutes: 60,
            buffer_minutes: 30,
            rooms: &self.rooms,
            staff: &self.staff,
            busy: &self.busy,
            from: on,
            to: on,
            now: self.now,
        })
    }
}

#[test]
fn slots_sit_on_the_ninety_minute_grid() {
    let day = Day::new();
    let slots = day.slots(date(2026, 11, 21));
    assert_eq!(
        local_times(&day.zone, &slots),
        [
            "08:00", "09:30", "11:00", "12:30", "14:00", "15:30", "17:00", "18:30"
        ]
    );
    // The service itself lasts 60 minutes; the buffer is not the customer's.
    assert_eq!(slots[0].end.duration_since(slots[0].start).as_mins(), 60);
}

#[test]
fn a_span_starting_off_the_grid_is_rounded_up_to_the_half_hour() {
    let mut day = Day::new();
    day.staff = vec![staff(hours("09:10", "13:00"))];
    assert_eq!(
        local_times(&day.zone, &day.slots(date(2026, 11, 21))),
        ["09:30", "11:00"]
    );
}

#[test]
fn booked_time_and_its_buffer_are_not_offered() {
    let mut day = Day::new();
    let who = day.staff[0].staff;
    day.busy.push(Busy {
        staff: who,
        room: None,
        start: at(&day.zone, "2026-11-21T09:45"),
        until: at(&day.zone, "2026-11-21T11:15"),
        whole_room: false,
    });
    assert_eq!(
        local_times(&day.zone, &day.slots(date(2026, 11, 21))),
        ["08:00", "12:30", "14:00", "15:30", "17:00", "18:30"]
    );
}

#[test]
fn todays_slots_must_be_more_than_the_lead_time_ahead() {
    let mut day = Day::new();
    day.now = at(&day.zone, "2026-11-21T08:30");
    // 09:30 is exactly 60 minutes ahead: not more than the lead time.
    assert_eq!(
        local_times(&day.zone, &day.slots(date(2026, 11, 21)))[0],
        "11:00"
    );
    day.now = at(&day.zone, "2026-11-21T08:29");
    assert_eq!(
        local_times(&day.zone, &day.slots(date(2026, 11, 21)))[0],
        "09:30"
    );
    // Yesterday offers nothing.
    assert!(day.slots(date(2026, 11, 20)).is_empty());
}

#[test]
fn leave_removes_slots_and_an_extra_shift_adds_them() {
    let mut day = Day::new();
    let mut week = WeekHours::default();
    week.set(
        Weekday::Saturday,
        DayHours::new(vec![
            Span::parse("08:00", "12:30").expect("valid in the test"),
        ])
        .expect("valid in the test"),
    );
    day.staff = vec![StaffHours {
        staff: StaffId::new(),
        week,
        exceptions: vec![
            ShiftException {
                id: ShiftExceptionId::new(),
                date: date(2026, 11, 21),
                change: ShiftChange::Leave,
                span: Some(Span::parse("09:00", "11:00").expect("valid in the test")),
                note: String::new(),
            },
            ShiftException {
                id: ShiftExceptionId::new(),
                date: date(2026, 11, 22),
                change: ShiftChange::Extra,
                span: Some(Span::parse("14:00", "17:00").expect("valid in the test")),
                note: String::new(),
            },
        ],
    }];
    // Saturday: 08:00-09:00 is too short, 11:00-12:30 holds one slot.
    assert_eq!(
        local_times(&day.zone, &day.slots(date(2026, 11, 21))),
        ["11:00"]
    );
    // Sunday is usually off; the extra shift opens two slots.
    assert_eq!(
        local_times(&day.zone, &day.slots(date(2026, 11, 22))),
        ["14:00", "15:30"]
    );
    // Both were for one date only.
    assert_eq!(
        local_times(&day.zone, &day.slots(date(2026, 11, 28))),
        ["08:00", "09:30", "11:00"]
    );
    assert!(day.slots(date(2026, 11, 29)).is_empty());
}

#[test]
fn closed_days_offer_nothing_whatever_the_staff_hours() {
    let mut day = Day::new();
    day.calendar
        .opening
        .set(Weekday::Saturday, DayHours::closed());
    assert!(day.slots(date(2026, 11, 21)).is_empty());
    assert!(!day.slots(date(2026, 11, 22)).is_empty());
}

#[test]
fn a_service_that_needs_a_room_waits_for_a_free_one() {
    let mut day = Day::new();
    let room = RoomId::new();
    let other = staff(hours("08:00", "20:00"));
    day.rooms = vec![(room, 1)];
    day.busy.push(Busy {
        staff: other.staff,
        room: Some(room),
        start: at(&day.zone, "2026-11-21T08:00"),
        until: at(&day.zone, "2026-11-21T09:30"),
        whole_room: false,
    });
    let slots = day.slots(date(2026, 11, 21));
    assert_eq!(local_times(&day.zone, &slots)[0], "09:30");
    assert!(slots.iter().all(|s| s.room == Some(room)));
    // A room of two places still has one at 08:00.
    day.rooms = vec![(room, 2)];
    assert_eq!(
        local_times(&day.zone, &day.slots(date(2026, 11, 21)))[0],
        "08:00"
    );
}

#[test]
fn a_class_takes_its_room_whole_however_many_places_it_has() {
    let mut day = Day::new();
    let room = RoomId::new();
    let teacher = staff(hours("08:00", "20:00"));
    day.rooms = vec![(room, 4)];
    day.busy.push(Busy {
        staff: teacher.staff,
        room: Some(room),
        start: at(&day.zone, "2026-11-21T08:00"),
        until: at(&day.zone, "2026-11-21T09:30"),
        whole_room: true,
    });
    let slots = day.slots(date(2026, 11, 21));
    assert_eq!(local_times(&day.zone, &slots)[0], "09:30");
}

#[test]
fn any_staff_member_lists_each_ones_slots_in_time_order() {
    let mut day = Day::new();
    day.staff.push(staff(hours("09:00", "12:00")));
    let slots = day.slots(date(2026, 11, 21));
    assert_eq!(
        local_times(&day.zone, &slots[..4]),
        ["08:00", "09:00", "09:30", "10:30"]
    );
}

#[test]
fn slots_over_a_range_of_dates() {
    let day = Day::new();
    let slots = free_slots(&SlotQuery {
        zone: &day.zone,
        calendar: &day.calendar,
        minutes: 60,
        buffer_minutes: 30,
        rooms: &[],
        staff: &day.staff,
        busy: &[],
        from: date(2026, 11, 21),
        to: date(2026, 12, 20),
        now: day.now,
    });
    assert_eq!(slots.len(), 30 * 8);
}

fn berlin_night(on: Date) -> Vec<Slot> {
    let zone = TimeZone::get("Europe/Berlin").expect("zone");
    let calendar = CalendarSettings {
        opening: hours("00:00", "24:00"),
        slot_minutes: 60,
        ..CalendarSettings::default()
    };
    let staff = vec![staff(hours("01:00", "05:00"))];
    free_slots(&SlotQuery {
        zone: &zone,
        calendar: &calendar,
        minutes: 60,
        buffer_minutes: 0,
        rooms: &[],
        staff: &staff,
        busy: &[],
        from: on,
        to: on,
        now: at(&zone, "2026-01-01T00:00"),
    })
}

#[test]
fn the_spring_dst_gap_is_skipped_and_the_short_night_holds_three_slots() {
    let zone = TimeZone::get("Europe/Berlin").expect("zone");
    // 29 March 2026: 02:00 jumps to 03:00, so 01:00-05:00 is three hours.
    let slots = berlin_night(date(2026, 3, 29));
    assert_eq!(local_times(&zone, &slots), ["01:00", "03:00", "04:00"]);
    for slot in &slots {
        assert_eq!(slot.end.duration_since(slot.start).as_mins(), 60);
    }
}

#[test]
fn the_autumn_repeated_hour_is_offered_once_and_slots_keep_their_length() {
    let zone = TimeZone::get("Europe/Berlin").expect("zone");
    // 25 October 2026: 03:00 goes back to 02:00, so 01:00-05:00 is five hours.
    let slots = berlin_night(date(2026, 10, 25));
    assert_eq!(
        local_times(&zone, &slots),
        ["01:00", "02:00", "03:00", "04:00"]
    );
    for pair in slots.windows(2) {
        assert!(pair[0].end <= pair[1].start, "slots must not overlap");
    }
}

#[test]
fn within_hours_checks_the_whole_block() {
    let day = Day::new();
    let who = &day.staff[0];
    let inside = at(&day.zone, "2026-11-21T18:30");
    let until = at(&day.zone, "2026-11-21T20:00");
    assert!(within_hours(inside, until, who, &day.calendar, &day.zone));
    let late = at(&day.zone, "2026-11-21T19:00");
    let after_closing = at(&day.zone, "2026-11-21T20:30");
    assert!(!within_hours(
        late,
        after_closing,
        who,
        &day.calendar,
        &day.zone
    ));
}
