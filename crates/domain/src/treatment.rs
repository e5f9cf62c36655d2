//! Treatments: a package sold to a customer, a punch card of sessions they
//! have already paid for. Every session is accounted for as ledger entries
//! on the treatment: reserved by a booking, punched when the booking item
//! completes (or is forfeited), returned when the booking is cancelled in
//! time or a manager undoes the completion. `used` is the number of punches
//! that stand, never a counter someone overwrites.
//!
//! Expiry follows from the date: a treatment past its `expires_on` is
//! EXPIRED whoever looks, whether or not the daily job has recorded it yet.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::id::{BookingId, CustomerId, PackageId, ServiceId, StaffId};
use crate::money::Money;
use crate::op::{Machine, OpBody, Stamp, op_events};

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
}

impl OpBody for TreatmentSold {
    const KIND: &'static str = "treatment.sold";
    const SCHEMA: u16 = 1;
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

op_events! {
    pub enum TreatmentEvent {
        Sold(TreatmentSold),
        Reserved(SessionReserved),
        Punched(SessionPunched),
        Returned(SessionReturned),
        Extended(TreatmentExtended),
        Expired(TreatmentExpired),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TreatmentStatus {
    Active,
    /// Every session is used.
    Completed,
    /// Past its expiry with sessions left.
    Expired,
}

impl TreatmentStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            TreatmentStatus::Active => "ACTIVE",
            TreatmentStatus::Completed => "COMPLETED",
            TreatmentStatus::Expired => "EXPIRED",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SessionState {
    Reserved,
    Punched,
    Forfeited,
    /// Given back before use (cancelled in time).
    Returned,
}

/// One booking item's claim on a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub booking: BookingId,
    pub item: u16,
    pub service: ServiceId,
    pub staff: StaffId,
    pub start: jiff::Timestamp,
    pub state: SessionState,
}

impl Session {
    fn is(&self, booking: BookingId, item: u16) -> bool {
        self.booking == booking && self.item == item && self.state != SessionState::Returned
    }
}

/// What happened to a treatment, in order: the punch-card statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum TreatmentChange {
    Sold {
        total: u16,
        price: Money,
        expires_on: Date,
    },
    Reserved {
        booking: BookingId,
        item: u16,
    },
    Punched {
        booking: BookingId,
        item: u16,
    },
    Forfeited {
        booking: BookingId,
        item: u16,
    },
    Returned {
        booking: BookingId,
        item: u16,
        reason: ReturnReason,
    },
    Extended {
        from: Date,
        to: Date,
        reason: String,
    },
    Expired {
        on: Date,
        sessions: u16,
    },
    /// An op that could not apply where the treatment stood when it sorted
    /// in: kept, not applied.
    Refused {
        kind: String,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentHistoryEntry {
    pub at: Stamp,
    #[serde(flatten)]
    pub change: TreatmentChange,
}

/// Why a treatment cannot pay for a booking item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreatmentRefusal {
    #[error("it belongs to another customer")]
    OtherCustomer,
    #[error("it expired on {0}")]
    Expired(Date),
    #[error("all {0} sessions are used")]
    Completed(u16),
    #[error("no session left: {used} used and {reserved} booked of {total}")]
    Exhausted {
        total: u16,
        used: u16,
        reserved: u16,
    },
    #[error("it expires on {expires_on}, before the booking on {date}")]
    ExpiresBefore { expires_on: Date, date: Date },
    #[error("it pays only for its own service")]
    OtherService,
}

impl TreatmentRefusal {
    pub const fn code(&self) -> &'static str {
        match self {
            TreatmentRefusal::OtherCustomer => "treatment_other_customer",
            TreatmentRefusal::Expired(_) => "treatment_expired",
            TreatmentRefusal::Completed(_) | TreatmentRefusal::Exhausted { .. } => {
                "treatment_exhausted"
            }
            TreatmentRefusal::ExpiresBefore { .. } => "treatment_expires_before",
            TreatmentRefusal::OtherService => "treatment_other_service",
        }
    }
}

/// A treatment folded from its ops in stamp order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentState {
    pub customer: CustomerId,
    pub package: PackageId,
    pub name: String,
    pub service: Option<ServiceId>,
    pub total: u16,
    pub price: Money,
    pub sold_on: Date,
    pub expires_on: Date,
    /// When the daily job recorded the expiry.
    pub expiry_recorded: Option<Date>,
    /// Every claim on a session, in the order it was made.
    pub sessions: Vec<Session>,
    pub history: Vec<TreatmentHistoryEntry>,
    pub last: Stamp,
}

impl Machine for TreatmentState {
    type Event = TreatmentEvent;

    fn begin(stamp: Stamp, event: &TreatmentEvent) -> Option<Self> {
        let TreatmentEvent::Sold(sold) = event else {
            return None;
        };
        Some(TreatmentState {
            customer: sold.customer,
            package: sold.package,
            name: sold.name.clone(),
            service: sold.service,
            total: sold.total,
            price: sold.price,
            sold_on: sold.sold_on,
            expires_on: sold.expires_on,
            expiry_recorded: None,
            sessions: Vec::new(),
            history: vec![TreatmentHistoryEntry {
                at: stamp,
                change: TreatmentChange::Sold {
                    total: sold.total,
                    price: sold.price,
                    expires_on: sold.expires_on,
                },
            }],
            last: stamp,
        })
    }

    fn apply(&mut self, stamp: Stamp, event: &TreatmentEvent) {
        self.last = self.last.max(stamp);
        let change = match self.change(event) {
            Ok(change) => change,
            Err(reason) => TreatmentChange::Refused {
                kind: event.kind().to_owned(),
                reason,
            },
        };
        self.history
            .push(TreatmentHistoryEntry { at: stamp, change });
    }

    fn last(&self) -> Stamp {
        self.last
    }
}

impl TreatmentState {
    fn change(&mut self, event: &TreatmentEvent) -> Result<TreatmentChange, String> {
        Ok(match event {
            TreatmentEvent::Sold(_) => return Err("the treatment was already sold".to_owned()),
            TreatmentEvent::Reserved(r) => {
                if self.session(r.booking, r.item).is_some() {
                    return Err(format!(
                        "booking {} item {} already holds a session",
                        r.booking, r.item
                    ));
                }
                // A reservation beyond the total (two counters offline) is
                // kept: the customer was promised it, and sync reports it.
                self.sessions.push(Session {
                    booking: r.booking,
                    item: r.item,
                    service: r.service,
                    staff: r.staff,
                    start: r.start,
                    state: SessionState::Reserved,
                });
                TreatmentChange::Reserved {
                    booking: r.booking,
                    item: r.item,
                }
            }
            TreatmentEvent::Punched(p) => {
                let session = self.session_mut(p.booking, p.item).ok_or_else(|| {
                    format!("booking {} item {} holds no session", p.booking, p.item)
                })?;
                if session.state != SessionState::Reserved {
                    return Err(format!(
                        "the session of booking {} is already used",
                        p.booking
                    ));
                }
                if p.forfeited {
                    session.state = SessionState::Forfeited;
                    TreatmentChange::Forfeited {
                        booking: p.booking,
                        item: p.item,
                    }
                } else {
                    session.state = SessionState::Punched;
                    TreatmentChange::Punched {
                        booking: p.booking,
                        item: p.item,
                    }
                }
            }
            TreatmentEvent::Returned(r) => {
                let session = self.session_mut(r.booking, r.item).ok_or_else(|| {
                    format!("booking {} item {} holds no session", r.booking, r.item)
                })?;
                session.state = match (r.reason, session.state) {
                    (ReturnReason::Cancelled, SessionState::Reserved) => SessionState::Returned,
                    (ReturnReason::Undone, SessionState::Punched) => SessionState::Reserved,
                    (_, state) => {
                        return Err(format!(
                            "a {state:?} session cannot be returned as {:?}",
                            r.reason
                        ));
                    }
                };
                TreatmentChange::Returned {
                    booking: r.booking,
                    item: r.item,
                    reason: r.reason,
                }
            }
            TreatmentEvent::Extended(e) => {
                let from = self.expires_on;
                self.expires_on = e.expires_on;
                // A card extended after its expiry was recorded lives again;
                // if it expires once more, that is recorded once more.
                self.expiry_recorded = None;
                TreatmentChange::Extended {
                    from,
                    to: e.expires_on,
                    reason: e.reason.clone(),
                }
            }
            TreatmentEvent::Expired(e) => {
                self.expiry_recorded = Some(e.on);
                TreatmentChange::Expired {
                    on: e.on,
                    sessions: e.sessions,
                }
            }
        })
    }

    /// The claim of a booking item that still stands.
    pub fn session(&self, booking: BookingId, item: u16) -> Option<&Session> {
        self.sessions.iter().rev().find(|s| s.is(booking, item))
    }

    fn session_mut(&mut self, booking: BookingId, item: u16) -> Option<&mut Session> {
        self.sessions.iter_mut().rev().find(|s| s.is(booking, item))
    }

    fn count(&self, states: &[SessionState]) -> u16 {
        let n = self
            .sessions
            .iter()
            .filter(|s| states.contains(&s.state))
            .count();
        u16::try_from(n).unwrap_or(u16::MAX)
    }

    /// Sessions used: punched or forfeited, and not taken back.
    pub fn used(&self) -> u16 {
        self.count(&[SessionState::Punched, SessionState::Forfeited])
    }

    /// Sessions held by bookings that have not happened yet.
    pub fn reserved(&self) -> u16 {
        self.count(&[SessionState::Reserved])
    }

    /// Sessions the customer still has (booked or not).
    pub fn remaining(&self) -> u16 {
        self.total.saturating_sub(self.used())
    }

    /// Sessions that can still be booked.
    pub fn available(&self) -> u16 {
        self.total
            .saturating_sub(self.used())
            .saturating_sub(self.reserved())
    }

    pub fn status(&self, today: Date) -> TreatmentStatus {
        if self.used() >= self.total {
            TreatmentStatus::Completed
        } else if today > self.expires_on {
            TreatmentStatus::Expired
        } else {
            TreatmentStatus::Active
        }
    }

    /// Whether a session on `date` is inside the treatment's validity.
    pub fn check_date(&self, date: Date) -> Result<(), TreatmentRefusal> {
        if date > self.expires_on {
            Err(TreatmentRefusal::ExpiresBefore {
                expires_on: self.expires_on,
                date,
            })
        } else {
            Ok(())
        }
    }

    /// Whether the treatment can pay for `sessions` more items of `service`
    /// on `date`, for `customer`, when the business's date is `today`.
    pub fn can_book(
        &self,
        customer: CustomerId,
        service: ServiceId,
        date: Date,
        today: Date,
        sessions: u16,
    ) -> Result<(), TreatmentRefusal> {
        if customer != self.customer {
            return Err(TreatmentRefusal::OtherCustomer);
        }
        match self.status(today) {
            TreatmentStatus::Completed => return Err(TreatmentRefusal::Completed(self.total)),
            TreatmentStatus::Expired => return Err(TreatmentRefusal::Expired(self.expires_on)),
            TreatmentStatus::Active => {}
        }
        if self.service.is_some_and(|s| s != service) {
            return Err(TreatmentRefusal::OtherService);
        }
        self.check_date(date)?;
        if self.available() < sessions {
            return Err(TreatmentRefusal::Exhausted {
                total: self.total,
                used: self.used(),
                reserved: self.reserved(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
