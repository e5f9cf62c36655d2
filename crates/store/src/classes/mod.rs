//! Group classes and workshops: scheduling them (the teacher and the whole
//! room, checked like a booking inside the write transaction), seats, a
//! list of who may join, and a waiting list the fold keeps in order.

mod commands;
pub(crate) mod projection;
mod view;

use caredesk_domain::class::{ClassChange, PlaceStatus, Standing};
use caredesk_domain::id::{ClassId, CustomerId, RoomId, ServiceId, StaffId, TreatmentId};
use caredesk_domain::money::Money;
use jiff::Timestamp;
use serde::Serialize;

/// What `class add` needs; service, staff, room and customers as people
/// type them.
#[derive(Debug, Clone)]
pub struct NewClass {
    pub service: String,
    pub staff: String,
    pub room: Option<String>,
    pub start: Timestamp,
    /// A different end than the service's length.
    pub end: Option<Timestamp>,
    pub seats: u16,
    /// Who may join; `None` when anyone may.
    pub allowed: Option<Vec<String>>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassView {
    pub id: ClassId,
    pub service: ServiceId,
    pub service_name: String,
    pub staff: StaffId,
    pub staff_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room: Option<RoomId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room_name: Option<String>,
    /// SCHEDULED or CANCELLED.
    pub status: &'static str,
    pub start: String,
    pub end: String,
    pub price: Money,
    pub seats: u16,
    pub seated: u16,
    pub waiting: u16,
    /// Who may join (ids and names); absent when anyone may.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<Person>>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Every place, in the order customers joined.
    pub places: Vec<PlaceView>,
    pub history: Vec<ClassHistoryView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: CustomerId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaceView {
    pub customer: CustomerId,
    pub customer_name: String,
    pub status: PlaceStatus,
    /// Seated or waiting (with the position in line) while the place holds.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub standing: Option<Standing>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treatment: Option<TreatmentId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassHistoryView {
    pub at: String,
    pub by: StaffId,
    pub by_name: String,
    #[serde(flatten)]
    pub change: ClassChange,
}

/// One class on a customer's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerClass {
    pub class: ClassId,
    pub service_name: String,
    pub staff_name: String,
    pub start: String,
    pub status: PlaceStatus,
    #[serde(flatten)]
    pub standing: StandingFields,
    pub cancelled: bool,
}

/// A place's standing as two optional fields (`"standing": "waiting",
/// "position": 2`), both absent when the place holds nothing: `Standing`'s
/// own JSON, but a struct, which TypeScript declarations can flatten.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StandingFields {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    #[cfg_attr(feature = "ts", ts(type = "\"seated\" | \"waiting\""))]
    pub standing: Option<&'static str>,
    /// On the waiting list, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub position: Option<u16>,
}

impl From<Option<Standing>> for StandingFields {
    fn from(standing: Option<Standing>) -> Self {
        match standing {
            None => StandingFields::default(),
            Some(Standing::Seated) => StandingFields {
                standing: Some("seated"),
                position: None,
            },
            Some(Standing::Waiting(position)) => StandingFields {
                standing: Some("waiting"),
                position: Some(position),
            },
        }
    }
}
