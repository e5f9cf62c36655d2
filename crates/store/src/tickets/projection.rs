//! The tickets projection: the folded ticket and the columns lists sort and
//! filter by. A ticket's fold is a state machine (a move needs the status
//! before it), so it goes through `crate::ordered`.

use caredesk_domain::event::Event;
use caredesk_domain::id::{EntityId, TicketId};
use caredesk_domain::op::Op;
use caredesk_domain::ticket::{TicketEvent, TicketState};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::business::to_json;
use crate::catalog::parse_state;
use crate::error::Result;
use crate::ordered::{self, OrderedFold, next_state};

impl OrderedFold for TicketState {
    fn pick(event: Event) -> Option<TicketEvent> {
        match event {
            Event::Ticket(event) => Some(event),
            _ => None,
        }
    }
}

pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, event: &TicketEvent) -> Result<()> {
    let id = TicketId::from_uuid(*op.entity.as_uuid());
    match next_state(tx, op.entity, load(tx, id)?, op, event)? {
        Some(state) => save(tx, id, &state),
        // Changes that arrived before the ticket itself wait in the log.
        None => Ok(()),
    }
}

pub(crate) fn refold(conn: &Connection, id: TicketId) -> Result<Option<TicketState>> {
    ordered::refold(conn, EntityId::from(id))
}

pub(crate) fn load(conn: &Connection, id: TicketId) -> Result<Option<TicketState>> {
    conn.prepare_cached("SELECT state FROM tickets WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| parse_state(&json, "ticket"))
        .transpose()
}

/// What ticket search matches: the code and the subject, folded.
pub(crate) fn search_text(state: &TicketState) -> String {
    caredesk_domain::text::fold(&format!("{} {}", state.code, state.subject))
}

fn save(tx: &Transaction<'_>, id: TicketId, state: &TicketState) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO tickets (id, code, customer_id, type, status, priority, assignee, deadline,
                              opened_at, closed_at, search, state, to_reverse)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code,
             customer_id = excluded.customer_id, type = excluded.type,
             status = excluded.status, priority = excluded.priority,
             assignee = excluded.assignee, deadline = excluded.deadline,
             opened_at = excluded.opened_at, closed_at = excluded.closed_at,
             search = excluded.search, state = excluded.state,
             to_reverse = excluded.to_reverse",
    )?
    .execute(params![
        id.to_string(),
        state.code,
        state.customer.to_string(),
        state.kind,
        state.status.as_str(),
        state.priority.rank(),
        state.assignee.map(|a| a.to_string()),
        state.deadline.map(|d| d.as_millisecond()),
        state.opened_at.as_millisecond(),
        state.closed_at.map(|c| c.as_millisecond()),
        search_text(state),
        to_json(state),
        i64::try_from(state.unreversed_resolutions().len()).unwrap_or(i64::MAX),
    ])?;
    Ok(())
}
