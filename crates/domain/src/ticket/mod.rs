//! Service tickets: what the counter opens when something went wrong (a
//! complaint, a return, a missing item, a refused delivery, an exchange)
//! and follows to the end.
//!
//! ```text
//! NEW -> IN_PROGRESS <-> WAITING (on the carrier, the doctor, the customer)
//!  |         |              |
//!  +---------+--------------+--> COMPLETED   (resolved, with its compensation)
//!  +---------+--------------+--> CANCELLED   (with the reason why)
//! ```
//!
//! A ticket can be resolved straight from NEW (a complaint settled at the
//! counter while the customer waits). COMPLETED and CANCELLED are final: a
//! problem that comes back is a new ticket, so the first one's
//! compensation stays what it was.

mod settings;
mod state;

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::id::{BookingId, CreditId, CustomerId, OpId, SaleId, StaffId, TreatmentId};
use crate::money::Money;
use crate::op::{OpBody, op_events};

pub use settings::{
    CompensationKind, TicketSettings, TicketSettingsError, TicketType, TicketsConfigured,
};
pub use state::{TicketChange, TicketHistoryEntry, TicketState};

/// The longest subject, in characters.
pub const SUBJECT_MAX: usize = 200;
/// The longest details or note, in characters.
pub const DETAILS_MAX: usize = 4_000;
/// The longest order or booking reference, in characters.
pub const REFERENCE_MAX: usize = 100;
/// The most free sessions one resolution may add to a treatment.
pub const MAX_FREE_SESSIONS: u16 = 10;
/// How close a deadline must be for the job to raise the ticket to high
/// priority.
pub const ESCALATE_WITHIN: jiff::SignedDuration = jiff::SignedDuration::from_hours(24);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TicketStatus {
    New,
    InProgress,
    Waiting,
    Completed,
    Cancelled,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 5] = [
        TicketStatus::New,
        TicketStatus::InProgress,
        TicketStatus::Waiting,
        TicketStatus::Completed,
        TicketStatus::Cancelled,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            TicketStatus::New => "NEW",
            TicketStatus::InProgress => "IN_PROGRESS",
            TicketStatus::Waiting => "WAITING",
            TicketStatus::Completed => "COMPLETED",
            TicketStatus::Cancelled => "CANCELLED",
        }
    }

    /// Someone still has to act on it.
    pub const fn is_open(self) -> bool {
        !matches!(self, TicketStatus::Completed | TicketStatus::Cancelled)
    }

    /// Whether `self -> to` is a move of the workflow. WAITING -> WAITING
    /// is a change of whom it waits on (the state checks that it is one).
    pub fn check(self, to: TicketStatus) -> Result<(), TicketRefusal> {
        use TicketStatus::*;
        let allowed = match self {
            New => matches!(to, InProgress | Waiting | Completed | Cancelled),
            InProgress => matches!(to, Waiting | Completed | Cancelled),
            Waiting => matches!(to, InProgress | Waiting | Completed | Cancelled),
            Completed | Cancelled => false,
        };
        if allowed {
            Ok(())
        } else {
            Err(TicketRefusal::Transition { from: self, to })
        }
    }
}

impl fmt::Display for TicketStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TicketStatus {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_uppercase().replace(['-', ' '], "_");
        TicketStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| {
                format!(
                    "unknown ticket status {s:?}: expected new, in_progress, waiting, \
                     completed or cancelled"
                )
            })
    }
}

/// Who a WAITING ticket waits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum WaitingOn {
    Carrier,
    Doctor,
    Customer,
}

impl WaitingOn {
    pub const fn as_str(self) -> &'static str {
        match self {
            WaitingOn::Carrier => "carrier",
            WaitingOn::Doctor => "doctor",
            WaitingOn::Customer => "customer",
        }
    }
}

impl FromStr for WaitingOn {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "carrier" => Ok(WaitingOn::Carrier),
            "doctor" => Ok(WaitingOn::Doctor),
            "customer" => Ok(WaitingOn::Customer),
            other => Err(format!(
                "unknown party {other:?}: expected carrier, doctor or customer"
            )),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

impl Priority {
    /// Lowest first: `ALL[rank]` is the priority of that rank.
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    /// For sorting in SQL: higher is more pressing.
    pub const fn rank(self) -> u8 {
        self as u8
    }
}

impl FromStr for Priority {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "low" => Ok(Priority::Low),
            "normal" => Ok(Priority::Normal),
            "high" => Ok(Priority::High),
            "urgent" => Ok(Priority::Urgent),
            other => Err(format!(
                "unknown priority {other:?}: expected low, normal, high or urgent"
            )),
        }
    }
}

/// What the customer was given when the ticket was resolved. The money and
/// the session are ops of their own (a wallet deposit, a credit, a sale's
/// refund, a treatment's grant) written in the same transaction; this is
/// the ticket's record of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Compensation {
    None,
    /// Real money into the wallet: a refund of `sale` when the ticket is
    /// about one (it counts against what is left to refund on it), the
    /// business's own money otherwise.
    Refund {
        amount: Money,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sale: Option<SaleId>,
    },
    /// Virtual credit until `expires_at`.
    Credit {
        amount: Money,
        credit: CreditId,
        expires_at: Timestamp,
    },
    /// Free sessions added to one of the customer's treatments.
    Session {
        treatment: TreatmentId,
        sessions: u16,
    },
}

impl Compensation {
    pub const fn kind(&self) -> CompensationKind {
        match self {
            Compensation::None => CompensationKind::None,
            Compensation::Refund { .. } => CompensationKind::Refund,
            Compensation::Credit { .. } => CompensationKind::Credit,
            Compensation::Session { .. } => CompensationKind::Session,
        }
    }
}

/// A ticket was opened. `code` is the register's (`TV-2026-A7K-00001`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketOpened {
    pub code: String,
    pub customer: CustomerId,
    /// One of the business's ticket types (`complaint`, `return`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    pub subject: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub details: String,
    /// The order or booking it is about, as the counter typed it (a
    /// carrier's order number stays text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    /// The reference resolved to one of this business's sales.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sale: Option<SaleId>,
    /// The reference resolved to one of this business's bookings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking: Option<BookingId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<StaffId>,
    pub priority: Priority,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Timestamp>,
    pub at: Timestamp,
}

impl OpBody for TicketOpened {
    const KIND: &'static str = "ticket.opened";
    const SCHEMA: u16 = 1;
}

/// The ticket moved along the workflow (anything but its resolution).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketMoved {
    pub to: TicketStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting_on: Option<WaitingOn>,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for TicketMoved {
    const KIND: &'static str = "ticket.moved";
    const SCHEMA: u16 = 1;
}

/// One field of a ticket changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum TicketField {
    Subject(String),
    Details(String),
    Assignee(Option<StaffId>),
    Priority(Priority),
    Deadline(Option<Timestamp>),
}

/// Some fields changed, each on its own (applied in canonical order, so the
/// last writer wins per field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketEdited {
    pub changes: Vec<TicketField>,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for TicketEdited {
    const KIND: &'static str = "ticket.edited";
    const SCHEMA: u16 = 1;
}

/// The deadline job saw the deadline less than a day away and raised the
/// ticket to high priority. The fold only ever raises, so two counters
/// escalating the same ticket change it once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketEscalated {
    pub deadline: Timestamp,
    pub at: Timestamp,
}

impl OpBody for TicketEscalated {
    const KIND: &'static str = "ticket.escalated";
    const SCHEMA: u16 = 1;
}

/// The ticket was resolved: COMPLETED, with what the customer was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketResolved {
    pub compensation: Compensation,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for TicketResolved {
    const KIND: &'static str = "ticket.resolved";
    const SCHEMA: u16 = 1;
}

/// A manager took back what a late resolution gave: two counters resolved
/// the ticket offline, the fold kept the one that sorts first and refused
/// the other, but the other's compensation was written all the same. The
/// compensation's own reversing op (a wallet's `compensation_reversed`, a
/// treatment's `grant_withdrawn`) is written in the same transaction; this
/// is the ticket's record of it, and what tells the conflict it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketReversed {
    /// The refused `ticket.resolved` op.
    pub resolution: OpId,
    /// What it had given, now taken back.
    pub compensation: Compensation,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for TicketReversed {
    const KIND: &'static str = "ticket.reversed";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum TicketEvent {
        Opened(TicketOpened),
        Moved(TicketMoved),
        Edited(TicketEdited),
        Escalated(TicketEscalated),
        Resolved(TicketResolved),
        Transferred(crate::merge::TicketTransferred),
        Reversed(TicketReversed),
    }
}

/// Why a ticket command was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TicketRefusal {
    #[error("a {from} ticket cannot become {to}")]
    Transition {
        from: TicketStatus,
        to: TicketStatus,
    },
    #[error("only a WAITING ticket waits on someone, not a {0} one")]
    NotWaiting(TicketStatus),
    #[error("cancelling a ticket needs a note saying why")]
    CancelWithoutNote,
    #[error("unknown ticket type {0:?}: expected one of {1}")]
    UnknownType(String, String),
    #[error("a {0} ticket cannot be changed")]
    Closed(TicketStatus),
    #[error("give one compensation: a refund, a credit or a free session")]
    OneCompensation,
    #[error("a resolution may add 1 to {MAX_FREE_SESSIONS} free sessions, not {0}")]
    Sessions(u16),
    #[error("the deadline {0} has already passed")]
    DeadlinePassed(String),
    #[error("ticket {0} has no second resolution to reverse")]
    NothingToReverse(String),
}

impl TicketRefusal {
    pub const fn code(&self) -> &'static str {
        match self {
            TicketRefusal::Transition { .. } => "invalid_transition",
            TicketRefusal::NotWaiting(_) => "invalid_waiting_on",
            TicketRefusal::CancelWithoutNote => "note_required",
            TicketRefusal::UnknownType(..) => "unknown_ticket_type",
            TicketRefusal::Closed(_) => "ticket_closed",
            TicketRefusal::OneCompensation => "one_compensation",
            TicketRefusal::Sessions(_) => "invalid_sessions",
            TicketRefusal::DeadlinePassed(_) => "deadline_passed",
            TicketRefusal::NothingToReverse(_) => "nothing_to_reverse",
        }
    }
}

/// A ticket code: `{prefix}-{year}-{register}-{number}`. The register keeps
/// counters apart without asking anyone, the year keeps the numbers short.
pub fn code(prefix: &str, year: i16, register: &str, number: u32) -> String {
    format!("{prefix}-{year}-{register}-{number:05}")
}

/// Whether a deadline calls for high priority at `now`: less than
/// `ESCALATE_WITHIN` away, or already past.
pub fn due_soon(deadline: Timestamp, now: Timestamp) -> bool {
    deadline.duration_since(now) < ESCALATE_WITHIN
}

#[cfg(test)]
mod tests;
