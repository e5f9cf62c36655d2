//! The reminders shown so far that are still due (the notifier's board,
//! src-tauri/notify.rs), for a window that opens or reloads after their
//! `reminder` events went out.

use std::sync::Arc;

use caredesk_store::Reminder;
use jiff::Timestamp;
use tauri::State;

use super::{SessionState, session};
use crate::error::IpcError;
use crate::notify::Board;
use crate::transport;

/// Only while someone is signed in: reminders name customers. `lang` is the
/// language the UI shows, which the desktop notifications to come follow.
#[tauri::command]
pub async fn reminders(
    state: SessionState<'_>,
    board: State<'_, Arc<Board>>,
    lang: String,
) -> Result<Vec<Reminder>, IpcError> {
    let lang = transport::lang(&lang)?;
    session(&state).acting(Timestamp::now())?;
    board.set_lang(lang);
    Ok(board.shown())
}
