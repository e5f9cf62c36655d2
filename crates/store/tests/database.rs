//! Opening, creating and guarding the database file.

mod common;

use caredesk_store::{InitSettings, Store, schema_version};

#[test]
fn init_sets_up_the_business_the_owner_and_durable_pragmas() {
    let db = common::vietnam();
    let settings = db.store.settings();
    assert_eq!(settings.timezone, "Asia/Ho_Chi_Minh");
    assert_eq!(settings.currency, caredesk_domain::Currency::Vnd);
    let staff = db.store.staff().expect("staff");
    assert_eq!(staff.len(), 1);
    assert_eq!(staff[0].role, caredesk_domain::Role::Owner);

    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("v");
    assert_eq!(version, schema_version());
    let ops: i64 = conn
        .query_row("SELECT count(*) FROM ops", [], |r| r.get(0))
        .expect("ops");
    assert_eq!(ops, 2, "business.configured and staff.joined");
}

#[test]
fn opening_a_missing_or_empty_file_asks_for_init() {
    let dir = tempfile::tempdir().expect("dir");
    let missing = dir.path().join("nope.db");
    assert_eq!(
        Store::open(&missing).expect_err("missing").code(),
        "not_initialized"
    );
    assert!(!missing.exists(), "open must not create the file");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("write");
    assert_eq!(
        Store::open(&empty).expect_err("empty").code(),
        "not_initialized"
    );
}

#[test]
fn a_foreign_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("dir");
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "not a database, just text that is long enough to have a header ".repeat(20),
    )
    .expect("write");
    assert_eq!(
        Store::open(&text).expect_err("text").code(),
        "not_a_caredesk_database"
    );
    assert_eq!(
        Store::init(&text, InitSettings::default())
            .expect_err("text")
            .code(),
        "not_a_caredesk_database"
    );

    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .expect("open")
        .execute_batch(
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices DEFAULT VALUES;",
        )
        .expect("other app's schema");
    let before = common::snapshot(&other);
    assert_eq!(
        Store::open(&other).expect_err("foreign").code(),
        "not_a_caredesk_database"
    );
    assert_eq!(
        Store::init(&other, InitSettings::default())
            .expect_err("foreign")
            .code(),
        "not_a_caredesk_database"
    );
    assert_eq!(common::snapshot(&other), before);
}

#[test]
fn init_twice_is_refused() {
    let db = common::vietnam();
    let before = common::snapshot(&db.path);
    assert_eq!(
        Store::init(&db.path, InitSettings::default())
            .expect_err("again")
            .code(),
        "already_initialized"
    );
    assert_eq!(common::snapshot(&db.path), before);
}

#[test]
fn a_database_from_a_newer_build_is_not_opened() {
    let db = common::vietnam();
    let path = db.path.clone();
    drop(db.store);
    rusqlite::Connection::open(&path)
        .expect("open")
        .pragma_update(None, "user_version", schema_version() + 1)
        .expect("bump");
    let before = common::snapshot(&path);
    let error = Store::open(&path).expect_err("too new");
    assert_eq!(error.code(), "database_too_new");
    assert!(error.to_string().contains("update CareDesk"));
    assert_eq!(common::snapshot(&path), before);
}

#[test]
fn bad_settings_are_refused_before_any_file_is_made() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("counter.db");
    let mut settings = InitSettings::default();
    settings.business.timezone = "Mars/Olympus_Mons".to_owned();
    assert_eq!(
        Store::init(&path, settings).expect_err("bad zone").code(),
        "invalid_settings"
    );
    assert!(!path.exists());
}

#[test]
fn the_op_log_cannot_be_rewritten() {
    let db = common::vietnam();
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    assert!(conn.execute("UPDATE ops SET body = '{}'", []).is_err());
    assert!(conn.execute("DELETE FROM ops", []).is_err());
}

#[test]
fn local_time_is_read_in_the_business_zone() {
    let db = common::vietnam();
    let at = db.store.local_time("2026-11-21T09:30").expect("parses");
    assert_eq!(db.store.format_time(at), "2026-11-21T09:30:00+07:00");
    assert_eq!(
        db.store.local_time("21/11 9h30").expect_err("bad").code(),
        "invalid_time"
    );
}

#[test]
fn opening_an_up_to_date_file_writes_nothing() {
    let db = common::vietnam();
    let path = db.path.clone();
    drop(db.store);
    // A second connection keeps the WAL file from being checkpointed away on
    // close, so any frame written by open shows as growth.
    let observer = rusqlite::Connection::open(&path).expect("observer");
    observer
        .query_row("SELECT count(*) FROM ops", [], |r| r.get::<_, i64>(0))
        .expect("read");
    let wal = path.with_extension("db-wal");
    let size = || std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let before = size();
    let store = Store::open(&path).expect("opens");
    store.customers().find_customers("an", 5).expect("search");
    drop(store);
    assert_eq!(size(), before, "opening and searching wrote to the WAL");
    drop(observer);
}
