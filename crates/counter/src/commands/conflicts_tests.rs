//! Two counters give Minh's 10:00 tomorrow to two customers while offline;
//! after they exchange ops the inbox names both bookings, and cancelling
//! one resolves the conflict. Two counters settle the same complaint: the
//! inbox takes back the later compensation, and adjusts a staff member's
//! pay, each with a manager's PIN.

use caredesk_domain::booking::BookingSource;
use caredesk_domain::hours::{Span, instant};
use caredesk_store::{NewBooking, NewCustomer, NewItem, NewService, OpFilter, Store, WEEK};
use jiff::civil::time;
use jiff::tz::TimeZone;

use super::*;
use crate::booking_input::BookingAction;
use crate::commands::calendar::{StatusChange, move_status};
use crate::commands::test_counter::{Counter, signed_in, staff};

/// The inbox's "cancel": the calendar's command with a note.
fn cancel(
    session: &mut Session,
    now: Timestamp,
    booking: &str,
    note: &str,
) -> Result<caredesk_store::BookingView, IpcError> {
    let asked = StatusChange {
        booking,
        action: BookingAction::Cancel,
        note,
    };
    move_status(session, now, asked, None)
}

fn all_ops(store: &Store) -> Vec<caredesk_domain::op::Op> {
    store
        .ops(&OpFilter::default())
        .expect("ops")
        .into_iter()
        .map(|logged| logged.op)
        .collect()
}

/// The counter with a double booking of Minh, and the two bookings' ids.
fn double_booked() -> (Counter, Vec<String>) {
    let mut counter = signed_in("Lan", "1111");
    let now = Timestamp::now();
    let (store, ctx) = counter.session.acting(now).expect("Lan");
    let owner = store.context(Some(now)).expect("owner");
    let service = store
        .catalog_mut()
        .add_service(
            &owner,
            NewService {
                name: "Massage body".into(),
                minutes: 60,
                price: 450_000,
                ..NewService::default()
            },
        )
        .expect("service")
        .id
        .to_string();
    store
        .schedule_mut()
        .set_staff_services(&owner, "Minh", std::slice::from_ref(&service))
        .expect("Minh does massages");
    for day in WEEK {
        let hours = vec![Span::parse("08:00", "20:00").expect("span")];
        store
            .schedule_mut()
            .set_staff_hours(&owner, "Minh", day, hours)
            .expect("hours");
    }
    let customer = |store: &mut Store, name: &str, phone: &str| {
        let input = NewCustomer {
            name: name.into(),
            phone: phone.into(),
            ..NewCustomer::default()
        };
        store
            .customers_mut()
            .add_customer(&ctx, input)
            .expect("customer")
            .id
            .to_string()
    };
    let an = customer(store, "Nguyễn Văn An", "0912 345 678");
    let bich = customer(store, "Trần Thị Bích", "0983 111 222");

    let dir = tempfile::tempdir().expect("temp dir");
    let other_path = dir.path().join("other.db");
    let mut other = Store::join(&other_path, Some("B2M".to_owned())).expect("joined");
    other
        .receive(&all_ops(store))
        .expect("the other counter takes the business");
    let mut other = Store::open(&other_path).expect("reopened");

    let zone = TimeZone::get("Asia/Ho_Chi_Minh").expect("zone");
    let tomorrow = store.treatments().today(&ctx).tomorrow().expect("tomorrow");
    let ten = instant(tomorrow, time(10, 0, 0, 0), &zone);
    let booking = |customer: &str| NewBooking {
        customer: customer.to_owned(),
        items: vec![NewItem {
            service: service.clone(),
            staff: "Minh".into(),
            start: ten,
            end: None,
            room: None,
            treatment: None,
        }],
        source: BookingSource::Phone,
        notes: String::new(),
    };
    let here = store
        .bookings_mut()
        .add_booking(&ctx, booking(&an))
        .expect("booked here");
    let other_ctx = other.context(Some(now)).expect("owner there");
    let there = other
        .bookings_mut()
        .add_booking(&other_ctx, booking(&bich))
        .expect("booked there");
    store.receive(&all_ops(&other)).expect("sync");
    drop(dir);
    (counter, vec![here.id.to_string(), there.id.to_string()])
}

#[test]
fn the_inbox_names_both_bookings_and_cancelling_one_resolves_it() {
    let (mut counter, ids) = double_booked();
    let now = Timestamp::now();
    let conflicts = counter.session.store().conflicts().expect("conflicts");
    assert_eq!(conflicts.len(), 1);
    let conflict = conflicts[0].id.to_string();

    let named = bookings(&mut counter.session, now, &conflict).expect("bookings");
    let mut named: Vec<String> = named.iter().map(|b| b.id.to_string()).collect();
    named.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(named, expected);

    let cancelled = cancel(&mut counter.session, now, &ids[1], "trùng lịch").expect("cancelled");
    assert_eq!(cancelled.status.as_str(), "CANCELLED");
    assert!(
        counter
            .session
            .store()
            .conflicts()
            .expect("conflicts")
            .is_empty()
    );
    let gone = bookings(&mut counter.session, now, &conflict).expect_err("resolved");
    assert_eq!(gone.code, "not_found");
}

#[test]
fn ids_that_are_not_uuids_and_a_signed_out_counter_are_refused() {
    let (mut counter, ids) = double_booked();
    let now = Timestamp::now();
    assert_eq!(
        bookings(&mut counter.session, now, "x")
            .expect_err("id")
            .code,
        "invalid_id"
    );
    assert_eq!(
        cancel(&mut counter.session, now, "x", "")
            .expect_err("id")
            .code,
        "invalid_id"
    );
    counter.session.sign_out();
    let refused = cancel(&mut counter.session, now, &ids[0], "").expect_err("signed out");
    assert_eq!(refused.code, "signed_out");
    assert_eq!(
        counter
            .session
            .store()
            .conflicts()
            .expect("conflicts")
            .len(),
        1
    );
}

/// A complaint of Chi's settled with 100.000 of credit on this counter and
/// on another one offline: after they exchange ops the inbox lists the
/// ticket resolved twice. The ticket's code.
fn resolved_twice(counter: &mut Counter) -> String {
    use caredesk_store::{NewTicket, Resolution};
    let now = Timestamp::now();
    let customer = counter.customer_at(now);
    let (store, _) = counter.session.acting(now).expect("Lan");
    let owner = store.context(Some(now)).expect("owner");
    let ticket = store
        .tickets_mut()
        .open_ticket(
            &owner,
            NewTicket {
                customer,
                kind: "complaint".into(),
                subject: "Khăn chưa sạch".into(),
                ..NewTicket::default()
            },
        )
        .expect("opened")
        .code;
    let dir = tempfile::tempdir().expect("temp dir");
    let other_path = dir.path().join("other.db");
    let mut other = Store::join(&other_path, Some("B2M".to_owned())).expect("joined");
    other.receive(&all_ops(store)).expect("the business");
    let mut other = Store::open(&other_path).expect("reopened");
    let credit = || Resolution {
        credit: Some(100_000),
        ..Resolution::default()
    };
    store
        .tickets_mut()
        .resolve_ticket(&owner, &ticket, credit())
        .expect("resolved here");
    let there = other.context(Some(now)).expect("owner there");
    other
        .tickets_mut()
        .resolve_ticket(&there, &ticket, credit())
        .expect("resolved there");
    store.receive(&all_ops(&other)).expect("sync");
    ticket
}

#[test]
fn the_later_compensation_is_taken_back_with_a_managers_pin() {
    let mut counter = signed_in("Lan", "1111");
    let ticket = resolved_twice(&mut counter);
    let kinds = |counter: &Counter| -> Vec<String> {
        let conflicts = counter.session.store().conflicts().expect("conflicts");
        conflicts.iter().map(|c| c.kind.code().to_owned()).collect()
    };
    assert_eq!(kinds(&counter), ["ticket_resolved_twice"]);
    let now = Timestamp::now();
    let ops = all_ops(counter.session.store()).len();

    // Lan alone, or with a wrong PIN: refused, nothing written.
    let alone = reverse(&mut counter.session, now, (&ticket, "trùng"), None);
    assert_eq!(alone.expect_err("a manager's").code, "permission_denied");
    let wrong = counter.approval("Tuấn", "0000");
    let refused = reverse(&mut counter.session, now, (&ticket, "trùng"), Some(&wrong));
    assert_eq!(refused.expect_err("wrong PIN").code, "wrong_pin");
    assert_eq!(all_ops(counter.session.store()).len(), ops);

    let approved = counter.approval("Tuấn", "3333");
    let reversed = reverse(
        &mut counter.session,
        now,
        (&ticket, "trùng"),
        Some(&approved),
    )
    .expect("taken back");
    assert!(
        reversed.history.iter().any(|step| matches!(
            step.change,
            caredesk_domain::ticket::TicketChange::Reversed { .. }
        )),
        "{:?}",
        reversed.history
    );
    assert!(kinds(&counter).is_empty());
    let again = reverse(
        &mut counter.session,
        now,
        (&ticket, "trùng"),
        Some(&approved),
    );
    assert_eq!(again.expect_err("once").code, "nothing_to_reverse");
}

#[test]
fn pay_is_adjusted_with_a_managers_pin_and_a_note() {
    let mut counter = signed_in("Lan", "1111");
    let now = Timestamp::now();
    let ops = all_ops(counter.session.store()).len();
    let alone = adjust(&mut counter.session, now, ("Minh", 40_000, "trả dư"), None);
    assert_eq!(alone.expect_err("a manager's").code, "permission_denied");
    let approved = counter.approval("Tuấn", "3333");
    let no_note = adjust(
        &mut counter.session,
        now,
        ("Minh", 40_000, " "),
        Some(&approved),
    );
    assert_eq!(no_note.expect_err("a note").code, "empty_field");
    // A deduction beyond what Minh is owed (nothing yet).
    let beyond = adjust(
        &mut counter.session,
        now,
        ("Minh", -1, "phạt"),
        Some(&approved),
    );
    assert_eq!(
        beyond.expect_err("owed nothing").code,
        "payout_above_balance"
    );
    assert_eq!(all_ops(counter.session.store()).len(), ops);

    let pay = adjust(
        &mut counter.session,
        now,
        ("Minh", 40_000, "hai quầy cùng trả: tính vào lương"),
        Some(&approved),
    )
    .expect("adjusted");
    assert_eq!((pay.adjusted, pay.balance), (40_000, 40_000));
    let last = all_ops(counter.session.store()).pop().expect("op");
    assert_eq!(last.kind, "staff.pay_adjusted");
    assert_eq!(last.approver, Some(staff(&counter.session, "Tuấn")));
}
