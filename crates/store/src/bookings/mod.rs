//! Bookings: making them (with the no-double-booking check inside the write
//! transaction), moving them through their life cycle, rescheduling, and
//! reading them back (one booking, a customer's, the day sheet, `.ics`).

mod commands;
pub(crate) mod fit;
mod ics;
pub(crate) mod projection;
pub(crate) mod view;

use caredesk_domain::booking::{BookingSource, BookingStatus};
use caredesk_domain::id::{BookingId, CustomerId, RoomId, ServiceId, StaffId, TreatmentId};
use caredesk_domain::money::Money;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub(crate) use commands::{Moving, move_item, write_booking};
pub use view::{DaySheet, SheetClass, SheetEntry, StaffDay};

/// What `booking add` needs. Customers, services, staff and rooms are given
/// as people type them (ids, names, a phone number).
#[derive(Debug, Clone)]
pub struct NewBooking {
    pub customer: String,
    pub items: Vec<NewItem>,
    pub source: BookingSource,
    pub notes: String,
}

#[derive(Debug, Clone)]
pub struct NewItem {
    pub service: String,
    pub staff: String,
    pub start: Timestamp,
    /// A different end than the service's length, e.g. a longer session.
    pub end: Option<Timestamp>,
    /// Which of the service's rooms; the first free one when not given.
    pub room: Option<String>,
    pub treatment: Option<TreatmentId>,
}

/// A move of the life cycle, as the counter asks for it. Whether a
/// cancellation is free (CANCELLED) or late (FORFEITED) follows from the
/// time and the business's cut-off.
/// The screens name it `BookingAction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "BookingAction"))]
pub enum BookingMove {
    Confirm,
    CheckIn,
    Start,
    Complete,
    Cancel,
    NoShow,
    /// A manager takes back a completion (the customer did not get the
    /// service after all): back to IN_PROGRESS.
    UndoCompletion,
}

impl std::str::FromStr for BookingMove {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "confirm" => Ok(BookingMove::Confirm),
            "check-in" | "checkin" => Ok(BookingMove::CheckIn),
            "start" => Ok(BookingMove::Start),
            "complete" => Ok(BookingMove::Complete),
            "cancel" => Ok(BookingMove::Cancel),
            "no-show" | "noshow" => Ok(BookingMove::NoShow),
            "undo-complete" | "undo-completion" => Ok(BookingMove::UndoCompletion),
            other => Err(format!("unknown booking move {other:?}")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BookingView {
    pub id: BookingId,
    pub customer: CustomerId,
    pub customer_name: String,
    pub status: BookingStatus,
    pub source: BookingSource,
    /// RFC 3339 with the business's offset.
    pub start: String,
    pub end: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub notes: String,
    pub items: Vec<ItemView>,
    pub history: Vec<HistoryView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemView {
    pub service: ServiceId,
    pub service_name: String,
    pub staff: StaffId,
    pub staff_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub room: Option<RoomId>,
    pub start: String,
    pub end: String,
    pub buffer_minutes: u16,
    pub price: Money,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub treatment: Option<TreatmentId>,
    /// Where a home visit takes place (the treatment's locked address).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub address: Option<String>,
}

/// One line of a booking's history: when, who, and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryView {
    pub at: String,
    pub by: StaffId,
    pub by_name: String,
    #[serde(flatten)]
    pub change: caredesk_domain::booking::BookingChange,
}
