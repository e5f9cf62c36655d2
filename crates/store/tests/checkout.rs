//! Checkout on real database files: a sale with every kind of line and a
//! split payment, receipt numbers per register, wallet payments that use
//! virtual credit first, discounts above the limit, tax, refunds and voids,
//! and every refusal writing nothing.

mod common;

use caredesk_domain::id::BookingId;
use caredesk_domain::sale::{Discount, LineKind, RefundTo, Tender};
use caredesk_domain::wallet::Source;
use caredesk_store::{Ctx, InitSettings, LineRef, NewRefund, NewSale, WalletMove};
use common::sale::{
    desk, item, line, massage_done, pay, tax_added_and_a_10_percent_limit, walk_in,
};
use common::spa::{NOW, Spa, spa};

#[test]
fn one_sale_pays_a_massage_sells_a_package_a_shampoo_and_a_top_up() {
    let mut spa = spa();
    spa.open_drawer();
    let an = spa.an.clone();
    let booking = massage_done(&mut spa, &an, "2026-11-21T14:00", "2026-11-21T15:00");
    let ctx = desk(&spa, "2026-11-21T15:05");
    let register = spa.db.store.register_code().to_owned();
    let sale = spa
        .db
        .store
        .sales_mut()
        .record_sale(
            &ctx,
            NewSale {
                customer: Some(an.clone()),
                lines: vec![
                    line(LineRef::Booking(booking.to_string())),
                    line(LineRef::Package("Massage 10 buổi".into())),
                    item("Dầu gội thảo dược", 120_000, 2),
                    line(LineRef::TopUp(500_000)),
                ],
                discount: None,
                payments: vec![pay(Tender::Card, 4_000_000), pay(Tender::Cash, 1_500_000)],
                note: String::new(),
            },
        )
        .expect("sold");
    // 450 000 + 4 000 000 + 240 000 + 500 000 = 5 190 000; 5 500 000 paid.
    assert_eq!(sale.number, format!("{register}-000001"));
    assert_eq!(sale.total, 5_190_000);
    assert_eq!(sale.paid, 5_500_000);
    assert_eq!(sale.change, 310_000);
    assert_eq!(sale.by_name, "Lan");
    let kinds: Vec<&str> = sale.lines.iter().map(|l| l.category.as_str()).collect();
    assert_eq!(kinds, ["service", "package", "retail", "top_up"]);
    assert!(sale.lines[0].staff.is_some());

    // The package is An's treatment now, and the top-up is in her wallet.
    let an_id = an.parse().expect("id");
    let whole = spa
        .db
        .store
        .customers()
        .customer_360(an_id, &ctx)
        .expect("360");
    assert!(
        whole
            .treatments
            .iter()
            .any(|t| t.name == "Massage 10 buổi" && t.remaining == 10)
    );
    assert_eq!(whole.wallet.balance, 500_000);

    // The next receipt of this register follows on.
    let next = spa
        .db
        .store
        .sales_mut()
        .record_sale(
            &ctx,
            NewSale {
                lines: vec![item("Nến thơm", 90_000, 1)],
                payments: vec![pay(Tender::Cash, 100_000)],
                ..NewSale::default()
            },
        )
        .expect("walk-in sale");
    assert_eq!(next.number, format!("{register}-000002"));
    assert_eq!(next.customer, None);
    assert_eq!(
        spa.db
            .store
            .sales()
            .sale(&next.number)
            .expect("by number")
            .id,
        next.id
    );

    // The massage is paid: it cannot be rung up again.
    let again = spa.refused("already_paid", |s| {
        s.db.store.sales_mut().record_sale(
            &ctx,
            NewSale {
                lines: vec![line(LineRef::Booking(booking.to_string()))],
                payments: vec![pay(Tender::Cash, 450_000)],
                ..NewSale::default()
            },
        )
    });
    assert!(again.contains(&sale.number), "{again}");
    spa.db.assert_folds_hold();
}

#[test]
fn a_wallet_payment_uses_credit_first_and_a_refund_gives_back_only_real_money() {
    let mut spa = spa();
    spa.open_drawer();
    let an = spa.an.clone();
    let ctx = spa.ctx_at(NOW);
    let store = &mut spa.db.store;
    store
        .wallets_mut()
        .deposit_wallet(
            &ctx,
            &an,
            WalletMove {
                amount: 300_000,
                source: Source::Cash,
                reference: String::new(),
                note: String::new(),
            },
        )
        .expect("deposit");
    store
        .wallets_mut()
        .issue_credit(&ctx, &an, 100_000, None, "khai trương")
        .expect("credit");
    let sale = store
        .sales_mut()
        .record_sale(
            &ctx,
            NewSale {
                customer: Some(an.clone()),
                lines: vec![item("Mặt nạ", 250_000, 2)],
                payments: vec![pay(Tender::Wallet, 350_000), pay(Tender::Card, 150_000)],
                ..NewSale::default()
            },
        )
        .expect("sold");
    // 100 000 of the wallet payment was virtual credit: never refunded.
    assert_eq!(sale.from_virtual, 100_000);
    assert_eq!(sale.refundable, 400_000);
    let wallet = store
        .wallets()
        .wallet(an.parse().expect("id"), &ctx)
        .expect("wallet");
    assert_eq!((wallet.balance, wallet.virtual_), (50_000, 0));

    // Back the way it came, the last payment first: card, then wallet.
    let refund = store
        .sales_mut()
        .refund_sale(
            &ctx,
            &sale.number,
            NewRefund {
                amount: Some(200_000),
                to: RefundTo::Original,
                note: "khách dị ứng".into(),
                ..NewRefund::default()
            },
        )
        .expect("refunded");
    let parts: Vec<(Tender, i64)> = refund.parts.iter().map(|p| (p.tender, p.amount)).collect();
    assert_eq!(parts, [(Tender::Card, 150_000), (Tender::Wallet, 50_000)]);
    assert_eq!(refund.sale.refundable, 200_000);
    let wallet = store
        .wallets()
        .wallet(an.parse().expect("id"), &ctx)
        .expect("wallet");
    assert_eq!(wallet.balance, 100_000);

    // More than is left is refused, and nothing is written.
    let message = spa.refused("refund_too_large", |s| {
        s.db.store.sales_mut().refund_sale(
            &ctx,
            &sale.number,
            NewRefund {
                amount: Some(200_001),
                to: RefundTo::Wallet,
                note: String::new(),
                ..NewRefund::default()
            },
        )
    });
    assert!(message.contains("200000"), "{message}");
    // The rest into the wallet.
    let rest = spa
        .db
        .store
        .sales_mut()
        .refund_sale(
            &ctx,
            &sale.id.to_string(),
            NewRefund {
                amount: None,
                to: RefundTo::Wallet,
                note: String::new(),
                ..NewRefund::default()
            },
        )
        .expect("the rest");
    assert_eq!(rest.refunded, 200_000);
    assert_eq!(rest.sale.refundable, 0);
    let wallet = spa
        .db
        .store
        .wallets()
        .wallet(an.parse().expect("id"), &ctx)
        .expect("wallet");
    assert_eq!(wallet.balance, 300_000);
    spa.db.assert_folds_hold();
}

#[test]
fn a_discount_above_the_limit_needs_a_manager_and_tax_is_added_when_set() {
    let mut spa = spa();
    spa.open_drawer();
    tax_added_and_a_10_percent_limit(&mut spa);
    let lan = desk(&spa, NOW);
    let sale = |discount: u16| NewSale {
        lines: vec![item("Tinh dầu", 500_000, 1)],
        discount: Some(Discount::Percent(discount)),
        payments: vec![pay(Tender::Cash, 500_000)],
        ..NewSale::default()
    };
    // 10 % is within Lan's limit: 450 000 + 8 % = 486 000.
    let within = spa
        .db
        .store
        .sales_mut()
        .record_sale(&lan, sale(1_000))
        .expect("10 %");
    assert_eq!(
        (within.discounts, within.tax, within.total),
        (50_000, 36_000, 486_000)
    );
    assert_eq!(within.change, 14_000);
    spa.refused("permission_denied", |s| {
        s.db.store.sales_mut().record_sale(&lan, sale(2_000))
    });
    let huong = spa.db.store.staff_member("Hương").expect("owner").id;
    let approved = Ctx {
        approver: Some(huong),
        ..lan
    };
    let big = spa
        .db
        .store
        .sales_mut()
        .record_sale(&approved, sale(2_000))
        .expect("approved");
    assert_eq!(big.total, 432_000);
}

#[test]
fn a_void_is_for_today_and_frees_the_booking() {
    let mut spa = spa();
    spa.open_drawer();
    let an = spa.an.clone();
    let booking = massage_done(&mut spa, &an, "2026-11-21T14:00", "2026-11-21T15:00");
    let ctx = spa.ctx_at("2026-11-21T15:05");
    let ring = |s: &mut Spa, ctx: &Ctx| {
        s.db.store.sales_mut().record_sale(
            ctx,
            NewSale {
                lines: vec![line(LineRef::Booking(booking.to_string()))],
                payments: vec![pay(Tender::Cash, 500_000)],
                ..NewSale::default()
            },
        )
    };
    let sale = ring(&mut spa, &ctx).expect("sold");
    assert_eq!(sale.customer.map(|c| c.to_string()), Some(an.clone()));
    let lan = desk(&spa, "2026-11-21T15:10");
    spa.refused("permission_denied", |s| {
        s.db.store.sales_mut().void_sale(&lan, &sale.number, "")
    });
    let void = spa
        .db
        .store
        .sales_mut()
        .void_sale(&ctx, &sale.number, "nhầm khách")
        .expect("voided");
    assert!(void.sale.voided);
    // Paid 500 000 cash, 50 000 back as change: 450 000 goes back.
    assert_eq!(void.refunded, 450_000);
    spa.refused("sale_voided", |s| {
        s.db.store.sales_mut().void_sale(&ctx, &sale.number, "")
    });
    let again = ring(&mut spa, &ctx).expect("the booking is unpaid again");
    let tomorrow = spa.ctx_at("2026-11-22T09:00");
    spa.refused("void_too_late", |s| {
        s.db.store
            .sales_mut()
            .void_sale(&tomorrow, &again.number, "")
    });
    spa.db.assert_folds_hold();
}

#[test]
fn bad_sales_are_refused_and_write_nothing() {
    let mut spa = spa();
    spa.open_drawer();
    let an = spa.an.clone();
    let bich = spa.bich.clone();
    let ctx = spa.ctx_at(NOW);
    let booking = massage_done(&mut spa, &an, "2026-11-21T14:00", "2026-11-21T15:00");
    let ctx_later = spa.ctx_at("2026-11-21T15:05");
    let shampoo = || vec![item("Dầu gội", 120_000, 1)];
    let cases: Vec<(&str, NewSale)> = vec![
        ("empty_field", NewSale::default()),
        (
            "underpaid",
            NewSale {
                lines: shampoo(),
                payments: vec![pay(Tender::Cash, 100_000)],
                ..NewSale::default()
            },
        ),
        (
            "overpaid",
            NewSale {
                lines: shampoo(),
                payments: vec![pay(Tender::Card, 200_000)],
                ..NewSale::default()
            },
        ),
        (
            "customer_required",
            NewSale {
                lines: shampoo(),
                payments: vec![pay(Tender::Wallet, 120_000)],
                ..NewSale::default()
            },
        ),
        (
            "insufficient_funds",
            NewSale {
                customer: Some(an.clone()),
                lines: shampoo(),
                payments: vec![pay(Tender::Wallet, 120_000)],
                ..NewSale::default()
            },
        ),
        (
            "invalid_value",
            NewSale {
                customer: Some(an.clone()),
                lines: vec![line(LineRef::TopUp(100_000))],
                payments: vec![pay(Tender::Wallet, 100_000)],
                ..NewSale::default()
            },
        ),
        (
            "invalid_amount",
            NewSale {
                lines: vec![item("Dầu gội", -1, 1)],
                payments: vec![pay(Tender::Cash, 1)],
                ..NewSale::default()
            },
        ),
        (
            "other_customer",
            NewSale {
                customer: Some(bich.clone()),
                lines: vec![line(LineRef::Booking(booking.to_string()))],
                payments: vec![pay(Tender::Cash, 450_000)],
                ..NewSale::default()
            },
        ),
        (
            "invalid_value",
            NewSale {
                lines: vec![
                    line(LineRef::Booking(booking.to_string())),
                    line(LineRef::Booking(booking.to_string())),
                ],
                payments: vec![pay(Tender::Cash, 900_000)],
                ..NewSale::default()
            },
        ),
        (
            "not_found",
            NewSale {
                lines: vec![line(LineRef::Booking(BookingId::new().to_string()))],
                payments: vec![pay(Tender::Cash, 1)],
                ..NewSale::default()
            },
        ),
    ];
    for (code, sale) in cases {
        spa.refused(code, |s| {
            s.db.store.sales_mut().record_sale(&ctx_later, sale)
        });
    }
    // A booking not yet given is not paid at checkout.
    let t = spa.sell(&an, 5).id;
    let upcoming = spa.book(t, "2026-11-22T09:00").expect("booked").id;
    spa.refused("booking_not_completed", |s| {
        s.db.store.sales_mut().record_sale(
            &ctx,
            NewSale {
                lines: vec![line(LineRef::Booking(upcoming.to_string()))],
                ..NewSale::default()
            },
        )
    });
    spa.refused("not_found", |s| s.db.store.sales().sale("A-999999"));
}

#[test]
fn two_registers_number_their_receipts_apart() {
    let mut numbers = Vec::new();
    for register in ["A", "B"] {
        let mut db = common::with(InitSettings {
            register_code: Some(register.into()),
            ..InitSettings::default()
        });
        let ctx = db.ctx();
        db.store
            .drawers_mut()
            .open_drawer(&ctx, 0)
            .expect("drawer open");
        for _ in 0..2 {
            let sale = db
                .store
                .sales_mut()
                .record_sale(&ctx, walk_in("Nến", 50_000))
                .expect("sold");
            numbers.push(sale.number);
        }
    }
    assert_eq!(numbers, ["A-000001", "A-000002", "B-000001", "B-000002"]);
}

#[test]
fn a_package_sold_at_checkout_is_bookable_and_its_sessions_cost_nothing_at_the_till() {
    let mut spa = spa();
    spa.open_drawer();
    let an = spa.an.clone();
    let ctx = spa.ctx_at(NOW);
    let sale = spa
        .db
        .store
        .sales_mut()
        .record_sale(
            &ctx,
            NewSale {
                customer: Some(an.clone()),
                lines: vec![line(LineRef::Package("Massage 10 buổi".into()))],
                payments: vec![pay(Tender::Transfer, 4_000_000)],
                ..NewSale::default()
            },
        )
        .expect("sold");
    let LineKind::Package { treatment, .. } = sale.lines[0].what else {
        panic!("a package line: {:?}", sale.lines[0].what);
    };
    let booking = spa.book(treatment, "2026-11-21T14:00").expect("booked").id;
    spa.serve(booking, "2026-11-21T14:00", "2026-11-21T15:00");
    let later = spa.ctx_at("2026-11-21T15:05");
    let session = spa
        .db
        .store
        .sales_mut()
        .record_sale(
            &later,
            NewSale {
                lines: vec![line(LineRef::Booking(booking.to_string()))],
                ..NewSale::default()
            },
        )
        .expect("a session from the card");
    assert_eq!(session.total, 0);
    assert!(session.payments.is_empty());
}

#[test]
fn a_walk_in_has_no_wallet_and_a_partly_refunded_sale_is_not_voided() {
    let mut spa = spa();
    spa.open_drawer();
    let ctx = spa.ctx_at(NOW);
    let sale = spa
        .db
        .store
        .sales_mut()
        .record_sale(&ctx, walk_in("Nến thơm", 90_000))
        .expect("sold");
    let into_wallet = |amount| NewRefund {
        amount,
        to: RefundTo::Wallet,
        note: String::new(),
        ..NewRefund::default()
    };
    spa.refused("no_wallet", |s| {
        s.db.store
            .sales_mut()
            .refund_sale(&ctx, &sale.number, into_wallet(None))
    });
    spa.refused("invalid_amount", |s| {
        s.db.store
            .sales_mut()
            .refund_sale(&ctx, &sale.number, into_wallet(Some(0)))
    });
    let back = NewRefund {
        amount: Some(10_000),
        to: RefundTo::Original,
        note: String::new(),
        ..NewRefund::default()
    };
    spa.db
        .store
        .sales_mut()
        .refund_sale(&ctx, &sale.number, back)
        .expect("part refunded");
    spa.refused("sale_partly_refunded", |s| {
        s.db.store.sales_mut().void_sale(&ctx, &sale.number, "")
    });
}

/// Found by `sale_ledger`: a refund into the wallet larger than what the
/// wallet itself paid still counts against what is left to refund, so the
/// same money cannot be refunded twice.
#[test]
fn a_refund_into_the_wallet_counts_whichever_tender_paid() {
    let mut spa = spa();
    spa.open_drawer();
    let an = spa.an.clone();
    let ctx = spa.ctx_at(NOW);
    spa.db
        .store
        .wallets_mut()
        .issue_credit(&ctx, &an, 100_000, None, "khai trương")
        .expect("credit");
    // 100 000 by transfer, 100 000 from the wallet (all of it virtual).
    let sale = spa
        .db
        .store
        .sales_mut()
        .record_sale(
            &ctx,
            NewSale {
                customer: Some(an.clone()),
                lines: vec![item("Mặt nạ", 100_000, 2)],
                payments: vec![pay(Tender::Transfer, 100_000), pay(Tender::Wallet, 100_000)],
                ..NewSale::default()
            },
        )
        .expect("sold");
    assert_eq!((sale.from_virtual, sale.refundable), (100_000, 100_000));
    let into_wallet = NewRefund {
        amount: None,
        to: RefundTo::Wallet,
        note: String::new(),
        ..NewRefund::default()
    };
    let refund = spa
        .db
        .store
        .sales_mut()
        .refund_sale(&ctx, &sale.number, into_wallet.clone())
        .expect("refunded");
    assert_eq!((refund.refunded, refund.sale.refundable), (100_000, 0));
    spa.refused("refund_too_large", |s| {
        s.db.store
            .sales_mut()
            .refund_sale(&ctx, &sale.number, into_wallet)
    });
    spa.db.assert_folds_hold();
}
