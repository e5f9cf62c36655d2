//! Counters that get stuck, unstuck: the database side of sync's recovery
//! (protocol 2). The network is `caredesk-sync`'s; each step here is one
//! transaction.
//!
//! - A counter restored from a backup older than what it had pushed takes
//!   its own later ops back from the server (`recover_own`). `restore`
//!   marks a paired counter so it takes no new work before that; ops made
//!   anyway (a database file copied back by hand, not restored) are moved
//!   past the server's `device_seq`s, never lost.
//! - A counter whose unpushed ops are stamped too far ahead of the server's
//!   clock is re-keyed: a new device id, those ops re-issued under it with
//!   stamps from the (right again) clock, and every projection folded again
//!   (`begin_rekey`, `finish_rekey`).

use std::collections::HashMap;

use caredesk_domain::clock::{Hlc, HlcClock};
use caredesk_domain::id::{DeviceId, OpId};
use caredesk_domain::op::Op;
use caredesk_domain::permission::Action;
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::rewrite::{rebuild_projections, with_log_unlocked};
use crate::sync::SyncLink;
use crate::{Ctx, Store, access, receive};

/// What `recover_own` did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Recovered {
    /// This counter's own ops taken back from the server.
    pub fetched: u64,
    /// Ops made here that the server did not have, moved past its
    /// `device_seq`s to be pushed.
    pub renumbered: u64,
}

/// A re-key asked for and not finished: what the server is told, again
/// as it was if the first answer was lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRekey {
    pub old_device: DeviceId,
    pub new_device: DeviceId,
    /// The new bearer token, made by the caller.
    pub token: String,
    /// This counter's clock now, unix ms.
    pub clock: u64,
    /// The newest physical time stamped on an op it has not pushed.
    pub ahead: u64,
}

/// What `finish_rekey` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RekeyDone {
    pub old_device: DeviceId,
    pub new_device: DeviceId,
    /// How far the server held the old device id.
    pub through: u64,
    /// Ops after that, now the new device id's 1, 2, ...
    pub reissued: u64,
}

/// Marks a restored database that is paired: it may be behind what it had
/// pushed, so it refuses new work until a sync has fetched its own ops.
pub(crate) fn mark_restored(conn: &Connection) -> Result<()> {
    conn.execute(
        "UPDATE sync_state SET recovering = 1
         WHERE singleton = 1 AND EXISTS (SELECT 1 FROM sync_link)",
        [],
    )?;
    Ok(())
}

impl Store {
    /// Whether this counter was restored and has not yet fetched its own
    /// ops back.
    pub fn recovering(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(recovering), 0) FROM sync_state",
            [],
            |row| row.get(0),
        )?)
    }

    /// Takes in the server's copies of this counter's own ops after
    /// `pushed` (`theirs`: `pushed + 1 ..= through`, in order), in one
    /// transaction: ops made here that the server does not have move to
    /// `through + 1 ...` in the order they were made (ids, stamps and bodies
    /// unchanged, so no projection changes), the server's ops this log lacks
    /// are stored and folded, and `pushed` becomes `through`. A server that
    /// holds less than `pushed` (its own data restored) only moves `pushed`
    /// back, as a `gap` does.
    pub fn recover_own(&mut self, theirs: &[Op], through: u64) -> Result<Recovered> {
        let device = self.device;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let pushed = pushed(&tx)?;
        let mut recovered = Recovered::default();
        if through > pushed {
            check_theirs(device, theirs, pushed, through)?;
            let by_id: HashMap<OpId, &Op> = theirs.iter().map(|op| (op.id, op)).collect();
            let mut strays = Vec::new();
            for (id, seq) in own_after(&tx, device, pushed)? {
                if !by_id.contains_key(&id) {
                    strays.push((id, seq));
                }
            }
            let moves: Vec<(OpId, u64)> = strays
                .iter()
                .zip(through + 1..)
                .filter(|((_, seq), target)| seq != target)
                .map(|((id, _), target)| (*id, target))
                .collect();
            if !moves.is_empty() {
                renumber(&tx, device, &moves)?;
            }
            recovered.renumbered = moves.len() as u64;
            recovered.fetched = receive::take_in(&tx, theirs)?.stored as u64;
        }
        tx.execute(
            "UPDATE sync_state SET pushed = ?1, recovering = 0 WHERE singleton = 1",
            [through as i64],
        )?;
        tx.commit()?;
        self.reload_settings()?;
        Ok(recovered)
    }

    /// Starts re-keying this counter (a manager's action): checks there is
    /// something unsent, and records the new device id and `token` before
    /// the server is asked. A re-key already pending is returned as it was,
    /// so it is asked again rather than twice.
    pub fn begin_rekey(&mut self, ctx: &Ctx, token: &str) -> Result<PendingRekey> {
        self.sync_link()?.ok_or(StoreError::NotPaired)?;
        access::authorize(&self.conn, ctx, Action::RekeyCounter)?;
        if let Some(pending) = self.pending_rekey()? {
            return Ok(pending);
        }
        let ahead = self.unpushed_ahead()?.ok_or(StoreError::NothingStuck)?;
        let new_device = DeviceId::new();
        self.conn.execute(
            "INSERT INTO rekeys (new_device, old_device, token, actor, approver, started_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                new_device.to_string(),
                self.device.to_string(),
                token,
                ctx.actor.to_string(),
                ctx.approver.map(|a| a.to_string()),
                Timestamp::now().as_millisecond()
            ],
        )?;
        Ok(PendingRekey {
            old_device: self.device,
            new_device,
            token: token.to_owned(),
            clock: self.clock.now_ms(),
            ahead,
        })
    }

    /// The re-key asked for and not finished, if any.
    pub fn pending_rekey(&self) -> Result<Option<PendingRekey>> {
        let row: Option<(String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT new_device, old_device, token FROM rekeys WHERE done_at IS NULL",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let Some((new_device, old_device, token)) = row else {
            return Ok(None);
        };
        let parse = |id: String| {
            id.parse::<DeviceId>()
                .map_err(|_| StoreError::Corrupt(format!("re-key device id {id:?}")))
        };
        Ok(Some(PendingRekey {
            old_device: parse(old_device)?,
            new_device: parse(new_device)?,
            token: token.unwrap_or_default(),
            clock: self.clock.now_ms(),
            ahead: self.unpushed_ahead()?.unwrap_or(0),
        }))
    }

    /// Forgets a re-key the server refused: nothing of it was done.
    pub fn abandon_rekey(&mut self, pending: &PendingRekey) -> Result<()> {
        self.conn.execute(
            "DELETE FROM rekeys WHERE new_device = ?1 AND done_at IS NULL",
            [pending.new_device.to_string()],
        )?;
        Ok(())
    }

    /// Finishes a re-key the server did: the server held the old device id
    /// through `through`, so this counter's ops after that are re-issued
    /// under the new id (1, 2, ... in the order they were made, stamped
    /// anew from this counter's clock, after every op kept), the counter
    /// takes the new id, token and slot, and every projection is folded
    /// again from the log. One transaction.
    pub fn finish_rekey(
        &mut self,
        pending: &PendingRekey,
        link: &SyncLink,
        through: u64,
    ) -> Result<RekeyDone> {
        if pending.old_device != self.device {
            return Err(StoreError::SyncState(format!(
                "the re-key is for device {}, but this counter is {}",
                pending.old_device, self.device
            )));
        }
        let wall = self.clock.now_ms();
        let old = self.device.to_string();
        let new = pending.new_device.to_string();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let tail: Vec<String> = {
            let mut statement = tx.prepare(
                "SELECT id FROM ops WHERE device_id = ?1 AND device_seq > ?2 ORDER BY device_seq",
            )?;
            let rows = statement.query_map(params![old, through as i64], |row| row.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let kept: i64 = tx.query_row(
            "SELECT coalesce(max(hlc), 0) FROM ops WHERE NOT (device_id = ?1 AND device_seq > ?2)",
            params![old, through as i64],
            |row| row.get(0),
        )?;
        let mut clock = HlcClock::new(Hlc::from_u64(kept as u64));
        with_log_unlocked(&tx, |tx| {
            let mut update = tx.prepare(
                "UPDATE ops SET device_id = ?2, device_seq = ?3, hlc = ?4 WHERE id = ?1",
            )?;
            for (i, id) in tail.iter().enumerate() {
                let hlc = clock.tick(wall);
                update.execute(params![id, new, i as i64 + 1, hlc.to_u64() as i64])?;
            }
            Ok(())
        })?;
        tx.execute("UPDATE device SET id = ?1 WHERE singleton = 1", [&new])?;
        tx.execute(
            "UPDATE sync_link SET token = ?1, device = ?2, tenant = ?3, branch = ?4
             WHERE singleton = 1",
            params![link.token, link.device, link.tenant, link.branch],
        )?;
        tx.execute("UPDATE sync_state SET pushed = 0 WHERE singleton = 1", [])?;
        tx.execute(
            "UPDATE rekeys SET token = NULL, done_at = ?2, through = ?3, reissued = ?4
             WHERE new_device = ?1",
            params![
                new,
                Timestamp::now().as_millisecond(),
                through as i64,
                tail.len() as i64
            ],
        )?;
        rebuild_projections(&tx)?;
        tx.commit()?;
        self.device = pending.new_device;
        self.reload_settings()?;
        Ok(RekeyDone {
            old_device: pending.old_device,
            new_device: pending.new_device,
            through,
            reissued: tail.len() as u64,
        })
    }

    /// The newest physical time stamped on an op of this counter the server
    /// has not acknowledged; `None` when everything was pushed.
    fn unpushed_ahead(&self) -> Result<Option<u64>> {
        let newest: Option<i64> = self.conn.query_row(
            "SELECT max(hlc) FROM ops WHERE device_id = ?1
               AND device_seq > (SELECT coalesce(max(pushed), 0) FROM sync_state)",
            [self.device.to_string()],
            |row| row.get(0),
        )?;
        Ok(newest.map(|hlc| Hlc::from_u64(hlc as u64).physical_ms()))
    }
}

fn pushed(tx: &Transaction<'_>) -> Result<u64> {
    let pushed: i64 = tx.query_row(
        "SELECT coalesce(max(pushed), 0) FROM sync_state",
        [],
        |row| row.get(0),
    )?;
    Ok(pushed as u64)
}

/// The server's answer must be this device's ops `pushed + 1 ..= through`.
fn check_theirs(device: DeviceId, theirs: &[Op], pushed: u64, through: u64) -> Result<()> {
    let expected = through - pushed;
    if theirs.len() as u64 != expected {
        return Err(StoreError::SyncState(format!(
            "the server holds this counter's ops through {through} but sent {} of the {expected} \
             after {pushed}",
            theirs.len()
        )));
    }
    for (op, seq) in theirs.iter().zip(pushed + 1..) {
        if op.device_id != device || op.device_seq != seq {
            return Err(StoreError::SyncState(format!(
                "the server sent op {} (device {}, device_seq {}) where this counter's \
                 device_seq {seq} belongs",
                op.id, op.device_id, op.device_seq
            )));
        }
    }
    Ok(())
}

/// This device's ops after `pushed`: id and `device_seq`, in order.
fn own_after(tx: &Transaction<'_>, device: DeviceId, pushed: u64) -> Result<Vec<(OpId, u64)>> {
    let mut statement = tx.prepare(
        "SELECT id, device_seq FROM ops WHERE device_id = ?1 AND device_seq > ?2
         ORDER BY device_seq",
    )?;
    let rows = statement.query_map(params![device.to_string(), pushed as i64], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
    })?;
    rows.map(|row| {
        let (id, seq) = row?;
        let id = id
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("op id {id:?}")))?;
        Ok((id, seq as u64))
    })
    .collect()
}

/// Gives ops of `device` new `device_seq`s. Through a range no op uses
/// first, so that no two ops of the device ever share a number midway.
fn renumber(tx: &Transaction<'_>, device: DeviceId, moves: &[(OpId, u64)]) -> Result<()> {
    with_log_unlocked(tx, |tx| {
        let top: i64 = tx.query_row(
            "SELECT coalesce(max(device_seq), 0) FROM ops WHERE device_id = ?1",
            [device.to_string()],
            |row| row.get(0),
        )?;
        let highest = moves.iter().map(|(_, seq)| *seq as i64).max().unwrap_or(0);
        let aside = top.max(highest) + 1;
        let mut update = tx.prepare("UPDATE ops SET device_seq = ?2 WHERE id = ?1")?;
        for (i, (id, _)) in moves.iter().enumerate() {
            update.execute(params![id.to_string(), aside + i as i64])?;
        }
        for (id, seq) in moves {
            update.execute(params![id.to_string(), *seq as i64])?;
        }
        Ok(())
    })
}
