//! The drawer sees every cash movement on its register: a cash sale needs
//! it open, a cash refund or void and a cash payout come out of it and
//! need it to hold the cash; card, transfer and wallet money never touch
//! it. Every refusal writes nothing.

mod common;

use caredesk_domain::payroll::PayoutMethod;
use caredesk_domain::sale::{RefundTo, Tender};
use caredesk_store::{Ctx, NewRefund, NewSale};
use common::sale::{item, massage_done, pay, walk_in};
use common::spa::{NOW, Spa, spa};

/// The day of these tests: the day after the spa's `NOW`, pinned.
fn at(time: &str) -> String {
    format!("2026-11-22T{time}")
}

fn cash(spa: &Spa, now: &str) -> i64 {
    let ctx = spa.ctx_at(now);
    let drawer = spa
        .db
        .store
        .drawers()
        .register_drawer(&ctx)
        .expect("drawer");
    drawer.open.expect("an open drawer").expected[&Tender::Cash]
}

fn open(spa: &mut Spa, now: &str, float: i64) {
    let ctx = spa.ctx_at(now);
    spa.db
        .store
        .drawers_mut()
        .open_drawer(&ctx, float)
        .expect("opened");
}

fn refund(amount: Option<i64>) -> NewRefund {
    NewRefund {
        amount,
        to: RefundTo::Original,
        note: "khách đổi ý".into(),
        ..NewRefund::default()
    }
}

/// Mai is owed 180 000 (40 % of one massage given on the day).
fn mai_owed(spa: &mut Spa) {
    let owner = spa.ctx_at(NOW);
    spa.db
        .store
        .payroll_mut()
        .set_share_rate(
            &owner,
            "Mai",
            4_000,
            Some("2026-11-01".parse().expect("date")),
        )
        .expect("rate");
    let an = spa.an.clone();
    massage_done(spa, &an, &at("09:00"), &at("10:00"));
}

fn payout(
    spa: &mut Spa,
    now: &str,
    amount: i64,
    method: PayoutMethod,
) -> caredesk_store::Result<i64> {
    let ctx: Ctx = spa.ctx_at(now);
    spa.db
        .store
        .payroll_mut()
        .pay_staff(&ctx, "Mai", amount, "lương tuần 47", method)
        .map(|p| p.balance)
}

#[test]
fn a_cash_payout_comes_out_of_the_drawer_and_a_transfer_does_not() {
    let mut spa = spa();
    mai_owed(&mut spa);

    // No drawer open: cash cannot be paid out; a transfer can.
    spa.refused("drawer_closed", |s| {
        payout(s, &at("18:00"), 50_000, PayoutMethod::Cash)
    });
    assert_eq!(
        payout(&mut spa, &at("18:00"), 30_000, PayoutMethod::Transfer).expect("transfer"),
        150_000
    );

    open(&mut spa, &at("18:05"), 100_000);
    // The drawer holds 100 000: 120 000 in cash is not there.
    spa.refused("drawer_short", |s| {
        payout(s, &at("18:10"), 120_000, PayoutMethod::Cash)
    });
    assert_eq!(
        payout(&mut spa, &at("18:10"), 100_000, PayoutMethod::Cash).expect("cash"),
        50_000
    );
    assert_eq!(cash(&spa, &at("18:15")), 0, "the payout left the drawer");
    let drawer = spa
        .db
        .store
        .drawers()
        .register_drawer(&spa.ctx_at(&at("18:15")))
        .expect("drawer")
        .open
        .expect("open");
    assert_eq!(drawer.moved, -100_000);
    assert_eq!(drawer.moves[0].payout.as_deref(), Some("Mai"));
    assert_eq!(drawer.moves[0].reason, "lương tuần 47");

    // The payouts keep how they were paid.
    let month = caredesk_store::Month::parse("2026-11").expect("month");
    let income = spa
        .db
        .store
        .payroll()
        .staff_income(&spa.ctx_at(&at("18:20")), "Mai", month)
        .expect("income");
    let methods: Vec<_> = income.payouts.iter().map(|p| p.method).collect();
    assert_eq!(methods, [PayoutMethod::Transfer, PayoutMethod::Cash]);
    spa.db.assert_folds_hold();
}

#[test]
fn a_cash_sale_needs_an_open_drawer_and_other_tenders_do_not() {
    let mut spa = spa();
    let desk = common::sale::desk(&spa, &at("09:00"));
    spa.refused("drawer_closed", |s| {
        s.db.store
            .sales_mut()
            .record_sale(&desk, walk_in("Nến thơm", 100_000))
    });
    // Part cash is cash.
    spa.refused("drawer_closed", |s| {
        s.db.store.sales_mut().record_sale(
            &desk,
            NewSale {
                lines: vec![item("Nến thơm", 100_000, 1)],
                payments: vec![pay(Tender::Card, 60_000), pay(Tender::Cash, 40_000)],
                ..NewSale::default()
            },
        )
    });
    for tender in [Tender::Card, Tender::Transfer] {
        spa.db
            .store
            .sales_mut()
            .record_sale(
                &desk,
                NewSale {
                    lines: vec![item("Nến thơm", 100_000, 1)],
                    payments: vec![pay(tender, 100_000)],
                    ..NewSale::default()
                },
            )
            .expect("no drawer needed");
    }
    // The wallet is not in the drawer either.
    let owner = spa.ctx_at(&at("09:00"));
    let an = spa.an.clone();
    spa.db
        .store
        .wallets_mut()
        .adjust_wallet(&owner, &an, 100_000, "quà khai trương")
        .expect("wallet");
    spa.db
        .store
        .sales_mut()
        .record_sale(
            &desk,
            NewSale {
                customer: Some(an),
                lines: vec![item("Nến thơm", 100_000, 1)],
                payments: vec![pay(Tender::Wallet, 100_000)],
                ..NewSale::default()
            },
        )
        .expect("wallet sale");

    open(&mut spa, &at("09:30"), 0);
    let desk = common::sale::desk(&spa, &at("09:35"));
    let sale = spa
        .db
        .store
        .sales_mut()
        .record_sale(&desk, walk_in("Nến thơm", 100_000))
        .expect("cash sale");
    assert_eq!(sale.total, 100_000);
    assert_eq!(cash(&spa, &at("09:40")), 100_000);
}

#[test]
fn a_cash_refund_or_void_needs_the_drawer_to_hold_the_cash() {
    let mut spa = spa();
    open(&mut spa, &at("08:00"), 0);
    let owner = spa.ctx_at(&at("10:00"));
    let candle = spa
        .db
        .store
        .sales_mut()
        .record_sale(&owner, walk_in("Nến thơm", 300_000))
        .expect("sold")
        .id
        .to_string();
    // 100 000 of it leaves for the bank: 200 000 stays.
    spa.db
        .store
        .drawers_mut()
        .move_cash(&owner, -100_000, "nộp ngân hàng")
        .expect("moved");
    spa.refused("drawer_short", |s| {
        s.db.store
            .sales_mut()
            .refund_sale(&owner, &candle, refund(None))
    });
    spa.refused("drawer_short", |s| {
        s.db.store
            .sales_mut()
            .void_sale(&owner, &candle, "bấm nhầm")
    });
    // What the drawer holds may go back.
    let back = spa
        .db
        .store
        .sales_mut()
        .refund_sale(&owner, &candle, refund(Some(200_000)))
        .expect("refunded");
    assert_eq!(back.refunded, 200_000);
    assert_eq!(cash(&spa, &at("10:05")), 0);

    // A card refund needs no drawer; a cash one needs it open.
    let card = spa
        .db
        .store
        .sales_mut()
        .record_sale(
            &owner,
            NewSale {
                lines: vec![item("Dầu dừa", 120_000, 1)],
                payments: vec![pay(Tender::Card, 120_000)],
                ..NewSale::default()
            },
        )
        .expect("card sale")
        .id
        .to_string();
    let evening = spa.ctx_at(&at("19:00"));
    spa.db
        .store
        .drawers_mut()
        .close_drawer(&evening, &[], "")
        .expect("closed");
    spa.refused("drawer_closed", |s| {
        s.db.store
            .sales_mut()
            .refund_sale(&evening, &candle, refund(Some(50_000)))
    });
    spa.db
        .store
        .sales_mut()
        .void_sale(&evening, &card, "máy POS trừ hai lần")
        .expect("a card void");
    spa.db.assert_folds_hold();
}

#[test]
fn the_cash_part_of_a_split_void_is_checked_against_the_drawer() {
    let mut spa = spa();
    open(&mut spa, &at("08:00"), 0);
    let owner = spa.ctx_at(&at("10:00"));
    let an = spa.an.clone();
    let booking = massage_done(&mut spa, &an, &at("09:00"), &at("10:00"));
    let sale = spa
        .db
        .store
        .sales_mut()
        .record_sale(
            &owner,
            NewSale {
                lines: vec![common::sale::line(caredesk_store::LineRef::Booking(
                    booking.to_string(),
                ))],
                payments: vec![pay(Tender::Card, 250_000), pay(Tender::Cash, 200_000)],
                ..NewSale::default()
            },
        )
        .expect("sold")
        .id
        .to_string();
    spa.db
        .store
        .drawers_mut()
        .move_cash(&owner, -150_000, "mua khăn")
        .expect("moved");
    // 50 000 left: the void's 200 000 in cash is not there.
    spa.refused("drawer_short", |s| {
        s.db.store.sales_mut().void_sale(&owner, &sale, "bấm nhầm")
    });
    spa.db
        .store
        .drawers_mut()
        .move_cash(&owner, 150_000, "trả lại")
        .expect("moved back");
    spa.db
        .store
        .sales_mut()
        .void_sale(&owner, &sale, "bấm nhầm")
        .expect("voided");
    assert_eq!(cash(&spa, &at("10:10")), 0);
}

#[test]
fn two_processes_taking_the_last_cash_at_once_cannot_both_have_it() {
    let mut spa = spa();
    mai_owed(&mut spa);
    open(&mut spa, &at("18:00"), 100_000);
    let now = spa.db.at(&at("18:05"));
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let threads: Vec<_> = (0..2)
        .map(|n| {
            let (path, barrier) = (spa.db.path.clone(), std::sync::Arc::clone(&barrier));
            std::thread::spawn(move || {
                let mut store = caredesk_store::Store::open(&path).expect("own connection");
                let ctx = store.context(Some(now)).expect("context");
                barrier.wait();
                // One takes 80 000 out for the bank, the other pays Mai
                // 80 000: the drawer holds 100 000.
                if n == 0 {
                    store
                        .drawers_mut()
                        .move_cash(&ctx, -80_000, "nộp ngân hàng")
                        .map(|_| ())
                } else {
                    store
                        .payroll_mut()
                        .pay_staff(&ctx, "Mai", 80_000, "tuần 47", PayoutMethod::Cash)
                        .map(|_| ())
                }
            })
        })
        .collect();
    let results: Vec<_> = threads
        .into_iter()
        .map(|t| t.join().expect("thread"))
        .collect();
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    let refused = results.iter().find_map(|r| r.as_ref().err()).expect("one");
    assert_eq!(refused.code(), "drawer_short");
    assert_eq!(cash(&spa, &at("18:10")), 20_000);
    spa.db.assert_folds_hold();
}

#[test]
fn seeded_days_take_their_cash_through_a_drawer_counted_right() {
    let mut db = common::vietnam();
    let ctx = db.ctx_at("2026-11-25T08:00");
    let seeded = db
        .store
        .seed_sales(
            &ctx,
            caredesk_store::SalesSeed {
                from: "2026-11-20".parse().expect("date"),
                days: 2,
                lines_per_day: 40,
                seed: 7,
            },
        )
        .expect("seeded");
    assert!(seeded.sales > 0);
    for day in ["2026-11-20", "2026-11-21"] {
        let drawers = db
            .store
            .drawers()
            .drawers_on(day.parse().expect("date"), &ctx)
            .expect("drawers");
        assert_eq!(drawers.len(), 1, "{day}");
        let difference = drawers[0].difference.clone().expect("counted");
        assert!(
            difference.values().all(|d| *d == 0),
            "{day}: {difference:?}"
        );
        assert!(drawers[0].expected[&Tender::Cash] > 1_000_000, "{day}");
    }
    db.assert_folds_hold();
}
