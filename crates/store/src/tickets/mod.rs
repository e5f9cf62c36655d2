//! Service tickets: opening one (for a customer found by phone, or a new
//! one), moving it through the workflow, resolving it with its
//! compensation in the same transaction, the deadline job, lists and
//! statistics.

mod commands;
pub(crate) use reverse::resolution_given;
pub(crate) mod projection;
mod reverse;
mod stats;
mod view;

use caredesk_domain::id::{BookingId, CustomerId, SaleId, StaffId, TicketId, TreatmentId};
use caredesk_domain::money::Money;
use caredesk_domain::ticket::{CompensationKind, Priority, TicketChange, TicketStatus, WaitingOn};
use jiff::Timestamp;
use serde::Serialize;

pub use stats::{TicketStats, TypeStats};

/// A ticket as the counter opens it. Text is taken as typed.
#[derive(Debug, Clone, Default)]
pub struct NewTicket {
    /// A customer id or phone number. A phone no customer has yet creates
    /// the customer with the ticket (see `Tickets::ticket_customer`).
    pub customer: String,
    /// The new customer's name; the phone number stands in until someone
    /// edits it.
    pub name: Option<String>,
    /// One of the business's ticket types.
    pub kind: String,
    pub subject: String,
    pub details: String,
    /// An order or booking reference: a receipt number or booking id links
    /// the ticket to it, anything else (a carrier's number) stays text.
    pub reference: String,
    /// A staff id or name.
    pub assignee: Option<String>,
    pub priority: Option<Priority>,
    pub deadline: Option<Timestamp>,
}

/// Who a ticket would be for, told to the counter before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "customer", rename_all = "snake_case")]
pub enum TicketCustomer {
    Existing {
        id: CustomerId,
        name: String,
        phone: String,
    },
    /// No customer has this phone: saving creates one.
    New {
        phone: String,
        phone_display: String,
    },
}

/// Fields to change; `None` leaves a field alone.
#[derive(Debug, Clone, Default)]
pub struct TicketEdit {
    pub subject: Option<String>,
    pub details: Option<String>,
    /// `Some(None)` takes the ticket off whoever had it.
    pub assignee: Option<Option<String>>,
    pub priority: Option<Priority>,
    /// `Some(None)` removes the deadline.
    pub deadline: Option<Option<Timestamp>>,
    pub note: String,
}

/// What to give the customer on resolving. At most one of refund, credit
/// and session; none of them resolves without compensation.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Real money into the wallet (a refund of the ticket's sale when it has
    /// one).
    pub refund: Option<i64>,
    /// Virtual credit.
    pub credit: Option<i64>,
    /// How long the credit lasts; the ticket settings' days when `None`.
    pub credit_days: Option<u16>,
    /// Free sessions on a treatment: `Some(None)` picks the customer's one
    /// active treatment.
    pub session: Option<Option<String>>,
    /// How many free sessions (1 when `None`).
    pub sessions: Option<u16>,
    pub note: String,
}

/// Which tickets to list.
#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    /// `None` lists open tickets (NEW, IN_PROGRESS, WAITING).
    pub status: Option<StatusFilter>,
    pub customer: Option<CustomerId>,
    pub assignee: Option<StaffId>,
    pub kind: Option<String>,
    /// A fragment of the code or the subject.
    pub query: Option<String>,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Open,
    Closed,
    All,
    Is(TicketStatus),
}

impl std::str::FromStr for StatusFilter {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "open" => Ok(StatusFilter::Open),
            "closed" => Ok(StatusFilter::Closed),
            "all" => Ok(StatusFilter::All),
            other => other.parse().map(StatusFilter::Is),
        }
    }
}

/// A ticket as the counter shows it. Times are RFC 3339 in the business's
/// zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TicketView {
    pub id: TicketId,
    pub code: String,
    pub status: TicketStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub waiting_on: Option<WaitingOn>,
    #[serde(rename = "type")]
    pub kind: String,
    /// What the type offers by default on resolving (the form's choice).
    pub offers: CompensationKind,
    pub subject: String,
    pub details: String,
    pub reference: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sale: Option<SaleId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub booking: Option<BookingId>,
    pub customer: CustomerId,
    pub customer_name: String,
    pub customer_phone: String,
    pub assignee: Option<StaffId>,
    pub assignee_name: Option<String>,
    pub priority: Priority,
    pub deadline: Option<String>,
    /// Open and past its deadline.
    pub overdue: bool,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub resolution: Option<ResolutionView>,
    pub history: Vec<TicketStep>,
}

/// What a resolution gave, as the counter shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ResolutionView {
    None,
    Refund {
        amount: Money,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        sale: Option<SaleId>,
    },
    Credit {
        amount: Money,
        expires_at: String,
    },
    Session {
        treatment: TreatmentId,
        sessions: u16,
    },
}

/// One change in a ticket's life: who, when, what, and the note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TicketStep {
    pub at: String,
    pub by: StaffId,
    pub by_name: String,
    #[serde(flatten)]
    pub change: TicketChange,
}

/// A ticket in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TicketLine {
    pub id: TicketId,
    pub code: String,
    pub status: TicketStatus,
    #[serde(rename = "type")]
    pub kind: String,
    pub subject: String,
    pub customer: CustomerId,
    pub customer_name: String,
    pub assignee_name: Option<String>,
    pub priority: Priority,
    pub deadline: Option<String>,
    pub overdue: bool,
    pub opened_at: String,
}

/// What `ticket escalate` raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Escalated {
    pub code: String,
    pub deadline: String,
}
