//! The one way anything is written: a command opens a `Writer` (an IMMEDIATE
//! transaction), validates against the current state, appends its ops (each
//! applied to the projections as it is appended), and commits. If any step
//! fails the transaction is dropped and nothing at all was written.

use caredesk_domain::clock::{Hlc, HlcClock};
use caredesk_domain::event::Event;
use caredesk_domain::id::{DeviceId, EntityId, OpId, StaffId};
use caredesk_domain::op::Op;
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use crate::WallClock;
use crate::error::{Result, StoreError};
use crate::project::{self, Batch};

pub(crate) struct Writer<'c> {
    tx: Transaction<'c>,
    device: DeviceId,
    actor: StaffId,
    approver: Option<StaffId>,
    /// Where the hybrid clock reads the time.
    clock: WallClock,
    /// This device's next sequence number and the clock, read from the log
    /// at the first append (so `init` can create the log in the same
    /// transaction first).
    position: Option<(u64, HlcClock)>,
    batch: Batch,
    appended: usize,
}

impl<'c> Writer<'c> {
    /// IMMEDIATE takes the write lock up front, so the sequence number and
    /// clock read at the first append cannot be raced by another process on
    /// the same file.
    pub(crate) fn begin(
        conn: &'c mut Connection,
        device: DeviceId,
        actor: StaffId,
        approver: Option<StaffId>,
        clock: WallClock,
    ) -> Result<Self> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Writer {
            tx,
            device,
            actor,
            approver,
            clock,
            position: None,
            batch: Batch::default(),
            appended: 0,
        })
    }

    fn position(&mut self) -> Result<&mut (u64, HlcClock)> {
        if self.position.is_none() {
            // A restored counter may be behind what it pushed: a new op
            // would take a device_seq (and numbers) the server's copies of
            // its own later ops already hold. Read here, with the write
            // lock, so a sync finishing the recovery cannot slip between.
            let recovering: bool = self
                .tx
                .prepare_cached("SELECT coalesce(max(recovering), 0) FROM sync_state")?
                .query_row([], |row| row.get(0))?;
            if recovering {
                return Err(StoreError::RestoreUnsynced);
            }
            // The device id as the file says, not as the store read it at
            // open: a re-key by another process (the CLI, the app's sync
            // thread) gives the counter a new one while this store is open.
            let device: String = self
                .tx
                .prepare_cached("SELECT id FROM device WHERE singleton = 1")?
                .query_row([], |row| row.get(0))?;
            self.device = device
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("device id {device:?}")))?;
            let last_seq: i64 = self
                .tx
                .prepare_cached(
                    "SELECT coalesce(max(device_seq), 0) FROM ops WHERE device_id = ?1",
                )?
                .query_row([self.device.to_string()], |row| row.get(0))?;
            // Seeding the clock from the log keeps it monotonic across
            // restarts, across processes sharing the file, and past every op
            // received from other devices.
            let last_hlc: i64 = self
                .tx
                .prepare_cached("SELECT coalesce(max(hlc), 0) FROM ops")?
                .query_row([], |row| row.get(0))?;
            let clock = HlcClock::new(Hlc::from_u64(last_hlc as u64));
            self.position = Some((last_seq as u64 + 1, clock));
        }
        Ok(self.position.as_mut().expect("set above"))
    }

    pub(crate) fn tx(&self) -> &Transaction<'c> {
        &self.tx
    }

    /// Appends one op and applies it to the projections.
    pub(crate) fn append(
        &mut self,
        entity: impl Into<EntityId>,
        event: impl Into<Event>,
    ) -> Result<Op> {
        let event = event.into();
        let wall = self.clock.now_ms();
        let (device_seq, hlc) = {
            let (next_seq, clock) = self.position()?;
            (*next_seq, clock.tick(wall))
        };
        let op = Op {
            id: OpId::new(),
            device_id: self.device,
            device_seq,
            hlc,
            actor: self.actor,
            approver: self.approver,
            kind: event.kind().to_owned(),
            schema: event.schema(),
            entity: entity.into(),
            body: event.body(),
        };
        insert_op(&self.tx, &op)?;
        project::apply(&self.tx, &mut self.batch, &op, &event)?;
        if let Some((next_seq, _)) = &mut self.position {
            *next_seq += 1;
        }
        self.appended += 1;
        Ok(op)
    }

    pub(crate) fn commit(self) -> Result<()> {
        debug_assert!(
            self.appended > 0,
            "a command that writes nothing should not commit"
        );
        self.batch.finish(&self.tx)?;
        self.tx.commit()?;
        Ok(())
    }
}

pub(crate) fn insert_op(tx: &Transaction<'_>, op: &Op) -> Result<()> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO ops (id, device_id, device_seq, hlc, actor, kind, schema, entity, body,
                          approver)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    statement.execute(params![
        op.id.to_string(),
        op.device_id.to_string(),
        op.device_seq as i64,
        op.hlc.to_u64() as i64,
        op.actor.to_string(),
        op.kind,
        op.schema,
        op.entity.to_string(),
        op.body.to_string(),
        op.approver.map(|a| a.to_string()),
    ])?;
    Ok(())
}
