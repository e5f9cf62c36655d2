//! Group classes and workshops: one staff member (and maybe a room) for a
//! group, with a number of seats, an optional list of who may join, and a
//! waiting list.
//!
//! Who sits and who waits is never stored: it follows from the order in
//! which customers joined. The first `seats` customers who still hold a place
//! are seated, the rest wait in line. So when someone leaves, the next in line
//! is seated by the fold itself, on every counter alike; and two counters that
//! each sold "the last seat" offline agree, once their ops meet, on who got it
//! (the earlier stamp) and who waits.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::id::{CustomerId, RoomId, ServiceId, StaffId, TreatmentId};
use crate::money::Money;
use crate::op::{Machine, OpBody, Stamp, op_events};

/// The most seats a class can have: a workshop in a hall, not a concert.
pub const MAX_SEATS: u16 = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassScheduled {
    pub service: ServiceId,
    pub staff: StaffId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<RoomId>,
    pub start: Timestamp,
    pub end: Timestamp,
    #[serde(default)]
    pub buffer_minutes: u16,
    pub seats: u16,
    /// The price of a seat when the class was scheduled.
    pub price: Money,
    /// Who may join; `None` when anyone may.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<CustomerId>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl OpBody for ClassScheduled {
    const KIND: &'static str = "class.scheduled";
    const SCHEMA: u16 = 1;
}

/// A customer joins the line: seated if a seat is free, waiting otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassEnrolled {
    pub customer: CustomerId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment: Option<TreatmentId>,
}

impl OpBody for ClassEnrolled {
    const KIND: &'static str = "class.enrolled";
    const SCHEMA: u16 = 1;
}

/// A customer gives up their place. `late` is decided by the command from
/// the cancellation cut-off; it only forfeits a seat, never a place in line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassLeft {
    pub customer: CustomerId,
    #[serde(default)]
    pub late: bool,
}

impl OpBody for ClassLeft {
    const KIND: &'static str = "class.left";
    const SCHEMA: u16 = 1;
}

/// A seated customer came (`attended`) or did not (`no_show`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassAttendance {
    pub customer: CustomerId,
    pub attended: bool,
}

impl OpBody for ClassAttendance {
    const KIND: &'static str = "class.attendance";
    const SCHEMA: u16 = 1;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassSeatsChanged {
    pub seats: u16,
}

impl OpBody for ClassSeatsChanged {
    const KIND: &'static str = "class.seats_changed";
    const SCHEMA: u16 = 1;
}

/// More customers on the list of a class that has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassAllowed {
    pub customers: Vec<CustomerId>,
}

impl OpBody for ClassAllowed {
    const KIND: &'static str = "class.allowed";
    const SCHEMA: u16 = 1;
}

/// The business calls the class off: every place is freed, nobody forfeits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassCancelled {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for ClassCancelled {
    const KIND: &'static str = "class.cancelled";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum ClassEvent {
        Scheduled(ClassScheduled),
        Enrolled(ClassEnrolled),
        Left(ClassLeft),
        Attendance(ClassAttendance),
        SeatsChanged(ClassSeatsChanged),
        Allowed(ClassAllowed),
        Cancelled(ClassCancelled),
    }
}

/// Why an op cannot apply where the class stands. The command refuses with
/// it; the fold keeps a late-arriving op that meets it in the history.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClassRefusal {
    #[error("the class was already scheduled")]
    AlreadyScheduled,
    #[error("the class was cancelled")]
    Cancelled,
    #[error("the customer is not on the class's list")]
    NotOnList,
    #[error("the customer already has a place in the class")]
    AlreadyEnrolled,
    #[error("the customer has no place in the class")]
    NotEnrolled,
    #[error("the customer's attendance is already recorded")]
    AlreadyMarked,
    #[error("the customer is on the waiting list, not in a seat")]
    NotSeated,
    #[error("{taken} seats are taken: the class cannot have fewer")]
    SeatsTaken { taken: u16 },
    #[error("a class has from 1 to {MAX_SEATS} seats, not {0}")]
    Seats(u16),
    #[error("the class is open to everyone: it has no list")]
    Open,
}

impl ClassRefusal {
    /// Stable code for the CLI and the app.
    pub const fn code(&self) -> &'static str {
        match self {
            ClassRefusal::AlreadyScheduled => "invalid_transition",
            ClassRefusal::Cancelled => "class_cancelled",
            ClassRefusal::NotOnList => "not_on_class_list",
            ClassRefusal::AlreadyEnrolled => "already_enrolled",
            ClassRefusal::NotEnrolled => "not_enrolled",
            ClassRefusal::AlreadyMarked => "already_marked",
            ClassRefusal::NotSeated => "not_seated",
            ClassRefusal::SeatsTaken { .. } => "seats_taken",
            ClassRefusal::Seats(_) => "invalid_value",
            ClassRefusal::Open => "class_open",
        }
    }
}

pub fn check_seats(seats: u16) -> Result<u16, ClassRefusal> {
    if (1..=MAX_SEATS).contains(&seats) {
        Ok(seats)
    } else {
        Err(ClassRefusal::Seats(seats))
    }
}

/// Where a customer's place stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PlaceStatus {
    /// In a seat or in line, see `ClassState::standing`.
    Enrolled,
    Attended,
    NoShow,
    /// Left in time, or from the waiting list.
    Left,
    /// Left a seat after the cut-off: the seat goes to the next in line, the
    /// customer still pays for it.
    Forfeited,
}

impl PlaceStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            PlaceStatus::Enrolled => "ENROLLED",
            PlaceStatus::Attended => "ATTENDED",
            PlaceStatus::NoShow => "NO_SHOW",
            PlaceStatus::Left => "LEFT",
            PlaceStatus::Forfeited => "FORFEITED",
        }
    }

    /// Whether the place still counts for a seat.
    pub const fn holds(self) -> bool {
        matches!(
            self,
            PlaceStatus::Enrolled | PlaceStatus::Attended | PlaceStatus::NoShow
        )
    }
}

/// A seat or a place in line: the order of `joined` decides which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub customer: CustomerId,
    pub joined: Stamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment: Option<TreatmentId>,
    pub status: PlaceStatus,
}

/// Seated, or waiting with a position in line (1 = next).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "standing", content = "position", rename_all = "snake_case")]
pub enum Standing {
    Seated,
    Waiting(u16),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ClassChange {
    Scheduled {
        seats: u16,
    },
    Enrolled {
        customer: CustomerId,
        seated: bool,
    },
    Left {
        customer: CustomerId,
        forfeited: bool,
    },
    /// Moved from the waiting list into a seat another customer freed.
    Promoted {
        customer: CustomerId,
    },
    Attendance {
        customer: CustomerId,
        attended: bool,
    },
    Seats {
        from: u16,
        to: u16,
    },
    Allowed {
        customers: Vec<CustomerId>,
    },
    Cancelled {
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    /// An op that could not apply where the class stood when it sorted in
    /// (two counters offline at once): kept, not applied.
    Refused {
        kind: String,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassHistoryEntry {
    pub at: Stamp,
    #[serde(flatten)]
    pub change: ClassChange,
}

/// A class folded from its ops in stamp order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassState {
    pub service: ServiceId,
    pub staff: StaffId,
    pub room: Option<RoomId>,
    pub start: Timestamp,
    pub end: Timestamp,
    pub buffer_minutes: u16,
    pub seats: u16,
    pub price: Money,
    pub allowed: Option<Vec<CustomerId>>,
    pub notes: String,
    pub cancelled: bool,
    /// Every place ever taken, in the order customers joined.
    pub places: Vec<Place>,
    pub history: Vec<ClassHistoryEntry>,
    pub last: Stamp,
}

impl Machine for ClassState {
    type Event = ClassEvent;

    fn begin(stamp: Stamp, event: &ClassEvent) -> Option<ClassState> {
        let ClassEvent::Scheduled(s) = event else {
            return None;
        };
        let mut allowed = s.allowed.clone();
        if let Some(list) = &mut allowed {
            list.sort();
            list.dedup();
        }
        Some(ClassState {
            service: s.service,
            staff: s.staff,
            room: s.room,
            start: s.start,
            end: s.end,
            buffer_minutes: s.buffer_minutes,
            seats: s.seats,
            price: s.price,
            allowed,
            notes: s.notes.clone(),
            cancelled: false,
            places: Vec::new(),
            history: vec![ClassHistoryEntry {
                at: stamp,
                change: ClassChange::Scheduled { seats: s.seats },
            }],
            last: stamp,
        })
    }

    /// Applies the next op in canonical order. Customers that a freed seat
    /// reaches are recorded as promoted, right after the op that freed it.
    fn apply(&mut self, stamp: Stamp, event: &ClassEvent) {
        self.last = self.last.max(stamp);
        if let Err(refusal) = self.check(event) {
            self.history.push(ClassHistoryEntry {
                at: stamp,
                change: ClassChange::Refused {
                    kind: event.kind().to_owned(),
                    reason: refusal.to_string(),
                },
            });
            return;
        }
        let seated_before: Vec<Stamp> = self.seated().map(|p| p.joined).collect();
        let change = match event {
            ClassEvent::Scheduled(_) => return,
            ClassEvent::Enrolled(e) => {
                self.places.push(Place {
                    customer: e.customer,
                    joined: stamp,
                    treatment: e.treatment,
                    status: PlaceStatus::Enrolled,
                });
                ClassChange::Enrolled {
                    customer: e.customer,
                    seated: self.standing(e.customer) == Some(Standing::Seated),
                }
            }
            ClassEvent::Left(e) => {
                let seated = self.standing(e.customer) == Some(Standing::Seated);
                let forfeited = seated && e.late;
                if let Some(index) = self.place_of(e.customer) {
                    self.places[index].status = if forfeited {
                        PlaceStatus::Forfeited
                    } else {
                        PlaceStatus::Left
                    };
                }
                ClassChange::Left {
                    customer: e.customer,
                    forfeited,
                }
            }
            ClassEvent::Attendance(e) => {
                if let Some(index) = self.place_of(e.customer) {
                    self.places[index].status = if e.attended {
                        PlaceStatus::Attended
                    } else {
                        PlaceStatus::NoShow
                    };
                }
                ClassChange::Attendance {
                    customer: e.customer,
                    attended: e.attended,
                }
            }
            ClassEvent::SeatsChanged(e) => {
                let from = self.seats;
                self.seats = e.seats;
                ClassChange::Seats { from, to: e.seats }
            }
            ClassEvent::Allowed(e) => {
                if let Some(list) = &mut self.allowed {
                    list.extend(&e.customers);
                    list.sort();
                    list.dedup();
                }
                ClassChange::Allowed {
                    customers: e.customers.clone(),
                }
            }
            ClassEvent::Cancelled(e) => {
                self.cancelled = true;
                ClassChange::Cancelled {
                    note: e.note.clone(),
                }
            }
        };
        self.history.push(ClassHistoryEntry { at: stamp, change });
        let promoted: Vec<CustomerId> = self
            .seated()
            .filter(|p| p.joined != stamp && !seated_before.contains(&p.joined))
            .map(|p| p.customer)
            .collect();
        for customer in promoted {
            self.history.push(ClassHistoryEntry {
                at: stamp,
                change: ClassChange::Promoted { customer },
            });
        }
    }

    fn last(&self) -> Stamp {
        self.last
    }
}

impl ClassState {
    /// Whether `event` can apply now: the command's check and the fold's.
    pub fn check(&self, event: &ClassEvent) -> Result<(), ClassRefusal> {
        match event {
            ClassEvent::Scheduled(_) => Err(ClassRefusal::AlreadyScheduled),
            ClassEvent::Enrolled(e) => {
                self.open()?;
                if let Some(list) = &self.allowed
                    && list.binary_search(&e.customer).is_err()
                {
                    return Err(ClassRefusal::NotOnList);
                }
                if self.place_of(e.customer).is_some() {
                    return Err(ClassRefusal::AlreadyEnrolled);
                }
                Ok(())
            }
            ClassEvent::Left(e) => {
                self.open()?;
                let index = self.place_of(e.customer).ok_or(ClassRefusal::NotEnrolled)?;
                if self.places[index].status != PlaceStatus::Enrolled {
                    return Err(ClassRefusal::AlreadyMarked);
                }
                Ok(())
            }
            ClassEvent::Attendance(e) => {
                self.open()?;
                let index = self.place_of(e.customer).ok_or(ClassRefusal::NotEnrolled)?;
                if self.places[index].status != PlaceStatus::Enrolled {
                    return Err(ClassRefusal::AlreadyMarked);
                }
                if self.standing(e.customer) != Some(Standing::Seated) {
                    return Err(ClassRefusal::NotSeated);
                }
                Ok(())
            }
            ClassEvent::SeatsChanged(e) => {
                self.open()?;
                check_seats(e.seats)?;
                let taken = self.seated_count();
                if e.seats < taken {
                    return Err(ClassRefusal::SeatsTaken { taken });
                }
                Ok(())
            }
            ClassEvent::Allowed(_) => {
                self.open()?;
                if self.allowed.is_none() {
                    return Err(ClassRefusal::Open);
                }
                Ok(())
            }
            ClassEvent::Cancelled(_) => self.open(),
        }
    }

    fn open(&self) -> Result<(), ClassRefusal> {
        if self.cancelled {
            Err(ClassRefusal::Cancelled)
        } else {
            Ok(())
        }
    }

    /// The customer's place that still holds a seat or a place in line.
    fn place_of(&self, customer: CustomerId) -> Option<usize> {
        self.places
            .iter()
            .rposition(|p| p.customer == customer && p.status.holds())
    }

    fn holders(&self) -> impl Iterator<Item = &Place> {
        self.places.iter().filter(|p| p.status.holds())
    }

    /// The places in a seat, in the order customers joined.
    pub fn seated(&self) -> impl Iterator<Item = &Place> {
        self.holders().take(usize::from(self.seats))
    }

    /// The waiting list, next in line first.
    pub fn waiting(&self) -> impl Iterator<Item = &Place> {
        self.holders().skip(usize::from(self.seats))
    }

    pub fn seated_count(&self) -> u16 {
        u16::try_from(self.seated().count()).unwrap_or(u16::MAX)
    }

    pub fn waiting_count(&self) -> u16 {
        u16::try_from(self.waiting().count()).unwrap_or(u16::MAX)
    }

    /// Where a customer stands, `None` without a place.
    pub fn standing(&self, customer: CustomerId) -> Option<Standing> {
        let position = self.holders().position(|p| p.customer == customer)?;
        let seats = usize::from(self.seats);
        Some(if position < seats {
            Standing::Seated
        } else {
            Standing::Waiting(u16::try_from(position - seats + 1).unwrap_or(u16::MAX))
        })
    }

    /// Until when the staff member and the room are taken.
    pub fn busy_until(&self) -> Timestamp {
        self.end
            .checked_add(crate::hours::minutes(self.buffer_minutes))
            .unwrap_or(self.end)
    }
}

#[cfg(test)]
mod tests;
