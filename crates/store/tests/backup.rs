//! Backups and restores on real database files.

mod common;

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use caredesk_store::{BackupPolicy, CustomerEdit, Store, schema_version};
use common::{TestDb, snapshot, vietnam};
use jiff::{SignedDuration, Timestamp};

fn at(text: &str) -> Timestamp {
    text.parse().expect("timestamp")
}

fn names(db: &TestDb) -> Vec<String> {
    db.store
        .backups()
        .expect("list")
        .iter()
        .map(|b| {
            b.path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn with_customers() -> TestDb {
    let mut db = vietnam();
    db.add("Nguyễn Văn An", "0912345678");
    db.add("Đặng Thị Ánh", "0983111222");
    db
}

/// A copy of `path` outside the backups folder, to be spoiled by a test.
fn copy_of(path: &Path, dir: &Path, name: &str) -> PathBuf {
    let copy = dir.join(name);
    std::fs::copy(path, &copy).expect("copy");
    copy
}

#[test]
fn a_backup_restores_to_exactly_the_data_it_was_taken_from() {
    let mut db = with_customers();
    let taken = db.store.dump().expect("dump");
    let backup = db.store.backup(at("2026-11-21T06:45:00Z")).expect("backup");
    assert_eq!(
        backup,
        db.dir.path().join("backups/counter-20261121T064500Z.db")
    );

    let ctx = db.ctx();
    let an = db
        .store
        .customers()
        .resolve_customer("0912345678")
        .expect("An");
    db.store
        .customers_mut()
        .edit_customer(
            &ctx,
            an,
            CustomerEdit {
                name: Some("Nguyễn Văn Bình".to_owned()),
                ..CustomerEdit::default()
            },
        )
        .expect("edit");
    db.add("Trần Thị Cúc", "0903999888");
    let later = db.store.dump().expect("dump");
    assert_ne!(later, taken);

    let restored = Store::restore(&db.path, &backup).expect("restored");
    let store = Store::open(&db.path).expect("opens");
    assert_eq!(store.dump().expect("dump"), taken);
    assert!(store.verify_projections().expect("verify").is_empty());

    // The database as it was before the restore is itself a backup.
    let saved = restored.backup.expect("the previous database was saved");
    assert!(saved.starts_with(db.dir.path().join("backups")));
    assert!(saved.to_string_lossy().ends_with("-before-restore.db"));
    let previous = Store::open(&copy_of(&saved, db.dir.path(), "previous.db")).expect("opens");
    assert_eq!(previous.dump().expect("dump"), later);
}

#[test]
fn a_connection_open_during_a_restore_sees_the_restored_data() {
    let mut db = with_customers();
    let backup = db.store.backup(Timestamp::now()).expect("backup");
    db.add("Trần Thị Cúc", "0903999888");
    assert_eq!(
        db.store
            .customers()
            .find_customers("cuc", 5)
            .expect("find")
            .len(),
        1
    );

    Store::restore(&db.path, &backup).expect("restored");
    // The app's store, open all along, reads the restored file.
    assert!(
        db.store
            .customers()
            .find_customers("cuc", 5)
            .expect("find")
            .is_empty()
    );
    assert_eq!(
        db.store
            .customers()
            .find_customers("anh", 5)
            .expect("find")
            .len(),
        1
    );
    // And writes on after it.
    db.add("Lê Văn Dũng", "0904777666");
    db.assert_folds_hold();
}

#[test]
fn restoring_onto_a_computer_without_a_database_sets_it_up() {
    let db = with_customers();
    let backup = db.store.backup(Timestamp::now()).expect("backup");
    let elsewhere = tempfile::tempdir().expect("dir");
    let fresh = elsewhere.path().join("new/caredesk.db");
    let restored = Store::restore(&fresh, &backup).expect("restored");
    assert_eq!(restored.backup, None);
    let store = Store::open(&fresh).expect("opens");
    assert_eq!(store.dump().expect("dump"), db.store.dump().expect("dump"));
    assert_eq!(store.device_id(), db.store.device_id());
}

#[test]
fn files_that_are_not_sound_caredesk_backups_are_refused_and_nothing_changes() {
    let db = with_customers();
    let dir = db.dir.path();
    let good = db.store.backup(Timestamp::now()).expect("backup");

    let text = dir.join("notes.txt");
    std::fs::write(&text, "not a database ".repeat(100)).expect("write");
    let empty = dir.join("empty.db");
    std::fs::write(&empty, "").expect("write");

    let foreign = dir.join("other.sqlite");
    rusqlite::Connection::open(&foreign)
        .expect("open")
        .execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY);")
        .expect("other app's schema");

    let newer = copy_of(&good, dir, "newer.db");
    rusqlite::Connection::open(&newer)
        .expect("open")
        .pragma_update(None, "user_version", schema_version() + 1)
        .expect("bump");

    // Whole pages in the middle overwritten, as a failing disk would.
    let damaged = copy_of(&good, dir, "damaged.db");
    let mut bytes = std::fs::read(&damaged).expect("read");
    let pages = bytes.len() / 4096;
    assert!(pages >= 6, "{pages} pages");
    let middle = pages / 2 * 4096;
    bytes[middle - 4096..middle + 8192].fill(0x5A);
    std::fs::write(&damaged, &bytes).expect("write");

    // Sound SQLite, but a projection that is not the fold of its ops.
    let tampered = copy_of(&good, dir, "tampered.db");
    rusqlite::Connection::open(&tampered)
        .expect("open")
        .execute(
            "UPDATE customers SET state = (SELECT state FROM customers WHERE num = 1)
             WHERE num = 2",
            [],
        )
        .expect("tamper");

    let cases: [(&Path, &str); 8] = [
        (&dir.join("missing.db"), "restore_file_missing"),
        (dir, "restore_not_sqlite"),
        (&text, "restore_not_sqlite"),
        (&empty, "restore_not_sqlite"),
        (&foreign, "restore_not_caredesk"),
        (&newer, "restore_too_new"),
        (&damaged, "restore_corrupt"),
        (&tampered, "restore_corrupt"),
    ];
    let before = snapshot(&db.path);
    let backups_before = names(&db);
    for (file, code) in cases {
        let original = std::fs::read(file).ok();
        let error = Store::restore(&db.path, file).expect_err("refused");
        assert_eq!(error.code(), code, "{}: {error}", file.display());
        assert!(error.to_string().contains("not changed"), "{error}");
        assert_eq!(
            snapshot(&db.path),
            before,
            "{} changed the database",
            file.display()
        );
        assert_eq!(names(&db), backups_before, "{}", file.display());
        assert_eq!(
            std::fs::read(file).ok(),
            original,
            "{} was changed",
            file.display()
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("backups"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn restoring_over_another_programs_file_is_refused() {
    let db = with_customers();
    let backup = db.store.backup(Timestamp::now()).expect("backup");
    let foreign = db.dir.path().join("other.sqlite");
    rusqlite::Connection::open(&foreign)
        .expect("open")
        .execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY);")
        .expect("other app's schema");
    let before = snapshot(&foreign);
    let error = Store::restore(&foreign, &backup).expect_err("refused");
    assert_eq!(error.code(), "not_a_caredesk_database");
    assert_eq!(snapshot(&foreign), before);
}

#[test]
fn backups_are_single_self_contained_files() {
    let db = with_customers();
    let backup = db.store.backup(Timestamp::now()).expect("backup");
    let header = std::fs::read(&backup).expect("read");
    // File format bytes 18 and 19: 1 is a rollback journal, 2 is WAL.
    assert_eq!(header[18..20], [1, 1]);
    let mut wal = backup.as_os_str().to_owned();
    wal.push("-wal");
    assert!(!PathBuf::from(wal).exists());
}

#[test]
fn pruning_keeps_the_newest_n() {
    let db = with_customers();
    let start = at("2026-11-01T06:00:00Z");
    for day in 0..16 {
        db.store
            .backup(start + SignedDuration::from_hours(24 * day))
            .expect("backup");
    }
    let kept = names(&db);
    assert_eq!(kept.len(), 14, "the default keeps 14");
    assert_eq!(kept[0], "counter-20261103T060000Z.db");
    assert_eq!(kept[13], "counter-20261116T060000Z.db");

    let three = BackupPolicy {
        keep: NonZeroUsize::new(3).expect("not zero"),
    };
    db.store.set_backup_policy(three).expect("saved");
    // Saved in the file system, so another process (the app) keeps 3 too.
    assert!(db.dir.path().join("backups/policy.json").exists());
    assert_eq!(db.store.backup_policy(), three);
    db.store.backup(at("2026-11-20T06:00:00Z")).expect("backup");
    assert_eq!(
        names(&db),
        [
            "counter-20261115T060000Z.db",
            "counter-20261116T060000Z.db",
            "counter-20261120T060000Z.db"
        ]
    );
}

#[test]
fn an_unreadable_policy_falls_back_to_the_default() {
    let db = vietnam();
    std::fs::create_dir_all(db.dir.path().join("backups")).expect("dir");
    std::fs::write(db.dir.path().join("backups/policy.json"), "{keep: lots}").expect("write");
    assert_eq!(db.store.backup_policy(), BackupPolicy::default());
}

#[test]
fn backup_if_due_makes_one_backup_a_day() {
    let db = with_customers();
    let day1 = at("2026-11-21T06:45:00Z");
    let hours = |h: i64| SignedDuration::from_hours(h);
    assert!(db.store.backup_if_due(day1).expect("backup").is_some());
    assert!(
        db.store
            .backup_if_due(day1 + hours(1))
            .expect("no")
            .is_none()
    );
    assert!(
        db.store
            .backup_if_due(day1 + hours(24) - SignedDuration::from_secs(1))
            .expect("no")
            .is_none()
    );
    assert!(
        db.store
            .backup_if_due(day1 + hours(24))
            .expect("backup")
            .is_some()
    );
    assert!(
        db.store
            .backup_if_due(day1 + hours(30))
            .expect("no")
            .is_none()
    );
    assert_eq!(
        names(&db),
        ["counter-20261121T064500Z.db", "counter-20261122T064500Z.db"]
    );

    // A clock set back a month: the backups "from the future" do not stop
    // the daily one.
    let wrong = day1 - hours(24 * 30);
    assert!(db.store.backup_if_due(wrong).expect("backup").is_some());
    assert!(
        db.store
            .backup_if_due(wrong + hours(2))
            .expect("no")
            .is_none()
    );
}

#[test]
fn opening_makes_the_days_backup_once() {
    let db = with_customers();
    let path = db.path.clone();
    drop(db.store);
    assert!(!db.dir.path().join("backups").exists(), "init makes none");
    let store = Store::open(&path).expect("opens");
    assert_eq!(store.backups().expect("list").len(), 1);
    assert!(!store.backup_due(Timestamp::now()).expect("due"));
    drop(store);
    let store = Store::open(&path).expect("opens");
    assert_eq!(store.backups().expect("list").len(), 1);
}

#[test]
fn backup_to_a_file_or_a_folder_but_never_over_the_database() {
    let db = with_customers();
    let out = db.dir.path().join("usb/caredesk-copy.db");
    std::fs::create_dir_all(out.parent().expect("parent")).expect("dir");
    assert_eq!(db.store.backup_to(&out).expect("backup"), out);
    // Replacing an older copy at the same place is what a nightly script does.
    assert_eq!(db.store.backup_to(&out).expect("again"), out);
    let copy = Store::open(&out).expect("opens");
    assert_eq!(copy.dump().expect("dump"), db.store.dump().expect("dump"));

    let in_folder = db
        .store
        .backup_to(out.parent().expect("usb"))
        .expect("backup");
    assert!(
        in_folder
            .file_name()
            .expect("name")
            .to_string_lossy()
            .starts_with("counter-")
    );
    assert!(
        db.store.backups().expect("list").is_empty(),
        "outside the rotation"
    );

    let before = snapshot(&db.path);
    let error = db.store.backup_to(&db.path).expect_err("refused");
    assert_eq!(error.code(), "backup_failed");
    assert_eq!(snapshot(&db.path), before);
}

#[test]
fn opening_a_file_from_an_older_build_backs_it_up_before_migrating() {
    let known = schema_version();
    if known < 2 {
        // No older schema exists yet; `backup::tests` covers the helper.
        return;
    }
    let db = with_customers();
    let path = db.path.clone();
    drop(db.store);
    // Pretend the file missed the newest migration. Re-applying it may fail
    // (its tables are there already) or not; either way the file must have
    // been backed up first.
    rusqlite::Connection::open(&path)
        .expect("open")
        .pragma_update(None, "user_version", known - 1)
        .expect("set version");
    let _ = Store::open(&path);
    let backups: Vec<_> = std::fs::read_dir(db.dir.path().join("backups"))
        .expect("backups folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let suffix = format!("-schema{}.db", known - 1);
    assert!(backups.iter().any(|n| n.ends_with(&suffix)), "{backups:?}");
}
