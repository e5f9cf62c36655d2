//! The booking life cycle:
//!
//! ```text
//! PENDING -> CONFIRMED -> CHECKED_IN -> IN_PROGRESS -> COMPLETED
//!    |           |            \______________________/^
//!    +-----------+--> CANCELLED   (cancelled before the cut-off)
//!    +-----------+--> FORFEITED   (cancelled after the cut-off)
//!    +-----------+--> NO_SHOW     (the customer never came)
//! COMPLETED -> IN_PROGRESS        (a manager undoes a completion)
//! ```
//!
//! Whether a cancellation is CANCELLED or FORFEITED is decided by the command
//! that makes it (it knows the time); the fold only checks the move.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BookingStatus {
    Pending,
    Confirmed,
    CheckedIn,
    InProgress,
    Completed,
    Cancelled,
    NoShow,
    Forfeited,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a {from} booking cannot become {to}")]
pub struct TransitionError {
    pub from: BookingStatus,
    pub to: BookingStatus,
}

impl BookingStatus {
    pub const ALL: [BookingStatus; 8] = [
        BookingStatus::Pending,
        BookingStatus::Confirmed,
        BookingStatus::CheckedIn,
        BookingStatus::InProgress,
        BookingStatus::Completed,
        BookingStatus::Cancelled,
        BookingStatus::NoShow,
        BookingStatus::Forfeited,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            BookingStatus::Pending => "PENDING",
            BookingStatus::Confirmed => "CONFIRMED",
            BookingStatus::CheckedIn => "CHECKED_IN",
            BookingStatus::InProgress => "IN_PROGRESS",
            BookingStatus::Completed => "COMPLETED",
            BookingStatus::Cancelled => "CANCELLED",
            BookingStatus::NoShow => "NO_SHOW",
            BookingStatus::Forfeited => "FORFEITED",
        }
    }

    /// Whether `self -> to` is a move of the life cycle.
    pub fn check(self, to: BookingStatus) -> Result<(), TransitionError> {
        use BookingStatus::*;
        let allowed = match self {
            Pending => matches!(to, Confirmed | CheckedIn | Cancelled | Forfeited | NoShow),
            Confirmed => matches!(to, CheckedIn | Cancelled | Forfeited | NoShow),
            CheckedIn => matches!(to, InProgress | Completed),
            InProgress => matches!(to, Completed),
            Completed => matches!(to, InProgress),
            Cancelled | NoShow | Forfeited => false,
        };
        if allowed {
            Ok(())
        } else {
            Err(TransitionError { from: self, to })
        }
    }

    /// Whether the booking still takes up its staff member's and room's
    /// time: everything but a cancellation or a no-show. A completed
    /// booking keeps its place in the day.
    pub const fn holds_time(self) -> bool {
        !matches!(
            self,
            BookingStatus::Cancelled | BookingStatus::NoShow | BookingStatus::Forfeited
        )
    }

    /// Only a booking that has not started can be moved.
    pub const fn can_reschedule(self) -> bool {
        matches!(self, BookingStatus::Pending | BookingStatus::Confirmed)
    }
}

impl fmt::Display for BookingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BookingStatus {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_uppercase().replace(['-', ' '], "_");
        BookingStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| format!("unknown booking status {s:?}"))
    }
}

/// How the booking reached the counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BookingSource {
    WalkIn,
    Phone,
    Online,
}

impl BookingSource {
    pub const fn as_str(self) -> &'static str {
        match self {
            BookingSource::WalkIn => "walk_in",
            BookingSource::Phone => "phone",
            BookingSource::Online => "online",
        }
    }

    /// Online requests wait for the counter to confirm them; a booking made
    /// at the counter (in person or on the phone) is confirmed as it is made.
    pub const fn first_status(self) -> BookingStatus {
        match self {
            BookingSource::Online => BookingStatus::Pending,
            BookingSource::WalkIn | BookingSource::Phone => BookingStatus::Confirmed,
        }
    }
}

impl FromStr for BookingSource {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['-', ' '], "_")
            .as_str()
        {
            "walk_in" | "walkin" => Ok(BookingSource::WalkIn),
            "phone" => Ok(BookingSource::Phone),
            "online" => Ok(BookingSource::Online),
            other => Err(format!("{other:?}: expected walk-in, phone or online")),
        }
    }
}
