//! Bookings: a customer, one or more items (service, staff, room, times,
//! price), and a life cycle. The fold applies ops in canonical order; a
//! status change that is not allowed from where the booking stands (two
//! counters offline, one cancelling while the other checks in) is kept in the
//! history as refused rather than dropped, so sync can report it.

mod status;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub use status::{BookingSource, BookingStatus, TransitionError};

use crate::id::{CustomerId, RoomId, ServiceId, StaffId, TreatmentId};
use crate::money::Money;
use crate::op::{Machine, OpBody, Stamp, op_events};

/// One service in a booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingItem {
    pub service: ServiceId,
    pub staff: StaffId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<RoomId>,
    pub start: Timestamp,
    /// When the service ends; the staff member (and room) stay busy for
    /// `buffer_minutes` more.
    pub end: Timestamp,
    #[serde(default)]
    pub buffer_minutes: u16,
    /// The price when booked, so a later price change does not move it.
    pub price: Money,
    /// The package (punch card) paying for this item, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment: Option<TreatmentId>,
}

impl BookingItem {
    /// Until when the staff member and the room are taken.
    pub fn busy_until(&self) -> Timestamp {
        self.end
            .checked_add(crate::hours::minutes(self.buffer_minutes))
            .unwrap_or(self.end)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingMade {
    pub customer: CustomerId,
    pub items: Vec<BookingItem>,
    pub source: BookingSource,
    pub status: BookingStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl OpBody for BookingMade {
    const KIND: &'static str = "booking.made";
    const SCHEMA: u16 = 1;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingStatusChanged {
    pub to: BookingStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for BookingStatusChanged {
    const KIND: &'static str = "booking.status_changed";
    const SCHEMA: u16 = 1;
}

/// New times (and staff, room) for one item; the old ones stay in history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRescheduled {
    pub item: u16,
    pub staff: StaffId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<RoomId>,
    pub start: Timestamp,
    pub end: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for BookingRescheduled {
    const KIND: &'static str = "booking.rescheduled";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum BookingEvent {
        Made(BookingMade),
        StatusChanged(BookingStatusChanged),
        Rescheduled(BookingRescheduled),
        Transferred(crate::merge::BookingTransferred),
    }
}

/// What happened to a booking, in order: the history a manager reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum BookingChange {
    Made {
        status: BookingStatus,
    },
    Status {
        from: BookingStatus,
        to: BookingStatus,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    Rescheduled {
        item: u16,
        from: ItemTimes,
        to: ItemTimes,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    /// The customer's file was merged into another.
    Transferred {
        from: CustomerId,
        to: CustomerId,
    },
    /// An op that could not apply where the booking stood when it sorted
    /// in (made offline on two counters at once): kept, not applied.
    Refused {
        kind: String,
        reason: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemTimes {
    pub staff: StaffId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<RoomId>,
    pub start: Timestamp,
    pub end: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: Stamp,
    #[serde(flatten)]
    pub change: BookingChange,
}

/// A booking folded from its ops, applied in stamp order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingState {
    pub customer: CustomerId,
    pub items: Vec<BookingItem>,
    pub source: BookingSource,
    pub status: BookingStatus,
    pub notes: String,
    pub history: Vec<HistoryEntry>,
    /// The stamp of the last op folded in: an op that sorts before it means
    /// the booking must be folded again from its whole log.
    pub last: Stamp,
}

impl Machine for BookingState {
    type Event = BookingEvent;

    /// The state after the first op, which must be `booking.made`.
    fn begin(stamp: Stamp, event: &BookingEvent) -> Option<BookingState> {
        let BookingEvent::Made(made) = event else {
            return None;
        };
        Some(BookingState {
            customer: made.customer,
            items: made.items.clone(),
            source: made.source,
            status: made.status,
            notes: made.notes.clone(),
            history: vec![HistoryEntry {
                at: stamp,
                change: BookingChange::Made {
                    status: made.status,
                },
            }],
            last: stamp,
        })
    }

    /// Applies the next op in canonical order.
    fn apply(&mut self, stamp: Stamp, event: &BookingEvent) {
        self.last = self.last.max(stamp);
        let change = match event {
            BookingEvent::Made(_) => BookingChange::Refused {
                kind: event.kind().to_owned(),
                reason: "the booking was already made".to_owned(),
            },
            BookingEvent::StatusChanged(changed) => match self.status.check(changed.to) {
                Ok(()) => {
                    let from = self.status;
                    self.status = changed.to;
                    BookingChange::Status {
                        from,
                        to: changed.to,
                        note: changed.note.clone(),
                    }
                }
                Err(refused) => BookingChange::Refused {
                    kind: event.kind().to_owned(),
                    reason: refused.to_string(),
                },
            },
            BookingEvent::Rescheduled(moved) => self.reschedule(moved),
            BookingEvent::Transferred(moved) => BookingChange::Transferred {
                from: std::mem::replace(&mut self.customer, moved.to),
                to: moved.to,
            },
        };
        self.history.push(HistoryEntry { at: stamp, change });
    }

    fn last(&self) -> Stamp {
        self.last
    }
}

impl BookingState {
    fn reschedule(&mut self, moved: &BookingRescheduled) -> BookingChange {
        let refused = |reason: String| BookingChange::Refused {
            kind: BookingRescheduled::KIND.to_owned(),
            reason,
        };
        if !self.status.can_reschedule() {
            return refused(format!("a {} booking cannot be moved", self.status));
        }
        let Some(item) = self.items.get_mut(usize::from(moved.item)) else {
            return refused(format!("the booking has no item {}", moved.item));
        };
        let from = ItemTimes {
            staff: item.staff,
            room: item.room,
            start: item.start,
            end: item.end,
        };
        item.staff = moved.staff;
        item.room = moved.room;
        item.start = moved.start;
        item.end = moved.end;
        BookingChange::Rescheduled {
            item: moved.item,
            from,
            to: ItemTimes {
                staff: moved.staff,
                room: moved.room,
                start: moved.start,
                end: moved.end,
            },
            note: moved.note.clone(),
        }
    }

    /// The first item's start: where the booking sits in a calendar.
    pub fn start(&self) -> Timestamp {
        self.items
            .iter()
            .map(|i| i.start)
            .min()
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }

    pub fn end(&self) -> Timestamp {
        self.items
            .iter()
            .map(|i| i.end)
            .max()
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }
}

#[cfg(test)]
mod tests;
