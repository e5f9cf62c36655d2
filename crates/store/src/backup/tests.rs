//! The pre-migration backup, tested directly: while this build has no
//! migration beyond the file's, no real file is ever at an older version, so
//! the tests pretend a build that knows one more.

use jiff::Timestamp;

use super::{before_migration, files};
use crate::{InitSettings, Store};

fn at(text: &str) -> Timestamp {
    text.parse().expect("timestamp")
}

#[test]
fn an_older_file_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("caredesk.db");
    let store = Store::init(&path, InitSettings::default()).expect("init");
    let found = crate::schema_version();

    let saved = before_migration(
        &store.conn,
        &path,
        found,
        found + 1,
        at("2026-11-21T06:45:00Z"),
    )
    .expect("backed up")
    .expect("a backup");
    assert_eq!(
        saved,
        dir.path()
            .join("backups")
            .join(format!("caredesk-20261121T064500Z-schema{found}.db"))
    );
    let copy = Store::open(&saved).expect("the backup opens");
    assert_eq!(copy.dump().expect("dump"), store.dump().expect("dump"));
    // It counts as a backup: it is listed and pruned like the daily ones.
    assert_eq!(
        files::list(&path).expect("list")[0].taken_at,
        at("2026-11-21T06:45:00Z")
    );
}

#[test]
fn a_current_new_or_newer_file_is_not_backed_up_before_migrating() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("caredesk.db");
    let store = Store::init(&path, InitSettings::default()).expect("init");
    let now = at("2026-11-21T06:45:00Z");
    let known = crate::schema_version();
    for found in [0, known, known + 1] {
        assert_eq!(
            before_migration(&store.conn, &path, found, known, now).expect("no error"),
            None,
            "version {found}"
        );
    }
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn a_failed_pre_migration_backup_stops_the_migration() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("caredesk.db");
    let store = Store::init(&path, InitSettings::default()).expect("init");
    // A plain file where the backups folder should be: nothing can go in it.
    std::fs::write(dir.path().join("backups"), "in the way").expect("write");
    let found = crate::schema_version();
    let error = before_migration(&store.conn, &path, found, found + 1, Timestamp::now())
        .expect_err("cannot back up");
    assert_eq!(error.code(), "backup_failed");
}

#[test]
fn names_sort_by_time_and_only_this_databases_backups_are_listed() {
    let db = std::path::Path::new("/counter/caredesk.db");
    let name = files::name(db, at("2026-11-21T06:45:09Z"), None);
    assert_eq!(name, "caredesk-20261121T064509Z.db");
    assert!(
        files::name(db, at("2026-11-21T06:45:09Z"), None)
            < files::name(db, at("2026-11-21T06:45:10Z"), None)
    );
    assert!(
        files::name(db, at("2026-12-01T00:00:00Z"), Some("before-restore"))
            > files::name(db, at("2026-11-30T23:59:59Z"), None)
    );
}

#[test]
fn two_backups_in_one_second_keep_both() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("caredesk.db");
    let backups = files::dir_for(&db);
    std::fs::create_dir_all(&backups).expect("dir");
    let now = at("2026-11-21T06:45:09Z");
    let first = files::unused(&backups, &db, now, None);
    std::fs::write(&first, b"one").expect("write");
    let second = files::unused(&backups, &db, now, None);
    assert_ne!(first, second);
    std::fs::write(&second, b"two").expect("write");
    let listed = files::list(&db).expect("list");
    assert_eq!(listed.len(), 2, "both parse as backups: {listed:?}");
    assert!(listed.iter().all(|b| b.taken_at == now));
    // Oldest first, so pruning drops the first of the twins, not the second.
    assert_eq!(listed[0].path, first);
    assert_eq!(listed[1].path, second);
}
