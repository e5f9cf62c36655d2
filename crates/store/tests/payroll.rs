//! Therapist pay on real database files: shares by date, package sessions
//! worth their part of the package, a session that earns once however
//! often it is completed and undone, forfeits and no-shows that pay,
//! payouts with notes that never reset the balance, and the refusals.

mod common;

use caredesk_domain::booking::BookingSource;
use caredesk_domain::id::{BookingId, TreatmentId};
use caredesk_domain::payroll::{Earned, PayoutMethod};
use caredesk_store::{BookingMove, Ctx, Income, Month, NewBooking, NewItem};
use common::spa::{NOW, Spa, spa};

fn november() -> Month {
    Month::parse("2026-11").expect("month")
}

fn date(text: &str) -> jiff::civil::Date {
    text.parse().expect("date")
}

/// A massage for An with `staff` at `start`, on `treatment` or paid at
/// the counter.
fn booked(spa: &mut Spa, staff: &str, start: &str, treatment: Option<TreatmentId>) -> BookingId {
    let ctx = spa.ctx_at(NOW);
    let starts = spa.db.at(start);
    spa.db
        .store
        .bookings_mut()
        .add_booking(
            &ctx,
            NewBooking {
                customer: spa.an.clone(),
                items: vec![NewItem {
                    service: spa.massage.clone(),
                    staff: staff.into(),
                    start: starts,
                    end: None,
                    room: None,
                    treatment,
                }],
                source: BookingSource::Phone,
                notes: String::new(),
            },
        )
        .expect("booked")
        .id
}

fn income(spa: &Spa, who: &str, month: Month) -> Income {
    let ctx = spa.ctx_at("2026-12-05T10:00");
    spa.db
        .store
        .payroll()
        .staff_income(&ctx, who, month)
        .expect("income")
}

fn set_rate(spa: &mut Spa, who: &str, rate: u32, from: &str) {
    let ctx = spa.ctx_at(NOW);
    spa.db
        .store
        .payroll_mut()
        .set_share_rate(&ctx, who, rate, Some(date(from)))
        .expect("rate set");
}

fn pay(spa: &mut Spa, at: &str, who: &str, amount: i64, note: &str) -> caredesk_store::Result<i64> {
    let ctx = spa.ctx_at(at);
    spa.db
        .store
        .payroll_mut()
        .pay_staff(&ctx, who, amount, note, PayoutMethod::Transfer)
        .map(|p| p.balance)
}

#[test]
fn a_session_earns_once_however_often_it_is_completed_and_undone() {
    let mut spa = spa();
    set_rate(&mut spa, "Mai", 4_000, "2026-11-01");
    let id = booked(&mut spa, "Mai", "2026-11-22T09:00", None);
    assert_eq!(
        income(&spa, "Mai", november()).earned,
        0,
        "booked is not given"
    );

    spa.serve(id, "2026-11-22T09:00", "2026-11-22T10:00");
    let done = income(&spa, "Mai", november());
    assert_eq!(done.sessions.len(), 1);
    let session = &done.sessions[0];
    assert_eq!(
        (session.kind, session.price, session.rate, session.share),
        (Earned::Completed, 450_000, Some(4_000), 180_000)
    );
    assert_eq!(session.date, date("2026-11-22"));
    assert_eq!((done.earned, done.balance), (180_000, 180_000));

    // Undone: nothing earned; completed again: earned once, not twice.
    spa.step("2026-11-22T10:05", id, BookingMove::UndoCompletion);
    assert_eq!(income(&spa, "Mai", november()).earned, 0);
    spa.step("2026-11-22T10:10", id, BookingMove::Complete);
    spa.step("2026-11-22T10:15", id, BookingMove::UndoCompletion);
    spa.step("2026-11-22T10:20", id, BookingMove::Complete);
    let again = income(&spa, "Mai", november());
    assert_eq!((again.sessions.len(), again.earned), (1, 180_000));
    // Hoa gave nothing.
    assert_eq!(income(&spa, "Hoa", november()).earned, 0);
    spa.db.assert_folds_hold();
}

#[test]
fn package_sessions_earn_their_share_of_the_package_and_forfeits_pay() {
    let mut spa = spa();
    set_rate(&mut spa, "Mai", 4_000, "2026-11-01");
    // Ten sessions sold for 4 000 000: each is worth 400 000 for pay,
    // whatever the massage costs on its own.
    let card = spa.sell(&spa.an.clone(), 10).id;
    let given = booked(&mut spa, "Mai", "2026-11-22T09:00", Some(card));
    spa.serve(given, "2026-11-22T09:00", "2026-11-22T10:00");
    // Cancelled 30 minutes before: FORFEITED, the time was kept.
    let late = booked(&mut spa, "Mai", "2026-11-23T09:00", Some(card));
    spa.step("2026-11-23T08:30", late, BookingMove::Cancel);
    // Never came.
    let absent = booked(&mut spa, "Mai", "2026-11-24T09:00", Some(card));
    spa.step("2026-11-24T09:30", absent, BookingMove::NoShow);
    // Cancelled the day before: the session goes back, nobody earns.
    let early = booked(&mut spa, "Mai", "2026-11-25T09:00", Some(card));
    spa.step("2026-11-24T09:00", early, BookingMove::Cancel);
    // Paid at the counter, no package: its own price.
    let walk_in = booked(&mut spa, "Mai", "2026-11-26T09:00", None);
    spa.serve(walk_in, "2026-11-26T09:00", "2026-11-26T10:00");

    let month = income(&spa, "Mai", november());
    let seen: Vec<(BookingId, Earned, i64, i64)> = month
        .sessions
        .iter()
        .map(|s| (s.booking, s.kind, s.price, s.share))
        .collect();
    assert_eq!(
        seen,
        [
            (given, Earned::Completed, 400_000, 160_000),
            (late, Earned::Forfeited, 400_000, 160_000),
            (absent, Earned::NoShow, 400_000, 160_000),
            (walk_in, Earned::Completed, 450_000, 180_000),
        ]
    );
    assert_eq!(month.sessions[0].treatment, Some(card));
    assert_eq!(month.sessions[3].treatment, None);
    assert_eq!(month.earned, 660_000);
    spa.db.assert_folds_hold();
}

#[test]
fn a_rate_applies_from_its_date_and_never_moves_earlier_months() {
    let mut spa = spa();
    // Given before anyone set a rate: listed, earning nothing yet.
    let first = booked(&mut spa, "Mai", "2026-11-22T09:00", None);
    spa.serve(first, "2026-11-22T09:00", "2026-11-22T10:00");
    let unrated = income(&spa, "Mai", november());
    assert_eq!((unrated.unrated, unrated.earned), (1, 0));
    assert_eq!(unrated.sessions[0].rate, None);

    set_rate(&mut spa, "Mai", 3_000, "2026-11-01");
    set_rate(&mut spa, "Mai", 4_000, "2026-11-25");
    let second = booked(&mut spa, "Mai", "2026-11-26T09:00", None);
    spa.serve(second, "2026-11-26T09:00", "2026-11-26T10:00");
    let rated = income(&spa, "Mai", november());
    let shares: Vec<(Option<u16>, i64)> =
        rated.sessions.iter().map(|s| (s.rate, s.share)).collect();
    assert_eq!(shares, [(Some(3_000), 135_000), (Some(4_000), 180_000)]);
    assert_eq!((rated.unrated, rated.earned), (0, 315_000));

    // A raise from December leaves November as it was.
    set_rate(&mut spa, "Mai", 5_000, "2026-12-01");
    assert_eq!(income(&spa, "Mai", november()).earned, 315_000);
    let rates: Vec<(String, u16)> = income(&spa, "Mai", november())
        .rates
        .iter()
        .map(|r| (r.from.to_string(), r.rate))
        .collect();
    assert_eq!(
        rates,
        [
            ("2026-11-01".into(), 3_000),
            ("2026-11-25".into(), 4_000),
            ("2026-12-01".into(), 5_000)
        ]
    );
    spa.db.assert_folds_hold();
}

#[test]
fn payouts_are_debits_with_notes_and_the_balance_is_never_reset() {
    let mut spa = spa();
    set_rate(&mut spa, "Mai", 4_000, "2026-11-01");
    for day in ["22", "23", "24"] {
        let start = format!("2026-11-{day}T09:00");
        let id = booked(&mut spa, "Mai", &start, None);
        spa.serve(id, &start, &format!("2026-11-{day}T10:00"));
    }
    // 3 × 180 000 earned.
    assert_eq!(
        pay(
            &mut spa,
            "2026-11-30T18:00",
            "Mai",
            300_000,
            "Tháng 11, chuyển khoản"
        )
        .expect("paid"),
        240_000
    );
    // December: one more session, and the rest of November paid.
    let december = booked(&mut spa, "Mai", "2026-12-02T09:00", None);
    spa.serve(december, "2026-12-02T09:00", "2026-12-02T10:00");
    assert_eq!(
        pay(
            &mut spa,
            "2026-12-03T18:00",
            "Mai",
            240_000,
            "Còn lại tháng 11"
        )
        .expect("paid"),
        180_000
    );

    let nov = income(&spa, "Mai", november());
    assert_eq!((nov.earned, nov.paid), (540_000, 300_000));
    assert_eq!(nov.payouts.len(), 1);
    assert_eq!(nov.payouts[0].note, "Tháng 11, chuyển khoản");
    let dec = income(&spa, "Mai", Month::parse("2026-12").expect("month"));
    assert_eq!((dec.earned, dec.paid), (180_000, 240_000));
    // The balance is the same whichever month is asked about: all months.
    assert_eq!((nov.balance, dec.balance), (180_000, 180_000));

    let sheet = spa
        .db
        .store
        .payroll()
        .pay_sheet(&spa.ctx_at("2026-12-05T10:00"), november())
        .expect("pay sheet");
    let lines: Vec<(&str, usize, i64, i64, i64)> = sheet
        .staff
        .iter()
        .map(|l| (l.name.as_str(), l.sessions, l.earned, l.paid, l.balance))
        .collect();
    assert_eq!(lines, [("Mai", 3, 540_000, 300_000, 180_000)]);
    assert_eq!(
        (sheet.earned, sheet.paid, sheet.balance),
        (540_000, 300_000, 180_000)
    );
    spa.db.assert_folds_hold();
}

#[test]
fn refused_payouts_and_rates_write_nothing() {
    let mut spa = spa();
    set_rate(&mut spa, "Mai", 4_000, "2026-11-01");
    let id = booked(&mut spa, "Mai", "2026-11-22T09:00", None);
    spa.serve(id, "2026-11-22T09:00", "2026-11-22T10:00");

    let message = spa.refused("payout_above_balance", |s| {
        pay(s, "2026-11-30T18:00", "Mai", 180_001, "chuyển khoản")
    });
    assert!(message.contains("180.000"), "{message}");
    spa.refused("empty_field", |s| {
        pay(s, "2026-11-30T18:00", "Mai", 1_000, "  ")
    });
    spa.refused("invalid_amount", |s| {
        pay(s, "2026-11-30T18:00", "Mai", 0, "x")
    });
    spa.refused("invalid_amount", |s| {
        pay(s, "2026-11-30T18:00", "Mai", -5_000, "x")
    });
    spa.refused("not_found", |s| {
        pay(s, "2026-11-30T18:00", "Nobody", 1_000, "x")
    });
    spa.refused("invalid_value", |s| {
        let ctx = s.ctx_at(NOW);
        s.db.store
            .payroll_mut()
            .set_share_rate(&ctx, "Mai", 10_001, None)
    });

    // The desk may neither pay, nor set rates, nor read Mai's pay; Mai may
    // read her own.
    let now = spa.db.at("2026-11-30T18:00");
    let lan = spa.db.store.context_as("Lan", Some(now)).expect("Lan");
    let mai = spa.db.store.context_as("Mai", Some(now)).expect("Mai");
    spa.refused("permission_denied", |s| {
        s.db.store
            .payroll_mut()
            .pay_staff(&lan, "Mai", 1_000, "x", PayoutMethod::Transfer)
    });
    spa.refused("permission_denied", |s| {
        s.db.store
            .payroll_mut()
            .set_share_rate(&lan, "Mai", 5_000, None)
    });
    spa.refused("permission_denied", |s| {
        s.db.store.payroll().staff_income(&lan, "Mai", november())
    });
    spa.refused("permission_denied", |s| {
        s.db.store.payroll().pay_sheet(&mai, november())
    });
    assert_eq!(
        spa.db
            .store
            .payroll()
            .staff_income(&mai, "Mai", november())
            .expect("her own")
            .earned,
        180_000
    );
    // With a manager's approval on the spot, the desk may pay.
    let approved: Ctx = spa
        .db
        .store
        .approve(lan, "Hương", "1234")
        .expect("approved");
    assert_eq!(
        spa.db
            .store
            .payroll_mut()
            .pay_staff(
                &approved,
                "Mai",
                180_000,
                "chuyển khoản",
                PayoutMethod::Transfer
            )
            .expect("paid")
            .balance,
        0
    );
    spa.db.assert_folds_hold();
}
