//! The sync indicator and the conflicts inbox read the database; the
//! background thread (src-tauri/sync.rs) does the syncing.

use caredesk_store::{Conflict, SyncStatus};

use crate::Counter;
use crate::error::IpcError;

pub fn sync_status(counter: &Counter) -> Result<SyncStatus, IpcError> {
    Ok(counter.session().store().sync_status()?)
}

pub fn conflicts(counter: &Counter) -> Result<Vec<Conflict>, IpcError> {
    Ok(counter.session().store().conflicts()?)
}
