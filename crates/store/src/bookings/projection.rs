//! The bookings projection: the folded state and one row per item for the
//! overlap checks and the calendar.
//!
//! A booking's fold is a state machine: see `crate::ordered` for how ops
//! that arrive out of order are folded.

use caredesk_domain::booking::{BookingEvent, BookingState};
use caredesk_domain::event::Event;
use caredesk_domain::id::{BookingId, EntityId};
use caredesk_domain::op::Op;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::business::to_json;
use crate::catalog::parse_state;
use crate::error::Result;
use crate::ordered::{self, OrderedFold, next_state};

impl OrderedFold for BookingState {
    fn pick(event: Event) -> Option<BookingEvent> {
        match event {
            Event::Booking(event) => Some(event),
            _ => None,
        }
    }
}

pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, event: &BookingEvent) -> Result<()> {
    let id = BookingId::from_uuid(*op.entity.as_uuid());
    match next_state(tx, op.entity, load(tx, id)?, op, event)? {
        Some(state) => save(tx, id, &state),
        // Status changes that arrived before the booking itself: kept in
        // the log, folded when `booking.made` arrives.
        None => Ok(()),
    }
}

/// The booking folded from every op in its log, in canonical order.
pub(crate) fn refold(conn: &Connection, id: BookingId) -> Result<Option<BookingState>> {
    ordered::refold(conn, EntityId::from(id))
}

pub(crate) fn load(conn: &Connection, id: BookingId) -> Result<Option<BookingState>> {
    conn.prepare_cached("SELECT state FROM bookings WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| parse_state(&json, "booking"))
        .transpose()
}

fn save(tx: &Transaction<'_>, id: BookingId, state: &BookingState) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO bookings (id, customer_id, status, start_at, end_at, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id,
             status = excluded.status, start_at = excluded.start_at, end_at = excluded.end_at,
             state = excluded.state",
    )?
    .execute(params![
        id.to_string(),
        state.customer.to_string(),
        state.status.as_str(),
        state.start().as_millisecond(),
        state.end().as_millisecond(),
        to_json(state),
    ])?;
    let holds = state.status.holds_time();
    let mut upsert = tx.prepare_cached(
        "INSERT INTO booking_items (booking_id, item, service_id, staff_id, room_id, start_at,
                                    end_at, busy_until, holds_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (booking_id, item) DO UPDATE SET service_id = excluded.service_id,
             staff_id = excluded.staff_id, room_id = excluded.room_id,
             start_at = excluded.start_at, end_at = excluded.end_at,
             busy_until = excluded.busy_until, holds_time = excluded.holds_time",
    )?;
    for (index, item) in state.items.iter().enumerate() {
        upsert.execute(params![
            id.to_string(),
            index as i64,
            item.service.to_string(),
            item.staff.to_string(),
            item.room.map(|r| r.to_string()),
            item.start.as_millisecond(),
            item.end.as_millisecond(),
            item.busy_until().as_millisecond(),
            holds,
        ])?;
    }
    Ok(())
}
