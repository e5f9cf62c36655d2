//! What is due at a given moment (`Store::reminders`), on real database
//! files: bookings about to start, cards about to expire (by the business's
//! date, not UTC's), sync failing for 15 minutes, and conflicts from two
//! counters; each with a key that stays put while the same thing is due.

mod common;

use caredesk_domain::booking::BookingSource;
use caredesk_domain::id::BookingId;
use caredesk_store::{
    BookingMove, ConflictKind, NewBooking, NewItem, OpFilter, Reminder, ReminderSubject, Store,
    SyncLink, parse_date,
};
use common::spa::{NOW, Spa, spa};
use jiff::Timestamp;

fn due(spa: &Spa, local: &str) -> Vec<Reminder> {
    spa.db.store.reminders(spa.db.at(local)).expect("reminders")
}

fn keys(reminders: &[Reminder]) -> Vec<String> {
    reminders.iter().map(|r| r.key.clone()).collect()
}

/// An's massage at `start`: Mai, and Hoa too when `four_hands`.
fn book(spa: &mut Spa, start: &str, four_hands: bool) -> BookingId {
    let ctx = spa.ctx_at(NOW);
    let mut items = vec![NewItem {
        service: spa.massage.clone(),
        staff: "Mai".to_owned(),
        start: spa.db.at(start),
        end: None,
        room: None,
        treatment: None,
    }];
    if four_hands {
        items.push(NewItem {
            staff: "Hoa".to_owned(),
            ..items[0].clone()
        });
    }
    let request = NewBooking {
        customer: spa.an.clone(),
        items,
        source: BookingSource::Phone,
        notes: String::new(),
    };
    spa.db
        .store
        .bookings_mut()
        .add_booking(&ctx, request)
        .expect("booked")
        .id
}

#[test]
fn a_booking_is_due_in_the_ten_minutes_before_its_start() {
    let mut spa = spa();
    let booking = book(&mut spa, "2026-11-21T14:00", true);
    let start = spa.db.at("2026-11-21T14:00");

    assert!(due(&spa, "2026-11-21T13:49").is_empty());
    let at_ten = due(&spa, "2026-11-21T13:50");
    assert_eq!(keys(&at_ten), [format!("booking:{booking}:{start}")]);
    assert_eq!(
        at_ten[0].subject,
        ReminderSubject::BookingSoon {
            booking,
            customer: spa.an.parse().expect("id"),
            customer_name: "Nguyễn Văn An".to_owned(),
            start: "2026-11-21T14:00:00+07:00".to_owned(),
            services: vec!["Massage body".to_owned()],
            staff: vec!["Mai".to_owned(), "Hoa".to_owned()],
        }
    );
    // Checked in, she is still to be seen to at 14:00; the key is the same.
    spa.step("2026-11-21T13:55", booking, BookingMove::CheckIn);
    assert_eq!(keys(&due(&spa, "2026-11-21T14:00")), keys(&at_ten));
    assert!(due(&spa, "2026-11-21T14:01").is_empty(), "it has started");
    spa.step("2026-11-21T14:00", booking, BookingMove::Start);
    assert!(due(&spa, "2026-11-21T14:00").is_empty(), "in progress");
}

#[test]
fn cancelled_and_moved_bookings_follow_their_status_and_new_time() {
    let mut spa = spa();
    let kept = book(&mut spa, "2026-11-21T14:00", false);
    let cancelled = book(&mut spa, "2026-11-21T16:00", false);
    spa.step(NOW, cancelled, BookingMove::Cancel);
    assert!(due(&spa, "2026-11-21T15:55").is_empty(), "cancelled");

    let before = keys(&due(&spa, "2026-11-21T13:55"));
    let ctx = spa.ctx_at(NOW);
    let to = spa.db.at("2026-11-21T14:30");
    spa.db
        .store
        .bookings_mut()
        .reschedule_booking(&ctx, kept, 0, to, None, "")
        .expect("moved");
    assert!(due(&spa, "2026-11-21T13:55").is_empty());
    let after = keys(&due(&spa, "2026-11-21T14:25"));
    assert_eq!(after.len(), 1);
    assert_ne!(after, before, "a moved booking is reminded again");
}

#[test]
fn a_card_is_due_from_three_days_before_its_last_day_in_the_business_zone() {
    let mut spa = spa();
    let an = spa.an.clone();
    // Sold on 21 November for 30 days: its last day is 20 December.
    let card = spa.sell(&an, 2);
    assert_eq!(card.expires_on, parse_date("2026-12-20").expect("date"));

    assert!(due(&spa, "2026-12-16T23:30").is_empty(), "four days left");
    // 00:10 on the 17th in Saigon is still the 16th in UTC.
    let three_days = due(&spa, "2026-12-17T00:10");
    assert_eq!(
        keys(&three_days),
        [format!("treatment:{}:2026-12-20", card.id)]
    );
    let ReminderSubject::TreatmentExpiring {
        customer_name,
        name,
        expires_on,
        remaining,
        ..
    } = &three_days[0].subject
    else {
        panic!("{three_days:?}");
    };
    assert_eq!(customer_name, "Nguyễn Văn An");
    assert!(name.starts_with("Massage 2 buổi"), "{name}");
    assert_eq!(
        (expires_on.to_string().as_str(), *remaining),
        ("2026-12-20", 2)
    );
    assert_eq!(
        keys(&due(&spa, "2026-12-20T23:59")),
        keys(&three_days),
        "its last day"
    );
    assert!(due(&spa, "2026-12-21T00:00").is_empty(), "expired");

    // Extended: no longer due, and due again under a new key later.
    let ctx = spa.ctx_at("2026-12-17T09:00");
    spa.db
        .store
        .treatments_mut()
        .extend_treatment(&ctx, card.id, parse_date("2027-01-10").expect("date"), "ốm")
        .expect("extended");
    assert!(due(&spa, "2026-12-17T09:00").is_empty());
    assert_eq!(
        keys(&due(&spa, "2027-01-08T09:00")),
        [format!("treatment:{}:2027-01-10", card.id)]
    );
}

#[test]
fn a_card_with_every_session_used_is_not_due() {
    let mut spa = spa();
    let an = spa.an.clone();
    let card = spa.sell(&an, 1);
    let ctx = spa.ctx_at(NOW);
    let request = spa.request(&an, &spa.massage.clone(), "2026-11-23T09:30", card.id);
    let booking = spa
        .db
        .store
        .bookings_mut()
        .add_booking(&ctx, request)
        .expect("booked");
    spa.serve(booking.id, "2026-11-23T09:30", "2026-11-23T10:30");
    assert!(due(&spa, "2026-12-18T09:00").is_empty());
}

#[test]
fn sync_is_due_once_it_has_failed_for_fifteen_minutes() {
    let mut spa = spa();
    let store = &mut spa.db.store;
    let since: Timestamp = "2026-11-21T03:00:00Z".parse().expect("time");
    store
        .record_sync(since, Some("connection refused"))
        .expect("unpaired: nothing recorded");
    assert!(
        store
            .reminders(since + jiff::SignedDuration::from_hours(1))
            .expect("due")
            .is_empty()
    );

    let link = SyncLink {
        server: "http://127.0.0.1:9".to_owned(),
        token: "t".to_owned(),
        device: "d".to_owned(),
        tenant: "t".to_owned(),
        branch: "b".to_owned(),
    };
    let code = store.register_code().to_owned();
    store.record_pairing(&link, &code, since).expect("paired");
    store
        .record_sync(since, Some("connection refused"))
        .expect("failed");
    let minutes = |m: i64| since + jiff::SignedDuration::from_mins(m);
    store
        .record_sync(minutes(5), Some("timed out"))
        .expect("failed again");
    assert!(store.reminders(minutes(14)).expect("due").is_empty());
    let failing = store.reminders(minutes(15)).expect("due");
    assert_eq!(keys(&failing), ["sync:2026-11-21T03:00:00Z"]);
    assert_eq!(
        failing[0].subject,
        ReminderSubject::SyncFailing {
            since: "2026-11-21T10:00:00+07:00".to_owned(),
            last_error: Some("timed out".to_owned()),
        }
    );

    store.record_sync(minutes(20), None).expect("back");
    assert!(store.reminders(minutes(40)).expect("due").is_empty());
    store
        .record_sync(minutes(30), Some("refused"))
        .expect("down again");
    assert_eq!(
        keys(&store.reminders(minutes(45)).expect("due")),
        ["sync:2026-11-21T03:30:00Z"],
        "a new failure is a new reminder"
    );
}

#[test]
fn each_open_conflict_is_due_under_its_id_until_it_is_resolved() {
    let mut a = common::vietnam();
    let b_path = a.dir.path().join("b.db");
    let mut b = Store::join(&b_path, Some("B2M".to_owned())).expect("joined");
    let all = |store: &Store| -> Vec<caredesk_domain::op::Op> {
        store
            .ops(&OpFilter::default())
            .expect("ops")
            .into_iter()
            .map(|logged| logged.op)
            .collect()
    };
    b.receive(&all(&a.store)).expect("B takes the business");
    let mut b = Store::open(&b_path).expect("reopened with the business");

    // Offline, each counter registers a customer with the same phone.
    let chi = a.add("Trịnh Kim Chi", "0977 000 111");
    let ctx = b.context(None).expect("owner");
    b.customers_mut()
        .add_customer(
            &ctx,
            caredesk_store::NewCustomer {
                name: "Trịnh Chi".to_owned(),
                phone: "0977000111".to_owned(),
                ..Default::default()
            },
        )
        .expect("added on B");
    let now = Timestamp::now();
    assert!(a.store.reminders(now).expect("due").is_empty());
    a.store.receive(&all(&b)).expect("A takes B's ops");

    let conflicts = a.store.conflicts().expect("conflicts");
    assert_eq!(conflicts.len(), 1);
    let reminders = a.store.reminders(now).expect("due");
    assert_eq!(keys(&reminders), [format!("conflict:{}", conflicts[0].id)]);
    assert_eq!(
        reminders[0].subject,
        ReminderSubject::Conflict {
            conflict: conflicts[0].id,
            conflict_kind: ConflictKind::DuplicatePhone,
        }
    );

    // Correcting one phone resolves it.
    let ctx = a.ctx();
    a.store
        .customers_mut()
        .edit_customer(
            &ctx,
            chi.id,
            caredesk_store::CustomerEdit {
                phone: Some("0977 000 222".to_owned()),
                ..Default::default()
            },
        )
        .expect("phone corrected");
    assert!(a.store.reminders(now).expect("due").is_empty());
}

#[test]
fn reminders_serialise_as_a_key_and_a_tagged_subject() {
    let mut spa = spa();
    book(&mut spa, "2026-11-21T14:00", false);
    let json = serde_json::to_value(&due(&spa, "2026-11-21T13:55")[0]).expect("JSON");
    assert_eq!(json["subject"]["kind"], "booking_soon");
    assert_eq!(json["subject"]["customer_name"], "Nguyễn Văn An");
    assert!(json["key"].as_str().expect("key").starts_with("booking:"));
}
