//! The calendar's commands on a real database file, with the clock fixed at
//! 10:00 on Saturday 21 November 2026 (Ho Chi Minh City).

use caredesk_domain::booking::BookingStatus;
use caredesk_domain::hours::Span;
use caredesk_store::{NewCustomer, NewService, WEEK};

use super::*;
use crate::booking_input::BookingAction;
use crate::database;

const NOW: &str = "2026-11-21T10:00";

struct Desk {
    _dir: tempfile::TempDir,
    store: Store,
    ctx: Ctx,
    customer: String,
    massage: String,
    facial: String,
    minh: String,
}

/// The demo staff; Minh does massages and Hoa facials, 09:00-18:00 every day.
fn desk() -> Desk {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store =
        database::create_with_demo_staff(&dir.path().join("caredesk.db")).expect("created");
    let now = store.local_time(NOW).expect("now");
    let owner = store.context(Some(now)).expect("owner");
    let mut service = |name: &str| {
        store
            .add_service(
                &owner,
                NewService {
                    name: name.into(),
                    minutes: 60,
                    buffer_minutes: 30,
                    price: 450_000,
                    ..NewService::default()
                },
            )
            .expect(name)
            .id
            .to_string()
    };
    let massage = service("Massage body");
    let facial = service("Chăm sóc da mặt");
    for (who, what) in [("Minh", &massage), ("Hoa", &facial)] {
        store
            .set_staff_services(&owner, who, std::slice::from_ref(what))
            .expect("services");
        let day = vec![Span::parse("09:00", "18:00").expect("span")];
        let week: Vec<_> = WEEK.iter().map(|d| (*d, day.clone())).collect();
        store.set_staff_week(&owner, who, &week).expect("hours");
    }
    let customer = store
        .add_customer(
            &owner,
            NewCustomer {
                name: "Trịnh Kim Chi".into(),
                phone: "0933 456 789".into(),
                ..Default::default()
            },
        )
        .expect("customer")
        .id
        .to_string();
    let lan = store.sign_in("Lan", "1111", now).expect("Lan");
    let minh = store.staff_member("Minh").expect("Minh").id.to_string();
    Desk {
        _dir: dir,
        store,
        ctx: lan,
        customer,
        massage,
        facial,
        minh,
    }
}

impl Desk {
    fn input(&self, service: &str, start: &str) -> BookingInput {
        BookingInput {
            customer: self.customer.clone(),
            service: service.to_owned(),
            staff: self.minh.clone(),
            start: start.to_owned(),
            treatment: None,
            source: None,
            notes: None,
        }
    }

    fn book(&mut self, start: &str) -> Result<BookingView, IpcError> {
        let input = self.input(&self.massage.clone(), start);
        book(&mut self.store, &self.ctx, input)
    }

    fn day(&self, date: &str) -> CalendarView {
        days(&self.store, &self.ctx, parse_date(date).expect("date"), 1).expect("day")
    }

    fn moved(
        &mut self,
        booking: &BookingView,
        start: &str,
        staff: Option<&str>,
    ) -> Result<BookingView, IpcError> {
        let input = RescheduleInput {
            booking: booking.id.to_string(),
            item: None,
            start: start.to_owned(),
            staff: staff.map(str::to_owned),
        };
        reschedule(&mut self.store, &self.ctx, input)
    }
}

/// Minh's column of a day: (start, status) of each booking.
fn minh_column(view: &CalendarView) -> Vec<(String, BookingStatus)> {
    let column = view.days[0]
        .staff
        .iter()
        .find(|c| c.name == "Minh")
        .expect("Minh has a column");
    column
        .bookings
        .iter()
        .map(|b| (b.start.clone(), b.status))
        .collect()
}

#[test]
fn a_day_shows_each_serving_staff_member_with_hours_the_grid_and_the_clock() {
    let desk = desk();
    let view = desk.day("2026-11-22");
    assert_eq!(view.today, "2026-11-21");
    assert_eq!(view.now, "2026-11-21T10:00:00+07:00");
    assert_eq!(
        (view.grid.slot_minutes, view.grid.align_minutes),
        (90, 30),
        "the store's default calendar"
    );
    assert_eq!(view.days.len(), 1);
    let day = &view.days[0];
    assert_eq!(day.date, "2026-11-22");
    assert_eq!(day.opening, ["08:00-20:00"]);
    let columns: Vec<(&str, &[String])> = day
        .staff
        .iter()
        .map(|c| (c.name.as_str(), c.hours.as_slice()))
        .collect();
    let hours = ["09:00-18:00".to_owned()];
    assert_eq!(
        columns,
        [("Hoa", &hours[..]), ("Minh", &hours[..])],
        "Lan and Tuấn perform nothing: no column"
    );
}

#[test]
fn a_week_runs_monday_to_sunday_around_the_date_asked() {
    let desk = desk();
    let saturday = parse_date("2026-11-21").expect("date");
    let view = days(
        &desk.store,
        &desk.ctx,
        monday_of(saturday).expect("monday"),
        7,
    )
    .expect("week");
    let dates: Vec<&str> = view.days.iter().map(|d| d.date.as_str()).collect();
    assert_eq!(
        dates,
        [
            "2026-11-16",
            "2026-11-17",
            "2026-11-18",
            "2026-11-19",
            "2026-11-20",
            "2026-11-21",
            "2026-11-22"
        ]
    );
    let monday = parse_date("2026-11-16").expect("date");
    assert_eq!(monday_of(monday).expect("itself"), monday);
}

#[test]
fn a_booking_shows_in_its_column_moves_by_time_and_staff_and_goes_through_its_day() {
    let mut desk = desk();
    let booked = desk.book("2026-11-22T10:00").expect("booked");
    assert_eq!(booked.status, BookingStatus::Confirmed);
    assert_eq!(booked.start, "2026-11-22T10:00:00+07:00");
    assert_eq!(
        minh_column(&desk.day("2026-11-22")),
        [(
            "2026-11-22T10:00:00+07:00".to_owned(),
            BookingStatus::Confirmed
        )]
    );

    let moved = desk
        .moved(&booked, "2026-11-22T14:30", None)
        .expect("moved");
    assert_eq!(moved.start, "2026-11-22T14:30:00+07:00");
    assert_eq!(moved.end, "2026-11-22T15:30:00+07:00", "the length is kept");
    assert_eq!(
        minh_column(&desk.day("2026-11-22")),
        [(
            "2026-11-22T14:30:00+07:00".to_owned(),
            BookingStatus::Confirmed
        )]
    );

    for (action, status) in [
        (BookingAction::CheckIn, BookingStatus::CheckedIn),
        (BookingAction::Complete, BookingStatus::Completed),
    ] {
        let view = desk
            .store
            .move_booking(&desk.ctx, moved.id, action.into(), "")
            .expect("moved on");
        assert_eq!(view.status, status);
    }
    assert_eq!(
        minh_column(&desk.day("2026-11-22"))[0].1,
        BookingStatus::Completed
    );
}

#[test]
fn bookings_outside_hours_on_top_of_another_or_in_the_past_are_refused() {
    let mut desk = desk();
    desk.book("2026-11-22T10:00").expect("booked");
    let before = desk.day("2026-11-22");

    for (start, code) in [
        ("2026-11-22T07:30", "outside_hours"),
        ("2026-11-22T17:30", "outside_hours"),
        ("2026-11-22T10:30", "double_booking"),
        ("2026-11-20T10:00", "in_the_past"),
        ("2026-11-21T10:30", "too_soon"),
        ("22/11/2026 10:00", "invalid_time"),
    ] {
        let refused = desk.book(start).expect_err(start);
        assert_eq!(refused.code, code, "{start}: {}", refused.message);
    }
    let facial = desk.input(&desk.facial.clone(), "2026-11-22T12:00");
    let refused = book(&mut desk.store, &desk.ctx, facial).expect_err("Minh does no facials");
    assert_eq!(refused.code, "staff_does_not_perform");
    assert_eq!(desk.day("2026-11-22"), before, "nothing was written");
}

#[test]
fn a_refused_reschedule_leaves_the_booking_where_it_was() {
    let mut desk = desk();
    let first = desk.book("2026-11-22T10:00").expect("first");
    let second = desk.book("2026-11-22T13:00").expect("second");
    let before = desk.day("2026-11-22");

    let hoa = desk.store.staff_member("Hoa").expect("Hoa").id.to_string();
    for (start, staff, code) in [
        ("2026-11-22T11:00", None, "double_booking"),
        ("2026-11-22T17:00", None, "outside_hours"),
        ("2026-11-21T08:00", None, "in_the_past"),
        (
            "2026-11-22T15:00",
            Some(hoa.as_str()),
            "staff_does_not_perform",
        ),
        ("2026-11-22T15:00", Some("Nobody"), "not_found"),
    ] {
        let refused = desk.moved(&second, start, staff).expect_err(start);
        assert_eq!(refused.code, code, "{start}: {}", refused.message);
    }
    assert_eq!(desk.day("2026-11-22"), before, "nothing moved");

    // Once completed it stays where it happened.
    for action in [BookingAction::CheckIn, BookingAction::Complete] {
        desk.store
            .move_booking(&desk.ctx, first.id, action.into(), "")
            .expect("moved on");
    }
    let refused = desk
        .moved(&first, "2026-11-22T15:00", None)
        .expect_err("completed");
    assert_eq!(refused.code, "invalid_transition");
    let bad = RescheduleInput {
        booking: "B-1".into(),
        item: None,
        start: "2026-11-22T15:00".into(),
        staff: None,
    };
    let refused = reschedule(&mut desk.store, &desk.ctx, bad).expect_err("bad id");
    assert_eq!(refused.code, "invalid_id");
}

#[test]
fn the_life_cycle_refuses_a_no_show_before_the_start_and_a_second_cancellation() {
    let mut desk = desk();
    let booked = desk.book("2026-11-22T10:00").expect("booked");
    let early = desk
        .store
        .move_booking(&desk.ctx, booked.id, BookingAction::NoShow.into(), "")
        .map_err(IpcError::from)
        .expect_err("not yet started");
    assert_eq!(early.code, "too_early");
    let cancelled = desk
        .store
        .move_booking(&desk.ctx, booked.id, BookingAction::Cancel.into(), "")
        .expect("cancelled");
    assert_eq!(
        cancelled.status,
        BookingStatus::Cancelled,
        "a day ahead: free"
    );
    let again = desk
        .store
        .move_booking(&desk.ctx, booked.id, BookingAction::CheckIn.into(), "")
        .map_err(IpcError::from)
        .expect_err("cancelled already");
    assert_eq!(again.code, "invalid_transition");
    // The cancelled booking frees its time for another.
    desk.book("2026-11-22T10:00")
        .expect("the slot is free again");
}
