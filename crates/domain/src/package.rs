//! Packages in the catalog: a number of sessions of a service (or of any
//! service), valid for some days, sold at a price ("Massage 10 buổi").
//! Each package's fields fold last-writer-wins, like services.
//!
//! A home-visit package is scheduled at purchase: selling it books the first
//! session, the therapist and the address are locked for all its sessions,
//! and what is not booked within `HOME_QUOTA_DAYS` lapses.

use serde::{Deserialize, Serialize};

use crate::catalog::CatalogError;
use crate::id::ServiceId;
use crate::lww::{Lww, write};
use crate::money::Money;
use crate::op::{DecodeError, OpBody, Stamp, op_events};

/// The most sessions one package holds.
pub const MAX_SESSIONS: u16 = 200;
/// The longest validity: ten years.
pub const MAX_VALID_DAYS: u16 = 3_660;
/// Days after the sale in which a home-visit package's sessions must be
/// booked; what is not booked by then lapses, with no payout.
pub const HOME_QUOTA_DAYS: u16 = 30;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackageError {
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error("a package holds 1 to {MAX_SESSIONS} sessions, not {0}")]
    Sessions(u16),
    #[error("a package is valid for 1 to {MAX_VALID_DAYS} days, not {0}")]
    ValidDays(u16),
    #[error("a home-visit package needs the service its visits are for")]
    HomeVisitWithoutService,
}

pub fn check_sessions(sessions: u16) -> Result<u16, PackageError> {
    if (1..=MAX_SESSIONS).contains(&sessions) {
        Ok(sessions)
    } else {
        Err(PackageError::Sessions(sessions))
    }
}

pub fn check_valid_days(days: u16) -> Result<u16, PackageError> {
    if (1..=MAX_VALID_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(PackageError::ValidDays(days))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageAdded {
    pub name: String,
    /// The service its sessions pay for; `None` when any service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceId>,
    pub sessions: u16,
    pub valid_days: u16,
    pub price: Money,
    /// Sold with its first session booked, at the customer's home.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub home_visit: bool,
}

impl OpBody for PackageAdded {
    const KIND: &'static str = "package.added";
    /// 2 added `home_visit`: a build that knows only 1 would sell a
    /// home-visit package as an ordinary one, so it must keep the op unread.
    const SCHEMA: u16 = 2;

    fn upgrade(schema: u16, body: serde_json::Value) -> Result<Self, DecodeError> {
        Self::with_defaults(schema, body)
    }
}

/// Some fields changed; a treatment already sold keeps what it was sold with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageEdited {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// A retired package is no longer sold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

impl OpBody for PackageEdited {
    const KIND: &'static str = "package.edited";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum PackageEvent {
        Added(PackageAdded),
        Edited(PackageEdited),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageState {
    name: Option<Lww<String>>,
    service: Option<Lww<Option<ServiceId>>>,
    sessions: Option<Lww<u16>>,
    valid_days: Option<Lww<u16>>,
    price: Option<Lww<Money>>,
    active: Option<Lww<bool>>,
    #[serde(default)]
    home_visit: Option<Lww<bool>>,
}

/// A package as the counter sells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Package {
    pub name: String,
    pub service: Option<ServiceId>,
    pub sessions: u16,
    pub valid_days: u16,
    pub price: Money,
    pub active: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub home_visit: bool,
}

impl PackageState {
    pub fn apply(&mut self, stamp: Stamp, event: &PackageEvent) {
        match event {
            PackageEvent::Added(added) => {
                write(&mut self.name, added.name.clone(), stamp);
                write(&mut self.service, added.service, stamp);
                write(&mut self.sessions, added.sessions, stamp);
                write(&mut self.valid_days, added.valid_days, stamp);
                write(&mut self.price, added.price, stamp);
                write(&mut self.home_visit, added.home_visit, stamp);
            }
            PackageEvent::Edited(edited) => {
                if let Some(name) = &edited.name {
                    write(&mut self.name, name.clone(), stamp);
                }
                if let Some(price) = edited.price {
                    write(&mut self.price, price, stamp);
                }
                if let Some(active) = edited.active {
                    write(&mut self.active, active, stamp);
                }
            }
        }
    }

    /// `None` until `package.added` has been folded in.
    pub fn package(&self) -> Option<Package> {
        Some(Package {
            name: self.name.as_ref()?.value.clone(),
            service: self.service.as_ref()?.value,
            sessions: self.sessions.as_ref()?.value,
            valid_days: self.valid_days.as_ref()?.value,
            price: self.price.as_ref()?.value,
            active: self.active.as_ref().is_none_or(|a| a.value),
            home_visit: self.home_visit.as_ref().is_some_and(|h| h.value),
        })
    }
}
