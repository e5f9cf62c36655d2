//! Bookings on real database files: the life cycle, the cancellation
//! cut-off, refusals that write nothing, slots, and no double booking when
//! twenty threads (each with its own connection) want the same slot.

mod common;

use std::sync::{Arc, Barrier};

use caredesk_domain::Role;
use caredesk_domain::booking::{BookingChange, BookingSource, BookingStatus};
use caredesk_domain::calendar::{CalendarSettings, ProfileField};
use caredesk_domain::hours::{ShiftChange, Span};
use caredesk_domain::id::BookingId;
use caredesk_store::{
    AuditFilter, BookingMove, BookingView, Ctx, InitSettings, Lang, NewBooking, NewItem,
    NewService, NewStaff, Store, WEEK, parse_date,
};
use jiff::Timestamp;

struct Spa {
    db: common::TestDb,
    customer: String,
    service: String,
    therapist: String,
}

/// A Saigon spa: "Massage body" (60 min + 30 buffer, 450.000 ₫), therapist
/// Mai working 08:00-20:00 every day, customer An.
fn spa() -> Spa {
    let mut db = common::with(InitSettings {
        owner_name: "Hoa".to_owned(),
        owner_pin: Some("1234".to_owned()),
        ..InitSettings::default()
    });
    let customer = db.add("Nguyễn Văn An", "0912 345 678").id.to_string();
    let ctx = db.ctx();
    let service = db
        .store
        .catalog_mut()
        .add_service(
            &ctx,
            NewService {
                name: "Massage body".into(),
                category: "Massage".into(),
                minutes: 60,
                buffer_minutes: 30,
                price: 450_000,
                rooms: vec![],
            },
        )
        .expect("service")
        .id
        .to_string();
    let therapist = db
        .store
        .add_staff(
            &ctx,
            NewStaff {
                name: "Mai".into(),
                role: Role::Therapist,
                pin: Some("2222".into()),
            },
        )
        .expect("therapist")
        .id
        .to_string();
    db.store
        .schedule_mut()
        .set_staff_services(&ctx, &therapist, std::slice::from_ref(&service))
        .expect("services");
    for day in WEEK {
        db.store
            .schedule_mut()
            .set_staff_hours(&ctx, &therapist, day, vec![span("08:00", "20:00")])
            .expect("hours");
    }
    Spa {
        db,
        customer,
        service,
        therapist,
    }
}

fn span(from: &str, to: &str) -> Span {
    Span::parse(from, to).expect("span")
}

impl Spa {
    fn at(&self, local: &str) -> Timestamp {
        self.db.at(local)
    }

    fn ctx_at(&self, local: &str) -> Ctx {
        self.db.ctx_at(local)
    }

    fn request(&self, start: &str) -> NewBooking {
        NewBooking {
            customer: self.customer.clone(),
            items: vec![NewItem {
                service: self.service.clone(),
                staff: self.therapist.clone(),
                start: self.at(start),
                end: None,
                room: None,
                treatment: None,
            }],
            source: BookingSource::Phone,
            notes: String::new(),
        }
    }

    fn book(&mut self, now: &str, start: &str) -> caredesk_store::Result<BookingView> {
        let ctx = self.ctx_at(now);
        let request = self.request(start);
        self.db.store.bookings_mut().add_booking(&ctx, request)
    }

    fn step(
        &mut self,
        now: &str,
        id: BookingId,
        to: BookingMove,
    ) -> caredesk_store::Result<BookingView> {
        let ctx = self.ctx_at(now);
        self.db.store.bookings_mut().move_booking(&ctx, id, to, "")
    }

    /// Refused with `code`, and not one row of the database changed.
    fn refused<T: std::fmt::Debug>(
        &mut self,
        code: &str,
        attempt: impl FnOnce(&mut Spa) -> caredesk_store::Result<T>,
    ) {
        let path = self.db.path.clone();
        common::refused(self, &path, code, attempt);
    }
}

#[test]
fn a_booking_goes_through_its_whole_life_and_keeps_its_history() {
    let mut spa = spa();
    let booking = spa
        .book("2026-11-20T10:00", "2026-11-21T09:30")
        .expect("booked");
    assert_eq!(booking.status, BookingStatus::Confirmed);
    assert_eq!(booking.start, "2026-11-21T09:30:00+07:00");
    assert_eq!(booking.end, "2026-11-21T10:30:00+07:00");
    assert_eq!(booking.items[0].price.amount, 450_000);
    assert_eq!(booking.customer_name, "Nguyễn Văn An");
    for (to, status) in [
        (BookingMove::CheckIn, BookingStatus::CheckedIn),
        (BookingMove::Start, BookingStatus::InProgress),
        (BookingMove::Complete, BookingStatus::Completed),
    ] {
        let moved = spa.step("2026-11-21T09:25", booking.id, to).expect("moved");
        assert_eq!(moved.status, status);
    }
    let shown = spa.db.store.bookings().booking(booking.id).expect("shown");
    assert_eq!(shown.history.len(), 4);
    assert!(shown.history.iter().all(|h| h.by_name == "Hoa"));
    // The 360 view lists it.
    let customer = spa.customer.parse().expect("id");
    let view = spa
        .db
        .store
        .customers()
        .customer_360(customer, &spa.db.ctx())
        .expect("360");
    assert_eq!(view.bookings.len(), 1);
    spa.db.assert_folds_hold();
    let dump = spa.db.store.dump().expect("dump");
    assert_eq!(dump.bookings.len(), 1);
    assert_eq!(dump.services.len(), 1);
    // The audit trail tells the story in the manager's language.
    let filter = AuditFilter {
        customer: Some(customer),
        ..AuditFilter::default()
    };
    let lines: Vec<String> = spa
        .db
        .store
        .audit(&filter, Lang::Vi)
        .expect("audit")
        .into_iter()
        .map(|e| e.text)
        .collect();
    assert_eq!(
        lines[1],
        "Hoa đã đặt lịch Massage body cho Nguyễn Văn An lúc 21/11/2026 09:30 với Mai"
    );
    assert_eq!(
        lines.last().map(String::as_str),
        Some("Hoa đã hoàn thành lịch hẹn của Nguyễn Văn An lúc 21/11/2026 09:30")
    );
}

#[test]
fn refused_moves_write_nothing() {
    let mut spa = spa();
    let booking = spa
        .book("2026-11-20T10:00", "2026-11-21T09:30")
        .expect("booked");
    let id = booking.id;
    // Not checked in yet: cannot complete or start.
    spa.refused("invalid_transition", |s| {
        s.step("2026-11-21T09:00", id, BookingMove::Complete)
    });
    spa.refused("invalid_transition", |s| {
        s.step("2026-11-21T09:00", id, BookingMove::Start)
    });
    // Confirmed already.
    spa.refused("invalid_transition", |s| {
        s.step("2026-11-21T09:00", id, BookingMove::Confirm)
    });
    // A no-show before the start is not a no-show.
    spa.refused("too_early", |s| {
        s.step("2026-11-21T09:00", id, BookingMove::NoShow)
    });
    spa.step("2026-11-21T09:00", id, BookingMove::Cancel)
        .expect("cancelled");
    for to in [
        BookingMove::Confirm,
        BookingMove::CheckIn,
        BookingMove::Cancel,
        BookingMove::NoShow,
        BookingMove::Complete,
        BookingMove::UndoCompletion,
    ] {
        spa.refused("invalid_transition", |s| s.step("2026-11-21T09:05", id, to));
    }
    spa.refused("not_found", |s| {
        s.step("2026-11-21T09:05", BookingId::new(), BookingMove::CheckIn)
    });
}

#[test]
fn cancelling_61_minutes_before_is_free_and_59_minutes_before_is_forfeited() {
    let mut spa = spa();
    let early = spa
        .book("2026-11-20T10:00", "2026-11-21T11:00")
        .expect("booked");
    let late = spa
        .book("2026-11-20T10:00", "2026-11-21T14:00")
        .expect("booked");
    let cancelled = spa
        .step("2026-11-21T09:59", early.id, BookingMove::Cancel)
        .expect("cancelled");
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    let forfeited = spa
        .step("2026-11-21T13:01", late.id, BookingMove::Cancel)
        .expect("forfeited");
    assert_eq!(forfeited.status, BookingStatus::Forfeited);
    // Exactly at the cut-off is no longer "more than" an hour before.
    let on_the_line = spa
        .book("2026-11-20T10:00", "2026-11-21T17:00")
        .expect("booked");
    let moved = spa
        .step("2026-11-21T16:00", on_the_line.id, BookingMove::Cancel)
        .expect("cancelled");
    assert_eq!(moved.status, BookingStatus::Forfeited);
    // The freed slots can be booked again.
    spa.book("2026-11-21T08:00", "2026-11-21T11:00")
        .expect("slot free again");
}

#[test]
fn a_no_show_comes_after_the_start_and_undoing_a_completion_needs_a_manager() {
    let mut spa = spa();
    let booking = spa
        .book("2026-11-20T10:00", "2026-11-21T09:30")
        .expect("booked");
    let no_show = spa
        .step("2026-11-21T09:45", booking.id, BookingMove::NoShow)
        .expect("no-show");
    assert_eq!(no_show.status, BookingStatus::NoShow);

    let other = spa
        .book("2026-11-20T10:00", "2026-11-21T12:30")
        .expect("booked");
    spa.step("2026-11-21T12:25", other.id, BookingMove::CheckIn)
        .expect("in");
    spa.step("2026-11-21T13:30", other.id, BookingMove::Complete)
        .expect("done");
    let ctx = spa.db.store.context_as("Mai", None).expect("therapist");
    let id = other.id;
    spa.refused("permission_denied", |s| {
        s.db.store.bookings_mut().move_booking(
            &ctx,
            id,
            BookingMove::UndoCompletion,
            "wrong customer",
        )
    });
    let owner = spa.ctx_at("2026-11-21T13:40");
    let undone = spa
        .db
        .store
        .bookings_mut()
        .move_booking(&owner, id, BookingMove::UndoCompletion, "wrong customer")
        .expect("undone");
    assert_eq!(undone.status, BookingStatus::InProgress);
}

#[test]
fn bad_bookings_are_refused_with_a_clear_code_and_nothing_written() {
    let mut spa = spa();
    spa.book("2026-11-20T10:00", "2026-11-21T09:30")
        .expect("booked");
    let now = "2026-11-21T08:00";
    // In the past.
    spa.refused("in_the_past", |s| s.book(now, "2026-11-21T07:00"));
    // Today, but not more than an hour ahead.
    spa.refused("too_soon", |s| s.book(now, "2026-11-21T08:30"));
    spa.refused("too_soon", |s| s.book(now, "2026-11-21T09:00"));
    // Outside working hours, or running past them with the buffer.
    spa.refused("outside_hours", |s| s.book(now, "2026-11-21T20:00"));
    spa.refused("outside_hours", |s| s.book(now, "2026-11-21T19:00"));
    // Overlapping the booking at 09:30 (its buffer runs to 11:00).
    spa.refused("double_booking", |s| s.book(now, "2026-11-21T10:30"));
    spa.refused("double_booking", |s| {
        s.book("2026-11-20T10:00", "2026-11-21T08:45")
    });
    // End before start.
    spa.refused("end_before_start", |s| {
        let ctx = s.ctx_at(now);
        let mut request = s.request("2026-11-21T12:30");
        request.items[0].end = Some(s.at("2026-11-21T12:00"));
        s.db.store.bookings_mut().add_booking(&ctx, request)
    });
    // Unknown service, staff or customer.
    spa.refused("not_found", |s| {
        let ctx = s.ctx_at(now);
        let mut request = s.request("2026-11-21T12:30");
        request.items[0].service = "Gội đầu dưỡng sinh".into();
        s.db.store.bookings_mut().add_booking(&ctx, request)
    });
    spa.refused("not_found", |s| {
        let ctx = s.ctx_at(now);
        let mut request = s.request("2026-11-21T12:30");
        request.items[0].staff = "Nobody".into();
        s.db.store.bookings_mut().add_booking(&ctx, request)
    });
    spa.refused("not_found", |s| {
        let ctx = s.ctx_at(now);
        let mut request = s.request("2026-11-21T12:30");
        request.customer = "0999 999 999".into();
        s.db.store.bookings_mut().add_booking(&ctx, request)
    });
    // Someone who does not perform the service.
    spa.refused("staff_does_not_perform", |s| {
        let ctx = s.ctx_at(now);
        let mut request = s.request("2026-11-21T12:30");
        request.items[0].staff = "Hoa".into();
        s.db.store.bookings_mut().add_booking(&ctx, request)
    });
    // Two items of one booking for one therapist at once.
    spa.refused("double_booking", |s| {
        let ctx = s.ctx_at(now);
        let mut request = s.request("2026-11-21T12:30");
        let again = request.items[0].clone();
        request.items.push(again);
        s.db.store.bookings_mut().add_booking(&ctx, request)
    });
    // A booking of nothing.
    spa.refused("empty_field", |s| {
        let ctx = s.ctx_at(now);
        let mut request = s.request("2026-11-21T12:30");
        request.items.clear();
        s.db.store.bookings_mut().add_booking(&ctx, request)
    });
    // The slot after the buffer is fine.
    spa.book(now, "2026-11-21T11:00").expect("after the buffer");
}

#[test]
fn a_walk_in_skips_the_lead_time_but_not_the_past() {
    let mut spa = spa();
    let ctx = spa.ctx_at("2026-11-21T10:00");
    let mut request = spa.request("2026-11-21T10:00");
    request.source = BookingSource::WalkIn;
    let walk_in = spa
        .db
        .store
        .bookings_mut()
        .add_booking(&ctx, request)
        .expect("walk-in");
    assert_eq!(walk_in.status, BookingStatus::Confirmed);
    spa.refused("in_the_past", |s| {
        let ctx = s.ctx_at("2026-11-21T10:00");
        let mut request = s.request("2026-11-21T09:30");
        request.source = BookingSource::WalkIn;
        s.db.store.bookings_mut().add_booking(&ctx, request)
    });
    // An online request waits for the counter.
    let ctx = spa.ctx_at("2026-11-20T10:00");
    let mut request = spa.request("2026-11-22T10:00");
    request.source = BookingSource::Online;
    let online = spa
        .db
        .store
        .bookings_mut()
        .add_booking(&ctx, request)
        .expect("online");
    assert_eq!(online.status, BookingStatus::Pending);
    let confirmed = spa
        .step("2026-11-20T10:05", online.id, BookingMove::Confirm)
        .expect("confirmed");
    assert_eq!(confirmed.status, BookingStatus::Confirmed);
}

#[test]
fn rescheduling_moves_the_slot_and_keeps_the_old_one_in_history() {
    let mut spa = spa();
    let booking = spa
        .book("2026-11-20T10:00", "2026-11-21T09:30")
        .expect("booked");
    let blocker = spa
        .book("2026-11-20T10:00", "2026-11-21T14:00")
        .expect("booked");
    let ctx = spa.ctx_at("2026-11-20T11:00");
    let id = booking.id;
    spa.refused("double_booking", |s| {
        let at = s.at("2026-11-21T14:30");
        s.db.store
            .bookings_mut()
            .reschedule_booking(&ctx, id, 0, at, None, "")
    });
    let at = spa.at("2026-11-22T15:30");
    let moved = spa
        .db
        .store
        .bookings_mut()
        .reschedule_booking(&ctx, id, 0, at, None, "customer asked")
        .expect("moved");
    assert_eq!(moved.start, "2026-11-22T15:30:00+07:00");
    assert!(moved.history.iter().any(|h| matches!(
        &h.change,
        BookingChange::Rescheduled { note, .. } if note == "customer asked"
    )));
    // The old slot is free again; a started booking cannot move.
    spa.book("2026-11-20T12:00", "2026-11-21T09:30")
        .expect("old slot free");
    spa.step("2026-11-21T13:55", blocker.id, BookingMove::CheckIn)
        .expect("in");
    let blocker_id = blocker.id;
    spa.refused("invalid_transition", |s| {
        let ctx = s.ctx_at("2026-11-21T13:56");
        let at = s.at("2026-11-23T09:30");
        s.db.store
            .bookings_mut()
            .reschedule_booking(&ctx, blocker_id, 0, at, None, "")
    });
}

#[test]
fn slots_follow_bookings_leave_and_the_calendar_settings() {
    let mut spa = spa();
    let now = spa.at("2026-11-20T10:00");
    let day = parse_date("2026-11-21").expect("date");
    let starts = |spa: &Spa| -> Vec<String> {
        spa.db
            .store
            .schedule()
            .slots(now, &spa.service, day, day, None)
            .expect("slots")
            .into_iter()
            .map(|s| s.start[11..16].to_owned())
            .collect()
    };
    assert_eq!(
        starts(&spa),
        [
            "08:00", "09:30", "11:00", "12:30", "14:00", "15:30", "17:00", "18:30"
        ]
    );
    spa.book("2026-11-20T10:00", "2026-11-21T09:30")
        .expect("booked");
    assert!(!starts(&spa).contains(&"09:30".to_owned()));
    let ctx = spa.ctx_at("2026-11-20T10:00");
    let therapist = spa.therapist.clone();
    spa.db
        .store
        .schedule_mut()
        .add_shift_exception(
            &ctx,
            &therapist,
            day,
            ShiftChange::Leave,
            Some(span("14:00", "20:00")),
            "đi khám bệnh",
        )
        .expect("leave");
    assert_eq!(starts(&spa), ["08:00", "11:00", "12:30"]);
    let before = parse_date("2026-11-20").expect("date");
    spa.refused("end_before_start", |s| {
        s.db.store
            .schedule()
            .slots(now, &s.service, day, before, None)
    });
    spa.refused("not_found", |s| {
        let therapist = s.therapist.clone();
        s.db.store.schedule_mut().remove_shift_exception(
            &ctx,
            &therapist,
            caredesk_domain::ShiftExceptionId::new(),
        )
    });
    spa.refused("invalid_hours", |s| {
        let therapist = s.therapist.clone();
        s.db.store.schedule_mut().add_shift_exception(
            &ctx,
            &therapist,
            day,
            ShiftChange::Extra,
            None,
            "",
        )
    });
    // A 60-minute grid.
    let calendar = CalendarSettings {
        slot_minutes: 60,
        ..spa.db.store.schedule().calendar().expect("calendar")
    };
    spa.db
        .store
        .schedule_mut()
        .set_calendar(&ctx, calendar)
        .expect("settings");
    assert_eq!(starts(&spa), ["08:00", "11:00", "12:00"]);
    // Bad settings are refused.
    spa.refused("invalid_settings", |s| {
        let bad = CalendarSettings {
            align_minutes: 7,
            ..CalendarSettings::default()
        };
        s.db.store.schedule_mut().set_calendar(&ctx, bad)
    });
}

#[test]
fn an_incomplete_profile_is_refused_when_the_business_requires_it() {
    let mut spa = spa();
    let ctx = spa.ctx_at("2026-11-20T10:00");
    let calendar = CalendarSettings {
        required_profile: vec![ProfileField::Address],
        ..CalendarSettings::default()
    };
    spa.db
        .store
        .schedule_mut()
        .set_calendar(&ctx, calendar)
        .expect("settings");
    spa.refused("profile_incomplete", |s| {
        s.book("2026-11-20T10:00", "2026-11-21T09:30")
    });
}

#[test]
fn rooms_limit_how_many_can_be_served_at_once() {
    let mut spa = spa();
    let ctx = spa.ctx_at("2026-11-20T10:00");
    let room = spa
        .db
        .store
        .catalog_mut()
        .add_room(&ctx, "Phòng VIP", 1)
        .expect("room");
    let facial = spa
        .db
        .store
        .catalog_mut()
        .add_service(
            &ctx,
            NewService {
                name: "Chăm sóc da mặt".into(),
                minutes: 60,
                buffer_minutes: 0,
                price: 300_000,
                rooms: vec![room.id.to_string()],
                ..NewService::default()
            },
        )
        .expect("service");
    let second = spa
        .db
        .store
        .add_staff(
            &ctx,
            NewStaff {
                name: "Thu".into(),
                role: Role::Therapist,
                pin: None,
            },
        )
        .expect("staff");
    for who in [spa.therapist.clone(), second.id.to_string()] {
        spa.db
            .store
            .schedule_mut()
            .set_staff_services(&ctx, &who, &[spa.service.clone(), facial.id.to_string()])
            .expect("services");
        for day in WEEK {
            spa.db
                .store
                .schedule_mut()
                .set_staff_hours(&ctx, &who, day, vec![span("08:00", "20:00")])
                .expect("hours");
        }
    }
    let mut request = spa.request("2026-11-21T09:00");
    request.items[0].service = facial.id.to_string();
    let first = spa
        .db
        .store
        .bookings_mut()
        .add_booking(&ctx, request.clone())
        .expect("booked");
    assert_eq!(first.items[0].room, Some(room.id));
    request.items[0].staff = second.id.to_string();
    spa.refused("room_full", |s| {
        s.db.store.bookings_mut().add_booking(&ctx, request.clone())
    });
}

#[test]
fn the_day_sheet_and_ics_show_the_therapists_day() {
    let mut spa = spa();
    spa.book("2026-11-20T10:00", "2026-11-21T09:30")
        .expect("booked");
    let sheet = spa
        .db
        .store
        .bookings()
        .day_sheet(parse_date("2026-11-21").expect("date"))
        .expect("sheet");
    let mai = sheet
        .staff
        .iter()
        .find(|s| s.name == "Mai")
        .expect("Mai's column");
    assert_eq!(mai.hours, ["08:00-20:00"]);
    assert_eq!(mai.bookings.len(), 1);
    assert_eq!(mai.bookings[0].customer_name, "Nguyễn Văn An");
    let ics = spa
        .db
        .store
        .bookings()
        .staff_ics(
            "Mai",
            parse_date("2026-11-21").expect("date"),
            parse_date("2026-11-30").expect("date"),
            spa.at("2026-11-20T10:00"),
        )
        .expect("ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("DTSTART:20261121T023000Z\r\n"));
    assert!(ics.contains("SUMMARY:Massage body - Nguyễn Văn An\r\n"));
}

#[test]
fn twenty_threads_booking_the_same_slot_one_succeeds() {
    let spa = spa();
    let path = spa.db.path.clone();
    let request = spa.request("2026-11-21T09:30");
    let now = spa.at("2026-11-20T10:00");
    // Keep the temp dir; close this connection so the threads start equal.
    let common::TestDb {
        dir: _dir, store, ..
    } = spa.db;
    drop(store);
    let barrier = Arc::new(Barrier::new(20));
    let threads: Vec<_> = (0..20)
        .map(|_| {
            let (path, request, barrier) = (path.clone(), request.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut store = Store::open(&path).expect("open");
                let ctx = store.context(Some(now)).expect("ctx");
                barrier.wait();
                store
                    .bookings_mut()
                    .add_booking(&ctx, request)
                    .map_err(|e| e.code())
            })
        })
        .collect();
    let results: Vec<_> = threads
        .into_iter()
        .map(|t| t.join().expect("thread"))
        .collect();
    let booked = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(booked, 1, "{results:?}");
    assert!(
        results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .all(|code| *code == "double_booking"),
        "{results:?}"
    );
    let store = Store::open(&path).expect("open");
    assert_eq!(
        store
            .bookings()
            .day_sheet(parse_date("2026-11-21").expect("date"))
            .expect("sheet")
            .staff
            .iter()
            .map(|s| s.bookings.len())
            .sum::<usize>(),
        1
    );
}
