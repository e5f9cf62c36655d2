//! Treatments (punch cards) on real database files: selling, the ledger
//! that bookings write (reserve, punch, return, forfeit), every refusal
//! naming the treatment and writing nothing, two threads after the last
//! session, extensions, and the daily expiry job.

mod common;

use std::sync::{Arc, Barrier};

use caredesk_domain::id::TreatmentId;
use caredesk_domain::treatment::{TreatmentChange, TreatmentStatus};
use caredesk_store::{BookingMove, NewBooking, Store, parse_date};
use common::spa::{NOW, spa};

#[test]
fn a_sold_card_is_reserved_punched_and_returned_through_its_bookings() {
    let mut spa = spa();
    let ctx = spa.ctx_at(NOW);
    let an = spa.an.clone();
    let card = spa
        .db
        .store
        .treatments_mut()
        .sell_treatment(&ctx, &an, "massage 10 buoi")
        .expect("sold by name");
    assert_eq!(
        (card.total, card.used, card.remaining, card.status),
        (10, 0, 10, TreatmentStatus::Active)
    );
    assert_eq!(card.sold_on, parse_date("2026-11-21").expect("date"));
    assert_eq!(card.expires_on, parse_date("2027-02-18").expect("date"));

    let first = spa.book(card.id, "2026-11-23T09:30").expect("booked");
    let second = spa.book(card.id, "2026-11-24T09:30").expect("booked");
    let third = spa.book(card.id, "2026-11-25T09:30").expect("booked");
    let fourth = spa.book(card.id, "2026-11-26T09:30").expect("booked");
    let now = spa.card(card.id, NOW);
    assert_eq!((now.reserved, now.available), (4, 6));

    // Completed: punched. Cancelled two days ahead: returned. Cancelled
    // 30 minutes before: forfeited. No-show: forfeited.
    spa.step("2026-11-23T09:00", first.id, BookingMove::CheckIn);
    spa.step("2026-11-23T09:30", first.id, BookingMove::Start);
    spa.step("2026-11-23T10:30", first.id, BookingMove::Complete);
    spa.step(NOW, second.id, BookingMove::Cancel);
    spa.step("2026-11-25T09:00", third.id, BookingMove::Cancel);
    spa.step("2026-11-26T10:00", fourth.id, BookingMove::NoShow);
    let now = spa.card(card.id, "2026-11-27T10:00");
    assert_eq!(
        (now.used, now.reserved, now.remaining, now.available),
        (3, 0, 7, 7)
    );
    let changes: Vec<&str> = now
        .history
        .iter()
        .map(|line| match line.change {
            TreatmentChange::Sold { .. } => "sold",
            TreatmentChange::Reserved { .. } => "reserved",
            TreatmentChange::Punched { .. } => "punched",
            TreatmentChange::Forfeited { .. } => "forfeited",
            TreatmentChange::Returned { .. } => "returned",
            _ => "other",
        })
        .collect();
    assert_eq!(
        changes,
        [
            "sold",
            "reserved",
            "reserved",
            "reserved",
            "reserved",
            "punched",
            "returned",
            "forfeited",
            "forfeited"
        ]
    );
    let punched = &now.history[5];
    let session = punched.session.as_ref().expect("a session line");
    assert_eq!(
        (session.service_name.as_str(), session.staff_name.as_str()),
        ("Massage body", "Mai")
    );
    assert!(session.start.starts_with("2026-11-23T09:30"));

    // A manager undoes the completion: the punch comes back, the booking
    // holds its session again.
    spa.step("2026-11-23T11:00", first.id, BookingMove::UndoCompletion);
    let now = spa.card(card.id, "2026-11-27T10:00");
    assert_eq!((now.used, now.reserved), (2, 1));
    let file = spa
        .db
        .store
        .customers()
        .customer_360(an.parse().expect("id"), &ctx)
        .expect("360");
    assert_eq!(file.treatments.len(), 1);
    assert_eq!(file.treatments[0].remaining, 8);
    spa.db.assert_folds_hold();
}

#[test]
fn a_treatment_that_cannot_pay_is_refused_by_name_and_nothing_is_written() {
    let mut spa = spa();
    let card = spa.sell(&spa.an.clone(), 1);
    let (an, bich, massage, hair) = (
        spa.an.clone(),
        spa.bich.clone(),
        spa.massage.clone(),
        spa.hair.clone(),
    );
    let ctx = spa.ctx_at(NOW);
    let other_customer = spa.request(&bich, &massage, "2026-11-23T09:30", card.id);
    let message = spa.refused("treatment_other_customer", |s| {
        s.db.store.bookings_mut().add_booking(&ctx, other_customer)
    });
    assert!(message.contains(&card.name), "{message}");
    let other_service = spa.request(&an, &hair, "2026-11-23T09:30", card.id);
    spa.refused("treatment_other_service", |s| {
        s.db.store.bookings_mut().add_booking(&ctx, other_service)
    });
    // Valid 30 days: the last day is 2026-12-20.
    let after = spa.request(&an, &massage, "2026-12-21T09:30", card.id);
    spa.refused("treatment_expires_before", |s| {
        s.db.store.bookings_mut().add_booking(&ctx, after)
    });
    // Nor can a booking on it be moved past the expiry.
    let booked = spa.book(card.id, "2026-12-20T09:30").expect("the last day");
    let past_expiry = spa.db.at("2026-12-21T09:30");
    spa.refused("treatment_expires_before", |s| {
        s.db.store
            .bookings_mut()
            .reschedule_booking(&ctx, booked.id, 0, past_expiry, None, "")
    });
    spa.step(NOW, booked.id, BookingMove::Cancel);
    let unknown = spa.request(&an, &massage, "2026-11-23T09:30", TreatmentId::new());
    spa.refused("not_found", |s| {
        s.db.store.bookings_mut().add_booking(&ctx, unknown)
    });
    spa.book(card.id, "2026-11-23T09:30")
        .expect("the one session");
    let message = spa.refused("treatment_exhausted", |s| {
        s.book(card.id, "2026-11-24T09:30")
    });
    assert!(message.contains("no session left"), "{message}");
    // Expired: booking on the last day, but asked the day after it.
    let later = spa.sell(&an, 3);
    let late_ctx = spa.ctx_at("2026-12-21T10:00");
    let request = spa.request(&an, &massage, "2026-12-22T09:30", later.id);
    spa.refused("treatment_expired", |s| {
        s.db.store.bookings_mut().add_booking(&late_ctx, request)
    });
    assert_eq!(
        spa.card(later.id, "2026-12-21T00:00").status,
        TreatmentStatus::Expired
    );
    // Two items of one booking on a card with one session left.
    let two = spa.sell(&an, 2);
    spa.book(two.id, "2026-11-27T09:30").expect("one of two");
    let mut both = spa.request(&an, &massage, "2026-11-28T09:30", two.id);
    let mut again = both.items[0].clone();
    again.start = spa.db.at("2026-11-28T11:00");
    both.items.push(again);
    spa.refused("treatment_exhausted", |s| {
        s.db.store.bookings_mut().add_booking(&ctx, both)
    });
}

#[test]
fn two_receptionists_booking_the_last_session_at_once_one_succeeds() {
    let mut spa = spa();
    let card = spa.sell(&spa.an.clone(), 1);
    let path = spa.db.path.clone();
    let now = spa.db.at(NOW);
    let requests: Vec<NewBooking> = ["2026-11-23T09:30", "2026-11-24T09:30"]
        .iter()
        .map(|start| spa.request(&spa.an, &spa.massage, start, card.id))
        .collect();
    let barrier = Arc::new(Barrier::new(requests.len()));
    let threads: Vec<_> = requests
        .into_iter()
        .map(|request| {
            let (path, barrier) = (path.clone(), Arc::clone(&barrier));
            std::thread::spawn(move || {
                let mut store = Store::open(&path).expect("own connection");
                let ctx = store.context(Some(now)).expect("context");
                barrier.wait();
                store.bookings_mut().add_booking(&ctx, request).map(|_| ())
            })
        })
        .collect();
    let results: Vec<_> = threads
        .into_iter()
        .map(|t| t.join().expect("thread"))
        .collect();
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    let refused = results
        .iter()
        .find_map(|r| r.as_ref().err())
        .expect("one refused");
    assert_eq!(refused.code(), "treatment_exhausted");
    let now = spa.card(card.id, NOW);
    assert_eq!((now.reserved, now.available), (1, 0));
}

#[test]
fn a_manager_extends_with_a_reason_and_the_daily_job_records_expiry_once() {
    let mut spa = spa();
    let card = spa.sell(&spa.an.clone(), 5);
    let desk = spa
        .db
        .store
        .context_as("Lan", Some(spa.db.at(NOW)))
        .expect("receptionist");
    let owner = spa.ctx_at(NOW);
    let later = parse_date("2027-01-31").expect("date");
    spa.refused("permission_denied", |s| {
        s.db.store
            .treatments_mut()
            .extend_treatment(&desk, card.id, later, "Khách ốm")
    });
    spa.refused("empty_field", |s| {
        s.db.store
            .treatments_mut()
            .extend_treatment(&owner, card.id, later, "  ")
    });
    let before_today = parse_date("2027-01-15").expect("date");
    let in_january = spa.ctx_at("2027-01-20T10:00");
    spa.refused("invalid_value", |s| {
        s.db.store
            .treatments_mut()
            .extend_treatment(&in_january, card.id, before_today, "Trễ")
    });
    let earlier = parse_date("2026-12-01").expect("date");
    spa.refused("invalid_value", |s| {
        s.db.store
            .treatments_mut()
            .extend_treatment(&owner, card.id, earlier, "Sửa")
    });
    let extended = spa
        .db
        .store
        .treatments_mut()
        .extend_treatment(&owner, card.id, later, "Khách ốm")
        .expect("extended");
    assert_eq!(extended.expires_on, later);
    assert!(extended.history.iter().any(|l| matches!(
        &l.change,
        TreatmentChange::Extended { reason, .. } if reason == "Khách ốm"
    )));

    // The job on 2027-02-01 records it; EXPIRED held before it ran.
    let short = spa.sell(&spa.an.clone(), 2);
    let job = spa.ctx_at("2027-02-01T00:05");
    assert_eq!(
        spa.card(card.id, "2027-02-01T00:05").status,
        TreatmentStatus::Expired
    );
    let recorded = spa
        .db
        .store
        .treatments_mut()
        .record_expiries(&job)
        .expect("job");
    assert_eq!(recorded.len(), 2);
    assert!(recorded.contains(&card.id) && recorded.contains(&short.id));
    assert!(
        spa.db
            .store
            .treatments_mut()
            .record_expiries(&job)
            .expect("job again")
            .is_empty(),
        "recorded once"
    );
    let expired = spa.card(card.id, "2027-02-01T00:05");
    assert!(
        expired
            .history
            .iter()
            .any(|l| matches!(l.change, TreatmentChange::Expired { sessions: 5, .. }))
    );
    spa.db.assert_folds_hold();
}
