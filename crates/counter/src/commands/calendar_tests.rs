//! The calendar's commands on a real database file, with the clock fixed at
//! 10:00 on Saturday 21 November 2026 (Ho Chi Minh City).

use caredesk_domain::booking::BookingStatus;
use caredesk_domain::hours::Span;
use caredesk_store::{NewService, WEEK};

use super::*;
use crate::booking_input::BookingAction;
use crate::commands::test_counter::{Counter, signed_in, staff, tuan};

const NOW: &str = "2026-11-21T10:00";

struct Desk {
    counter: Counter,
    now: Timestamp,
    customer: String,
    massage: String,
    facial: String,
    minh: String,
}

/// The demo staff, Lan signed in; Minh does massages and Hoa facials,
/// 09:00-18:00 every day.
fn desk() -> Desk {
    let mut counter = signed_in("Lan", "1111");
    let now = counter.session.store().local_time(NOW).expect("now");
    // Lan steps up again at the desk's own clock.
    let lan = staff(&counter.session, "Lan");
    counter.session.sign_in(lan, "1111", now).expect("Lan");
    let (store, _) = counter.session.acting(now).expect("Lan");
    let owner = store.context(Some(now)).expect("owner");
    let mut service = |name: &str| {
        store
            .catalog_mut()
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
            .schedule_mut()
            .set_staff_services(&owner, who, std::slice::from_ref(what))
            .expect("services");
        let day = vec![Span::parse("09:00", "18:00").expect("span")];
        let week: Vec<_> = WEEK.iter().map(|d| (*d, day.clone())).collect();
        store
            .schedule_mut()
            .set_staff_week(&owner, who, &week)
            .expect("hours");
    }
    let minh = store.staff_member("Minh").expect("Minh").id.to_string();
    let customer = counter.customer_at(now);
    Desk {
        counter,
        now,
        customer,
        massage,
        facial,
        minh,
    }
}

impl Desk {
    /// The store and Lan's context at the desk's time.
    fn acting(&mut self) -> (&mut Store, Ctx) {
        self.counter.session.acting(self.now).expect("Lan")
    }

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
        self.book_input(input)
    }

    fn book_input(&mut self, input: BookingInput) -> Result<BookingView, IpcError> {
        let (store, ctx) = self.acting();
        book(store, &ctx, input)
    }

    fn day(&mut self, date: &str) -> CalendarView {
        self.days(parse_date(date).expect("date"), 1)
    }

    fn days(&mut self, from: Date, count: i16) -> CalendarView {
        let (store, ctx) = self.acting();
        days(store, &ctx, from, count).expect("days")
    }

    fn moved(
        &mut self,
        booking: &BookingView,
        start: &str,
        staff: Option<&str>,
    ) -> Result<BookingView, IpcError> {
        self.reschedule(RescheduleInput {
            booking: booking.id.to_string(),
            item: None,
            start: start.to_owned(),
            staff: staff.map(str::to_owned),
        })
    }

    fn reschedule(&mut self, input: RescheduleInput) -> Result<BookingView, IpcError> {
        let (store, ctx) = self.acting();
        reschedule(store, &ctx, input)
    }

    /// `booking_status` as Lan, with a manager's approval if given.
    fn status(
        &mut self,
        booking: &BookingView,
        action: BookingAction,
        approval: Option<&crate::approval::Approval>,
    ) -> Result<BookingView, IpcError> {
        let id = booking.id.to_string();
        let asked = StatusChange {
            booking: &id,
            action,
            note: "",
        };
        move_status(&mut self.counter.session, self.now, asked, approval)
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
    let mut desk = desk();
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
    let mut desk = desk();
    let saturday = parse_date("2026-11-21").expect("date");
    let view = desk.days(monday_of(saturday).expect("monday"), 7);
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
        let view = desk.status(&moved, action, None).expect("moved on");
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
    let refused = desk.book_input(facial).expect_err("Minh does no facials");
    assert_eq!(refused.code, "staff_does_not_perform");
    assert_eq!(desk.day("2026-11-22"), before, "nothing was written");
}

#[test]
fn a_refused_reschedule_leaves_the_booking_where_it_was() {
    let mut desk = desk();
    let first = desk.book("2026-11-22T10:00").expect("first");
    let second = desk.book("2026-11-22T13:00").expect("second");
    let before = desk.day("2026-11-22");

    let hoa = staff(&desk.counter.session, "Hoa").to_string();
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
        desk.status(&first, action, None).expect("moved on");
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
    let refused = desk.reschedule(bad).expect_err("bad id");
    assert_eq!(refused.code, "invalid_id");
}

#[test]
fn the_life_cycle_refuses_a_no_show_before_the_start_and_a_second_cancellation() {
    let mut desk = desk();
    let booked = desk.book("2026-11-22T10:00").expect("booked");
    let early = desk
        .status(&booked, BookingAction::NoShow, None)
        .expect_err("not yet started");
    assert_eq!(early.code, "too_early");
    let cancelled = desk
        .status(&booked, BookingAction::Cancel, None)
        .expect("cancelled");
    assert_eq!(
        cancelled.status,
        BookingStatus::Cancelled,
        "a day ahead: free"
    );
    let again = desk
        .status(&booked, BookingAction::CheckIn, None)
        .expect_err("cancelled already");
    assert_eq!(again.code, "invalid_transition");
    // The cancelled booking frees its time for another.
    desk.book("2026-11-22T10:00")
        .expect("the slot is free again");
}

#[test]
fn undoing_a_completion_is_a_manager_s_and_takes_their_pin_on_the_spot() {
    let mut desk = desk();
    let booked = desk.book("2026-11-22T10:00").expect("booked");
    for action in [BookingAction::CheckIn, BookingAction::Complete] {
        desk.status(&booked, action, None).expect("moved on");
    }
    let before = desk.counter.ops();

    let refused = desk
        .status(&booked, BookingAction::UndoCompletion, None)
        .expect_err("Lan alone");
    assert_eq!(refused.code, "permission_denied");
    assert_eq!(
        refused.details.get("action"),
        Some(&"undo_completion".into())
    );
    let wrong = tuan(&desk.counter.session, "0000");
    let refused = desk
        .status(&booked, BookingAction::UndoCompletion, Some(&wrong))
        .expect_err("wrong PIN");
    assert_eq!(refused.code, "wrong_pin");
    let minh = desk.counter.approval("Minh", "2222");
    let refused = desk
        .status(&booked, BookingAction::UndoCompletion, Some(&minh))
        .expect_err("a therapist may not approve");
    assert_eq!(refused.code, "cannot_approve");
    assert_eq!(desk.counter.ops(), before, "nothing written");

    let right = tuan(&desk.counter.session, "3333");
    let undone = desk
        .status(&booked, BookingAction::UndoCompletion, Some(&right))
        .expect("approved");
    assert_eq!(undone.status, BookingStatus::InProgress);
    assert_eq!(
        desk.counter.last_op_by(),
        ("Lan".to_owned(), Some("Tuấn".to_owned()))
    );
    let again = desk
        .status(&booked, BookingAction::UndoCompletion, Some(&right))
        .expect_err("not completed any more");
    assert_eq!(again.code, "invalid_transition");
}
