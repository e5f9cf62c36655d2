//! Upgrading a counter's file that already holds data: migration 0009
//! (sales slimmed for the write path) on a file shaped as 0008 left it,
//! with a receipt, a refund and a void in it. Nothing may be lost: the day's
//! report reads the same, every projection still equals the fold of its
//! ops, and new sales go on as before.

mod common;

use caredesk_domain::sale::{RefundTo, Tender};
use caredesk_store::{LineRef, NewLine, NewPayment, NewRefund, NewSale, Store, schema_version};
use jiff::civil::Date;
use rusqlite::Connection;

fn walk_in(price: i64) -> NewSale {
    NewSale {
        lines: vec![NewLine {
            what: LineRef::Item {
                name: "Dầu gội".into(),
                unit_price: price,
                quantity: 1,
            },
            discount: None,
        }],
        payments: vec![NewPayment {
            tender: Tender::Cash,
            amount: price,
            reference: String::new(),
        }],
        ..NewSale::default()
    }
}

/// Puts the sales tables back the way migration 0008 made them (the
/// folded receipt in `sales.state`, lines keyed by sale, two money
/// indexes), with the rows they had, takes out what later migrations added
/// (tickets, sync and re-keys, the merge, charge, refunded, goodwill and
/// former phone columns), and marks
/// the file as version 8.
fn back_to_0008(conn: &Connection) {
    conn.execute_batch(
        "ALTER TABLE sales ADD COLUMN state TEXT NOT NULL DEFAULT '{}';
         DROP INDEX sales_by_customer;
         CREATE INDEX sales_by_customer ON sales (customer_id, at);
         CREATE TABLE old_lines (
             sale_id TEXT NOT NULL, line INTEGER NOT NULL, day TEXT NOT NULL,
             register TEXT NOT NULL, kind TEXT NOT NULL, category TEXT NOT NULL,
             booking_id TEXT, treatment_id TEXT, staff_id TEXT, gross INTEGER NOT NULL,
             discount INTEGER NOT NULL, tax INTEGER NOT NULL, total INTEGER NOT NULL,
             voided INTEGER NOT NULL, PRIMARY KEY (sale_id, line)
         ) STRICT, WITHOUT ROWID;
         INSERT INTO old_lines SELECT sale_id, line, day, register, kind, category, booking_id,
             treatment_id, staff_id, gross, discount, tax, total, voided FROM sale_lines;
         DROP TABLE sale_lines;
         ALTER TABLE old_lines RENAME TO sale_lines;
         CREATE INDEX sale_lines_by_day ON sale_lines (day, register);
         CREATE INDEX sale_lines_by_booking ON sale_lines (booking_id)
             WHERE booking_id IS NOT NULL;
         CREATE INDEX sale_lines_by_treatment ON sale_lines (treatment_id)
             WHERE treatment_id IS NOT NULL;
         DROP INDEX sale_money_by_day;
         CREATE INDEX sale_money_by_day ON sale_money (day, register);
         CREATE INDEX sale_money_by_register ON sale_money (register, at);
         DROP TABLE sync_link;
         DROP TABLE sync_state;
         DROP TABLE rekeys;
         ALTER TABLE treatments DROP COLUMN refunded;
         ALTER TABLE sale_money DROP COLUMN goodwill;
         DROP TABLE tickets;
         ALTER TABLE treatments DROP COLUMN granted;
         ALTER TABLE treatments DROP COLUMN charged;
         DROP INDEX customers_merged;
         ALTER TABLE customers DROP COLUMN merged_into;
         DROP INDEX customers_by_former_phone;
         ALTER TABLE customers DROP COLUMN former_phone;
         PRAGMA user_version = 8;",
    )
    .expect("back to 0008");
}

#[test]
fn sales_survive_the_upgrade_to_0009() {
    assert!(schema_version() >= 9, "this test is about migration 0009");
    let mut db = common::vietnam();
    let ctx = db.ctx_at("2026-11-21T10:00");
    let morning = db.ctx_at("2026-11-21T08:00");
    db.store
        .drawers_mut()
        .open_drawer(&morning, 0)
        .expect("drawer open");
    let kept = db
        .store
        .sales_mut()
        .record_sale(&ctx, walk_in(120_000))
        .expect("sold");
    let refunded = db
        .store
        .sales_mut()
        .record_sale(&ctx, walk_in(300_000))
        .expect("sold");
    let voided = db
        .store
        .sales_mut()
        .record_sale(&ctx, walk_in(50_000))
        .expect("sold");
    let later = db.ctx_at("2026-11-21T11:00");
    db.store
        .sales_mut()
        .refund_sale(
            &later,
            &refunded.number,
            NewRefund {
                amount: Some(100_000),
                to: RefundTo::Original,
                note: "trả lại".into(),
                ..NewRefund::default()
            },
        )
        .expect("refunded");
    db.store
        .sales_mut()
        .void_sale(&later, &voided.number, "bấm nhầm")
        .expect("voided");
    let day: Date = "2026-11-21".parse().expect("date");
    let evening = db.ctx_at("2026-11-21T20:00");
    let report = db.store.day_report(&evening, day, false).expect("report");
    let dump = db.store.dump().expect("dump");
    let path = db.path.clone();
    drop(db.store);

    back_to_0008(&Connection::open(&path).expect("open"));
    let mut store = Store::open(&path).expect("upgraded");
    let version: i64 = Connection::open(&path)
        .expect("open")
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .expect("version");
    assert_eq!(version, schema_version());
    assert_eq!(
        store.verify_projections().expect("verify"),
        Vec::<String>::new()
    );
    assert_eq!(
        store.day_report(&evening, day, false).expect("report"),
        report
    );
    assert_eq!(store.dump().expect("dump"), dump);
    assert_eq!(
        store.sales().sale(&kept.number).expect("found").number,
        kept.number
    );

    // The counter rings up and refunds as before on the upgraded file.
    let next = store
        .sales_mut()
        .record_sale(&later, walk_in(80_000))
        .expect("sold");
    store
        .sales_mut()
        .refund_sale(
            &later,
            &next.number,
            NewRefund {
                amount: None,
                to: RefundTo::Original,
                note: String::new(),
                ..NewRefund::default()
            },
        )
        .expect("refunded");
    assert_eq!(
        store.verify_projections().expect("verify"),
        Vec::<String>::new()
    );
}
