//! This counter's own settings (counter_settings.rs).

use caredesk_domain::Action;
use jiff::Timestamp;
use tauri::State;

use super::{SessionState, SettingsFile, session};
use crate::approval::Approval;
use crate::counter_settings::{self, CounterSettings};
use crate::error::IpcError;

/// Readable while locked: the idle lock is no secret, and the UI needs it
/// before anyone signs in.
#[tauri::command]
pub async fn counter_settings(file: State<'_, SettingsFile>) -> Result<CounterSettings, IpcError> {
    Ok(counter_settings::load(&file.0))
}

/// A manager's or owner's change (`Action::EditSettings`): a longer idle lock
/// leaves the counter open longer.
#[tauri::command]
pub async fn set_counter_settings(
    state: SessionState<'_>,
    file: State<'_, SettingsFile>,
    settings: CounterSettings,
    approval: Option<Approval>,
) -> Result<CounterSettings, IpcError> {
    let mut session = session(&state);
    let (store, ctx) = session.acting_approved(Timestamp::now(), approval.as_ref())?;
    store.authorize(&ctx, Action::EditSettings)?;
    let saved = counter_settings::save(&file.0, settings)?;
    session.set_idle_lock(saved.idle_lock_minutes);
    Ok(saved)
}
