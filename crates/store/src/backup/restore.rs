//! Restoring a backup. The file is checked on a private copy (so neither the
//! user's file nor the database is touched by the checks, and the file
//! cannot change between check and use), the database is backed up, and
//! the copy's pages are written into the database with the online backup
//! API: one write transaction, so the WAL and any other connection open on
//! the file see the old database or the restored one, never a mix.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::Connection;
use serde::Serialize;

use super::files;
use crate::Store;
use crate::db::{self, APPLICATION_ID, FileKind, schema_version};
use crate::error::{Result, StoreError};

/// What `restore` did besides restoring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restored {
    /// Where the database as it was before was saved; `None` when there
    /// was no database yet.
    pub backup: Option<PathBuf>,
}

/// Why a file was refused for restoring. Each has its own error code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestoreRefusal {
    #[error("there is no such file")]
    Missing,
    #[error("it cannot be read ({0})")]
    Unreadable(String),
    #[error("it is not a SQLite database: expected a CareDesk backup file")]
    NotSqlite,
    #[error("it is a SQLite database but not a CareDesk one")]
    NotCareDesk,
    #[error(
        "it has schema version {found}, newer than this build of CareDesk knows ({known}): update CareDesk first"
    )]
    TooNew { found: i64, known: i64 },
    #[error("it is damaged: {0}")]
    Corrupt(String),
}

impl RestoreRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            RestoreRefusal::Missing => "restore_file_missing",
            RestoreRefusal::Unreadable(_) => "restore_file_unreadable",
            RestoreRefusal::NotSqlite => "restore_not_sqlite",
            RestoreRefusal::NotCareDesk => "restore_not_caredesk",
            RestoreRefusal::TooNew { .. } => "restore_too_new",
            RestoreRefusal::Corrupt(_) => "restore_corrupt",
        }
    }
}

pub(super) fn run(db: &Path, from: &Path, now: Timestamp) -> Result<Restored> {
    let refused = |refusal| StoreError::RestoreRefused {
        path: from.to_owned(),
        refusal,
    };
    let failed = |reason: String| StoreError::RestoreFailed {
        path: from.to_owned(),
        reason: format!("{reason}; the database was not changed"),
    };
    check_header(from).map_err(refused)?;

    // Named like a half-written backup, so one left by a killed process is
    // swept up by a later prune.
    let scratch = Scratch(files::dir_for(db).join(format!(
        ".restore-{}.partial-{}",
        files::name(db, now, None),
        std::process::id()
    )));
    files::create_dir(&scratch.0)?;
    copy_file(from, &scratch.0).map_err(failed)?;
    let candidate = check_candidate(&scratch.0).map_err(refused)?;
    // On the private copy, so the mark arrives with the restored pages: a
    // paired counter may be behind what it had pushed, and must fetch its
    // own later ops before it takes new work.
    crate::recovery::mark_restored(&candidate.conn).map_err(|e| failed(e.to_string()))?;
    let expected = fingerprint(&candidate.conn).map_err(failed)?;

    let created = !db.exists();
    let (mut live, saved) = open_live(db, now)?;
    if let Err(reason) = files::copy_pages(&candidate.conn, &mut live) {
        drop(live);
        if created {
            files::remove_with_siblings(db);
        }
        return Err(failed(reason));
    }
    drop(live);
    drop(candidate);

    if let Err(reason) = verify(db, &expected) {
        put_back(db, saved.as_deref(), created);
        return Err(StoreError::RestoreFailed {
            path: from.to_owned(),
            reason: format!("{reason}; the database was put back as it was"),
        });
    }
    Ok(Restored { backup: saved })
}

/// The first 16 bytes of every SQLite database, read before SQLite is let
/// near the file.
fn check_header(from: &Path) -> Result<(), RestoreRefusal> {
    let mut file = fs::File::open(from).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => RestoreRefusal::Missing,
        _ => RestoreRefusal::Unreadable(error.to_string()),
    })?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(RestoreRefusal::NotSqlite);
    }
    let mut header = [0u8; 16];
    match file.read_exact(&mut header) {
        Ok(()) if &header == b"SQLite format 3\0" => Ok(()),
        Ok(()) => Err(RestoreRefusal::NotSqlite),
        Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err(RestoreRefusal::NotSqlite)
        }
        Err(error) => Err(RestoreRefusal::Unreadable(error.to_string())),
    }
}

/// The file and, when it has one, its WAL: a copy of a live database taken
/// without SQLite holds its newest commits there.
fn copy_file(from: &Path, to: &Path) -> std::result::Result<(), String> {
    fs::copy(from, to).map_err(|e| format!("cannot copy it: {e}"))?;
    let wal = with_suffix(from, "-wal");
    if wal.is_file() {
        fs::copy(&wal, with_suffix(to, "-wal")).map_err(|e| format!("cannot copy its WAL: {e}"))?;
    }
    Ok(())
}

/// Opens the scratch copy as a store, brought to this build's schema, and
/// checks it the way `open` and `verify_projections` would.
fn check_candidate(path: &Path) -> Result<Store, RestoreRefusal> {
    let corrupt = |e: StoreError| RestoreRefusal::Corrupt(e.to_string());
    let mut conn = db::connect(path, false).map_err(|e| match e {
        StoreError::NotCareDesk(_) => RestoreRefusal::NotSqlite,
        other => corrupt(other),
    })?;
    let pragma = |name: &str| -> Result<i64, RestoreRefusal> {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .map_err(|e| corrupt(e.into()))
    };
    if pragma("application_id")? != APPLICATION_ID {
        return Err(RestoreRefusal::NotCareDesk);
    }
    let found = pragma("user_version")?;
    if found > schema_version() {
        return Err(RestoreRefusal::TooNew {
            found,
            known: schema_version(),
        });
    }
    integrity_check(&conn)?;
    db::migrate_schema(&mut conn).map_err(corrupt)?;
    let store = Store::from_connection(conn, path).map_err(corrupt)?;
    let mismatches = store.verify_projections().map_err(corrupt)?;
    if let Some(first) = mismatches.first() {
        return Err(RestoreRefusal::Corrupt(format!(
            "{} projection(s) disagree with the op log, e.g. {first}",
            mismatches.len()
        )));
    }
    Ok(store)
}

fn integrity_check(conn: &Connection) -> Result<(), RestoreRefusal> {
    let corrupt = |e: rusqlite::Error| RestoreRefusal::Corrupt(e.to_string());
    let mut statement = conn.prepare("PRAGMA integrity_check(5)").map_err(corrupt)?;
    let problems = statement
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(corrupt)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(corrupt)?;
    if problems == ["ok"] {
        Ok(())
    } else {
        // One line: the CLI prints errors on one line of stderr.
        Err(RestoreRefusal::Corrupt(
            problems.join("; ").replace('\n', " "),
        ))
    }
}

/// The database to restore into, backed up first. A missing or empty file
/// is fine (a new computer); another program's file is refused, as `open`
/// refuses it.
fn open_live(db: &Path, now: Timestamp) -> Result<(Connection, Option<PathBuf>)> {
    files::create_dir(db)?;
    let conn = db::connect(db, true)?;
    let saved = match db::file_kind(&conn)? {
        FileKind::Empty => None,
        FileKind::Foreign => return Err(StoreError::NotCareDesk(db.to_owned())),
        FileKind::CareDesk { .. } => {
            let target = files::unused(&files::dir_for(db), db, now, Some("before-restore"));
            files::write(&conn, &target)?;
            Some(target)
        }
    };
    Ok((conn, saved))
}

/// Enough to tell the restored database from the one it replaced.
type Fingerprint = (i64, i64, i64);

fn fingerprint(conn: &Connection) -> std::result::Result<Fingerprint, String> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM ops), (SELECT coalesce(max(seq), 0) FROM ops),
                (SELECT count(*) FROM customers)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .map_err(|e| e.to_string())
}

fn verify(db: &Path, expected: &Fingerprint) -> std::result::Result<(), String> {
    let store = Store::open(db).map_err(|e| e.to_string())?;
    if fingerprint(&store.conn)? != *expected {
        return Err("the restored database does not hold what the file holds".into());
    }
    let mismatches = store.verify_projections().map_err(|e| e.to_string())?;
    match mismatches.first() {
        None => Ok(()),
        Some(first) => Err(format!("after restoring, {first}")),
    }
}

/// Undoes a restore that did not verify: the saved copy back in, or the
/// file removed again when there was none before.
fn put_back(db: &Path, saved: Option<&Path>, created: bool) {
    match saved {
        Some(saved) => {
            if let (Ok(from), Ok(mut to)) = (Connection::open(saved), db::connect(db, false)) {
                // If even this fails there is nothing more to try here: the
                // caller reports the failure, and the saved copy stays in the
                // backups folder for a person to restore.
                let _ = files::copy_pages(&from, &mut to);
            }
        }
        None if created => files::remove_with_siblings(db),
        None => {}
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The private copy, removed with its journal files however `run` ends.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        files::remove_with_siblings(&self.0);
    }
}
