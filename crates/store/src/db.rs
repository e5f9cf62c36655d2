//! Opening the database file: pragmas, the CareDesk marker, migrations.

use std::path::Path;
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Result, StoreError};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/migrations.rs"));
}

/// `PRAGMA application_id` of a CareDesk database ("CDSK"): tells our file
/// from any other SQLite file before anything is read or migrated.
pub(crate) const APPLICATION_ID: i64 = 0x4344_534B;

/// The schema version this build writes: the number of migrations it embeds.
pub fn schema_version() -> i64 {
    embedded::MIGRATIONS.len() as i64
}

/// Opens (creating when `create`) and configures a connection. Durability
/// first: WAL with `synchronous=FULL` makes every committed command survive a
/// power cut; the busy timeout lets the app and the `caredesk` command share
/// the file.
pub(crate) fn connect(path: &Path, create: bool) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags).map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::CannotOpen => {
            StoreError::NotInitialized(path.to_owned())
        }
        other => StoreError::Sqlite(other),
    })?;
    conn.busy_timeout(Duration::from_secs(5))?;
    // Every hot statement stays prepared: a command uses about twenty, more
    // than rusqlite's default cache of sixteen holds.
    conn.set_prepared_statement_cache_capacity(128);
    // A file that is not a database at all fails here, on the first read.
    let journal: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .map_err(|e| not_a_database(path, e))?;
    if !journal.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Corrupt(format!(
            "cannot switch {} to WAL (journal mode is {journal})",
            path.display()
        )));
    }
    // A fold writes a customer row and its index entries per op: with
    // SQLite's default 2 MiB page cache, a pulled page of ops outgrows the
    // cache, which then spills to the WAL mid-transaction and reads index
    // pages back from the file. Statement journals (most writes open one)
    // go to memory rather than to a temporary file. Both are per
    // connection and take memory only as the file is used.
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA trusted_schema = OFF;
         PRAGMA cache_size = -65536;
         PRAGMA temp_store = MEMORY;",
    )?;
    Ok(conn)
}

fn not_a_database(path: &Path, error: rusqlite::Error) -> StoreError {
    match &error {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            StoreError::NotCareDesk(path.to_owned())
        }
        _ => StoreError::Sqlite(error),
    }
}

/// What the file holds, judged by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// No tables, no marker: a file `init` may take.
    Empty,
    CareDesk {
        version: i64,
    },
    Foreign,
}

pub(crate) fn file_kind(conn: &Connection) -> Result<FileKind> {
    let application_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if application_id == APPLICATION_ID {
        return Ok(FileKind::CareDesk { version });
    }
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok(if application_id == 0 && version == 0 && tables == 0 {
        FileKind::Empty
    } else {
        FileKind::Foreign
    })
}

/// Brings the file at `path` up to this build's schema, backing it up first
/// when it is at an older version (see `backup::before_migration`).
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    if let FileKind::CareDesk { version } = file_kind(conn)? {
        crate::backup::before_migration(conn, path, version, schema_version(), Timestamp::now())?;
    }
    migrate_schema(conn)
}

/// Brings the schema up to this build's version, all pending migrations in
/// one transaction: a failure leaves the file exactly as it was. A file from
/// a newer build is refused before anything is touched.
pub(crate) fn migrate_schema(conn: &mut Connection) -> Result<()> {
    // Opening an up-to-date file must not write: read-only commands
    // (`customer find`) would otherwise pay a commit, and fsync, each time.
    if file_kind(conn)?
        == (FileKind::CareDesk {
            version: schema_version(),
        })
    {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    apply_pending(&tx)?;
    repair(&tx, from)?;
    tx.commit()?;
    Ok(())
}

/// What a migration needs done to the rows a file already holds that SQL
/// alone cannot do (it takes the folds or the time zone database), by the
/// migration's name without its number: run once, in the migrating
/// transaction, after every pending migration.
const REPAIRS: &[(&str, Repair)] = &[("days_and_merged_files", days_and_merged_files)];

type Repair = fn(&Transaction<'_>) -> Result<()>;

fn repair(tx: &Transaction<'_>, from: i64) -> Result<()> {
    for (name, _) in embedded::MIGRATIONS.iter().skip(from.max(0) as usize) {
        let bare = name.split_once('_').map_or(*name, |(_, rest)| rest);
        for (wanted, run) in REPAIRS {
            if bare == *wanted {
                run(tx)?;
            }
        }
    }
    Ok(())
}

/// Migration "days_and_merged_files": days moved to the business's zone,
/// merged files given back their code and phone for search.
fn days_and_merged_files(tx: &Transaction<'_>) -> Result<()> {
    let Some(settings) = crate::business::try_load_settings(tx)? else {
        // A counter that joined and never pulled holds nothing to repair.
        return Ok(());
    };
    crate::days::rezone(tx, &settings.time_zone())?;
    crate::customers::projection::refresh_merged(tx, settings.country)
}

/// Applies the migrations `tx`'s file has not had yet, and marks the file as
/// CareDesk's at this build's version, inside the caller's transaction.
pub(crate) fn apply_pending(tx: &Transaction<'_>) -> Result<()> {
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = schema_version();
    if current > known {
        return Err(StoreError::DatabaseTooNew {
            found: current,
            known,
        });
    }
    for (index, (_name, sql)) in embedded::MIGRATIONS.iter().enumerate() {
        if (index as i64) < current {
            continue;
        }
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", known)?;
    Ok(())
}
