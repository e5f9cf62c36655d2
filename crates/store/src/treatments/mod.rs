//! Treatments: packages sold to customers (punch cards). Selling, the
//! ledger of sessions that bookings write into (reserve, punch, return),
//! extensions, the daily expiry job, and the statement.

mod commands;
pub(crate) use commands::{follow_booking, reserve_sessions};
mod home;
pub use home::{HomeSale, HomeSold, HomeSwap};
pub(crate) mod projection;
mod view;

use caredesk_domain::id::{BookingId, CustomerId, PackageId, ServiceId, StaffId, TreatmentId};
use caredesk_domain::money::Money;
use caredesk_domain::treatment::{TreatmentChange, TreatmentStatus};
use jiff::civil::Date;
use serde::Serialize;

/// A treatment as the counter shows it; `history` is the punch-card
/// statement, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreatmentView {
    pub id: TreatmentId,
    pub customer: CustomerId,
    pub customer_name: String,
    pub package: PackageId,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub service: Option<ServiceId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub service_name: Option<String>,
    /// Sessions on the card: sold, granted and charged.
    pub total: u16,
    /// Free sessions granted since the sale (a ticket's compensation).
    pub granted: u16,
    /// Sessions paid for since the sale (a later sale's `sessions` line).
    pub charged: u16,
    pub used: u16,
    /// Booked and not yet used.
    pub reserved: u16,
    /// Not used yet (booked or not).
    pub remaining: u16,
    /// Can still be booked today: none once the card has expired or a
    /// home visit's booking window has closed.
    pub available: u16,
    /// Home-visit sessions that lapsed unbooked (no one is paid for them).
    pub lapsed: u16,
    /// Sessions taken back by refunds and voids of the lines that paid
    /// for them.
    pub refunded: u16,
    /// The money those refunds gave back, goodwill included.
    pub refunded_amount: Money,
    pub price: Money,
    pub sold_on: Date,
    pub expires_on: Date,
    pub status: TreatmentStatus,
    /// Set for a home visit: who goes, where, and until when to book.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub home: Option<HomeView>,
    pub history: Vec<StatementLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HomeView {
    pub staff: StaffId,
    pub staff_name: String,
    pub address: String,
    pub schedule_by: Date,
}

/// One line of the statement: when, who, what, and for a session the
/// booking's date, service and staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatementLine {
    pub at: String,
    pub by: StaffId,
    pub by_name: String,
    #[serde(flatten)]
    pub change: TreatmentChange,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub session: Option<SessionLine>,
    /// For a swap of the home-visit therapist: who from, who to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub swap: Option<SwapLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SwapLine {
    pub from_name: String,
    pub to_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionLine {
    pub booking: BookingId,
    /// When the session is (or was) booked, RFC 3339.
    pub start: String,
    pub service_name: String,
    pub staff_name: String,
}
