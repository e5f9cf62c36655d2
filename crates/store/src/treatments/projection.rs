//! The treatments projection: the folded ledger and the counts readers
//! filter on. A treatment's fold is order-sensitive (a punch needs its
//! reservation), so it goes through `crate::ordered`.

use caredesk_domain::event::Event;
use caredesk_domain::id::{EntityId, TreatmentId};
use caredesk_domain::op::Op;
use caredesk_domain::treatment::{TreatmentEvent, TreatmentState};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::business::to_json;
use crate::catalog::parse_state;
use crate::error::Result;
use crate::ordered::{self, OrderedFold, next_state};

impl OrderedFold for TreatmentState {
    fn pick(event: Event) -> Option<TreatmentEvent> {
        match event {
            Event::Treatment(event) => Some(event),
            _ => None,
        }
    }
}

pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, event: &TreatmentEvent) -> Result<()> {
    let id = TreatmentId::from_uuid(*op.entity.as_uuid());
    match next_state(tx, op.entity, load(tx, id)?, op, event)? {
        Some(state) => save(tx, id, &state),
        None => Ok(()),
    }
}

pub(crate) fn refold(conn: &Connection, id: TreatmentId) -> Result<Option<TreatmentState>> {
    ordered::refold(conn, EntityId::from(id))
}

pub(crate) fn load(conn: &Connection, id: TreatmentId) -> Result<Option<TreatmentState>> {
    conn.prepare_cached("SELECT state FROM treatments WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| parse_state(&json, "treatment"))
        .transpose()
}

/// Where a home-visit treatment's sessions take place; `None` for any
/// other treatment. Read from the stored fold without parsing all of it.
pub(crate) fn home_address(conn: &Connection, id: TreatmentId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT state ->> '$.home.address' FROM treatments WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

fn save(tx: &Transaction<'_>, id: TreatmentId, state: &TreatmentState) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO treatments (id, customer_id, package_id, total, used, reserved, expires_on,
                                 state, schedule_by, lapsed, granted, charged, refunded)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id,
             package_id = excluded.package_id, total = excluded.total, used = excluded.used,
             reserved = excluded.reserved, expires_on = excluded.expires_on,
             state = excluded.state, schedule_by = excluded.schedule_by,
             lapsed = excluded.lapsed, granted = excluded.granted,
             charged = excluded.charged, refunded = excluded.refunded",
    )?
    .execute(params![
        id.to_string(),
        state.customer.to_string(),
        state.package.to_string(),
        state.total,
        state.used(),
        state.reserved(),
        state.expires_on.to_string(),
        to_json(state),
        state.home.as_ref().map(|h| h.schedule_by.to_string()),
        state.lapsed,
        state.granted,
        state.charged,
        state.refunded,
    ])?;
    Ok(())
}
