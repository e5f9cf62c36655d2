//! Staff members: every op names one as its actor. This module holds what the
//! op log needs now (who joined, with which role); sign-in and permissions
//! build on it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::id::StaffId;
use crate::op::{OpBody, Stamp, op_events};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Receptionist,
    Therapist,
    Manager,
    Owner,
}

impl Role {
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Receptionist => "receptionist",
            Role::Therapist => "therapist",
            Role::Manager => "manager",
            Role::Owner => "owner",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}: expected receptionist, therapist, manager or owner")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "receptionist" => Ok(Role::Receptionist),
            "therapist" => Ok(Role::Therapist),
            "manager" => Ok(Role::Manager),
            "owner" => Ok(Role::Owner),
            _ => Err(UnknownRole(s.to_owned())),
        }
    }
}

/// A staff member was added to the business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffJoined {
    pub name: String,
    pub role: Role,
}

impl OpBody for StaffJoined {
    const KIND: &'static str = "staff.joined";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum StaffEvent {
        Joined(StaffJoined),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffState {
    pub id: StaffId,
    pub joined: Option<(StaffJoined, Stamp)>,
}

impl StaffState {
    pub fn new(id: StaffId) -> StaffState {
        StaffState { id, joined: None }
    }

    pub fn apply(&mut self, stamp: Stamp, event: &StaffEvent) {
        let StaffEvent::Joined(joined) = event;
        if self.joined.as_ref().is_none_or(|(_, at)| stamp > *at) {
            self.joined = Some((joined.clone(), stamp));
        }
    }
}
