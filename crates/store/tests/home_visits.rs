//! Home-visit packages on real database files: sold with the first session
//! booked in the same transaction, one therapist and one address for every
//! session, a manager's swap that moves every future session or none, and
//! unbooked sessions lapsing 30 days after the sale with no payout.

mod common;

use caredesk_domain::treatment::{TreatmentChange, TreatmentStatus};
use caredesk_store::{BookingMove, HomeSale, HomeSold, PackageEdit, parse_date};
use common::spa::{AN_HOME, NOW, Spa, spa};

/// A spa with "Massage tại nhà 4 buổi" (60 days, a home visit).
fn home_spa() -> Spa {
    let mut spa = spa();
    spa.package("Massage tại nhà 4 buổi", 4, 60, true);
    spa
}

fn sale(spa: &Spa, start: &str) -> HomeSale {
    HomeSale {
        customer: spa.an.clone(),
        package: "massage tai nha 4 buoi".to_owned(),
        staff: "Mai".to_owned(),
        start: spa.db.at(start),
        address: None,
        notes: String::new(),
    }
}

fn sell(spa: &mut Spa, start: &str) -> HomeSold {
    let ctx = spa.ctx_at(NOW);
    let input = sale(spa, start);
    spa.db
        .store
        .treatments_mut()
        .sell_home_visit(&ctx, input)
        .expect("sold with its first visit")
}

#[test]
fn a_home_visit_is_sold_with_its_first_session_booked_and_locked_to_one_therapist() {
    let mut spa = home_spa();
    let sold = sell(&mut spa, "2026-11-23T09:30");
    let card = &sold.treatment;
    let home = card.home.as_ref().expect("a home visit");
    assert_eq!(
        (home.staff_name.as_str(), home.address.as_str()),
        ("Mai", AN_HOME)
    );
    // 30 days from the sale, the day of sale counted.
    assert_eq!(home.schedule_by, parse_date("2026-12-20").expect("date"));
    assert_eq!(
        (card.total, card.reserved, card.available, card.status),
        (4, 1, 3, TreatmentStatus::Active)
    );
    let item = &sold.booking.items[0];
    assert_eq!(item.treatment, Some(card.id));
    assert_eq!(item.address.as_deref(), Some(AN_HOME));
    assert_eq!(item.staff_name, "Mai");

    // The day sheet tells Mai where to go.
    let day = spa
        .db
        .store
        .bookings()
        .day_sheet(parse_date("2026-11-23").expect("date"))
        .expect("day");
    let mai = day.staff.iter().find(|c| c.name == "Mai").expect("Mai");
    assert_eq!(mai.bookings[0].address.as_deref(), Some(AN_HOME));

    // The rest is booked later, with Mai and no one else.
    let (an, home_service) = (spa.an.clone(), spa.home.clone());
    let ctx = spa.ctx_at(NOW);
    let with_mai = spa.request(&an, &home_service, "2026-11-30T09:30", card.id);
    let second = spa
        .db
        .store
        .bookings_mut()
        .add_booking(&ctx, with_mai)
        .expect("second visit");
    let with_hoa = spa.request_by(&an, &home_service, "Hoa", "2026-12-01T09:30", card.id);
    // Hoa does not perform home visits at all: the lock speaks first when
    // she does (below); here the service check does.
    spa.refused("staff_does_not_perform", |s| {
        s.db.store.bookings_mut().add_booking(&ctx, with_hoa)
    });
    let owner = spa.ctx_at(NOW);
    spa.db
        .store
        .schedule_mut()
        .set_staff_services(&owner, "Hoa", &[spa.massage.clone(), spa.home.clone()])
        .expect("Hoa learns home visits");
    let with_hoa = spa.request_by(&an, &home_service, "Hoa", "2026-12-01T09:30", card.id);
    let message = spa.refused("treatment_other_staff", |s| {
        s.db.store.bookings_mut().add_booking(&ctx, with_hoa)
    });
    assert!(message.contains("Massage tại nhà 4 buổi"), "{message}");
    let later = spa.db.at("2026-12-02T09:30");
    spa.refused("treatment_other_staff", |s| {
        s.db.store
            .bookings_mut()
            .reschedule_booking(&ctx, second.id, 0, later, Some("Hoa"), "")
    });
    spa.db
        .store
        .bookings_mut()
        .reschedule_booking(&ctx, second.id, 0, later, None, "khách bận")
        .expect("Mai, another day");
    spa.db.assert_folds_hold();
}

#[test]
fn a_home_sale_that_cannot_book_its_first_visit_sells_nothing() {
    let mut spa = home_spa();
    let ctx = spa.ctx_at(NOW);
    // An ordinary sale of a home-visit package, and the other way round.
    let an = spa.an.clone();
    spa.refused("first_visit_required", |s| {
        s.db.store
            .treatments_mut()
            .sell_treatment(&ctx, &an, "Massage tại nhà 4 buổi")
    });
    let mut ordinary = sale(&spa, "2026-11-23T09:30");
    ordinary.package = "Massage 10 buổi".to_owned();
    spa.refused("not_home_visit", |s| {
        s.db.store.treatments_mut().sell_home_visit(&ctx, ordinary)
    });
    // Bích has no address on file and none is given.
    let mut no_address = sale(&spa, "2026-11-23T09:30");
    no_address.customer = spa.bich.clone();
    spa.refused("address_missing", |s| {
        s.db.store
            .treatments_mut()
            .sell_home_visit(&ctx, no_address)
    });
    // The first visit itself: outside Mai's hours, by someone who does not
    // do home visits, in the past, on top of another booking.
    let late = sale(&spa, "2026-11-23T19:30");
    spa.refused("outside_hours", |s| {
        s.db.store.treatments_mut().sell_home_visit(&ctx, late)
    });
    let mut by_hoa = sale(&spa, "2026-11-23T09:30");
    by_hoa.staff = "Hoa".to_owned();
    spa.refused("staff_does_not_perform", |s| {
        s.db.store.treatments_mut().sell_home_visit(&ctx, by_hoa)
    });
    let past = sale(&spa, "2026-11-20T09:30");
    spa.refused("in_the_past", |s| {
        s.db.store.treatments_mut().sell_home_visit(&ctx, past)
    });
    let card = spa.sell(&an, 2);
    spa.book(card.id, "2026-11-23T09:30").expect("Mai is busy");
    let taken = sale(&spa, "2026-11-23T10:00");
    spa.refused("double_booking", |s| {
        s.db.store.treatments_mut().sell_home_visit(&ctx, taken)
    });
    // A home-visit package needs its service; a retired one is not sold.
    spa.refused("invalid_value", |s| {
        s.db.store.catalog_mut().add_package(
            &ctx,
            caredesk_store::NewPackage {
                name: "Tại nhà bất kỳ".into(),
                service: None,
                sessions: 4,
                valid_days: 60,
                price: 1_600_000,
                home_visit: true,
            },
        )
    });
    spa.db
        .store
        .catalog_mut()
        .edit_package(
            &ctx,
            "Massage tại nhà 4 buổi",
            PackageEdit {
                active: Some(false),
                ..PackageEdit::default()
            },
        )
        .expect("retired");
    let retired = sale(&spa, "2026-11-24T09:30");
    spa.refused("package_inactive", |s| {
        s.db.store.treatments_mut().sell_home_visit(&ctx, retired)
    });
    // A different address is kept as given.
    spa.db
        .store
        .catalog_mut()
        .edit_package(
            &ctx,
            "Massage tại nhà 4 buổi",
            PackageEdit {
                active: Some(true),
                ..PackageEdit::default()
            },
        )
        .expect("offered again");
    let mut blank = sale(&spa, "2026-11-24T09:30");
    blank.address = Some("   ".to_owned());
    spa.refused("empty_field", |s| {
        s.db.store.treatments_mut().sell_home_visit(&ctx, blank)
    });
    let mut elsewhere = sale(&spa, "2026-11-24T09:30");
    elsewhere.address = Some("  88 Nguyễn Huệ,   Quận 1 ".to_owned());
    let sold = spa
        .db
        .store
        .treatments_mut()
        .sell_home_visit(&ctx, elsewhere)
        .expect("sold");
    assert_eq!(
        sold.treatment.home.expect("home").address,
        "88 Nguyễn Huệ, Quận 1"
    );
}

#[test]
fn a_manager_swaps_the_therapist_and_every_future_visit_moves_or_none_does() {
    let mut spa = home_spa();
    let owner = spa.ctx_at(NOW);
    spa.db
        .store
        .schedule_mut()
        .set_staff_services(&owner, "Hoa", &[spa.massage.clone(), spa.home.clone()])
        .expect("Hoa does home visits");
    let sold = sell(&mut spa, "2026-11-23T09:30");
    let id = sold.treatment.id;
    let (an, home_service) = (spa.an.clone(), spa.home.clone());
    let second_visit = spa.request(&an, &home_service, "2026-11-26T09:30", id);
    let second = spa
        .db
        .store
        .bookings_mut()
        .add_booking(&owner, second_visit)
        .expect("second");
    let third_visit = spa.request(&an, &home_service, "2026-11-28T14:00", id);
    let third = spa
        .db
        .store
        .bookings_mut()
        .add_booking(&owner, third_visit)
        .expect("third");
    // The first visit happens with Mai.
    spa.serve(sold.booking.id, "2026-11-23T09:30", "2026-11-23T10:30");

    let swap_day = spa.ctx_at("2026-11-24T08:00");
    let desk = spa
        .db
        .store
        .context_as("Lan", Some(spa.db.at("2026-11-24T08:00")))
        .expect("receptionist");
    spa.refused("permission_denied", |s| {
        s.db.store
            .treatments_mut()
            .swap_home_staff(&desk, id, "Hoa", "")
    });
    spa.refused("nothing_to_change", |s| {
        s.db.store
            .treatments_mut()
            .swap_home_staff(&swap_day, id, "Mai", "")
    });
    let plain = spa.sell(&an, 2);
    spa.refused("not_home_visit", |s| {
        s.db.store
            .treatments_mut()
            .swap_home_staff(&swap_day, plain.id, "Hoa", "")
    });
    // Hoa is busy at the third visit: nothing moves, not even the second.
    let hoa_busy = spa.request_by(
        &an,
        &spa.massage.clone(),
        "Hoa",
        "2026-11-28T14:30",
        plain.id,
    );
    let busy = spa
        .db
        .store
        .bookings_mut()
        .add_booking(&owner, hoa_busy)
        .expect("Hoa's other customer");
    spa.refused("double_booking", |s| {
        s.db.store
            .treatments_mut()
            .swap_home_staff(&swap_day, id, "Hoa", "Mai nghỉ phép")
    });
    spa.step(NOW, busy.id, BookingMove::Cancel);

    let swap = spa
        .db
        .store
        .treatments_mut()
        .swap_home_staff(&swap_day, id, "Hoa", "Mai nghỉ phép")
        .expect("swapped");
    assert_eq!(swap.moved, vec![second.id, third.id]);
    assert_eq!(
        swap.treatment.home.as_ref().expect("home").staff_name,
        "Hoa"
    );
    for (booking, staff) in [
        (sold.booking.id, "Mai"),
        (second.id, "Hoa"),
        (third.id, "Hoa"),
    ] {
        let view = spa.db.store.bookings().booking(booking).expect("booking");
        assert_eq!(view.items[0].staff_name, staff, "{booking}");
    }
    let moved = spa.db.store.bookings().booking(second.id).expect("second");
    assert!(moved.start.starts_with("2026-11-26T09:30"), "same time");
    let line = swap
        .treatment
        .history
        .iter()
        .find(|l| matches!(l.change, TreatmentChange::StaffSwapped { .. }))
        .expect("the swap is on the statement");
    let names = line.swap.as_ref().expect("names");
    assert_eq!(
        (names.from_name.as_str(), names.to_name.as_str()),
        ("Mai", "Hoa")
    );
    // From now on, Hoa and only Hoa.
    let with_mai = spa.request(&an, &home_service, "2026-11-30T09:30", id);
    spa.refused("treatment_other_staff", |s| {
        s.db.store.bookings_mut().add_booking(&swap_day, with_mai)
    });
    let with_hoa = spa.request_by(&an, &home_service, "Hoa", "2026-11-30T09:30", id);
    spa.db
        .store
        .bookings_mut()
        .add_booking(&swap_day, with_hoa)
        .expect("Hoa's visit");
    spa.db.assert_folds_hold();
}

#[test]
fn unbooked_home_sessions_lapse_thirty_days_after_the_sale_with_no_payout() {
    let mut spa = home_spa();
    let sold = sell(&mut spa, "2026-11-23T09:30");
    let id = sold.treatment.id;
    let (an, home_service) = (spa.an.clone(), spa.home.clone());
    let owner = spa.ctx_at(NOW);
    let last_visit = spa.request(&an, &home_service, "2027-01-05T09:30", id);
    let last = spa
        .db
        .store
        .bookings_mut()
        .add_booking(&owner, last_visit)
        .expect("booked inside the window, for after it");
    spa.serve(sold.booking.id, "2026-11-23T09:30", "2026-11-23T10:30");

    // The window closes on its date, before anyone runs the job.
    let closed = "2026-12-21T09:00";
    let card = spa.card(id, closed);
    assert_eq!(
        (card.used, card.reserved, card.available, card.status),
        (1, 1, 0, TreatmentStatus::Active)
    );
    let ctx = spa.ctx_at(closed);
    let message = spa.refused("treatment_quota_lapsed", |s| {
        let request = s.request(&an, &home_service, "2026-12-22T09:30", id);
        s.db.store.bookings_mut().add_booking(&ctx, request)
    });
    assert!(message.contains("2026-12-20"), "{message}");

    // The job records the two never booked; running it again adds nothing.
    let recorded = spa
        .db
        .store
        .treatments_mut()
        .record_expiries(&ctx)
        .expect("job");
    assert_eq!(recorded, vec![id]);
    assert!(
        spa.db
            .store
            .treatments_mut()
            .record_expiries(&ctx)
            .expect("again")
            .is_empty()
    );
    let card = spa.card(id, closed);
    assert_eq!((card.used, card.lapsed, card.remaining), (1, 2, 1));
    assert!(
        card.history
            .iter()
            .any(|l| matches!(l.change, TreatmentChange::Lapsed { sessions: 2, .. }))
    );
    // Lapsed sessions are not punches: nobody is owed a share for them.
    let punches = card
        .history
        .iter()
        .filter(|l| {
            matches!(
                l.change,
                TreatmentChange::Punched { .. } | TreatmentChange::Forfeited { .. }
            )
        })
        .count();
    assert_eq!(punches, 1);

    // The booked visit still happens; cancelled in time, its session
    // comes back unbooked after the window, and lapses too.
    spa.step(closed, last.id, BookingMove::Cancel);
    let card = spa.card(id, closed);
    assert_eq!((card.available, card.status), (0, TreatmentStatus::Expired));
    let recorded = spa
        .db
        .store
        .treatments_mut()
        .record_expiries(&ctx)
        .expect("job");
    assert_eq!(recorded, vec![id]);
    let card = spa.card(id, closed);
    assert_eq!((card.used, card.lapsed, card.remaining), (1, 3, 0));
    spa.db.assert_folds_hold();
}
