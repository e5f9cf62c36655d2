//! Signing in and out at the counter.

use jiff::Timestamp;

use super::{SessionState, session};
use crate::error::IpcError;
use crate::transport::{self, StaffCard};

/// The names the sign-in screen offers: active staff only.
#[tauri::command]
pub async fn list_staff(state: SessionState<'_>) -> Result<Vec<StaffCard>, IpcError> {
    let staff = session(&state).store().staff()?;
    Ok(staff
        .into_iter()
        .filter(|member| member.active)
        .map(StaffCard::from)
        .collect())
}

#[tauri::command]
pub async fn sign_in(
    state: SessionState<'_>,
    staff_id: String,
    pin: String,
) -> Result<StaffCard, IpcError> {
    let staff = transport::staff_id(&staff_id)?;
    let member = session(&state).sign_in(staff, &pin, Timestamp::now())?;
    Ok(member.into())
}

#[tauri::command]
pub async fn sign_out(state: SessionState<'_>) -> Result<(), IpcError> {
    session(&state).sign_out();
    Ok(())
}

#[tauri::command]
pub async fn current_staff(state: SessionState<'_>) -> Result<Option<StaffCard>, IpcError> {
    Ok(session(&state)
        .current(Timestamp::now())?
        .map(StaffCard::from))
}

/// The person is still at the keyboard (typing a long form, reading a
/// file): the UI says so now and then, so the session does not run out
/// between commands. `signed_out` when it already has.
#[tauri::command]
pub async fn keep_alive(state: SessionState<'_>) -> Result<(), IpcError> {
    session(&state).acting(Timestamp::now())?;
    Ok(())
}
