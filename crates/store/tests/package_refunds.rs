//! Refunds and voids of punch-card lines take back what they paid for: the
//! card's unused sessions go with the money (`treatment.refunded`, in the
//! refund's own transaction), a used or booked session is not refunded
//! unless a manager gives goodwill, and a refunded card books and punches
//! nothing. Each refusal writes nothing.

mod common;

use caredesk_domain::booking::BookingSource;
use caredesk_domain::id::TreatmentId;
use caredesk_domain::sale::{LineKind, RefundTo, Tender};
use caredesk_domain::treatment::{TreatmentChange, TreatmentStatus};
use caredesk_store::{
    AuditFilter, BookingMove, ConflictKind, Lang, LineRef, NewBooking, NewItem, NewRefund, NewSale,
    OpFilter, SaleView, Store,
};
use common::sale::{line, pay};
use common::spa::{NOW, Spa, spa};

/// The spa's package: 10 massages for 4 000 000 đ.
const PACKAGE: &str = "Massage 10 buổi";
const PRICE: i64 = 4_000_000;

/// Opens the register's drawer and sells An the package for cash.
fn sold_for_cash(spa: &mut Spa) -> (SaleView, TreatmentId) {
    let ctx = spa.ctx_at(NOW);
    spa.db
        .store
        .drawers_mut()
        .open_drawer(&ctx, 5_000_000)
        .expect("drawer");
    let sale = spa
        .db
        .store
        .sales_mut()
        .record_sale(
            &ctx,
            NewSale {
                customer: Some(spa.an.clone()),
                lines: vec![line(LineRef::Package(PACKAGE.into()))],
                payments: vec![pay(Tender::Cash, PRICE)],
                ..NewSale::default()
            },
        )
        .expect("sold");
    let LineKind::Package { treatment, .. } = sale.lines[0].what else {
        panic!("a package line: {:?}", sale.lines[0].what);
    };
    (sale, treatment)
}

fn everything() -> NewRefund {
    NewRefund::default()
}

fn amount(amount: i64) -> NewRefund {
    NewRefund {
        amount: Some(amount),
        ..NewRefund::default()
    }
}

fn sessions(sessions: u16) -> NewRefund {
    NewRefund {
        sessions: Some(sessions),
        ..NewRefund::default()
    }
}

/// An's massage with Mai on card `t`, `days` after the sale at 14:00.
fn book(
    spa: &mut Spa,
    t: TreatmentId,
    day: &str,
) -> caredesk_store::Result<caredesk_store::BookingView> {
    spa.book(t, &format!("{day}T14:00"))
}

#[test]
fn a_refunded_package_gives_its_sessions_back_and_books_nothing() {
    let mut spa = spa();
    let (sale, card) = sold_for_cash(&mut spa);
    assert_eq!(spa.card(card, NOW).available, 10);
    let ctx = spa.ctx_at("2026-11-21T11:00");
    let refund = spa
        .db
        .store
        .sales_mut()
        .refund_sale(&ctx, &sale.number, everything())
        .expect("refunded");
    assert_eq!(refund.refunded, PRICE);
    assert_eq!(
        (refund.cards.len(), refund.cards[0].sessions),
        (1, 10),
        "{refund:?}"
    );

    let view = spa.card(card, "2026-11-21T11:00");
    assert_eq!((view.available, view.remaining, view.refunded), (0, 0, 10));
    assert_eq!(view.status, TreatmentStatus::Refunded);
    assert_eq!(view.refunded_amount.amount, PRICE);
    assert!(matches!(
        view.history.last().map(|h| &h.change),
        Some(TreatmentChange::Refunded {
            sessions: 10,
            void: false,
            ..
        })
    ));
    let an = spa.an.parse().expect("id");
    let file = spa
        .db
        .store
        .customers()
        .customer_360(an, &ctx)
        .expect("360");
    assert_eq!(file.treatments[0].status, TreatmentStatus::Refunded);

    let message = spa.refused("treatment_refunded", |s| book(s, card, "2026-11-25"));
    assert!(message.contains("refunded"), "{message}");
    // Nothing is left to refund either.
    spa.refused("refund_too_large", |s| {
        s.db.store
            .sales_mut()
            .refund_sale(&ctx, &sale.number, everything())
    });
    spa.db.assert_folds_hold();
}

#[test]
fn a_voided_package_gives_its_sessions_back() {
    let mut spa = spa();
    let (sale, card) = sold_for_cash(&mut spa);
    let ctx = spa.ctx_at("2026-11-21T10:30");
    let void = spa
        .db
        .store
        .sales_mut()
        .void_sale(&ctx, &sale.number, "bấm nhầm")
        .expect("voided");
    assert_eq!((void.refunded, void.cards[0].sessions), (PRICE, 10));
    let view = spa.card(card, "2026-11-21T10:30");
    assert_eq!(
        (view.available, view.status),
        (0, TreatmentStatus::Refunded)
    );
    assert!(matches!(
        view.history.last().map(|h| &h.change),
        Some(TreatmentChange::Refunded { void: true, .. })
    ));
    spa.refused("treatment_refunded", |s| book(s, card, "2026-11-25"));
    spa.db.assert_folds_hold();
}

#[test]
fn a_void_is_refused_once_a_session_is_booked_and_writes_nothing() {
    let mut spa = spa();
    let (sale, card) = sold_for_cash(&mut spa);
    book(&mut spa, card, "2026-11-25").expect("booked");
    let ctx = spa.ctx_at("2026-11-21T10:30");
    let message = spa.refused("refund_too_large", |s| {
        s.db.store.sales_mut().void_sale(&ctx, &sale.number, "")
    });
    assert!(message.contains("1 sessions used or booked"), "{message}");
}

/// `sessions` more on `card` at its price per session (400.000), in cash.
fn charge(spa: &mut Spa, card: TreatmentId, sessions: u16) -> SaleView {
    let ctx = spa.ctx_at(NOW);
    let input = NewSale {
        customer: Some(spa.an.clone()),
        lines: vec![line(LineRef::Sessions {
            treatment: card.to_string(),
            sessions: Some(sessions),
        })],
        payments: vec![pay(Tender::Cash, 400_000 * i64::from(sessions))],
        ..NewSale::default()
    };
    spa.db
        .store
        .sales_mut()
        .record_sale(&ctx, input)
        .expect("charged")
}

#[test]
fn a_refunded_sessions_line_takes_its_sessions_back() {
    let mut spa = spa();
    let (_, card) = sold_for_cash(&mut spa);
    let ctx = spa.ctx_at(NOW);
    // Two more sessions on the card, at its price per session.
    let more = charge(&mut spa, card, 2);
    assert_eq!(spa.card(card, NOW).available, 12);
    let refund = spa
        .db
        .store
        .sales_mut()
        .refund_sale(&ctx, &more.number, everything())
        .expect("refunded");
    assert_eq!((refund.refunded, refund.cards[0].sessions), (800_000, 2));
    let view = spa.card(card, NOW);
    assert_eq!((view.total, view.refunded, view.available), (12, 2, 10));
    assert_eq!(view.status, TreatmentStatus::Active);
    // The void of the same kind of line, on a second charge.
    let again = charge(&mut spa, card, 1);
    spa.db
        .store
        .sales_mut()
        .void_sale(&ctx, &again.number, "")
        .expect("voided");
    let view = spa.card(card, NOW);
    assert_eq!((view.total, view.refunded, view.available), (13, 3, 10));
    spa.db.assert_folds_hold();
}

#[test]
fn a_partial_refund_takes_back_sessions_in_proportion_or_as_named() {
    let mut spa = spa();
    let (sale, card) = sold_for_cash(&mut spa);
    // One session given, one booked: 8 unbooked, worth 3 200 000.
    let given = book(&mut spa, card, "2026-11-21").expect("booked").id;
    spa.serve(given, "2026-11-21T14:00", "2026-11-21T15:00");
    book(&mut spa, card, "2026-11-28").expect("booked");
    let ctx = spa.ctx_at("2026-11-21T16:00");
    assert_eq!(
        spa.db
            .store
            .sales()
            .sale(&sale.number)
            .expect("sale")
            .refundable,
        3_200_000
    );

    // 1 000 000 is 2.5 sessions' worth: 3 go back, in the business's favour.
    let part = spa
        .db
        .store
        .sales_mut()
        .refund_sale(&ctx, &sale.number, amount(1_000_000))
        .expect("part");
    assert_eq!(part.cards[0].sessions, 3);
    assert_eq!(spa.card(card, "2026-11-21T16:00").available, 5);

    // The manager names 2 sessions: their share, 6 of 10 less what went.
    let named = spa
        .db
        .store
        .sales_mut()
        .refund_sale(&ctx, &sale.number, sessions(2))
        .expect("named");
    assert_eq!((named.refunded, named.cards[0].sessions), (1_000_000, 2));
    let view = spa.card(card, "2026-11-21T16:00");
    assert_eq!((view.available, view.refunded, view.reserved), (3, 5, 1));
    assert_eq!(view.status, TreatmentStatus::Active);

    // More sessions than are unbooked, and more money than their share,
    // are refused and write nothing.
    spa.refused("refund_too_large", |s| {
        s.db.store
            .sales_mut()
            .refund_sale(&ctx, &sale.number, sessions(4))
    });
    let too_much = NewRefund {
        amount: Some(1_300_000),
        sessions: Some(3),
        ..NewRefund::default()
    };
    spa.refused("refund_too_large", |s| {
        s.db.store
            .sales_mut()
            .refund_sale(&ctx, &sale.number, too_much.clone())
    });
    spa.refused("invalid_value", |s| {
        s.db.store
            .sales_mut()
            .refund_sale(&ctx, &sale.number, sessions(0))
    });
    let elsewhere = NewRefund {
        treatment: Some(TreatmentId::new().to_string()),
        ..sessions(1)
    };
    spa.refused("not_found", |s| {
        s.db.store
            .sales_mut()
            .refund_sale(&ctx, &sale.number, elsewhere)
    });
    spa.db.assert_folds_hold();
}

#[test]
fn goodwill_above_the_unused_share_is_a_managers_recorded_decision() {
    let mut spa = spa();
    let (sale, card) = sold_for_cash(&mut spa);
    let given = book(&mut spa, card, "2026-11-21").expect("booked").id;
    spa.serve(given, "2026-11-21T14:00", "2026-11-21T15:00");
    let ctx = spa.ctx_at("2026-11-21T16:00");
    // The whole price back for a card with a session used: only as goodwill.
    spa.refused("refund_too_large", |s| {
        s.db.store
            .sales_mut()
            .refund_sale(&ctx, &sale.number, amount(PRICE))
    });
    let goodwill = NewRefund {
        amount: Some(PRICE),
        goodwill: true,
        note: "khách không hài lòng".into(),
        ..NewRefund::default()
    };
    // A receptionist may not refund at all, goodwill or not.
    let desk = common::sale::desk(&spa, "2026-11-21T16:00");
    spa.refused("permission_denied", |s| {
        s.db.store
            .sales_mut()
            .refund_sale(&desk, &sale.number, goodwill.clone())
    });
    let refund = spa
        .db
        .store
        .sales_mut()
        .refund_sale(&ctx, &sale.number, goodwill)
        .expect("goodwill");
    assert_eq!(refund.cards[0].sessions, 9);
    assert_eq!(
        (refund.cards[0].amount, refund.cards[0].goodwill),
        (PRICE, 400_000)
    );
    let view = spa.card(card, "2026-11-21T16:00");
    assert_eq!((view.status, view.refunded), (TreatmentStatus::Refunded, 9));

    let audit = spa
        .db
        .store
        .audit(
            &AuditFilter {
                entity: Some(card.into()),
                ..AuditFilter::default()
            },
            Lang::En,
        )
        .expect("audit");
    let said = &audit.last().expect("the refund").text;
    assert!(
        said.contains("took back 9 sessions") && said.contains("400.000 ₫ goodwill"),
        "{said}"
    );
    let report = spa
        .db
        .store
        .day_report(&ctx, jiff::civil::date(2026, 11, 21), false)
        .expect("report");
    assert_eq!((report.refunds, report.goodwill), (PRICE, 400_000));
    spa.db.assert_folds_hold();
}

#[test]
fn other_lines_are_refunded_before_the_card_and_a_refund_into_the_wallet_too() {
    let mut spa = spa();
    let ctx = spa.ctx_at(NOW);
    let sale = spa
        .db
        .store
        .sales_mut()
        .record_sale(
            &ctx,
            NewSale {
                customer: Some(spa.an.clone()),
                lines: vec![
                    line(LineRef::Package(PACKAGE.into())),
                    common::sale::item("Dầu gội", 120_000, 2),
                ],
                payments: vec![pay(Tender::Card, PRICE + 240_000)],
                ..NewSale::default()
            },
        )
        .expect("sold");
    let LineKind::Package { treatment, .. } = sale.lines[0].what else {
        panic!("a package line");
    };
    let shampoo = spa
        .db
        .store
        .sales_mut()
        .refund_sale(&ctx, &sale.number, amount(240_000))
        .expect("the shampoo back");
    assert!(shampoo.cards.is_empty());
    assert_eq!(spa.card(treatment, NOW).available, 10);
    let to_wallet = NewRefund {
        to: RefundTo::Wallet,
        ..sessions(5)
    };
    let refund = spa
        .db
        .store
        .sales_mut()
        .refund_sale(&ctx, &sale.number, to_wallet)
        .expect("into the wallet");
    assert_eq!(refund.refunded, 2_000_000);
    let an = spa.an.parse().expect("id");
    assert_eq!(
        spa.db
            .store
            .wallets()
            .wallet(an, &ctx)
            .expect("wallet")
            .balance,
        2_000_000
    );
    assert_eq!(spa.card(treatment, NOW).available, 5);
    spa.db.assert_folds_hold();
}

fn all_ops(store: &Store) -> Vec<caredesk_domain::op::Op> {
    store
        .ops(&OpFilter::default())
        .expect("ops")
        .into_iter()
        .map(|logged| logged.op)
        .collect()
}

/// Counter A refunds the package while counter B, offline, books and gives
/// one of its sessions: after they exchange ops both list the over-use, a
/// second session booked on B cannot be given on A, and charging the
/// sessions resolves it.
#[test]
fn a_refund_and_an_offline_booking_of_the_same_card_meet_as_a_conflict() {
    let mut spa = spa();
    let (sale, card) = sold_for_cash(&mut spa);
    let b_path = spa.db.dir.path().join("b.db");
    let mut b = Store::join(&b_path, Some("B2M".to_owned())).expect("joined");
    b.receive(&all_ops(&spa.db.store))
        .expect("B takes A's work");
    let mut b = Store::open(&b_path).expect("reopened");

    // On B, offline: a session given and another booked.
    let b_ctx = b.context(Some(spa.db.at(NOW))).expect("owner on B");
    let request = |start: &str| NewBooking {
        customer: spa.an.clone(),
        items: vec![NewItem {
            service: spa.massage.clone(),
            staff: "Mai".into(),
            start: spa.db.at(start),
            end: None,
            room: None,
            treatment: Some(card),
        }],
        source: BookingSource::Phone,
        notes: String::new(),
    };
    let given = b
        .bookings_mut()
        .add_booking(&b_ctx, request("2026-11-21T14:00"))
        .expect("on B");
    for (at, to) in [
        ("2026-11-21T14:00", BookingMove::CheckIn),
        ("2026-11-21T14:00", BookingMove::Start),
        ("2026-11-21T15:00", BookingMove::Complete),
    ] {
        let ctx = b.context(Some(spa.db.at(at))).expect("ctx");
        b.bookings_mut()
            .move_booking(&ctx, given.id, to, "")
            .expect("given on B");
    }
    let later = b
        .bookings_mut()
        .add_booking(&b_ctx, request("2026-11-28T14:00"))
        .expect("booked on B");

    // On A, meanwhile: the whole package refunded.
    let ctx = spa.ctx_at("2026-11-21T16:00");
    spa.db
        .store
        .sales_mut()
        .refund_sale(&ctx, &sale.number, everything())
        .expect("refunded on A");
    spa.db.store.receive(&all_ops(&b)).expect("A takes B's ops");
    b.receive(&all_ops(&spa.db.store)).expect("B takes A's ops");
    for store in [&spa.db.store, &b] {
        let conflicts = store.conflicts().expect("conflicts");
        assert!(
            conflicts
                .iter()
                .any(|c| c.kind == ConflictKind::TreatmentOverused
                    && c.about == [card.to_string()]),
            "{conflicts:?}"
        );
        let view = store.treatments().treatment(card, &ctx).expect("card");
        assert_eq!((view.used, view.reserved, view.refunded), (1, 1, 10));
        assert_eq!(view.status, TreatmentStatus::Refunded);
    }
    assert_eq!(
        serde_json::to_string(&spa.db.store.dump().expect("dump")).expect("json"),
        serde_json::to_string(&b.dump().expect("dump")).expect("json"),
        "both counters hold the same"
    );

    // The session booked on B cannot be given on A: the card holds none.
    let day = spa.ctx_at("2026-11-28T14:00");
    for to in [BookingMove::CheckIn, BookingMove::Start] {
        spa.db
            .store
            .bookings_mut()
            .move_booking(&day, later.id, to, "")
            .expect("under way");
    }
    let done = spa.ctx_at("2026-11-28T15:00");
    spa.refused("treatment_refunded", |s| {
        s.db.store
            .bookings_mut()
            .move_booking(&done, later.id, BookingMove::Complete, "")
    });

    // Charging the sessions used beyond the card resolves it.
    spa.db
        .store
        .sales_mut()
        .record_sale(
            &done,
            NewSale {
                customer: Some(spa.an.clone()),
                lines: vec![line(LineRef::Sessions {
                    treatment: card.to_string(),
                    sessions: None,
                })],
                payments: vec![pay(Tender::Card, 800_000)],
                ..NewSale::default()
            },
        )
        .expect("the two sessions charged");
    spa.db
        .store
        .bookings_mut()
        .move_booking(&done, later.id, BookingMove::Complete, "")
        .expect("given");
    assert!(spa.db.store.conflicts().expect("conflicts").is_empty());
    spa.db.assert_folds_hold();
}
