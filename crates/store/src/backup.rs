//! Local backups: copies of the database in a `backups/` folder next to it,
//! made with SQLite's online backup API, so the copy is one consistent
//! moment even while the app and `caredesk` keep writing. One a day and one
//! before every migration; the newest N are kept. Restoring one replaces the
//! database after checking the file (see `restore`).
//!
//! Everything here is device-local and lives in the file system, never in
//! the op log: a backup is a fact about this disk, not about the business.

mod files;
mod restore;

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::Store;
use crate::error::{Result, StoreError};

pub use restore::{RestoreRefusal, Restored};

/// How old the newest backup may get before the next `open` makes another.
pub const BACKUP_INTERVAL: SignedDuration = SignedDuration::from_hours(24);

/// How many backups to keep, read from `backups/policy.json` so that the
/// app and `caredesk` (which both open the file and both prune) agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupPolicy {
    pub keep: NonZeroUsize,
}

impl BackupPolicy {
    pub const DEFAULT_KEEP: NonZeroUsize = NonZeroUsize::new(14).expect("not zero");
}

impl Default for BackupPolicy {
    fn default() -> Self {
        BackupPolicy {
            keep: Self::DEFAULT_KEEP,
        }
    }
}

/// One backup in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupFile {
    pub path: PathBuf,
    /// When it was taken (UTC, to the second), read from its name.
    pub taken_at: Timestamp,
}

/// The backups folder of the database at `db`: `backups/` next to it.
pub fn backups_dir(db: &Path) -> PathBuf {
    files::dir_for(db)
}

impl Store {
    pub fn backups_dir(&self) -> PathBuf {
        files::dir_for(&self.path)
    }

    /// This database's backups in the backups folder, oldest first.
    pub fn backups(&self) -> Result<Vec<BackupFile>> {
        files::list(&self.path)
    }

    pub fn backup_policy(&self) -> BackupPolicy {
        files::load_policy(&self.path)
    }

    /// Saves the policy for every later backup, by any process. Pruning to
    /// the new number happens at the next backup.
    pub fn set_backup_policy(&self, policy: BackupPolicy) -> Result<()> {
        files::save_policy(&self.path, policy)
    }

    /// Whether no backup was taken in the `BACKUP_INTERVAL` before `now`.
    /// A backup stamped after `now` (made while the clock was wrong) does
    /// not count, or a clock once set a year ahead would stop backups for a
    /// year. The app can read this after `open` to warn that the automatic
    /// backup is failing.
    pub fn backup_due(&self, now: Timestamp) -> Result<bool> {
        let since = now - BACKUP_INTERVAL;
        Ok(!self
            .backups()?
            .iter()
            .any(|b| b.taken_at > since && b.taken_at <= now))
    }

    /// Makes a backup into the backups folder when `backup_due(now)`.
    /// `open` calls it, so the daily backup needs no scheduler: whichever of
    /// the app or `caredesk` opens the file first that day makes it.
    pub fn backup_if_due(&self, now: Timestamp) -> Result<Option<PathBuf>> {
        if self.backup_due(now)? {
            self.backup(now).map(Some)
        } else {
            Ok(None)
        }
    }

    /// A backup into the backups folder, named for `now`, then pruned to
    /// the policy's number.
    pub fn backup(&self, now: Timestamp) -> Result<PathBuf> {
        let target = files::unused(&files::dir_for(&self.path), &self.path, now, None);
        files::create_dir(&target)?;
        files::write(&self.conn, &target)?;
        files::prune(&self.path, self.backup_policy().keep)?;
        Ok(target)
    }

    /// A backup to `target`: a file (replaced if it exists, but never the
    /// database itself), or a folder to put a time-named backup in. Outside
    /// the backups folder, so never pruned.
    pub fn backup_to(&self, target: &Path) -> Result<PathBuf> {
        let target = if target.is_dir() {
            files::unused(target, &self.path, Timestamp::now(), None)
        } else {
            target.to_owned()
        };
        let refuse = |reason: &str| StoreError::BackupFailed {
            path: target.clone(),
            reason: reason.to_owned(),
        };
        if files::is_part_of(&target, &self.path) {
            return Err(refuse("that is the database itself: give another file"));
        }
        // The copy is renamed into place, which would replace a device or
        // a link itself rather than write through it.
        if target.symlink_metadata().is_ok_and(|m| !m.is_file()) {
            return Err(refuse("it exists and is not a regular file"));
        }
        files::write(&self.conn, &target)?;
        Ok(target)
    }

    /// Replaces the database at `db` with the backup `from`, after checking
    /// that `from` is a sound CareDesk database this build can open. The
    /// database as it was is backed up first. Works when `db` does not exist
    /// yet (setting up a replacement computer) or does not open.
    pub fn restore(db: &Path, from: &Path) -> Result<Restored> {
        restore::run(db, from, Timestamp::now())
    }
}

/// Before migrating a file at schema `found` to `known`, back it up, so the
/// old file survives a migration that goes wrong in a way its transaction
/// cannot undo (a bug that commits bad data). A failed backup stops the
/// migration. `known` is a parameter so tests can pretend a newer build.
pub(crate) fn before_migration(
    conn: &Connection,
    db: &Path,
    found: i64,
    known: i64,
    now: Timestamp,
) -> Result<Option<PathBuf>> {
    if found <= 0 || found >= known {
        return Ok(None);
    }
    let label = format!("schema{found}");
    let target = files::unused(&files::dir_for(db), db, now, Some(&label));
    files::create_dir(&target)?;
    files::write(conn, &target)?;
    Ok(Some(target))
}

#[cfg(test)]
mod tests;
