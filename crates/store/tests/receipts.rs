//! Printed receipts on a real database file: each print is an op, the
//! sale counts them (so the next one is a copy), the activity log says who
//! printed and who reprinted, and a bad print record writes nothing.

mod common;

use caredesk_store::{AuditFilter, Ctx, Lang, SaleView};
use common::sale::{desk, walk_in};
use common::spa::{Spa, spa};

/// A walk-in bought a candle at the desk; nothing printed yet.
fn candle_sold() -> (Spa, Ctx, SaleView) {
    let mut spa = spa();
    spa.open_drawer();
    let ctx = desk(&spa, "2026-11-21T15:05");
    let sale = spa
        .db
        .store
        .sales_mut()
        .record_sale(&ctx, walk_in("Nến thơm", 90_000))
        .expect("sold");
    (spa, ctx, sale)
}

#[test]
fn the_first_print_is_the_receipt_and_every_later_one_a_copy_in_the_activity_log() {
    let (mut spa, ctx, sale) = candle_sold();
    assert_eq!(sale.printed, 0);

    let first = spa
        .db
        .store
        .sales_mut()
        .record_receipt_printed(&ctx, &sale.number, false, 80)
        .expect("printed");
    assert_eq!(first.printed, 1);
    let later = desk(&spa, "2026-11-22T09:00");
    let copy = spa
        .db
        .store
        .sales_mut()
        .record_receipt_printed(&later, &sale.id.to_string(), true, 58)
        .expect("reprinted");
    assert_eq!(copy.printed, 2);
    assert_eq!(
        spa.db
            .store
            .sales()
            .sale(&sale.number)
            .expect("read")
            .printed,
        2
    );
    // Printing moves no money: the receipt reads as it did.
    assert_eq!(
        (copy.total, copy.paid, copy.refunded),
        (sale.total, sale.paid, sale.refunded)
    );

    let log: Vec<String> = spa
        .db
        .store
        .audit(&AuditFilter::default(), Lang::Vi)
        .expect("audit")
        .into_iter()
        .map(|e| e.text)
        .collect();
    let number = &sale.number;
    assert!(
        log.contains(&format!("Lan đã in hóa đơn {number}")),
        "{log:#?}"
    );
    assert!(
        log.contains(&format!("Lan đã in lại hóa đơn {number} (bản sao)")),
        "{log:#?}"
    );
}

#[test]
fn a_print_of_an_unknown_sale_or_on_an_odd_roll_writes_nothing() {
    let (mut spa, ctx, sale) = candle_sold();
    spa.refused("not_found", |s| {
        s.db.store
            .sales_mut()
            .record_receipt_printed(&ctx, "ZZZ-000009", false, 80)
    });
    let message = spa.refused("invalid_value", |s| {
        s.db.store
            .sales_mut()
            .record_receipt_printed(&ctx, &sale.number, false, 76)
    });
    assert!(message.contains("80 or 58"), "{message}");
}
