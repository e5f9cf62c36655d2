//! A change of the business's time zone moves every stored business day
//! (sales, their lines and money, drawer sessions) to the day the new zone
//! puts it on, in the same transaction on the counter that made the change
//! and in the same fold on a counter that receives it: reports by day and
//! the drawers of a day agree with the new zone, and with a counter that
//! folded the same ops with the new zone from the start. A closed day stays
//! the date it was closed as. A file from an older build, whose days a zone
//! change left behind, is mended when this build opens it.

mod common;

use caredesk_domain::drawer::Count;
use caredesk_domain::op::Op;
use caredesk_domain::sale::Tender;
use caredesk_store::{Ctx, InitSettings, OpFilter, Store};
use common::TestDb;
use common::sale::walk_in;
use jiff::civil::Date;

/// A spa in Bali set up with Indonesia's default zone (Asia/Jakarta, UTC+7)
/// when its clocks say Asia/Makassar (UTC+8).
fn bali() -> TestDb {
    common::with(InitSettings {
        business: caredesk_domain::BusinessSettings::for_country(
            caredesk_domain::Country::Indonesia,
        ),
        owner_name: "Wayan".into(),
        register_code: Some("A7K".into()),
        ..InitSettings::default()
    })
}

const DAY: &str = "2026-11-21";
const NEXT: &str = "2026-11-22";

fn date(text: &str) -> Date {
    text.parse().expect("date")
}

fn cash(amount: i64) -> Vec<Count> {
    vec![Count {
        tender: Tender::Cash,
        amount,
    }]
}

/// A day on Jakarta's clock: a drawer from 09:00 to 23:00 with a sale at
/// 10:00, another from 23:20 with a sale at 23:30 (00:30 the next day in
/// Makassar), and the day closed at 23:45.
fn a_day_on_jakarta_time(db: &mut TestDb) {
    let at = |db: &TestDb, time: &str| db.ctx_at(&format!("{DAY}T{time}"));
    let [
        at_0900,
        at_1000,
        at_2300,
        at_2320,
        at_2330,
        at_2340,
        at_2345,
    ] = [
        "09:00", "10:00", "23:00", "23:20", "23:30", "23:40", "23:45",
    ]
    .map(|time| at(db, time));
    let opened = db
        .store
        .drawers_mut()
        .open_drawer(&at_0900, 500_000)
        .expect("open");
    // The drawer's amounts are rupiah, and say so to the screen.
    assert_eq!(opened.currency, caredesk_domain::Currency::Idr);
    db.store
        .sales_mut()
        .record_sale(&at_1000, walk_in("Lulur", 150_000))
        .expect("morning sale");
    db.store
        .drawers_mut()
        .close_drawer(&at_2300, &cash(650_000), "")
        .expect("closed");
    db.store
        .drawers_mut()
        .open_drawer(&at_2320, 100_000)
        .expect("reopened");
    db.store
        .sales_mut()
        .record_sale(&at_2330, walk_in("Minyak pijat", 50_000))
        .expect("late sale");
    db.store
        .drawers_mut()
        .close_drawer(&at_2340, &cash(150_000), "")
        .expect("closed again");
    db.store
        .drawers_mut()
        .close_day(&at_2345, Some(date(DAY)))
        .expect("day closed");
}

fn to_makassar(db: &mut TestDb, ctx: &Ctx) {
    let mut settings = db.store.settings().clone();
    settings.timezone = "Asia/Makassar".into();
    db.store.set_business(ctx, settings).expect("zone changed");
}

fn all_ops(store: &Store) -> Vec<Op> {
    store
        .ops(&OpFilter::default())
        .expect("ops")
        .into_iter()
        .map(|logged| logged.op)
        .collect()
}

/// Every stored business day, as text.
fn stored_days(store: &Store) -> Vec<String> {
    let conn = rusqlite::Connection::open(store.path()).expect("second connection");
    let mut statement = conn
        .prepare(
            "SELECT 'sale ' || id || ' ' || day FROM sales
             UNION ALL SELECT 'line ' || sale_id || ' ' || line || ' ' || day FROM sale_lines
             UNION ALL SELECT 'money ' || sale_id || ' ' || seq || ' ' || day FROM sale_money
             UNION ALL SELECT 'drawer ' || id || ' ' || day FROM drawers
             ORDER BY 1",
        )
        .expect("days");
    statement
        .query_map([], |row| row.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("days")
}

/// The branch's report of a day, as JSON, seen at one fixed moment.
fn report(store: &Store, day: &str) -> serde_json::Value {
    let ctx = store
        .context(Some("2026-11-23T12:00:00Z".parse().expect("time")))
        .expect("owner");
    serde_json::to_value(store.day_report(&ctx, date(day), true).expect("report")).expect("JSON")
}

fn revenue_and_sales(store: &Store, day: &str) -> (i64, i64, usize) {
    let report = report(store, day);
    (
        report["revenue"].as_i64().expect("revenue"),
        report["sales"].as_i64().expect("sales"),
        report["drawers"].as_array().expect("drawers").len(),
    )
}

#[test]
fn a_new_zone_moves_every_stored_day_and_reports_follow() {
    let mut db = bali();
    a_day_on_jakarta_time(&mut db);
    assert_eq!(revenue_and_sales(&db.store, DAY), (200_000, 2, 2));
    assert_eq!(revenue_and_sales(&db.store, NEXT), (0, 0, 0));

    let owner = db.ctx_at(&format!("{NEXT}T09:00"));
    to_makassar(&mut db, &owner);
    // 23:20 and 23:30 in Jakarta are 00:20 and 00:30 the next day here.
    assert_eq!(revenue_and_sales(&db.store, DAY), (150_000, 1, 1));
    assert_eq!(revenue_and_sales(&db.store, NEXT), (50_000, 1, 1));
    let late = &report(&db.store, NEXT)["by_hour"];
    assert!(
        late.as_array()
            .expect("hours")
            .iter()
            .any(|h| h["hour"] == 0 && h["revenue"] == 50_000),
        "{late}"
    );
    db.assert_folds_hold();
    // And back: the days return to where Jakarta put them.
    let mut settings = db.store.settings().clone();
    settings.timezone = "Asia/Jakarta".into();
    db.store.set_business(&owner, settings).expect("back");
    assert_eq!(revenue_and_sales(&db.store, DAY), (200_000, 2, 2));
    assert_eq!(revenue_and_sales(&db.store, NEXT), (0, 0, 0));
    db.assert_folds_hold();
}

#[test]
fn counters_that_learn_of_the_zone_by_sync_agree_with_a_fresh_fold() {
    let mut a = bali();
    a_day_on_jakarta_time(&mut a);
    let dir = tempfile::tempdir().expect("temp dir");
    // B holds the day before the zone changes, and learns of it by sync.
    let mut b = Store::join(&dir.path().join("b.db"), Some("B2M".into())).expect("B");
    b.receive(&all_ops(&a.store)).expect("B holds the day");
    let before = all_ops(&a.store).len();
    let owner = a.ctx_at(&format!("{NEXT}T09:00"));
    to_makassar(&mut a, &owner);
    let change: Vec<Op> = all_ops(&a.store).split_off(before);
    assert_eq!(change.len(), 1);
    b.receive(&change).expect("the new zone reaches B");

    // C folds everything with the new zone from the start: the change
    // arrives first.
    let mut c = Store::join(&dir.path().join("c.db"), Some("C3P".into())).expect("C");
    let mut ops = all_ops(&a.store);
    let last = ops.pop().expect("the change");
    ops.insert(0, last);
    c.receive(&ops).expect("C folds it all");

    for other in [&b, &c] {
        assert_eq!(other.settings().timezone, "Asia/Makassar");
        assert_eq!(stored_days(other), stored_days(&a.store));
        for day in [DAY, NEXT] {
            assert_eq!(report(other, day), report(&a.store, day), "{day}");
        }
        assert_eq!(
            serde_json::to_string(&other.dump().expect("dump")).expect("JSON"),
            serde_json::to_string(&a.store.dump().expect("dump")).expect("JSON")
        );
        assert!(other.verify_projections().expect("verify").is_empty());
    }
    assert!(stored_days(&c).iter().any(|d| d.ends_with(NEXT)));
    a.assert_folds_hold();
}

#[test]
fn a_closed_day_stays_the_date_it_was_closed_as() {
    let mut db = bali();
    a_day_on_jakarta_time(&mut db);
    let owner = db.ctx_at(&format!("{NEXT}T09:00"));
    to_makassar(&mut db, &owner);
    assert_eq!(report(&db.store, DAY)["closed"], true);
    assert_eq!(report(&db.store, NEXT)["closed"], false);
    let register = |db: &TestDb, at: &str| {
        db.store
            .drawers()
            .register_drawer(&db.ctx_at(at))
            .expect("register")
            .day_closed
    };
    // The 21st stays closed, whichever zone reads the clock; what the new
    // zone puts on the 22nd (the late drawer, the late sale) is on an open
    // day, where it now belongs.
    assert!(register(&db, &format!("{DAY}T23:55")));
    assert!(!register(&db, &format!("{NEXT}T00:30")));
    let path = db.path.clone();
    common::refused(&mut db.store, &path, "day_closed", |store| {
        store.drawers_mut().close_day(&owner, Some(date(DAY)))
    });
    let ctx = db.ctx_at(&format!("{NEXT}T09:30"));
    db.store
        .drawers_mut()
        .open_drawer(&ctx, 100_000)
        .expect("the 22nd is open");
}

/// Opening a file as the build before migration "days_and_merged_files"
/// left it: the zone changed but the days stayed on Jakarta's, and a merged
/// file out of search altogether (no code key, no phone, no phone row).
#[test]
fn an_older_file_is_mended_when_opened() {
    let mut db = bali();
    let owner = db.ctx_at(&format!("{DAY}T08:00"));
    let older = db.add("Made Wirawan", "0812 3456 7890");
    let newer = db.add("Made Wirawan", "0813 1111 2222");
    db.store
        .customers_mut()
        .merge_customers(&owner, &[older.id.to_string(), newer.id.to_string()])
        .expect("merged");
    a_day_on_jakarta_time(&mut db);
    let owner = db.ctx_at(&format!("{NEXT}T09:00"));
    to_makassar(&mut db, &owner);
    // The temporary folder stays; only the store lets go of the file.
    let TestDb {
        dir: _dir,
        path,
        store,
    } = db;
    drop(store);
    // The file as the build before migration 0014 (the repair's) left it:
    // what 0014 and the later migrations add taken out, version 13.
    let conn = rusqlite::Connection::open(&path).expect("file");
    conn.execute_batch(&format!(
        "UPDATE sales SET day = '{DAY}';
         UPDATE sale_lines SET day = '{DAY}';
         UPDATE sale_money SET day = '{DAY}';
         UPDATE drawers SET day = '{DAY}';
         DELETE FROM customer_phones
             WHERE rowid IN (SELECT num FROM customers WHERE merged_into IS NOT NULL);
         UPDATE customers SET code_key = NULL WHERE merged_into IS NOT NULL;
         DROP INDEX customers_by_former_phone;
         ALTER TABLE customers DROP COLUMN former_phone;
         ALTER TABLE treatments DROP COLUMN refunded;
         ALTER TABLE sale_money DROP COLUMN goodwill;
         DROP INDEX tickets_to_reverse;
         ALTER TABLE tickets DROP COLUMN to_reverse;
         PRAGMA user_version = 13;"
    ))
    .expect("back to the older build's file");
    drop(conn);

    let store = Store::open(&path).expect("opened and migrated");
    assert!(store.verify_projections().expect("verify").is_empty());
    assert_eq!(revenue_and_sales(&store, DAY), (150_000, 1, 1));
    assert_eq!(revenue_and_sales(&store, NEXT), (50_000, 1, 1));
    for query in [newer.code.as_str(), "0813 1111 2222", "0813 1111"] {
        let hits: Vec<_> = store
            .customers()
            .find_customers(query, 10)
            .expect("find")
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(hits, [older.id], "{query}");
    }
    assert_eq!(
        store
            .customers()
            .resolve_customer("0813 1111 2222")
            .expect("phone"),
        older.id
    );
}
