//! `caredesk pair`, `caredesk sync` (and `sync rekey`) and `caredesk
//! conflicts`.

use std::path::Path;

use caredesk_store::{Store, StoreError};
use caredesk_sync::{Http, SyncError};
use serde::Serialize;

use super::Session;
use crate::args::{PairArgs, SyncArgs};
use crate::error::{CliError, CliResult};
use crate::output::{Output, table};

#[derive(Serialize)]
struct PairedAnswer {
    /// The server's id of this counter.
    device: String,
    tenant: String,
    branch: String,
    register_code: String,
    /// Whether the counter was created empty to join the branch.
    joined: bool,
}

pub fn pair(db: &Path, args: PairArgs, out: &Output) -> CliResult<()> {
    let joined = !db.exists();
    let mut store = if joined {
        Store::join(db, None)?
    } else {
        Store::open(db)?
    };
    let mut http = Http::new(&args.server);
    let paired = caredesk_sync::pair(&mut store, &mut http, &args.server, &args.code);
    let paired = match paired {
        Ok(paired) => paired,
        Err(error) => {
            if joined {
                // Nothing written: the empty counter made for this pairing
                // goes with it.
                drop(store);
                for suffix in ["", "-wal", "-shm"] {
                    let mut path = db.as_os_str().to_owned();
                    path.push(suffix);
                    let _ = std::fs::remove_file(path);
                }
            }
            return Err(error.into());
        }
    };
    let answer = PairedAnswer {
        device: paired.device,
        tenant: paired.tenant,
        branch: paired.branch,
        register_code: paired.register_code,
        joined,
    };
    out.emit(&answer, |a| {
        let next = if a.joined {
            "\nrun `caredesk sync` to receive the branch's data"
        } else {
            ""
        };
        format!(
            "paired as device {} (register {}){next}",
            a.device, a.register_code
        )
    })
}

pub fn sync(db: &Path, args: SyncArgs, out: &Output) -> CliResult<()> {
    let mut store = Store::open(db)?;
    if args.status {
        let status = store.sync_status()?;
        return out.emit(&status, |s| {
            if !s.paired {
                return "not paired".to_owned();
            }
            let mut text = format!(
                "server {}\n{}\npending ops: {}",
                s.server.as_deref().unwrap_or(""),
                if s.online { "online" } else { "offline" },
                s.pending
            );
            if let Some(at) = s.last_success {
                text.push_str(&format!("\nlast sync: {}", store.format_time_short(at)));
            }
            if let Some(error) = &s.last_error {
                text.push_str(&format!("\nlast error: {error}"));
            }
            text
        });
    }
    let link = store.sync_link()?.ok_or(StoreError::NotPaired)?;
    let mut http = Http::new(&link.server);
    let report = caredesk_sync::sync(&mut store, &mut http)?;
    out.emit(&report, |r| {
        format!(
            "pushed {} ops, pulled {} ops, {} conflicts open",
            r.pushed, r.pulled, r.conflicts
        )
    })
}

#[derive(Serialize)]
struct RekeyAnswer {
    #[serde(flatten)]
    rekeyed: caredesk_sync::RekeyReport,
    /// The sync that followed: the re-issued ops pushed.
    #[serde(flatten)]
    synced: caredesk_sync::SyncReport,
}

pub fn rekey(session: Session, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    let link = store.sync_link()?.ok_or(StoreError::NotPaired)?;
    let mut http = Http::new(&link.server);
    let rekeyed = caredesk_sync::rekey(&mut store, &mut http, &ctx)?;
    let synced = caredesk_sync::sync(&mut store, &mut http)?;
    let answer = RekeyAnswer { rekeyed, synced };
    out.emit(&answer, |a| {
        format!(
            "re-keyed: device {} retired, now device {} ({} ops re-issued)\n\
             pushed {} ops, pulled {} ops, {} conflicts open",
            a.rekeyed.retired,
            a.rekeyed.device,
            a.rekeyed.done.reissued,
            a.synced.pushed,
            a.synced.pulled,
            a.synced.conflicts
        )
    })
}

pub fn conflicts(db: &Path, out: &Output) -> CliResult<()> {
    let store = Store::open(db)?;
    let conflicts = store.conflicts()?;
    out.emit(&conflicts, |list| {
        if list.is_empty() {
            return "no conflicts".to_owned();
        }
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|c| vec![c.id.to_string(), c.kind.code().to_owned(), c.detail.clone()])
            .collect();
        table(&["id", "kind", "detail"], &rows)
    })
}

impl From<SyncError> for CliError {
    fn from(error: SyncError) -> Self {
        match error {
            SyncError::Store(e) => e.into(),
            other => CliError::invalid(other.code(), other.to_string()),
        }
    }
}
