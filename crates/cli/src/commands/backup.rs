//! `caredesk backup` and `caredesk restore`. Backups are named and judged by
//! the real clock, not `--now`: they are about when the disk held what, and
//! a backup named for "last week" would look a week old to the daily one.

use std::path::Path;

use caredesk_store::{BackupPolicy, Store};
use jiff::Timestamp;
use serde::Serialize;

use crate::args::{BackupArgs, RestoreArgs};
use crate::error::CliResult;
use crate::output::Output;

#[derive(Serialize)]
struct BackedUp {
    file: String,
}

#[derive(Serialize)]
struct RestoredTo {
    ok: bool,
    /// Where the database as it was before was saved (`null` when there was
    /// none).
    backup: Option<String>,
}

pub fn backup(db: &Path, args: BackupArgs, out: &Output) -> CliResult<()> {
    let store = Store::open(db)?;
    if let Some(keep) = args.keep {
        store.set_backup_policy(BackupPolicy { keep })?;
    }
    let file = match args.out {
        Some(target) => store.backup_to(&target)?,
        None => store.backup(Timestamp::now())?,
    };
    let answer = BackedUp {
        file: file.display().to_string(),
    };
    out.emit(&answer, |a| format!("backed up to {}", a.file))
}

pub fn restore(db: &Path, args: RestoreArgs, out: &Output) -> CliResult<()> {
    // Not through `Store::open`: the database being replaced may be the
    // reason for restoring, and may not open at all.
    let restored = Store::restore(db, &args.file)?;
    let answer = RestoredTo {
        ok: true,
        backup: restored.backup.map(|p| p.display().to_string()),
    };
    out.emit(&answer, |a| match &a.backup {
        Some(saved) => format!(
            "restored {}; the database as it was is saved as {saved}",
            args.file.display()
        ),
        None => format!("restored {}", args.file.display()),
    })
}
