//! Customers: commands that change a customer's file, the projection that
//! folds their ops, search, and the 360 view.

pub(crate) mod commands;
mod merge;
pub(crate) mod projection;
mod search;
mod view;

use caredesk_domain::id::{CustomerId, NoteId, StaffId};
use serde::Serialize;

pub(crate) use commands::{Registration, next_code, register_in};
pub use merge::Merged;
pub(crate) use projection::SearchRows;
pub use search::MatchKind;

/// A customer as the counter enters them. Text is taken as typed; the store
/// cleans and checks it.
#[derive(Debug, Clone, Default)]
pub struct NewCustomer {
    pub name: String,
    /// Any common form: `0912 345 678`, `+84912345678`, old 11-digit numbers.
    pub phone: String,
    pub email: Option<String>,
    pub address: Option<String>,
    /// The business's own code; the register's next code when `None`.
    pub code: Option<String>,
}

/// The fields to change; `None` leaves a field alone. An empty email or
/// address clears it.
#[derive(Debug, Clone, Default)]
pub struct CustomerEdit {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

impl CustomerEdit {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.phone.is_none()
            && self.email.is_none()
            && self.address.is_none()
    }
}

/// A customer as the counter and the command show them. Times are RFC 3339
/// with the business zone's offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Customer {
    pub id: CustomerId,
    pub code: String,
    pub name: String,
    /// E.164.
    pub phone: String,
    /// As written in the business's country (`0912 345 678`).
    pub phone_display: String,
    pub email: Option<String>,
    pub address: Option<String>,
    pub tags: Vec<String>,
    pub notes: Vec<CustomerNote>,
    pub created_at: String,
    pub created_by: StaffId,
    pub created_by_name: Option<String>,
    /// Set on a file merged into another: the file that stayed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub merged_into: Option<CustomerId>,
    /// Files merged into this one (their notes show here too).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub merged: Vec<CustomerId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerNote {
    pub id: NoteId,
    pub text: String,
    pub at: String,
    pub by: StaffId,
    pub by_name: Option<String>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerHit {
    pub id: CustomerId,
    pub name: String,
    pub phone: String,
    pub phone_display: String,
    pub code: String,
    /// What the query matched, for highlighting.
    pub matched: MatchKind,
}

/// Everything about a customer at once: the customer 360.
///
/// Each section comes from the module that owns it (wallets, treatments,
/// bookings, classes, tickets); the timeline is the audit trail of
/// everything about the customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Customer360 {
    pub customer: Customer,
    pub wallet: crate::wallets::WalletView,
    /// Active ones first, soonest expiry first.
    pub treatments: Vec<crate::treatments::TreatmentView>,
    /// Latest first.
    pub bookings: Vec<crate::bookings::BookingView>,
    /// Group classes they have or had a place in, latest first.
    pub classes: Vec<crate::classes::CustomerClass>,
    /// Open ones first, overdue first among them.
    pub tickets: Vec<crate::tickets::TicketLine>,
    /// What happened, latest first (the last `TIMELINE_LENGTH`): the
    /// customer's file and wallet, bookings and sessions, sales, tickets,
    /// in the business's language.
    pub timeline: Vec<crate::audit::AuditEntry>,
}

/// How many entries the 360's timeline shows; `caredesk audit --customer`
/// has them all.
pub const TIMELINE_LENGTH: usize = 50;
