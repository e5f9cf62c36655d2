//! Two counters give Minh's 10:00 tomorrow to two customers while offline;
//! after they exchange ops the inbox names both bookings, and cancelling
//! one resolves the conflict.

use caredesk_domain::booking::BookingSource;
use caredesk_domain::hours::{Span, instant};
use caredesk_store::{NewBooking, NewCustomer, NewItem, NewService, OpFilter, Store, WEEK};
use jiff::civil::time;
use jiff::tz::TimeZone;

use super::*;
use crate::booking_input::BookingAction;
use crate::commands::calendar::{StatusChange, move_status};
use crate::commands::test_counter::{Counter, signed_in};

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
        .set_staff_services(&owner, "Minh", std::slice::from_ref(&service))
        .expect("Minh does massages");
    for day in WEEK {
        let hours = vec![Span::parse("08:00", "20:00").expect("span")];
        store
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
    let tomorrow = store.today(&ctx).tomorrow().expect("tomorrow");
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
    let here = store.add_booking(&ctx, booking(&an)).expect("booked here");
    let other_ctx = other.context(Some(now)).expect("owner there");
    let there = other
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
