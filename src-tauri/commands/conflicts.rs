//! Resolving conflicts from the inbox. A conflict is resolved by an
//! ordinary op that removes its cause (docs/sync-protocol.md); the store
//! derives the list again, so the inbox reads it again after the op. Here:
//! the bookings a double booking is about, and cancelling one of them.
//! Editing a phone and topping up a wallet happen on the customer's file.

use caredesk_store::{BookingMove, BookingView};
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

/// Cancels a booking (free or late, by the business's cut-off, as at the
/// counter).
#[tauri::command]
pub async fn cancel_booking(
    state: SessionState<'_>,
    booking: String,
    note: Option<String>,
) -> Result<BookingView, IpcError> {
    cancel(
        &mut session(&state),
        Timestamp::now(),
        &booking,
        note.as_deref().unwrap_or(""),
    )
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

pub(crate) fn cancel(
    session: &mut Session,
    now: Timestamp,
    booking: &str,
    note: &str,
) -> Result<BookingView, IpcError> {
    let id = booking.trim().parse().map_err(|_| {
        IpcError::new(
            "invalid_id",
            format!("{booking:?} is not a booking id (a UUID)"),
        )
    })?;
    let (store, ctx) = session.acting(now)?;
    Ok(store.move_booking(&ctx, id, BookingMove::Cancel, note)?)
}

#[cfg(test)]
#[path = "conflicts_tests.rs"]
mod tests;
