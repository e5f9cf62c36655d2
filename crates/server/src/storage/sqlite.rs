//! SQLite storage: one file in the data directory. Writers are serialised by
//! SQLite itself, and every push takes the write lock first (IMMEDIATE), so
//! `server_seq`s are handed out in commit order.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use caredesk_domain::id::{DeviceId, EntityId, OpId};
use caredesk_domain::op::Op;
use caredesk_protocol::{Own, Paired, Pulled, Pushed, Rekeyed};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::rekey::{self, RekeyTx, TokenSlot};
use super::{Device, DeviceRow, Pairing, PushTx, Rekey, Storage, new_id, push};
use crate::error::{Result, ServerError};
use crate::pairing;

const MIGRATIONS: &[&str] = &[
    include_str!("../../../../migrations/server/sqlite/0001_sync.sql"),
    include_str!("../../../../migrations/server/sqlite/0002_rekey.sql"),
];

pub const FILE_NAME: &str = "caredesk-server.db";

/// A device as its token finds it: id, tenant, branch, op device,
/// revoked at, last seen.
type TokenRow = (
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

#[derive(Debug)]
pub struct SqliteStorage {
    conn: Mutex<Connection>,
}

impl SqliteStorage {
    /// Opens (creating) `caredesk-server.db` in `dir`, migrated to this
    /// build's schema.
    pub fn open(dir: &Path) -> Result<SqliteStorage> {
        std::fs::create_dir_all(dir)
            .map_err(|e| ServerError::Storage(format!("cannot create {}: {e}", dir.display())))?;
        let mut conn = Connection::open(dir.join(FILE_NAME))?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.set_prepared_statement_cache_capacity(64);
        wal(&conn)?;
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
        migrate(&mut conn)?;
        Ok(SqliteStorage {
            conn: Mutex::new(conn),
        })
    }

    fn with<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        // A panic while holding the lock leaves SQLite consistent (its
        // transaction is rolled back on drop), so the poison can be ignored.
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut conn)
    }

    fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })
    }
}

/// Puts the file in WAL mode. Several servers starting together on a new
/// file each try; the switch needs the file to themselves, and SQLite
/// answers `SQLITE_BUSY` at once rather than through the busy timeout
/// (seen as "database is locked" with four instances on a loaded machine),
/// so a busy answer is retried for up to the same ten seconds.
fn wal(conn: &Connection) -> Result<()> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return Ok(other?),
        }
    }
}

fn migrate(conn: &mut Connection) -> Result<()> {
    // The version is read under the write lock: two servers starting at
    // once on a new file would otherwise both read 0, and the second would
    // fail creating tables the first had just made.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        return Err(ServerError::Storage(format!(
            "the database has schema {version}, newer than the {} this build knows",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

impl Storage for SqliteStorage {
    fn add_tenant(&self, name: &str, now: i64) -> Result<String> {
        let id = new_id();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO tenants (id, name, created_at) VALUES (?1, ?2, ?3)",
                params![id, name, now],
            )?;
            Ok(id)
        })
    }

    fn add_branch(&self, tenant: &str, name: &str, now: i64) -> Result<String> {
        let id = new_id();
        self.write(|tx| {
            let known: bool = tx.query_row(
                "SELECT count(*) > 0 FROM tenants WHERE id = ?1",
                [tenant],
                |row| row.get(0),
            )?;
            if !known {
                return Err(ServerError::not_found(format!("no tenant {tenant}")));
            }
            tx.execute(
                "INSERT INTO branches (id, tenant, name, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![id, tenant, name, now],
            )?;
            Ok(id)
        })
    }

    fn add_device(&self, branch: &str, name: &str, code_hash: &str, now: i64) -> Result<String> {
        let id = new_id();
        self.write(|tx| {
            let known: bool = tx.query_row(
                "SELECT count(*) > 0 FROM branches WHERE id = ?1",
                [branch],
                |row| row.get(0),
            )?;
            if !known {
                return Err(ServerError::not_found(format!("no branch {branch}")));
            }
            tx.execute(
                "INSERT INTO devices (id, branch, name, code_hash, code_expires_at, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    branch,
                    name,
                    code_hash,
                    now + crate::secret::CODE_LIFETIME_MS,
                    now
                ],
            )?;
            Ok(id)
        })
    }

    fn devices(&self, branch: Option<&str>) -> Result<Vec<DeviceRow>> {
        self.with(|conn| {
            let mut statement = conn.prepare(
                "SELECT id, name, branch, last_seen, paired_at IS NOT NULL,
                        revoked_at IS NOT NULL, register_code, replaced_by
                 FROM devices WHERE ?1 IS NULL OR branch = ?1 ORDER BY created_at, id",
            )?;
            let rows = statement.query_map([branch], |row| {
                Ok(DeviceRow {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    branch: row.get(2)?,
                    last_seen: row.get(3)?,
                    paired: row.get(4)?,
                    revoked: row.get(5)?,
                    register_code: row.get(6)?,
                    replaced_by: row.get(7)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    fn revoke_device(&self, id: &str, now: i64) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE devices SET revoked_at = coalesce(revoked_at, ?2), code_hash = NULL
                 WHERE id = ?1",
                params![id, now],
            )?;
            if changed == 0 {
                return Err(ServerError::not_found(format!("no device {id}")));
            }
            Ok(())
        })
    }

    fn pair(&self, pairing: &Pairing, now: i64) -> Result<Paired> {
        self.write(|tx| pairing::pair(&mut SqliteTx(tx), pairing, now))
    }

    fn authenticate(&self, token_hash: &str, now: i64) -> Result<Device> {
        self.with(|conn| {
            let row: Option<TokenRow> = conn
                .prepare_cached(
                    "SELECT d.id, b.tenant, d.branch, d.op_device, d.revoked_at, d.last_seen
                     FROM devices d JOIN branches b ON b.id = d.branch WHERE d.token_hash = ?1",
                )?
                .query_row([token_hash], |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                        row.get(5)?,
                    ))
                })
                .optional()?;
            let (id, tenant, branch, op_device, revoked, last_seen) =
                row.ok_or_else(pairing::unknown_token)?;
            if revoked.is_some() {
                return Err(pairing::revoked_token());
            }
            let op_device = pairing::op_device(op_device)?;
            // Seen-times to the minute: a write per request would make every
            // pull a write transaction.
            if last_seen.is_none_or(|seen| now - seen > 60_000) {
                conn.execute(
                    "UPDATE devices SET last_seen = ?2 WHERE id = ?1",
                    params![id, now],
                )?;
            }
            Ok(Device {
                id,
                tenant,
                branch,
                op_device,
            })
        })
    }

    fn push(&self, device: &Device, ops: &[Op]) -> Result<Pushed> {
        self.write(|tx| push::apply(&mut SqliteTx(tx), device, ops))
    }

    fn pull(&self, device: &Device, after: u64, limit: usize) -> Result<Pulled> {
        self.with(|conn| {
            let through = last_device_seq(conn, device.op_device)?;
            let mut statement = conn.prepare_cached(
                "SELECT server_seq, op_device, op FROM ops
                 WHERE branch = ?1 AND server_seq > ?2 ORDER BY server_seq LIMIT ?3",
            )?;
            let rows = statement.query_map(
                params![device.branch, after as i64, (limit + 1) as i64],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                    ))
                },
            )?;
            let rows: Vec<(i64, String, String)> = rows.collect::<Result<_, _>>()?;
            super::page(
                device,
                after,
                limit,
                through,
                rows.into_iter().map(|(s, d, j)| (s as u64, d, j)),
            )
        })
    }

    fn own(&self, device: &Device, after: u64, limit: usize) -> Result<Own> {
        self.with(|conn| {
            // `through` first: ops are never removed, so every op up to it
            // is there for the second read.
            let through = last_device_seq(conn, device.op_device)?;
            let mut statement = conn.prepare_cached(
                "SELECT op FROM ops
                 WHERE op_device = ?1 AND branch = ?2 AND device_seq > ?3 AND device_seq <= ?4
                 ORDER BY device_seq LIMIT ?5",
            )?;
            let rows = statement.query_map(
                params![
                    device.op_device.to_string(),
                    device.branch,
                    after as i64,
                    through as i64,
                    (limit + 1) as i64
                ],
                |row| row.get::<_, String>(0),
            )?;
            let rows: Vec<String> = rows.collect::<Result<_, _>>()?;
            super::own_page(after, limit, through, rows)
        })
    }

    fn rekey(&self, token_hash: &str, request: &Rekey, now: i64) -> Result<Rekeyed> {
        self.write(|tx| rekey::rekey(&mut SqliteTx(tx), token_hash, request, now))
    }

    fn op_count(&self) -> Result<(u64, u64)> {
        self.with(|conn| {
            Ok(
                conn.query_row("SELECT count(*), count(DISTINCT id) FROM ops", [], |row| {
                    Ok((row.get::<_, i64>(0)? as u64, row.get::<_, i64>(1)? as u64))
                })?,
            )
        })
    }
}

/// The highest `device_seq` held for a device, 0 for none.
fn last_device_seq(conn: &Connection, op_device: DeviceId) -> Result<u64> {
    let last: i64 = conn
        .prepare_cached("SELECT coalesce(max(device_seq), 0) FROM ops WHERE op_device = ?1")?
        .query_row([op_device.to_string()], |row| row.get(0))?;
    Ok(last as u64)
}

/// A write transaction, as push, pairing and re-keying use it.
struct SqliteTx<'a, 'c>(&'a Transaction<'c>);

impl PushTx for SqliteTx<'_, '_> {
    fn last_device_seq(&mut self, op_device: DeviceId) -> Result<u64> {
        last_device_seq(self.0, op_device)
    }

    fn held(&mut self, id: OpId) -> Result<Option<String>> {
        Ok(self
            .0
            .prepare_cached("SELECT op FROM ops WHERE id = ?1")?
            .query_row([id.to_string()], |row| row.get(0))
            .optional()?)
    }

    fn claim(&mut self, entity: EntityId, tenant: &str) -> Result<String> {
        let entity = entity.to_string();
        self.0
            .prepare_cached(
                "INSERT INTO entities (entity, tenant) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            )?
            .execute(params![entity, tenant])?;
        Ok(self
            .0
            .prepare_cached("SELECT tenant FROM entities WHERE entity = ?1")?
            .query_row([entity], |row| row.get(0))?)
    }

    fn take_seqs(&mut self, branch: &str, n: u64) -> Result<u64> {
        let last: i64 = self
            .0
            .prepare_cached(
                "UPDATE branches SET last_seq = last_seq + ?2 WHERE id = ?1 RETURNING last_seq",
            )?
            .query_row(params![branch, n as i64], |row| row.get(0))?;
        Ok(last as u64 - n + 1)
    }

    fn insert(&mut self, branch: &str, server_seq: u64, op: &Op, json: &str) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT INTO ops (branch, server_seq, id, op_device, device_seq, op)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                branch,
                server_seq as i64,
                op.id.to_string(),
                op.device_id.to_string(),
                op.device_seq as i64,
                json
            ])?;
        Ok(())
    }
}

impl pairing::PairTx for SqliteTx<'_, '_> {
    fn slot(&mut self, code_hash: &str) -> Result<Option<pairing::Slot>> {
        Ok(self
            .0
            .query_row(
                "SELECT d.id, d.branch, b.tenant, d.code_expires_at, b.last_seq
                 FROM devices d JOIN branches b ON b.id = d.branch
                 WHERE d.code_hash = ?1 AND d.revoked_at IS NULL",
                [code_hash],
                |row| {
                    Ok(pairing::Slot {
                        device: row.get(0)?,
                        branch: row.get(1)?,
                        tenant: row.get(2)?,
                        expires_at: row.get(3)?,
                        branch_seq: row.get::<_, i64>(4)? as u64,
                    })
                },
            )
            .optional()?)
    }

    fn bindings(&mut self, op_device: DeviceId) -> Result<Vec<pairing::Binding>> {
        let mut statement = self.0.prepare(
            "SELECT branch, revoked_at IS NOT NULL, replaced_by IS NOT NULL
                 FROM devices WHERE op_device = ?1",
        )?;
        let rows = statement.query_map([op_device.to_string()], |row| {
            Ok(pairing::Binding {
                branch: row.get(0)?,
                revoked: row.get(1)?,
                replaced: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn register_codes(&mut self, branch: &str) -> Result<Vec<String>> {
        let mut statement = self.0.prepare(
            "SELECT register_code FROM devices WHERE branch = ?1 AND register_code IS NOT NULL",
        )?;
        let rows = statement.query_map([branch], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn bind(
        &mut self,
        device: &str,
        pairing: &Pairing,
        register_code: &str,
        now: i64,
    ) -> Result<()> {
        self.0.execute(
            "UPDATE devices SET code_hash = NULL, code_expires_at = NULL, token_hash = ?2,
                    op_device = ?3, register_code = ?4, paired_at = ?5, last_seen = ?5
             WHERE id = ?1",
            params![
                device,
                pairing.token_hash,
                pairing.op_device.to_string(),
                register_code,
                now
            ],
        )?;
        Ok(())
    }
}

/// The columns `TokenSlot` reads, after `FROM devices d JOIN branches b`.
const TOKEN_SLOT: &str = "SELECT d.id, d.branch, b.tenant, d.name, d.op_device, d.register_code,
        d.token_hash, d.revoked_at IS NOT NULL, d.replaced_by
 FROM devices d JOIN branches b ON b.id = d.branch";

fn token_slot(row: &rusqlite::Row<'_>) -> rusqlite::Result<TokenSlot> {
    Ok(TokenSlot {
        id: row.get(0)?,
        branch: row.get(1)?,
        tenant: row.get(2)?,
        name: row.get(3)?,
        op_device: row.get(4)?,
        register_code: row.get(5)?,
        token_hash: row.get(6)?,
        revoked: row.get(7)?,
        replaced_by: row.get(8)?,
    })
}

impl RekeyTx for SqliteTx<'_, '_> {
    fn slot_by_token(&mut self, token_hash: &str) -> Result<Option<TokenSlot>> {
        // The write transaction is IMMEDIATE: no push runs beside it.
        Ok(self
            .0
            .query_row(
                &format!("{TOKEN_SLOT} WHERE d.token_hash = ?1"),
                [token_hash],
                token_slot,
            )
            .optional()?)
    }

    fn slot_by_id(&mut self, id: &str) -> Result<Option<TokenSlot>> {
        Ok(self
            .0
            .query_row(&format!("{TOKEN_SLOT} WHERE d.id = ?1"), [id], token_slot)
            .optional()?)
    }

    fn retire(&mut self, old: &str, new: &TokenSlot, now: i64) -> Result<()> {
        self.0.execute(
            "INSERT INTO devices (id, branch, name, token_hash, op_device, register_code,
                                  paired_at, last_seen, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7)",
            params![
                new.id,
                new.branch,
                new.name,
                new.token_hash,
                new.op_device,
                new.register_code,
                now
            ],
        )?;
        self.0.execute(
            "UPDATE devices SET revoked_at = ?2, replaced_by = ?3, code_hash = NULL WHERE id = ?1",
            params![old, now, new.id],
        )?;
        Ok(())
    }
}
