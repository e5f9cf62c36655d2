//! Treatments: a package sold to a customer, a punch card of sessions they
//! have already paid for. Every session is accounted for as ledger entries
//! on the treatment: reserved by a booking, punched when the booking item
//! completes (or is forfeited), returned when the booking is cancelled in
//! time or a manager undoes the completion. `used` is the number of punches
//! that stand, never a counter someone overwrites.
//!
//! Expiry follows from the date: a treatment past its `expires_on` is
//! EXPIRED whoever looks, whether or not the daily job has recorded it yet.
//!
//! A home visit locks one therapist and one address for every session. Its
//! sessions must be booked by `schedule_by`; the ones that are not lapse
//! then (again derived from the date, and recorded by the daily job), and a
//! lapsed session pays no one. Every session is in exactly one place:
//! `sessions = used + reserved + lapsed + refunded + unscheduled`, where
//! `sessions` is the `total` sold plus the free sessions `granted` later (a
//! ticket's compensation) plus the sessions `charged` later (a sale that
//! paid for sessions used beyond the card, when two counters punched it
//! offline), and `refunded` the sessions a refund or a void took back with
//! the money that paid for them.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::id::{BookingId, CustomerId, OpId, PackageId, SaleId, ServiceId, StaffId};
use crate::money::Money;
use crate::op::{Machine, Stamp};

mod events;
mod refusal;
pub use events::*;
pub use refusal::TreatmentRefusal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TreatmentStatus {
    Active,
    /// Every session is used.
    Completed,
    /// Past its expiry with sessions left, or a home visit past its
    /// booking window with nothing booked.
    Expired,
    /// A refund or a void took back sessions and none is left.
    Refunded,
}

impl TreatmentStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            TreatmentStatus::Active => "ACTIVE",
            TreatmentStatus::Completed => "COMPLETED",
            TreatmentStatus::Expired => "EXPIRED",
            TreatmentStatus::Refunded => "REFUNDED",
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    StaffSwapped {
        from: StaffId,
        to: StaffId,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    Lapsed {
        on: Date,
        sessions: u16,
    },
    Granted {
        sessions: u16,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reference: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    /// Free sessions a late ticket resolution granted, taken back.
    GrantWithdrawn {
        resolution: OpId,
        sessions: u16,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reference: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    /// The customer's file was merged into another.
    Transferred {
        from: CustomerId,
        to: CustomerId,
    },
    Charged {
        sessions: u16,
        sale: SaleId,
        number: String,
        unit_price: Money,
    },
    /// Sessions taken back by a refund or a void of the sale line that
    /// paid for them.
    Refunded {
        sessions: u16,
        amount: Money,
        goodwill: Money,
        sale: SaleId,
        number: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        void: bool,
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

/// A treatment folded from its ops in stamp order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentState {
    pub customer: CustomerId,
    pub package: PackageId,
    pub name: String,
    pub service: Option<ServiceId>,
    /// Sessions sold (what the price paid for).
    pub total: u16,
    /// Free sessions added since.
    #[serde(default)]
    pub granted: u16,
    /// Sessions paid for on top of the card since (a later sale).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub charged: u16,
    pub price: Money,
    pub sold_on: Date,
    pub expires_on: Date,
    /// When the daily job recorded the expiry.
    pub expiry_recorded: Option<Date>,
    #[serde(default)]
    pub home: Option<HomeVisit>,
    /// Home-visit sessions that lapsed unbooked.
    #[serde(default)]
    pub lapsed: u16,
    /// Sessions taken back by refunds and voids.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub refunded: u16,
    /// Each refund of a line that paid for the card, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refunds: Vec<CardRefund>,
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
            granted: 0,
            charged: 0,
            price: sold.price,
            sold_on: sold.sold_on,
            expires_on: sold.expires_on,
            expiry_recorded: None,
            home: sold.home.clone(),
            lapsed: 0,
            refunded: 0,
            refunds: Vec::new(),
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
            TreatmentEvent::StaffSwapped(swap) => {
                let home = self.home.as_mut().ok_or("not a home-visit treatment")?;
                let from = std::mem::replace(&mut home.staff, swap.staff);
                TreatmentChange::StaffSwapped {
                    from,
                    to: swap.staff,
                    note: swap.note.clone(),
                }
            }
            TreatmentEvent::Granted(grant) => {
                if grant.sessions == 0 {
                    return Err("no session to grant".to_owned());
                }
                self.granted = self.granted.saturating_add(grant.sessions);
                TreatmentChange::Granted {
                    sessions: grant.sessions,
                    reference: grant.reference.clone(),
                    note: grant.note.clone(),
                }
            }
            TreatmentEvent::GrantWithdrawn(withdrawn) => {
                let already = self.history.iter().any(|entry| {
                    matches!(&entry.change, TreatmentChange::GrantWithdrawn { resolution, .. }
                        if *resolution == withdrawn.resolution)
                });
                if already {
                    return Err(format!(
                        "the sessions of {} were already withdrawn",
                        withdrawn.resolution
                    ));
                }
                // Never below what grants gave: the rest was never here.
                let sessions = withdrawn.sessions.min(self.granted);
                if sessions == 0 {
                    return Err("no granted session to withdraw".to_owned());
                }
                self.granted -= sessions;
                TreatmentChange::GrantWithdrawn {
                    resolution: withdrawn.resolution,
                    sessions,
                    reference: withdrawn.reference.clone(),
                    note: withdrawn.note.clone(),
                }
            }
            TreatmentEvent::Transferred(moved) => TreatmentChange::Transferred {
                from: std::mem::replace(&mut self.customer, moved.to),
                to: moved.to,
            },
            TreatmentEvent::Charged(charge) => {
                if charge.sessions == 0 {
                    return Err("no session to charge".to_owned());
                }
                self.charged = self.charged.saturating_add(charge.sessions);
                TreatmentChange::Charged {
                    sessions: charge.sessions,
                    sale: charge.sale,
                    number: charge.number.clone(),
                    unit_price: charge.unit_price,
                }
            }
            TreatmentEvent::Refunded(refund) => {
                self.refunded = self.refunded.saturating_add(refund.sessions);
                self.refunds.push(CardRefund {
                    sale: refund.sale,
                    line: refund.line,
                    sessions: refund.sessions,
                    amount: refund.amount.amount,
                    goodwill: refund.goodwill.amount,
                });
                TreatmentChange::Refunded {
                    sessions: refund.sessions,
                    amount: refund.amount,
                    goodwill: refund.goodwill,
                    sale: refund.sale,
                    number: refund.number.clone(),
                    void: refund.void,
                }
            }
            TreatmentEvent::Lapsed(lapse) => {
                if self.home.is_none() {
                    return Err("not a home-visit treatment".to_owned());
                }
                let sessions = self.unscheduled();
                if sessions == 0 {
                    return Err("no unbooked session left to lapse".to_owned());
                }
                self.lapsed = self.lapsed.saturating_add(sessions);
                TreatmentChange::Lapsed {
                    on: lapse.on,
                    sessions,
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

    /// Sessions on the card: sold, granted and charged since.
    pub fn sessions_total(&self) -> u16 {
        self.total
            .saturating_add(self.granted)
            .saturating_add(self.charged)
    }

    /// Sessions used or booked beyond what the card holds: what two
    /// counters punched offline past the last one (or one punched while
    /// another refunded the card), to be charged.
    pub fn over(&self) -> u16 {
        self.used()
            .saturating_add(self.reserved())
            .saturating_add(self.lapsed)
            .saturating_add(self.refunded)
            .saturating_sub(self.sessions_total())
    }

    /// One session's share of the price the card was sold for, rounded
    /// half up: what an extra session costs unless the counter says
    /// otherwise.
    pub fn session_price(&self) -> i64 {
        let total = i64::from(self.total.max(1));
        (self.price.amount + total / 2) / total
    }

    /// Money given back on the card, goodwill included.
    pub fn refunded_amount(&self) -> i64 {
        self.refunds.iter().map(|r| r.amount).sum()
    }

    /// Sessions used: punched or forfeited, and not taken back.
    pub fn used(&self) -> u16 {
        self.count(&[SessionState::Punched, SessionState::Forfeited])
    }

    /// Sessions held by bookings that have not happened yet.
    pub fn reserved(&self) -> u16 {
        self.count(&[SessionState::Reserved])
    }

    /// Sessions the customer still has (booked or not): neither used,
    /// lapsed nor refunded.
    pub fn remaining(&self) -> u16 {
        self.sessions_total()
            .saturating_sub(self.used())
            .saturating_sub(self.lapsed)
            .saturating_sub(self.refunded)
    }

    /// Sessions no booking holds, as the ledger stands (whatever the date).
    pub fn unscheduled(&self) -> u16 {
        self.remaining().saturating_sub(self.reserved())
    }

    /// Sessions that can still be booked on `today`: none once the card
    /// has expired or a home visit's booking window has closed.
    pub fn bookable(&self, today: Date) -> u16 {
        if self.status(today) != TreatmentStatus::Active || self.quota_closed(today) {
            0
        } else {
            self.unscheduled()
        }
    }

    /// Whether a home visit's booking window has closed by `today`.
    pub fn quota_closed(&self, today: Date) -> bool {
        self.home.as_ref().is_some_and(|h| today > h.schedule_by)
    }

    pub fn status(&self, today: Date) -> TreatmentStatus {
        if self.refunded > 0 && self.remaining() == 0 {
            TreatmentStatus::Refunded
        } else if self.used() >= self.sessions_total() {
            TreatmentStatus::Completed
        } else if today > self.expires_on || (self.quota_closed(today) && self.reserved() == 0) {
            TreatmentStatus::Expired
        } else {
            TreatmentStatus::Active
        }
    }

    /// Whether `staff` may give this treatment's sessions: anyone, unless
    /// it is a home visit locked to someone else.
    pub fn check_staff(&self, staff: StaffId) -> Result<(), TreatmentRefusal> {
        match &self.home {
            Some(home) if home.staff != staff => Err(TreatmentRefusal::OtherStaff),
            _ => Ok(()),
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
    /// by `staff` on `date`, for `customer`, when the business's date is
    /// `today`.
    pub fn can_book(
        &self,
        customer: CustomerId,
        (service, staff): (ServiceId, StaffId),
        date: Date,
        today: Date,
        sessions: u16,
    ) -> Result<(), TreatmentRefusal> {
        if customer != self.customer {
            return Err(TreatmentRefusal::OtherCustomer);
        }
        if let Some(home) = &self.home {
            if self.used() < self.sessions_total() && self.quota_closed(today) {
                return Err(TreatmentRefusal::QuotaLapsed(home.schedule_by));
            }
            self.check_staff(staff)?;
        }
        match self.status(today) {
            TreatmentStatus::Completed => {
                return Err(TreatmentRefusal::Completed(self.sessions_total()));
            }
            TreatmentStatus::Expired => return Err(TreatmentRefusal::Expired(self.expires_on)),
            TreatmentStatus::Refunded => return Err(self.refused_as_refunded()),
            TreatmentStatus::Active => {}
        }
        if self.service.is_some_and(|s| s != service) {
            return Err(TreatmentRefusal::OtherService);
        }
        self.check_date(date)?;
        if self.unscheduled() < sessions {
            return Err(TreatmentRefusal::Exhausted {
                total: self.sessions_total(),
                used: self.used(),
                reserved: self.reserved(),
                refunded: self.refunded,
            });
        }
        Ok(())
    }

    fn refused_as_refunded(&self) -> TreatmentRefusal {
        TreatmentRefusal::Refunded {
            sessions: self.refunded,
        }
    }

    /// Whether a session booked on the card may be given: not while refunds
    /// have taken back sessions the card's bookings still hold (another
    /// counter booked it offline while this one refunded it), until the
    /// session is charged. A forfeit still punches: the customer did not
    /// come, and the over-use it leaves is listed for a manager.
    pub fn can_punch(&self) -> Result<(), TreatmentRefusal> {
        if self.refunded > 0 && self.over() > 0 {
            return Err(self.refused_as_refunded());
        }
        Ok(())
    }
}

/// One refund of a line that paid for the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardRefund {
    pub sale: SaleId,
    pub line: u16,
    pub sessions: u16,
    /// Money given back for the line, goodwill included.
    pub amount: i64,
    pub goodwill: i64,
}

fn is_zero(n: &u16) -> bool {
    *n == 0
}

#[cfg(test)]
mod tests;
