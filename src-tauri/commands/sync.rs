//! The sync indicator and the conflicts inbox read the database; the
//! background thread (src-tauri/sync.rs) does the syncing.

use caredesk_store::{Conflict, SyncStatus};

use super::{SessionState, session};
use crate::error::IpcError;

#[tauri::command]
pub async fn sync_status(state: SessionState<'_>) -> Result<SyncStatus, IpcError> {
    Ok(session(&state).store().sync_status()?)
}

#[tauri::command]
pub async fn conflicts(state: SessionState<'_>) -> Result<Vec<Conflict>, IpcError> {
    Ok(session(&state).store().conflicts()?)
}
