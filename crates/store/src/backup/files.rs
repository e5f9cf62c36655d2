//! The backups folder: names, listing, pruning, the policy file, and writing
//! one copy safely.

use std::fs;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::{BackupFile, BackupPolicy};
use crate::error::{Result, StoreError};

const DIR_NAME: &str = "backups";
const POLICY_FILE: &str = "policy.json";
/// `20261121T064500Z`: sorts like the time it names.
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%SZ";
const STAMP_LEN: usize = 16;
/// How long a copy waits for another process's write lock before giving up.
const BUSY_WAIT: Duration = Duration::from_secs(10);

pub(crate) fn dir_for(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new("")).join(DIR_NAME)
}

/// Names start with the database's own file name, so two databases in one
/// folder never prune each other's backups.
fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "caredesk".to_owned())
}

/// `{stem}-{stamp}.db`, or `{stem}-{stamp}-{label}.db` for a backup taken
/// for a reason a person looking at the folder should see.
pub(crate) fn name(db: &Path, at: Timestamp, label: Option<&str>) -> String {
    let stamp = at.strftime(STAMP_FORMAT);
    match label {
        Some(label) => format!("{}-{stamp}-{label}.db", stem(db)),
        None => format!("{}-{stamp}.db", stem(db)),
    }
}

/// A path in `dir` named for `at` (and `label`) that no file has yet. Two
/// backups in one second (the day's automatic one and a `caredesk backup`
/// right after) must not overwrite each other, so a taken name gets a
/// `-2`, `-3`, ... label; it still sorts and parses by its time.
pub(crate) fn unused(dir: &Path, db: &Path, at: Timestamp, label: Option<&str>) -> PathBuf {
    let first = dir.join(name(db, at, label));
    if !first.exists() {
        return first;
    }
    (2u32..)
        .map(|n| {
            let numbered = match label {
                Some(label) => format!("{label}-{n}"),
                None => n.to_string(),
            };
            dir.join(name(db, at, Some(&numbered)))
        })
        .find(|candidate| !candidate.exists())
        .expect("some number is free")
}

fn parse(db_stem: &str, file_name: &str) -> Option<Timestamp> {
    let rest = file_name
        .strip_prefix(db_stem)?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    let stamp = rest.get(..STAMP_LEN)?;
    let label = &rest[STAMP_LEN..];
    let label_ok = label.is_empty()
        || label.strip_prefix('-').is_some_and(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    if !label_ok {
        return None;
    }
    let at = DateTime::strptime(STAMP_FORMAT, stamp)
        .ok()
        .and_then(|dt| TimeZone::UTC.to_timestamp(dt).ok())?;
    (at.strftime(STAMP_FORMAT).to_string() == stamp).then_some(at)
}

pub(crate) fn list(db: &Path) -> Result<Vec<BackupFile>> {
    let dir = dir_for(db);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(failed(&dir, error)),
    };
    let db_stem = stem(db);
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| failed(&dir, e))?;
        let name = entry.file_name();
        if let Some(taken_at) = name.to_str().and_then(|n| parse(&db_stem, n)) {
            backups.push(BackupFile {
                path: entry.path(),
                taken_at,
            });
        }
    }
    // Twins of one second (see `unused`) in the order they were made.
    backups.sort_by_key(|b| (b.taken_at, twin_number(&b.path)));
    Ok(backups)
}

/// 1 for `caredesk-{stamp}.db` or `...-{label}.db`, n for a `-n` twin.
fn twin_number(path: &Path) -> u32 {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .and_then(|stem| stem.rsplit('-').next())
        .and_then(|last| last.parse().ok())
        .unwrap_or(1)
}

/// Deletes all but the newest `keep` backups, and copies left half-written
/// by a process killed more than a day ago (a younger one may still be
/// being written).
pub(crate) fn prune(db: &Path, keep: NonZeroUsize) -> Result<()> {
    let backups = list(db)?;
    let excess = backups.len().saturating_sub(keep.get());
    for old in &backups[..excess] {
        fs::remove_file(&old.path).map_err(|e| failed(&old.path, e))?;
    }
    let dir = dir_for(db);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(());
    };
    let day_ago = std::time::SystemTime::now() - Duration::from_secs(24 * 3600);
    for entry in entries.flatten() {
        let is_partial = entry.file_name().to_string_lossy().contains(".partial-");
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|modified| modified < day_ago);
        if is_partial && stale {
            // Best effort: a leftover that will not go is no reason to
            // fail the backup that was just made.
            let _ = fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// A policy file that cannot be read or parsed falls back to the default:
/// a typo in it must not stop the counter from opening.
pub(crate) fn load_policy(db: &Path) -> BackupPolicy {
    fs::read(dir_for(db).join(POLICY_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

pub(crate) fn save_policy(db: &Path, policy: BackupPolicy) -> Result<()> {
    let path = dir_for(db).join(POLICY_FILE);
    create_dir(&path)?;
    let json = serde_json::to_vec(&policy).expect("the policy serialises");
    fs::write(&path, json).map_err(|e| failed(&path, e))
}

/// Creates the folder `file` goes in.
pub(crate) fn create_dir(file: &Path) -> Result<()> {
    match file.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => fs::create_dir_all(dir).map_err(|e| failed(dir, e)),
        None => Ok(()),
    }
}

/// Whether `target` is the database at `db` or one of its WAL files.
pub(crate) fn is_part_of(target: &Path, db: &Path) -> bool {
    let (Ok(target), Ok(db)) = (fs::canonicalize(target), fs::canonicalize(db)) else {
        return false;
    };
    let with = |suffix: &str| {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    target == db || target == with("-wal") || target == with("-shm")
}

/// Copies the database behind `source` to `target` through a temporary file
/// renamed into place, so `target` is only ever absent, the old file, or a
/// complete backup: never half of one, whatever kills the process.
pub(crate) fn write(source: &Connection, target: &Path) -> Result<()> {
    let partial = partial_path(target);
    remove_with_siblings(&partial);
    let result = write_partial(source, &partial)
        .and_then(|()| fs::rename(&partial, target).map_err(|e| e.to_string()));
    if let Err(reason) = result {
        remove_with_siblings(&partial);
        return Err(StoreError::BackupFailed {
            path: target.to_owned(),
            reason,
        });
    }
    sync_dir(target);
    Ok(())
}

fn write_partial(source: &Connection, partial: &Path) -> std::result::Result<(), String> {
    let mut copy = Connection::open(partial).map_err(|e| e.to_string())?;
    copy_pages(source, &mut copy)?;
    // The pages carry the live file's WAL flag; a backup should be one
    // self-contained file that can be copied to a USB stick on its own.
    copy.query_row("PRAGMA journal_mode = DELETE", [], |row| {
        row.get::<_, String>(0)
    })
    .map_err(|e| e.to_string())?;
    copy.close().map_err(|(_, e)| e.to_string())
}

/// Every page of `from` into `to` in one step: one read transaction on
/// `from`, so the copy is a single moment of it, and one write transaction
/// on `to`, so `to` changes completely or not at all.
pub(crate) fn copy_pages(
    from: &Connection,
    to: &mut Connection,
) -> std::result::Result<(), String> {
    let backup = Backup::new(from, to).map_err(|e| e.to_string())?;
    let deadline = Instant::now() + BUSY_WAIT;
    loop {
        match backup.step(-1).map_err(|e| e.to_string())? {
            StepResult::Done => return Ok(()),
            _ if Instant::now() < deadline => thread::sleep(Duration::from_millis(50)),
            _ => return Err("the database stayed busy: another program is writing to it".into()),
        }
    }
}

fn partial_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// Removes a scratch database and whatever journal files SQLite made for it.
pub(crate) fn remove_with_siblings(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        // Most of these do not exist; there is nothing to report either way.
        let _ = fs::remove_file(PathBuf::from(name));
    }
}

/// Makes the rename itself survive a power cut. Best effort: not every
/// platform can open a directory to sync it.
fn sync_dir(file: &Path) {
    if let Some(dir) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        let _ = fs::File::open(dir).and_then(|d| d.sync_all());
    }
}

fn failed(path: &Path, error: std::io::Error) -> StoreError {
    StoreError::BackupFailed {
        path: path.to_owned(),
        reason: error.to_string(),
    }
}
