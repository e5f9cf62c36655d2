//! What the calendar sends and receives, and its conversion to and from the
//! store's types. Times go in as the business's wall clock
//! (`YYYY-MM-DDTHH:MM`, read in its zone by the store) and come back as
//! RFC 3339 with the business's offset, so the web view never converts
//! between zones and a counter whose computer is set to another zone still
//! books at the time on the spa's wall.

use caredesk_domain::booking::BookingSource;
use caredesk_domain::id::{BookingId, TreatmentId};
use caredesk_store::{NewBooking, NewItem, StaffDay, Store};
use serde::{Deserialize, Serialize};

use crate::error::IpcError;

/// The days the calendar shows, with what it needs to draw them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CalendarView {
    /// Today in the business's zone, `YYYY-MM-DD`.
    pub today: String,
    /// The business's clock now (RFC 3339 with offset): the past is shaded.
    pub now: String,
    pub grid: SlotGrid,
    pub days: Vec<CalendarDay>,
}

/// The calendar settings the grid is drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SlotGrid {
    /// Free slots start every `slot_minutes` from the start of a shift...
    pub slot_minutes: u16,
    /// ...on a multiple of `align_minutes` past the hour: the rows' step.
    pub align_minutes: u16,
    /// A booking for today must start more than this many minutes ahead.
    pub lead_minutes: u16,
    /// Cancelling later than this before the start forfeits the booking.
    pub cancel_cutoff_minutes: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CalendarDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The business's opening spans that day (`08:00-20:00`); none when closed.
    pub opening: Vec<String>,
    /// A column per staff member who serves customers (`Bookings::day_sheet`).
    pub staff: Vec<StaffDay>,
}

/// A new booking of one service, as the calendar's form sends it.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct BookingInput {
    /// A customer id or a phone number.
    pub customer: String,
    pub service: String,
    pub staff: String,
    /// Wall clock in the business's zone, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// A treatment (package) of the customer's that pays the session.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub treatment: Option<String>,
    /// By phone unless said otherwise; a walk-in may start right now.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub source: Option<BookingSource>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub notes: Option<String>,
}

impl BookingInput {
    pub fn into_new(self, store: &Store) -> Result<NewBooking, IpcError> {
        let start = store.local_time(&self.start).map_err(IpcError::from)?;
        let treatment = self
            .treatment
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(treatment_id)
            .transpose()?;
        Ok(NewBooking {
            customer: self.customer,
            items: vec![NewItem {
                service: self.service,
                staff: self.staff,
                start,
                end: None,
                room: None,
                treatment,
            }],
            source: self.source.unwrap_or(BookingSource::Phone),
            notes: self.notes.unwrap_or_default(),
        })
    }
}

/// A move along a booking's life cycle that the calendar offers: the
/// store's own `BookingMove`, under the name the screens use.
pub use caredesk_store::BookingMove as BookingAction;

/// Where a booking's item moves: a new start, and maybe another staff member.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RescheduleInput {
    pub booking: String,
    /// Which of the booking's items (0 for a booking of one service).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub item: Option<u16>,
    /// Wall clock in the business's zone, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// Another staff member's id; the same one when not given.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub staff: Option<String>,
}

pub fn booking_id(id: &str) -> Result<BookingId, IpcError> {
    id.trim()
        .parse()
        .map_err(|_| IpcError::new("invalid_id", format!("{id:?} is not a booking id (a UUID)")))
}

fn treatment_id(id: &str) -> Result<TreatmentId, IpcError> {
    id.parse().map_err(|_| {
        IpcError::new(
            "invalid_id",
            format!("{id:?} is not a treatment id (a UUID)"),
        )
        .on_field("treatment")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_booking_input_reads_the_ui_shape_and_refuses_unknown_fields() {
        let input: BookingInput = serde_json::from_str(
            r#"{"customer":"0912 345 678","service":"Massage","staff":"Mai",
                "start":"2026-11-22T09:00","treatment":null,"source":"walk_in"}"#,
        )
        .expect("valid input");
        assert_eq!(input.source, Some(BookingSource::WalkIn));
        assert!(
            serde_json::from_str::<BookingInput>(
                r#"{"customer":"c","service":"s","staff":"t","start":"x","room":"r"}"#
            )
            .is_err()
        );
        let action: BookingAction = serde_json::from_str(r#""no_show""#).expect("action");
        assert_eq!(action, BookingAction::NoShow);
        assert_eq!(booking_id("B1").expect_err("not a uuid").code, "invalid_id");
        let bad = treatment_id("T1").expect_err("not a uuid");
        assert_eq!(bad.field.as_deref(), Some("treatment"));
    }
}
