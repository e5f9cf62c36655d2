//! Taking in ops made on other counters (what sync pulls): each stored once
//! by its id, in one transaction, and folded into the projections by the
//! same routing as the ops made here. An op that sorts before what an
//! entity has folded makes that entity fold again from its log, so the
//! order ops arrive in never changes what the counter shows.

use caredesk_domain::op::Op;
use rusqlite::OptionalExtension;

use crate::error::{Result, StoreError};
use crate::project::{self, Batch};
use crate::writer::insert_op;
use crate::{Store, business};

/// What `receive` did with a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Received {
    /// New ops, stored and folded.
    pub stored: usize,
    /// Ops this counter already held (a retried pull): left as they were.
    pub known: usize,
}

impl Store {
    /// Stores and folds ops from other counters, all or none. An op whose
    /// id is known is skipped if it is the same op, and refused as
    /// corruption if it is not (an id names one op forever). An op of a
    /// kind or schema this build does not know is kept and folded by a
    /// build that knows it.
    pub fn receive(&mut self, ops: &[Op]) -> Result<Received> {
        self.receive_with(ops, |_| Ok(()))
    }

    /// `receive`, with `also` run in the same transaction before it commits.
    pub(crate) fn receive_with(
        &mut self,
        ops: &[Op],
        also: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<()>,
    ) -> Result<Received> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let received = take_in(&tx, ops)?;
        also(&tx)?;
        tx.commit()?;
        self.reload_settings()?;
        Ok(received)
    }

    /// The business's settings may have come with ops from elsewhere.
    pub(crate) fn reload_settings(&mut self) -> Result<()> {
        if let Some(settings) = business::try_load_settings(&self.conn)? {
            self.settings = settings;
            self.has_business = true;
        }
        Ok(())
    }
}

/// Stores and folds `ops` inside `tx`: each new one once, each held one
/// checked to be the same.
pub(crate) fn take_in(tx: &rusqlite::Transaction<'_>, ops: &[Op]) -> Result<Received> {
    let mut received = Received::default();
    let mut batch = Batch::default();
    for op in ops {
        let held: Option<i64> = tx
            .prepare_cached("SELECT seq FROM ops WHERE id = ?1")?
            .query_row([op.id.to_string()], |row| row.get(0))
            .optional()?;
        if let Some(seq) = held {
            let same = crate::oplog::read_op_at(tx, seq)? == *op;
            if !same {
                return Err(StoreError::Corrupt(format!(
                    "op {} arrived with a different content than the one held",
                    op.id
                )));
            }
            received.known += 1;
            continue;
        }
        insert_op(tx, op)?;
        if let Some(event) = op.event()? {
            project::apply(tx, &mut batch, op, &event)?;
        }
        received.stored += 1;
    }
    batch.finish(tx)?;
    Ok(received)
}
