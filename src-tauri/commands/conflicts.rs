//! Resolving conflicts from the inbox. A conflict is resolved by an
//! ordinary op that removes its cause (docs/sync-protocol.md); the store
//! derives the list again, so the inbox reads it again after the op. Here:
//! the bookings a double booking is about. Cancelling one of them is the
//! calendar's `booking_status`; editing a phone and topping up a wallet
//! happen on the customer's file.

use caredesk_store::BookingView;
use jiff::Timestamp;
use uuid::Uuid;

use super::{SessionState, session};
use crate::error::IpcError;
use crate::session::Session;

/// The bookings an open conflict is about; `not_found` once it is resolved.
#[tauri::command]
pub async fn conflict_bookings(
    state: SessionState<'_>,
    conflict: String,
) -> Result<Vec<BookingView>, IpcError> {
    bookings(&mut session(&state), Timestamp::now(), &conflict)
}

pub(crate) fn bookings(
    session: &mut Session,
    now: Timestamp,
    conflict: &str,
) -> Result<Vec<BookingView>, IpcError> {
    let id = Uuid::parse_str(conflict.trim()).map_err(|_| {
        IpcError::new(
            "invalid_id",
            format!("{conflict:?} is not a conflict id (a UUID)"),
        )
    })?;
    // Bookings name customers: signed in only.
    let (store, _) = session.acting(now)?;
    Ok(store.conflict_bookings(id)?)
}

#[cfg(test)]
#[path = "conflicts_tests.rs"]
mod tests;
