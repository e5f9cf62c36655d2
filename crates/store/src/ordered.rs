//! Folding entities whose state is a state machine (bookings, classes):
//! order matters, so an op that sorts before what was already folded (it
//! came late from another counter) makes the entity fold again from its
//! whole log, and so does its first op here (from sync, later ops of it may
//! already be in the log).

use caredesk_domain::event::Event;
use caredesk_domain::id::EntityId;
use caredesk_domain::op::{Machine, Op};
use rusqlite::Connection;

use crate::error::Result;
use crate::oplog::entity_ops;

/// A domain state machine the store can pick its ops for.
pub(crate) trait OrderedFold: Machine {
    /// This area's event, `None` for another area's.
    fn pick(event: Event) -> Option<Self::Event>;
}

/// The state after `op`: applied on top when it sorts after everything
/// folded so far, folded again from the log otherwise. `None` while the
/// creating op has not arrived (the op waits in the log).
pub(crate) fn next_state<S: OrderedFold>(
    conn: &Connection,
    entity: EntityId,
    current: Option<S>,
    op: &Op,
    event: &S::Event,
) -> Result<Option<S>> {
    match current {
        Some(mut state) if op.stamp() > state.last() => {
            state.apply(op.stamp(), event);
            Ok(Some(state))
        }
        _ => refold(conn, entity),
    }
}

/// The entity folded from every op in its log, in canonical order.
pub(crate) fn refold<S: OrderedFold>(conn: &Connection, entity: EntityId) -> Result<Option<S>> {
    let ops = entity_ops(conn, entity)?;
    let mut events = Vec::with_capacity(ops.len());
    for op in &ops {
        if let Some(event) = op.event()?.and_then(S::pick) {
            events.push((op.stamp(), event));
        }
    }
    Ok(S::fold(events.iter().map(|(s, e)| (*s, e))))
}
