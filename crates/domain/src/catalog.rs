//! The catalog: services the business sells by the hour (a massage, a
//! consultation) and the rooms or resources they take up. Each service and
//! room is an entity whose fields fold last-writer-wins.

use serde::{Deserialize, Serialize};

use crate::id::RoomId;
use crate::lww::{Lww, write};
use crate::money::Money;
use crate::op::{OpBody, Stamp, op_events};
use crate::text::{self, TextError};

/// The longest service the calendar takes: a whole working day.
pub const MAX_SERVICE_MINUTES: u16 = 720;
/// The most turnover or travel time after a service.
pub const MAX_BUFFER_MINUTES: u16 = 240;
/// The largest room (seats for a group class or workshop).
pub const MAX_CAPACITY: u16 = 500;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error(transparent)]
    Text(#[from] TextError),
    #[error("a service lasts 5 to {MAX_SERVICE_MINUTES} minutes, not {0}")]
    Minutes(u16),
    #[error("a buffer is at most {MAX_BUFFER_MINUTES} minutes, not {0}")]
    Buffer(u16),
    #[error("a price cannot be negative")]
    NegativePrice,
    #[error("a capacity is 1 to {MAX_CAPACITY}, not {0}")]
    Capacity(u16),
}

pub fn check_minutes(minutes: u16) -> Result<u16, CatalogError> {
    if (5..=MAX_SERVICE_MINUTES).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(CatalogError::Minutes(minutes))
    }
}

pub fn check_buffer(minutes: u16) -> Result<u16, CatalogError> {
    if minutes <= MAX_BUFFER_MINUTES {
        Ok(minutes)
    } else {
        Err(CatalogError::Buffer(minutes))
    }
}

pub fn check_price(price: Money) -> Result<Money, CatalogError> {
    if price.amount < 0 {
        Err(CatalogError::NegativePrice)
    } else {
        Ok(price)
    }
}

pub fn check_capacity(capacity: u16) -> Result<u16, CatalogError> {
    if (1..=MAX_CAPACITY).contains(&capacity) {
        Ok(capacity)
    } else {
        Err(CatalogError::Capacity(capacity))
    }
}

pub fn check_catalog_name(what: &'static str, name: &str) -> Result<String, CatalogError> {
    Ok(text::required(what, name, 120)?)
}

/// A service was added to the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceAdded {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    pub minutes: u16,
    /// Turnover or travel after the service, when the staff member (and
    /// room) cannot take the next customer.
    pub buffer_minutes: u16,
    pub price: Money,
    /// Rooms that can host it; empty when it needs none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<RoomId>,
}

impl OpBody for ServiceAdded {
    const KIND: &'static str = "service.added";
    const SCHEMA: u16 = 1;
}

/// Some fields of a service changed; absent fields are untouched.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceEdited {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buffer_minutes: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rooms: Option<Vec<RoomId>>,
    /// A retired service stays in history but can no longer be booked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

impl OpBody for ServiceEdited {
    const KIND: &'static str = "service.edited";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum ServiceEvent {
        Added(ServiceAdded),
        Edited(ServiceEdited),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceState {
    name: Option<Lww<String>>,
    category: Option<Lww<String>>,
    minutes: Option<Lww<u16>>,
    buffer_minutes: Option<Lww<u16>>,
    price: Option<Lww<Money>>,
    rooms: Option<Lww<Vec<RoomId>>>,
    active: Option<Lww<bool>>,
}

/// A service as the calendar and the counter use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub name: String,
    pub category: String,
    pub minutes: u16,
    pub buffer_minutes: u16,
    pub price: Money,
    pub rooms: Vec<RoomId>,
    pub active: bool,
}

impl ServiceState {
    pub fn apply(&mut self, stamp: Stamp, event: &ServiceEvent) {
        match event {
            ServiceEvent::Added(added) => {
                write(&mut self.name, added.name.clone(), stamp);
                write(&mut self.category, added.category.clone(), stamp);
                write(&mut self.minutes, added.minutes, stamp);
                write(&mut self.buffer_minutes, added.buffer_minutes, stamp);
                write(&mut self.price, added.price, stamp);
                write(&mut self.rooms, added.rooms.clone(), stamp);
            }
            ServiceEvent::Edited(edited) => {
                if let Some(name) = &edited.name {
                    write(&mut self.name, name.clone(), stamp);
                }
                if let Some(category) = &edited.category {
                    write(&mut self.category, category.clone(), stamp);
                }
                if let Some(minutes) = edited.minutes {
                    write(&mut self.minutes, minutes, stamp);
                }
                if let Some(buffer) = edited.buffer_minutes {
                    write(&mut self.buffer_minutes, buffer, stamp);
                }
                if let Some(price) = edited.price {
                    write(&mut self.price, price, stamp);
                }
                if let Some(rooms) = &edited.rooms {
                    write(&mut self.rooms, rooms.clone(), stamp);
                }
                if let Some(active) = edited.active {
                    write(&mut self.active, active, stamp);
                }
            }
        }
    }

    /// `None` until the `service.added` op has been folded in.
    pub fn service(&self) -> Option<Service> {
        Some(Service {
            name: self.name.as_ref()?.value.clone(),
            category: self
                .category
                .as_ref()
                .map(|c| c.value.clone())
                .unwrap_or_default(),
            minutes: self.minutes.as_ref()?.value,
            buffer_minutes: self.buffer_minutes.as_ref().map_or(0, |b| b.value),
            price: self.price.as_ref()?.value,
            rooms: self
                .rooms
                .as_ref()
                .map(|r| r.value.clone())
                .unwrap_or_default(),
            active: self.active.as_ref().is_none_or(|a| a.value),
        })
    }
}

/// A room or resource was added: `capacity` customers at once (1 for a
/// treatment room, more for a class studio).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomAdded {
    pub name: String,
    pub capacity: u16,
}

impl OpBody for RoomAdded {
    const KIND: &'static str = "room.added";
    const SCHEMA: u16 = 1;
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomEdited {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

impl OpBody for RoomEdited {
    const KIND: &'static str = "room.edited";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum RoomEvent {
        Added(RoomAdded),
        Edited(RoomEdited),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomState {
    name: Option<Lww<String>>,
    capacity: Option<Lww<u16>>,
    active: Option<Lww<bool>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    pub name: String,
    pub capacity: u16,
    pub active: bool,
}

impl RoomState {
    pub fn apply(&mut self, stamp: Stamp, event: &RoomEvent) {
        match event {
            RoomEvent::Added(added) => {
                write(&mut self.name, added.name.clone(), stamp);
                write(&mut self.capacity, added.capacity, stamp);
            }
            RoomEvent::Edited(edited) => {
                if let Some(name) = &edited.name {
                    write(&mut self.name, name.clone(), stamp);
                }
                if let Some(capacity) = edited.capacity {
                    write(&mut self.capacity, capacity, stamp);
                }
                if let Some(active) = edited.active {
                    write(&mut self.active, active, stamp);
                }
            }
        }
    }

    pub fn room(&self) -> Option<Room> {
        Some(Room {
            name: self.name.as_ref()?.value.clone(),
            capacity: self.capacity.as_ref()?.value,
            active: self.active.as_ref().is_none_or(|a| a.value),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Hlc;
    use crate::id::OpId;
    use crate::money::Currency;

    fn stamp(ms: u64) -> Stamp {
        Stamp {
            hlc: Hlc::new(ms, 0),
            op: OpId::new(),
        }
    }

    #[test]
    fn service_fields_fold_last_writer_wins_in_any_order() {
        let added = ServiceEvent::Added(ServiceAdded {
            name: "Massage body".into(),
            category: "Massage".into(),
            minutes: 60,
            buffer_minutes: 30,
            price: Money::new(450_000, Currency::Vnd),
            rooms: vec![],
        });
        let repriced = ServiceEvent::Edited(ServiceEdited {
            price: Some(Money::new(500_000, Currency::Vnd)),
            ..ServiceEdited::default()
        });
        let retired = ServiceEvent::Edited(ServiceEdited {
            active: Some(false),
            ..ServiceEdited::default()
        });
        let ops = [
            (stamp(1), &added),
            (stamp(2), &repriced),
            (stamp(3), &retired),
        ];
        let mut forwards = ServiceState::default();
        let mut backwards = ServiceState::default();
        for (s, e) in ops {
            forwards.apply(s, e);
        }
        for (s, e) in ops.iter().rev() {
            backwards.apply(*s, e);
        }
        assert_eq!(forwards, backwards);
        let service = forwards.service().expect("added");
        assert_eq!(service.price.amount, 500_000);
        assert_eq!(service.minutes, 60);
        assert!(!service.active);
    }

    #[test]
    fn bad_catalog_values_are_refused() {
        assert!(check_minutes(4).is_err());
        assert!(check_minutes(721).is_err());
        assert!(check_buffer(241).is_err());
        assert!(check_capacity(0).is_err());
        assert!(check_price(Money::new(-1, Currency::Vnd)).is_err());
        assert!(check_catalog_name("service name", "  ").is_err());
    }
}
