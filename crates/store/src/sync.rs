//! The counter's side of sync, as far as its database goes: the link to the
//! server, what has been pushed and pulled, and how the last attempt went.
//! The network lives in `caredesk-sync`; everything here is one
//! transaction, so a counter killed at any moment resumes where its
//! database says, and the server's idempotence covers the rest.

use caredesk_domain::op::Op;
use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::{Store, receive};

/// The server this counter is paired with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncLink {
    pub server: String,
    #[serde(skip)]
    pub token: String,
    /// The server's id of this counter.
    pub device: String,
    pub tenant: String,
    pub branch: String,
}

/// What the sync indicator shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncStatus {
    pub paired: bool,
    pub server: Option<String>,
    pub device: Option<String>,
    /// Ops made here the server has not acknowledged.
    pub pending: u64,
    pub pushed: u64,
    pub cursor: u64,
    /// Whether the last attempt reached the server and finished.
    pub online: bool,
    pub last_attempt: Option<Timestamp>,
    pub last_success: Option<Timestamp>,
    /// Since when every attempt failed; `None` while sync works.
    pub failing_since: Option<Timestamp>,
    pub last_error: Option<String>,
}

impl Store {
    pub fn sync_link(&self) -> Result<Option<SyncLink>> {
        Ok(self
            .conn
            .query_row(
                "SELECT server, token, device, tenant, branch FROM sync_link WHERE singleton = 1",
                [],
                |row| {
                    Ok(SyncLink {
                        server: row.get(0)?,
                        token: row.get(1)?,
                        device: row.get(2)?,
                        tenant: row.get(3)?,
                        branch: row.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// How many ops the log holds, from every device: what pairing tells
    /// the server, so that two businesses' logs are never merged.
    pub fn log_size(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM ops", [], |row| row.get(0))?;
        Ok(n as u64)
    }

    /// Records a pairing. The server may hand out another register code
    /// when this counter's is taken in the branch; that is only possible
    /// while no op of this counter carries it.
    pub fn record_pairing(
        &mut self,
        link: &SyncLink,
        register_code: &str,
        at: Timestamp,
    ) -> Result<()> {
        if let Some(old) = self.sync_link()? {
            return Err(StoreError::AlreadyPaired(old.server));
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if register_code != self.register_code {
            let own: i64 = tx.query_row(
                "SELECT count(*) FROM ops WHERE device_id = ?1",
                [self.device.to_string()],
                |row| row.get(0),
            )?;
            if own > 0 {
                return Err(StoreError::SyncState(format!(
                    "the server gave register code {register_code}, but this counter's ops \
                     already carry {}",
                    self.register_code
                )));
            }
            tx.execute(
                "UPDATE device SET register_code = ?1 WHERE singleton = 1",
                [register_code],
            )?;
        }
        tx.execute(
            "INSERT INTO sync_link (singleton, server, token, device, tenant, branch, paired_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                link.server,
                link.token,
                link.device,
                link.tenant,
                link.branch,
                at.as_millisecond()
            ],
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO sync_state (singleton) VALUES (1)",
            [],
        )?;
        tx.commit()?;
        self.register_code = register_code.to_owned();
        Ok(())
    }

    /// This counter's ops the server has not acknowledged, oldest first.
    pub fn unpushed(&self, limit: usize) -> Result<Vec<Op>> {
        let (pushed, _) = self.positions()?;
        let mut statement = self.conn.prepare_cached(
            "SELECT seq, id, device_id, device_seq, hlc, actor, kind, schema, entity, body, approver
             FROM ops WHERE device_id = ?1 AND device_seq > ?2 ORDER BY device_seq LIMIT ?3",
        )?;
        let rows = statement.query_map(
            params![self.device.to_string(), pushed as i64, limit as i64],
            |row| Ok(crate::oplog::read_op(row)),
        )?;
        rows.map(|row| row?).collect()
    }

    /// The server holds this counter's ops through `through`.
    pub fn acknowledge(&mut self, through: u64) -> Result<()> {
        let own = self.own_last_seq()?;
        if through > own {
            return Err(StoreError::SyncState(format!(
                "the server holds ops of this counter through {through}, but the counter's log \
                 ends at {own}: was it restored from an old backup?"
            )));
        }
        self.conn.execute(
            "UPDATE sync_state SET pushed = max(pushed, ?1) WHERE singleton = 1",
            [through as i64],
        )?;
        Ok(())
    }

    /// The server reported a gap: it holds this counter's ops only through
    /// `held`, so the next push starts after it.
    pub fn rewind_pushed(&mut self, held: u64) -> Result<()> {
        let own = self.own_last_seq()?;
        if held > own {
            return self.acknowledge(held);
        }
        self.conn.execute(
            "UPDATE sync_state SET pushed = ?1 WHERE singleton = 1",
            [held as i64],
        )?;
        Ok(())
    }

    /// Stores and folds a pulled page and moves the cursor, in one
    /// transaction: a counter killed halfway pulls the page again and
    /// finds the ops it kept.
    pub fn receive_pulled(&mut self, ops: &[Op], next: u64) -> Result<receive::Received> {
        self.receive_with(ops, |tx| {
            tx.execute(
                "UPDATE sync_state SET cursor = max(cursor, ?1) WHERE singleton = 1",
                [next as i64],
            )?;
            Ok(())
        })
    }

    /// Records how a sync attempt ended.
    pub fn record_sync(&mut self, at: Timestamp, error: Option<&str>) -> Result<()> {
        let at = at.as_millisecond();
        match error {
            None => self.conn.execute(
                "UPDATE sync_state SET last_attempt = ?1, last_success = ?1,
                        failing_since = NULL, last_error = NULL WHERE singleton = 1",
                [at],
            )?,
            Some(error) => self.conn.execute(
                "UPDATE sync_state SET last_attempt = ?1, last_error = ?2,
                        failing_since = coalesce(failing_since, ?1) WHERE singleton = 1",
                params![at, error],
            )?,
        };
        Ok(())
    }

    pub fn sync_status(&self) -> Result<SyncStatus> {
        let link = self.sync_link()?;
        let (pushed, cursor) = self.positions()?;
        let pending = self.own_last_seq()?.saturating_sub(pushed);
        type Row = (Option<i64>, Option<i64>, Option<i64>, Option<String>);
        let (last_attempt, last_success, failing_since, last_error): Row = self
            .conn
            .query_row(
                "SELECT last_attempt, last_success, failing_since, last_error FROM sync_state",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()?
            .unwrap_or_default();
        let time = |ms: Option<i64>| ms.and_then(|ms| Timestamp::from_millisecond(ms).ok());
        Ok(SyncStatus {
            paired: link.is_some(),
            server: link.as_ref().map(|l| l.server.clone()),
            device: link.map(|l| l.device),
            pending,
            pushed,
            cursor,
            online: last_attempt.is_some() && last_attempt == last_success,
            last_attempt: time(last_attempt),
            last_success: time(last_success),
            failing_since: time(failing_since),
            last_error,
        })
    }

    /// `(pushed, cursor)`; both 0 before pairing.
    pub fn positions(&self) -> Result<(u64, u64)> {
        let row: Option<(i64, i64)> = self
            .conn
            .prepare_cached("SELECT pushed, cursor FROM sync_state WHERE singleton = 1")?
            .query_row([], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        let (pushed, cursor) = row.unwrap_or_default();
        Ok((pushed as u64, cursor as u64))
    }

    /// The highest `device_seq` of this counter's own ops in its log.
    pub fn own_last_seq(&self) -> Result<u64> {
        let last: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(max(device_seq), 0) FROM ops WHERE device_id = ?1")?
            .query_row([self.device.to_string()], |row| row.get(0))?;
        Ok(last as u64)
    }
}
