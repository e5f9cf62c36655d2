//! How the business books: opening hours, the slot grid, lead time, the
//! cancellation cut-off, and what a customer's profile must hold before they
//! can book. One set per business, changed as a whole (last writer wins).

use serde::{Deserialize, Serialize};

use crate::hours::{DayHours, Span, WeekHours};
use crate::op::OpBody;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarSettings {
    pub opening: WeekHours,
    /// Slots start every `slot_minutes` from the start of a working span...
    pub slot_minutes: u16,
    /// ...rounded up to a multiple of `align_minutes` past the hour, so that
    /// slots start on :00 or :30 by default.
    pub align_minutes: u16,
    /// A booking for today must start more than this many minutes from now.
    pub lead_minutes: u16,
    /// Cancelling more than this many minutes before the start is free
    /// (CANCELLED, any package session returns); later, it is FORFEITED.
    pub cancel_cutoff_minutes: u16,
    /// Profile fields a customer must have before they can book.
    #[serde(default)]
    pub required_profile: Vec<ProfileField>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileField {
    Email,
    Address,
}

impl std::str::FromStr for ProfileField {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "email" => Ok(ProfileField::Email),
            "address" => Ok(ProfileField::Address),
            other => Err(format!("{other:?}: expected email or address")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("the slot length must be 5 to 720 minutes, not {0}")]
    SlotLength(u16),
    #[error("slot alignment must divide an hour (1, 5, 10, 15, 20, 30 or 60 minutes), not {0}")]
    Alignment(u16),
    #[error("{what} must be at most 10080 minutes (a week), not {minutes}")]
    TooLong { what: &'static str, minutes: u16 },
}

impl Default for CalendarSettings {
    /// 08:00 to 20:00 every day; 90-minute slots on :00 or :30 (60 minutes of
    /// service plus 30 of turnover or travel); bookings for today more than
    /// an hour ahead; free cancellation until an hour before.
    fn default() -> Self {
        let day = Span::parse("08:00", "20:00").expect("a valid span");
        let day = DayHours::new(vec![day]).expect("one span");
        CalendarSettings {
            opening: WeekHours::every_day(&day),
            slot_minutes: 90,
            align_minutes: 30,
            lead_minutes: 60,
            cancel_cutoff_minutes: 60,
            required_profile: Vec::new(),
        }
    }
}

impl CalendarSettings {
    pub fn validated(mut self) -> Result<CalendarSettings, CalendarError> {
        if !(5..=720).contains(&self.slot_minutes) {
            return Err(CalendarError::SlotLength(self.slot_minutes));
        }
        if self.align_minutes == 0 || 60 % self.align_minutes != 0 {
            return Err(CalendarError::Alignment(self.align_minutes));
        }
        for (what, minutes) in [
            ("the lead time", self.lead_minutes),
            ("the cancellation cut-off", self.cancel_cutoff_minutes),
        ] {
            if minutes > 10_080 {
                return Err(CalendarError::TooLong { what, minutes });
            }
        }
        self.required_profile.sort_by_key(|f| *f as u8);
        self.required_profile.dedup();
        Ok(self)
    }
}

/// The calendar settings were set or changed, as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarConfigured {
    #[serde(flatten)]
    pub calendar: CalendarSettings,
}

impl OpBody for CalendarConfigured {
    const KIND: &'static str = "business.calendar_configured";
    const SCHEMA: u16 = 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_bad_values_refused() {
        assert!(CalendarSettings::default().validated().is_ok());
        let bad = |f: fn(&mut CalendarSettings)| {
            let mut settings = CalendarSettings::default();
            f(&mut settings);
            settings.validated().is_err()
        };
        assert!(bad(|s| s.slot_minutes = 0));
        assert!(bad(|s| s.slot_minutes = 721));
        assert!(bad(|s| s.align_minutes = 7));
        assert!(bad(|s| s.align_minutes = 0));
        assert!(bad(|s| s.lead_minutes = 20_000));
    }
}
