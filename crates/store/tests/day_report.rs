//! The Z report of a scripted day, checked against figures worked out by
//! hand; the drawer's blind count against what it should hold; and a
//! closed day that refuses everything after it.

mod common;

use std::collections::BTreeMap;

use caredesk_domain::booking::BookingSource;
use caredesk_domain::drawer::Count;
use caredesk_domain::sale::{Discount, RefundTo, Tender};
use caredesk_domain::wallet::Source;
use caredesk_store::{
    Ctx, LineRef, NewBooking, NewCustomer, NewItem, NewLine, NewPayment, NewRefund, NewSale,
    WalletMove,
};
use common::spa::{Spa, spa};
use jiff::civil::date;

const DAY: &str = "2026-11-23";

fn at(time: &str) -> String {
    format!("{DAY}T{time}")
}

fn item(name: &str, unit_price: i64, quantity: u16) -> NewLine {
    NewLine {
        what: LineRef::Item {
            name: name.into(),
            unit_price,
            quantity,
        },
        discount: None,
    }
}

fn pay(tender: Tender, amount: i64) -> NewPayment {
    NewPayment {
        tender,
        amount,
        reference: String::new(),
    }
}

fn ring(spa: &mut Spa, time: &str, sale: NewSale) -> String {
    let ctx = spa.ctx_at(&at(time));
    spa.db
        .store
        .sales_mut()
        .record_sale(&ctx, sale)
        .expect("sold")
        .number
}

/// The day, as the counter lived it (all amounts in đồng):
///
/// | time  | what                                             | cash      | card      | transfer  | wallet  |
/// |-------|--------------------------------------------------|-----------|-----------|-----------|---------|
/// | 08:00 | drawer opened with a float of 1 000 000          |           |           |           |         |
/// | 08:30 | An deposits 200 000 (wallet command)             |           |           |           |         |
/// | 08:45 | An gets 50 000 credit, Bích 80 000               |           |           |           |         |
/// | 09:00 | 2 shampoos at 120 000, 300 000 cash              | +240 000  |           |           |         |
/// | 09:30 | Chi registers (a new customer)                   |           |           |           |         |
/// | 10:00 | An: package 4 000 000 less 200 000 off the sale  |           | 2 000 000 | 1 800 000 |         |
/// | 11:00 | An tops up 1 000 000 in cash                     | 1 000 000 |           |           |         |
/// | 12:00 | Bích: oil 500 000 cash; 12:30 refund 200 000     | +300 000  |           |           |         |
/// | 13:00 | candle 100 000 cash; voided at 13:05             | 0         |           |           |         |
/// | 14:00 | An: mask 300 000 from the wallet (50 000 credit) |           |           |           | 300 000 |
/// | 15:00 | 150 000 cash out of the drawer (towels)          | −150 000  |           |           |         |
/// | 16:00 | Bích's massage with Mai, completed at 17:00      |           |           |           |         |
fn the_day() -> Spa {
    let mut spa = spa();
    let an = spa.an.clone();
    let bich = spa.bich.clone();
    let ctx = |spa: &Spa, time: &str| spa.ctx_at(&at(time));
    let c = ctx(&spa, "08:00");
    spa.db
        .store
        .drawers_mut()
        .open_drawer(&c, 1_000_000)
        .expect("opened");
    let c = ctx(&spa, "08:30");
    let deposit = WalletMove {
        amount: 200_000,
        source: Source::Cash,
        reference: String::new(),
        note: String::new(),
    };
    spa.db
        .store
        .wallets_mut()
        .deposit_wallet(&c, &an, deposit)
        .expect("deposit");
    let c = ctx(&spa, "08:45");
    spa.db
        .store
        .wallets_mut()
        .issue_credit(&c, &an, 50_000, None, "sinh nhật")
        .expect("credit");
    spa.db
        .store
        .wallets_mut()
        .issue_credit(&c, &bich, 80_000, None, "xin lỗi")
        .expect("credit");
    ring(
        &mut spa,
        "09:00",
        NewSale {
            lines: vec![item("Dầu gội", 120_000, 2)],
            payments: vec![pay(Tender::Cash, 300_000)],
            ..NewSale::default()
        },
    );
    let c = ctx(&spa, "09:30");
    spa.db
        .store
        .customers_mut()
        .add_customer(
            &c,
            NewCustomer {
                name: "Lê Thị Chi".into(),
                phone: "0977 000 111".into(),
                ..NewCustomer::default()
            },
        )
        .expect("Chi");
    ring(
        &mut spa,
        "10:00",
        NewSale {
            customer: Some(an.clone()),
            lines: vec![NewLine {
                what: LineRef::Package("Massage 10 buổi".into()),
                discount: None,
            }],
            discount: Some(Discount::Amount(200_000)),
            payments: vec![
                pay(Tender::Card, 2_000_000),
                pay(Tender::Transfer, 1_800_000),
            ],
            note: String::new(),
        },
    );
    ring(
        &mut spa,
        "11:00",
        NewSale {
            customer: Some(an.clone()),
            lines: vec![NewLine {
                what: LineRef::TopUp(1_000_000),
                discount: None,
            }],
            payments: vec![pay(Tender::Cash, 1_000_000)],
            ..NewSale::default()
        },
    );
    let oil = ring(
        &mut spa,
        "12:00",
        NewSale {
            customer: Some(bich.clone()),
            lines: vec![item("Tinh dầu", 500_000, 1)],
            payments: vec![pay(Tender::Cash, 500_000)],
            ..NewSale::default()
        },
    );
    let c = ctx(&spa, "12:30");
    let refund = NewRefund {
        amount: Some(200_000),
        to: RefundTo::Original,
        note: "chai bị vỡ".into(),
        ..NewRefund::default()
    };
    spa.db
        .store
        .sales_mut()
        .refund_sale(&c, &oil, refund)
        .expect("refund");
    let candle = ring(
        &mut spa,
        "13:00",
        NewSale {
            lines: vec![item("Nến", 100_000, 1)],
            payments: vec![pay(Tender::Cash, 100_000)],
            ..NewSale::default()
        },
    );
    let c = ctx(&spa, "13:05");
    spa.db
        .store
        .sales_mut()
        .void_sale(&c, &candle, "bấm nhầm")
        .expect("void");
    ring(
        &mut spa,
        "14:00",
        NewSale {
            customer: Some(an.clone()),
            lines: vec![item("Mặt nạ", 300_000, 1)],
            payments: vec![pay(Tender::Wallet, 300_000)],
            ..NewSale::default()
        },
    );
    let c = ctx(&spa, "15:00");
    spa.db
        .store
        .drawers_mut()
        .move_cash(&c, -150_000, "mua khăn")
        .expect("cash out");
    let c = ctx(&spa, "08:00");
    let starts = spa.db.at(&at("16:00"));
    let booking = spa
        .db
        .store
        .bookings_mut()
        .add_booking(
            &c,
            NewBooking {
                customer: bich,
                items: vec![NewItem {
                    service: spa.massage.clone(),
                    staff: "Mai".into(),
                    start: starts,
                    end: None,
                    room: None,
                    treatment: None,
                }],
                source: BookingSource::Phone,
                notes: String::new(),
            },
        )
        .expect("booked");
    spa.serve(booking.id, &at("16:00"), &at("17:00"));
    spa
}

#[test]
fn the_z_report_of_a_scripted_day_matches_the_figures_worked_out_by_hand() {
    let mut spa = the_day();
    let evening = spa.ctx_at(&at("20:00"));
    let report = spa
        .db
        .store
        .day_report(&evening, date(2026, 11, 23), false)
        .expect("report");
    assert_eq!(report.sales, 6);
    assert_eq!(report.gross, 5_140_000);
    assert_eq!(report.discounts, 200_000);
    assert_eq!(report.tax, 0);
    assert_eq!(
        report.by_category,
        BTreeMap::from([
            ("package".to_owned(), 3_800_000),
            ("retail".to_owned(), 1_140_000)
        ])
    );
    assert_eq!((report.refunds, report.voids), (200_000, 100_000));
    assert_eq!(report.revenue, 4_640_000);
    assert_eq!(report.top_ups, 1_000_000);
    assert_eq!(
        report.by_method,
        BTreeMap::from([
            (Tender::Cash, 1_540_000),
            (Tender::Card, 2_000_000),
            (Tender::Transfer, 1_800_000),
            (Tender::Wallet, 300_000),
        ])
    );
    // Every đồng taken is revenue or money held in a wallet.
    let taken: i64 = report.by_method.values().sum();
    assert_eq!(taken, report.revenue + report.top_ups);
    assert_eq!((report.sessions, report.forfeited), (1, 0));
    assert_eq!(report.new_customers, 1);
    // An: 200 000 + 1 000 000 − 250 000 real; Bích's 80 000 credit is
    // still good, An's 50 000 went on the mask.
    assert_eq!(report.wallet.real, 950_000);
    assert_eq!(report.wallet.virtual_credit, 80_000);
    assert_eq!(report.wallet.virtual_spent, 50_000);
    assert!(!report.closed);

    // The blind count: 10 000 short in cash, the card slips right.
    let drawer = &report.drawers[0];
    assert_eq!(drawer.expected[&Tender::Cash], 2_390_000);
    let counted = [
        Count {
            tender: Tender::Cash,
            amount: 2_380_000,
        },
        Count {
            tender: Tender::Card,
            amount: 2_000_000,
        },
    ];
    let closed = spa
        .db
        .store
        .drawers_mut()
        .close_drawer(&evening, &counted, "thiếu 10 nghìn")
        .expect("closed");
    let difference = closed.difference.expect("counted");
    assert_eq!(difference[&Tender::Cash], -10_000);
    assert_eq!(difference[&Tender::Card], 0);

    // Closing the day locks it.
    spa.db
        .store
        .drawers_mut()
        .close_day(&evening, None)
        .expect("day closed");
    let report = spa
        .db
        .store
        .day_report(&evening, date(2026, 11, 23), true)
        .expect("branch report");
    assert!(report.closed);
    spa.refused("day_closed", |s| {
        s.db.store.sales_mut().record_sale(
            &evening,
            NewSale {
                lines: vec![item("Nến", 100_000, 1)],
                payments: vec![pay(Tender::Cash, 100_000)],
                ..NewSale::default()
            },
        )
    });
    spa.refused("day_closed", |s| {
        s.db.store.drawers_mut().open_drawer(&evening, 0)
    });
    spa.refused("day_closed", |s| {
        s.db.store.drawers_mut().close_day(&evening, None)
    });
    // The next day is open.
    let tomorrow = spa.ctx_at("2026-11-24T08:00");
    spa.db
        .store
        .drawers_mut()
        .open_drawer(&tomorrow, 500_000)
        .expect("next day");
    spa.db.assert_folds_hold();
}

#[test]
fn drawer_refusals_write_nothing() {
    let mut spa = spa();
    let ctx = spa.ctx_at(&at("08:00"));
    spa.refused("drawer_closed", |s| {
        s.db.store.drawers_mut().move_cash(&ctx, 100, "tip")
    });
    spa.refused("drawer_closed", |s| {
        s.db.store.drawers_mut().close_drawer(&ctx, &[], "")
    });
    spa.refused("invalid_amount", |s| {
        s.db.store.drawers_mut().open_drawer(&ctx, -1)
    });
    spa.db
        .store
        .drawers_mut()
        .open_drawer(&ctx, 100_000)
        .expect("opened");
    spa.refused("drawer_open", |s| {
        s.db.store.drawers_mut().open_drawer(&ctx, 0)
    });
    spa.refused("drawer_short", |s| {
        s.db.store
            .drawers_mut()
            .move_cash(&ctx, -100_001, "ngân hàng")
    });
    spa.refused("empty_field", |s| {
        s.db.store.drawers_mut().move_cash(&ctx, -100, " ")
    });
    spa.refused("invalid_amount", |s| {
        s.db.store.drawers_mut().move_cash(&ctx, 0, "x")
    });
    let twice = [
        Count {
            tender: Tender::Cash,
            amount: 1,
        },
        Count {
            tender: Tender::Cash,
            amount: 2,
        },
    ];
    spa.refused("invalid_value", |s| {
        s.db.store.drawers_mut().close_drawer(&ctx, &twice, "")
    });
    spa.refused("drawer_still_open", |s| {
        s.db.store.drawers_mut().close_day(&ctx, None)
    });
    let lan: Ctx = spa
        .db
        .store
        .context_as("Lan", Some(spa.db.at(&at("09:00"))))
        .expect("Lan");
    spa.refused("permission_denied", |s| {
        s.db.store.drawers_mut().close_day(&lan, None)
    });
    spa.refused("permission_denied", |s| {
        s.db.store.day_report(&lan, date(2026, 11, 23), false)
    });
}
