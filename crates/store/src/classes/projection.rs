//! The classes projection: the folded state, a row per class for the
//! calendar and the overlap checks (through `calendar_time`), and each
//! customer's current place for their file.

use caredesk_domain::class::{ClassEvent, ClassState, Standing};
use caredesk_domain::event::Event;
use caredesk_domain::id::{ClassId, EntityId};
use caredesk_domain::op::Op;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::business::to_json;
use crate::catalog::parse_state;
use crate::error::Result;
use crate::ordered::{self, OrderedFold, next_state};

impl OrderedFold for ClassState {
    fn pick(event: Event) -> Option<ClassEvent> {
        match event {
            Event::Class(event) => Some(event),
            _ => None,
        }
    }
}

pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, event: &ClassEvent) -> Result<()> {
    let id = ClassId::from_uuid(*op.entity.as_uuid());
    match next_state(tx, op.entity, load(tx, id)?, op, event)? {
        Some(state) => save(tx, id, &state),
        None => Ok(()),
    }
}

pub(crate) fn refold(conn: &Connection, id: ClassId) -> Result<Option<ClassState>> {
    ordered::refold(conn, EntityId::from(id))
}

pub(crate) fn load(conn: &Connection, id: ClassId) -> Result<Option<ClassState>> {
    conn.prepare_cached("SELECT state FROM classes WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| parse_state(&json, "class"))
        .transpose()
}

fn save(tx: &Transaction<'_>, id: ClassId, state: &ClassState) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO classes (id, service_id, staff_id, room_id, start_at, end_at, busy_until,
                              holds_time, seats, seated, waiting, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (id) DO UPDATE SET service_id = excluded.service_id,
             staff_id = excluded.staff_id, room_id = excluded.room_id,
             start_at = excluded.start_at, end_at = excluded.end_at,
             busy_until = excluded.busy_until, holds_time = excluded.holds_time,
             seats = excluded.seats, seated = excluded.seated, waiting = excluded.waiting,
             state = excluded.state",
    )?
    .execute(params![
        id.to_string(),
        state.service.to_string(),
        state.staff.to_string(),
        state.room.map(|r| r.to_string()),
        state.start.as_millisecond(),
        state.end.as_millisecond(),
        state.busy_until().as_millisecond(),
        !state.cancelled,
        state.seats,
        state.seated_count(),
        state.waiting_count(),
        to_json(state),
    ])?;
    // Each customer's latest place: the one that holds, or the last one
    // they gave up.
    let mut upsert = tx.prepare_cached(
        "INSERT INTO class_places (class_id, customer_id, status, standing)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (class_id, customer_id) DO UPDATE SET status = excluded.status,
             standing = excluded.standing",
    )?;
    for place in &state.places {
        let latest = state
            .places
            .iter()
            .rev()
            .find(|p| p.customer == place.customer)
            .is_some_and(|p| p.joined == place.joined);
        if !latest {
            continue;
        }
        let standing = state.standing(place.customer).map(|s| match s {
            Standing::Seated => "seated",
            Standing::Waiting(_) => "waiting",
        });
        upsert.execute(params![
            id.to_string(),
            place.customer.to_string(),
            place.status.as_str(),
            standing,
        ])?;
    }
    Ok(())
}
