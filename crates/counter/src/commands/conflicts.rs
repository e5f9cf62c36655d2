//! Resolving conflicts from the inbox. A conflict is resolved by an
//! ordinary op that removes its cause (docs/sync-protocol.md); the store
//! derives the list again, so the inbox reads it again after the op. Here:
//! the bookings a double booking is about (cancelling one of them is the
//! calendar's `booking_status`; editing a phone and topping up a wallet
//! happen on the customer's file), taking back what a ticket's second
//! resolution gave, and adjusting an overpaid staff member's pay. Both are
//! a manager's actions: anyone else sends a manager's approval.

use caredesk_store::{BookingView, StaffPay, TicketView};
use jiff::Timestamp;
use uuid::Uuid;

use crate::Counter;
use crate::approval::Approval;
use crate::error::IpcError;
use crate::session::Session;

/// The bookings an open conflict is about; `not_found` once it is resolved.
pub fn conflict_bookings(
    counter: &Counter,
    conflict: String,
) -> Result<Vec<BookingView>, IpcError> {
    bookings(&mut counter.session(), counter.now(), &conflict)
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

/// Takes back what the ticket's later resolution gave (`ticket_resolved_twice`):
/// its credit revoked, its refund taken back, its free sessions withdrawn.
pub fn reverse_ticket(
    counter: &Counter,
    ticket: String,
    note: String,
    approval: Option<Approval>,
) -> Result<TicketView, IpcError> {
    reverse(
        &mut counter.session(),
        counter.now(),
        (&ticket, &note),
        approval.as_ref(),
    )
}

/// Corrects what a staff member is owed (`payout_over_owed` is settled by
/// adding what was paid over); a deduction takes from it.
pub fn adjust_staff_pay(
    counter: &Counter,
    staff: String,
    amount: i64,
    note: String,
    approval: Option<Approval>,
) -> Result<StaffPay, IpcError> {
    adjust(
        &mut counter.session(),
        counter.now(),
        (&staff, amount, &note),
        approval.as_ref(),
    )
}

pub(crate) fn reverse(
    session: &mut Session,
    now: Timestamp,
    (ticket, note): (&str, &str),
    approval: Option<&Approval>,
) -> Result<TicketView, IpcError> {
    let (store, ctx) = session.acting_approved(now, approval)?;
    Ok(store.tickets_mut().reverse_ticket(&ctx, ticket, note)?)
}

pub(crate) fn adjust(
    session: &mut Session,
    now: Timestamp,
    (staff, amount, note): (&str, i64, &str),
    approval: Option<&Approval>,
) -> Result<StaffPay, IpcError> {
    let (store, ctx) = session.acting_approved(now, approval)?;
    Ok(store
        .payroll_mut()
        .adjust_staff_pay(&ctx, staff, amount, note)?)
}

#[cfg(test)]
#[path = "conflicts_tests.rs"]
mod tests;
