//! The ops of a treatment: sold, sessions reserved, punched, returned,
//! granted (and a grant withdrawn), charged and refunded, the expiry moved,
//! the home-visit therapist swapped, the quota lapsed, the expiry recorded.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::id::{BookingId, CustomerId, OpId, PackageId, SaleId, ServiceId, StaffId};
use crate::money::Money;
use crate::op::{DecodeError, OpBody, op_events};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentSold {
    pub customer: CustomerId,
    pub package: PackageId,
    /// The package's name, service, sessions and price when sold: a later
    /// change to the package does not change what the customer bought.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceId>,
    pub total: u16,
    pub price: Money,
    /// The business's date of the sale; the last day a session can be used
    /// is `expires_on`.
    pub sold_on: Date,
    pub expires_on: Date,
    /// Set for a home-visit package: who goes, where, and the quota date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<HomeVisit>,
}

impl OpBody for TreatmentSold {
    const KIND: &'static str = "treatment.sold";
    /// 2 added `home`; a build that knows only 1 would not hold the lock.
    const SCHEMA: u16 = 2;

    fn upgrade(schema: u16, body: serde_json::Value) -> Result<Self, DecodeError> {
        Self::with_defaults(schema, body)
    }
}

/// The locked part of a home-visit treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeVisit {
    /// The therapist who goes to every session (a manager may swap).
    pub staff: StaffId,
    /// Where: the address as it was when sold.
    pub address: String,
    /// The last day a session can be booked; unbooked ones lapse after it.
    pub schedule_by: Date,
}

/// One booking item will use a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionReserved {
    pub booking: BookingId,
    pub item: u16,
    pub service: ServiceId,
    pub staff: StaffId,
    pub start: jiff::Timestamp,
}

impl OpBody for SessionReserved {
    const KIND: &'static str = "treatment.reserved";
    const SCHEMA: u16 = 1;
}

/// The session is used: the booking item completed, or it was forfeited
/// (cancelled after the cut-off, or a no-show).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionPunched {
    pub booking: BookingId,
    pub item: u16,
    #[serde(default)]
    pub forfeited: bool,
}

impl OpBody for SessionPunched {
    const KIND: &'static str = "treatment.punched";
    const SCHEMA: u16 = 1;
}

/// Why a session comes back to the customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReturnReason {
    /// The booking was cancelled before the cut-off: the reservation ends.
    Cancelled,
    /// A manager undid the completion: the punch is taken back and the
    /// booking holds the session again.
    Undone,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionReturned {
    pub booking: BookingId,
    pub item: u16,
    pub reason: ReturnReason,
}

impl OpBody for SessionReturned {
    const KIND: &'static str = "treatment.returned";
    const SCHEMA: u16 = 1;
}

/// A manager moved the expiry date, with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentExtended {
    pub expires_on: Date,
    pub reason: String,
}

impl OpBody for TreatmentExtended {
    const KIND: &'static str = "treatment.extended";
    const SCHEMA: u16 = 1;
}

/// A manager gave a home visit's future sessions to another therapist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeStaffSwapped {
    pub staff: StaffId,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for HomeStaffSwapped {
    const KIND: &'static str = "treatment.staff_swapped";
    const SCHEMA: u16 = 1;
}

/// The daily job saw a home visit's booking window close: the sessions
/// nobody booked are gone, and no one is paid for them. The fold counts
/// what lapses itself, so two counters recording it lapse it once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaLapsed {
    pub on: Date,
    /// Sessions unbooked when the job ran (the fold's count is the one
    /// that stands).
    pub sessions: u16,
}

impl OpBody for QuotaLapsed {
    const KIND: &'static str = "treatment.lapsed";
    const SCHEMA: u16 = 1;
}

/// The daily job saw the treatment expire: the sessions left are gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentExpired {
    pub on: Date,
    /// Sessions never used.
    pub sessions: u16,
}

impl OpBody for TreatmentExpired {
    const KIND: &'static str = "treatment.expired";
    const SCHEMA: u16 = 1;
}

/// Free sessions added to the card (a ticket's compensation): the customer
/// may book them like the ones they paid for, until the same expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsGranted {
    pub sessions: u16,
    /// What it was granted for (a ticket's code).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for SessionsGranted {
    const KIND: &'static str = "treatment.granted";
    const SCHEMA: u16 = 1;
}

/// Free sessions a ticket's resolution granted, taken back by a manager:
/// two counters resolved the ticket offline and the ticket's fold refused
/// this resolution (`ticket_resolved_twice`). Sessions the customer already
/// used are not undone: the card then holds more used than it has, and
/// `treatment_overused` asks for them to be charged. Each resolution's
/// grant is withdrawn once, however many managers do it offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantWithdrawn {
    /// The refused `ticket.resolved` op that granted them.
    pub resolution: OpId,
    pub sessions: u16,
    /// The ticket's code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for GrantWithdrawn {
    const KIND: &'static str = "treatment.grant_withdrawn";
    const SCHEMA: u16 = 1;
}

/// Sessions paid for on top of the card: the customer used more than the
/// card held (two counters punched the last session offline) and the
/// counter charged for the extra, or simply sold more sessions on it. The
/// sale that took the money is named, so the statement shows the receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsCharged {
    pub sessions: u16,
    pub sale: SaleId,
    /// The sale's receipt number.
    pub number: String,
    /// What one session cost on that receipt, before the sale's discounts.
    pub unit_price: Money,
}

impl OpBody for SessionsCharged {
    const KIND: &'static str = "treatment.charged";
    const SCHEMA: u16 = 1;
}

/// Sessions taken back because a refund or a void gave back the money
/// that paid for them: the card line of sale `sale` (its line `line`) was
/// refunded. Written in the refund's own transaction. The fold takes back
/// exactly `sessions` whatever else it holds, so a punch another counter
/// made offline meanwhile shows as over-use (a conflict) rather than being
/// lost; the refund is never refused by the fold, the money went back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsRefunded {
    pub sessions: u16,
    /// What went back for the line, goodwill included.
    pub amount: Money,
    /// The part of `amount` above the unused share of the line's price,
    /// given by a manager's decision.
    pub goodwill: Money,
    pub sale: SaleId,
    /// The sale's receipt number.
    pub number: String,
    /// The line of the sale that paid for the sessions.
    pub line: u16,
    /// Whether the sale was voided (rather than refunded).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub void: bool,
}

impl OpBody for SessionsRefunded {
    const KIND: &'static str = "treatment.refunded";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum TreatmentEvent {
        Sold(TreatmentSold),
        Reserved(SessionReserved),
        Punched(SessionPunched),
        Returned(SessionReturned),
        Extended(TreatmentExtended),
        Expired(TreatmentExpired),
        StaffSwapped(HomeStaffSwapped),
        Lapsed(QuotaLapsed),
        Granted(SessionsGranted),
        Charged(SessionsCharged),
        Refunded(SessionsRefunded),
        Transferred(crate::merge::TreatmentTransferred),
        GrantWithdrawn(GrantWithdrawn),
    }
}
