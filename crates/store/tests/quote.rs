//! The checkout screen's cart: `quote_sale` prices a sale exactly as
//! `record_sale` then records it, refuses what it would refuse, tells when a
//! manager must approve the discount, and writes nothing.

mod common;

use caredesk_domain::sale::{Discount, Tender};
use caredesk_store::{Ctx, LineRef, NewSale};
use common::sale::{desk, item, line, massage_done, pay, tax_added_and_a_10_percent_limit};
use common::snapshot;
use common::spa::{NOW, spa};

#[test]
fn a_quote_is_what_the_sale_then_records_and_writes_nothing() {
    let mut spa = spa();
    spa.open_drawer();
    let an = spa.an.clone();
    let booking = massage_done(&mut spa, &an, "2026-11-21T14:00", "2026-11-21T15:00");
    let lan = desk(&spa, "2026-11-21T15:05");
    let sale = NewSale {
        customer: Some(an.clone()),
        lines: vec![
            line(LineRef::Booking(booking.to_string())),
            item("Dầu gội thảo dược", 120_000, 2),
            line(LineRef::TopUp(300_000)),
        ],
        discount: Some(Discount::Amount(40_000)),
        payments: vec![pay(Tender::Cash, 1_000_000)],
        note: String::new(),
    };
    let before = snapshot(&spa.db.path);
    let quote = spa
        .db
        .store
        .sales()
        .quote_sale(&lan, &sale)
        .expect("quoted");
    assert_eq!(snapshot(&spa.db.path), before, "a quote writes nothing");
    // 450 000 + 240 000 - 40 000 (never off the top-up) + 300 000.
    assert_eq!(quote.total, 950_000);
    assert_eq!(quote.discounts, 40_000);
    assert!(!quote.needs_approval);
    assert_eq!(quote.wallet_available, Some(0));
    assert_eq!(quote.customer.map(|c| c.to_string()), Some(an));

    let recorded = spa
        .db
        .store
        .sales_mut()
        .record_sale(&lan, sale)
        .expect("sold");
    assert_eq!(
        (
            recorded.subtotal,
            recorded.discounts,
            recorded.tax,
            recorded.total
        ),
        (quote.subtotal, quote.discounts, quote.tax, quote.total)
    );
    assert_eq!(recorded.lines, quote.lines);
    assert_eq!(recorded.change, 50_000);
}

#[test]
fn a_quote_refuses_what_the_sale_would_and_shows_the_wallet() {
    let mut spa = spa();
    spa.open_drawer();
    let an = spa.an.clone();
    let lan = desk(&spa, NOW);
    let before = snapshot(&spa.db.path);
    let empty = NewSale::default();
    let err = spa
        .db
        .store
        .sales()
        .quote_sale(&lan, &empty)
        .expect_err("no lines");
    assert_eq!(err.code(), "empty_field");
    let unknown = NewSale {
        lines: vec![line(LineRef::Booking("not-a-booking".into()))],
        ..NewSale::default()
    };
    let err = spa
        .db
        .store
        .sales()
        .quote_sale(&lan, &unknown)
        .expect_err("no such booking");
    assert_eq!(err.code(), "not_found");
    assert_eq!(snapshot(&spa.db.path), before);

    // What the wallet can pay is there as soon as the customer is.
    let top_up = NewSale {
        customer: Some(an.clone()),
        lines: vec![line(LineRef::TopUp(200_000))],
        payments: vec![pay(Tender::Cash, 200_000)],
        ..NewSale::default()
    };
    spa.db
        .store
        .sales_mut()
        .record_sale(&lan, top_up)
        .expect("topped up");
    let shampoo = NewSale {
        customer: Some(an),
        lines: vec![item("Dầu gội", 120_000, 1)],
        ..NewSale::default()
    };
    let quote = spa
        .db
        .store
        .sales()
        .quote_sale(&lan, &shampoo)
        .expect("quoted");
    assert_eq!(quote.wallet_available, Some(200_000));
    let walk_in = NewSale {
        lines: vec![item("Dầu gội", 120_000, 1)],
        ..NewSale::default()
    };
    let quote = spa
        .db
        .store
        .sales()
        .quote_sale(&lan, &walk_in)
        .expect("quoted");
    assert_eq!(quote.wallet_available, None);
}

#[test]
fn a_discount_above_the_limit_needs_approval_unless_a_manager_rings_it_up() {
    let mut spa = spa();
    let owner = tax_added_and_a_10_percent_limit(&mut spa);
    let sale = |percent: u16| NewSale {
        lines: vec![item("Tinh dầu", 500_000, 1)],
        discount: Some(Discount::Percent(percent)),
        ..NewSale::default()
    };
    let lan = desk(&spa, NOW);
    let within = spa
        .db
        .store
        .sales()
        .quote_sale(&lan, &sale(1_000))
        .expect("10 %");
    assert!(!within.needs_approval);
    assert_eq!((within.tax, within.total), (36_000, 486_000));
    let above = spa
        .db
        .store
        .sales()
        .quote_sale(&lan, &sale(2_000))
        .expect("20 %");
    assert!(above.needs_approval, "Lan may not give 20 % alone");
    assert_eq!(above.total, 432_000);
    let huong = spa.db.store.staff_member("Hương").expect("owner").id;
    let approved = Ctx {
        approver: Some(huong),
        ..lan
    };
    let quote = spa
        .db
        .store
        .sales()
        .quote_sale(&approved, &sale(2_000))
        .expect("approved");
    assert!(!quote.needs_approval);
    assert!(
        !spa.db
            .store
            .sales()
            .quote_sale(&owner, &sale(2_000))
            .expect("owner")
            .needs_approval
    );
}
