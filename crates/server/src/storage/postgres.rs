//! PostgreSQL storage, for chains that run several server instances on one
//! database. Each push locks its branch's row first (`FOR UPDATE`) and
//! holds it to commit: pushes to one branch are serialised across every
//! instance, and `server_seq`s are handed out in commit order, so a puller
//! can never pass a sequence number that commits later.

use std::sync::Mutex;

use caredesk_domain::id::{DeviceId, EntityId, OpId};
use caredesk_domain::op::Op;
use caredesk_protocol::{Own, Paired, Pulled, Pushed, Rekeyed};
use postgres::{Client, GenericClient, NoTls, Transaction};

use super::rekey::{self, RekeyTx, TokenSlot};
use super::{Device, DeviceRow, Pairing, PushTx, Rekey, Storage, new_id, push};
use crate::error::{Result, ServerError};
use crate::pairing;

const MIGRATIONS: &[&str] = &[
    include_str!("../../../../migrations/server/postgres/0001_sync.sql"),
    include_str!("../../../../migrations/server/postgres/0002_rekey.sql"),
];

/// Any fixed number: the advisory lock that keeps two instances starting
/// together from migrating at once.
const MIGRATION_LOCK: i64 = 0x4344_534B;

/// Another fixed number: the class of the advisory locks that serialise the
/// pairings of one counter (its op `device_id`), whichever instance serves them.
const PAIR_LOCK: i32 = 0x4344_5052;

/// A small pool: a connection per concurrent request, kept for reuse.
pub struct PostgresStorage {
    url: String,
    idle: Mutex<Vec<Client>>,
}

impl std::fmt::Debug for PostgresStorage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStorage").finish_non_exhaustive()
    }
}

impl PostgresStorage {
    pub fn connect(url: &str) -> Result<PostgresStorage> {
        let storage = PostgresStorage {
            url: url.to_owned(),
            idle: Mutex::new(Vec::new()),
        };
        storage.with(migrate)?;
        Ok(storage)
    }

    fn with<T>(&self, f: impl FnOnce(&mut Client) -> Result<T>) -> Result<T> {
        let pooled = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let mut client = match pooled {
            Some(client) if !client.is_closed() => client,
            _ => Client::connect(&self.url, NoTls)?,
        };
        let result = f(&mut client);
        if !client.is_closed() {
            self.idle
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(client);
        }
        result
    }

    fn write<T>(&self, f: impl FnOnce(&mut Transaction<'_>) -> Result<T>) -> Result<T> {
        self.with(|client| {
            let mut tx = client.transaction()?;
            let value = f(&mut tx)?;
            tx.commit()?;
            Ok(value)
        })
    }
}

fn migrate(client: &mut Client) -> Result<()> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")?;
    let version: i64 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM schema_version", &[])?
        .get(0);
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(ServerError::Storage(format!(
            "the database has schema {version}, newer than the {known} this build knows"
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &[&(i as i64 + 1)],
        )?;
    }
    tx.commit()?;
    Ok(())
}

impl Storage for PostgresStorage {
    fn add_tenant(&self, name: &str, now: i64) -> Result<String> {
        let id = new_id();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3)",
                &[&id, &name, &now],
            )?;
            Ok(id)
        })
    }

    fn add_branch(&self, tenant: &str, name: &str, now: i64) -> Result<String> {
        let id = new_id();
        self.write(|tx| {
            if tx
                .query_opt("SELECT 1 FROM tenants WHERE id = $1", &[&tenant])?
                .is_none()
            {
                return Err(ServerError::not_found(format!("no tenant {tenant}")));
            }
            tx.execute(
                "INSERT INTO branches (id, tenant, name, created_at) VALUES ($1, $2, $3, $4)",
                &[&id, &tenant, &name, &now],
            )?;
            Ok(id)
        })
    }

    fn add_device(&self, branch: &str, name: &str, code_hash: &str, now: i64) -> Result<String> {
        let id = new_id();
        self.write(|tx| {
            if tx
                .query_opt("SELECT 1 FROM branches WHERE id = $1", &[&branch])?
                .is_none()
            {
                return Err(ServerError::not_found(format!("no branch {branch}")));
            }
            let expires = now + crate::secret::CODE_LIFETIME_MS;
            tx.execute(
                "INSERT INTO devices (id, branch, name, code_hash, code_expires_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[&id, &branch, &name, &code_hash, &expires, &now],
            )?;
            Ok(id)
        })
    }

    fn devices(&self, branch: Option<&str>) -> Result<Vec<DeviceRow>> {
        self.with(|client| {
            let rows = client.query(
                "SELECT id, name, branch, last_seen, paired_at IS NOT NULL,
                        revoked_at IS NOT NULL, register_code, replaced_by
                 FROM devices WHERE $1::TEXT IS NULL OR branch = $1 ORDER BY created_at, id",
                &[&branch],
            )?;
            Ok(rows
                .iter()
                .map(|row| DeviceRow {
                    id: row.get(0),
                    name: row.get(1),
                    branch: row.get(2),
                    last_seen: row.get(3),
                    paired: row.get(4),
                    revoked: row.get(5),
                    register_code: row.get(6),
                    replaced_by: row.get(7),
                })
                .collect())
        })
    }

    fn revoke_device(&self, id: &str, now: i64) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE devices SET revoked_at = coalesce(revoked_at, $2), code_hash = NULL
                 WHERE id = $1",
                &[&id, &now],
            )?;
            if changed == 0 {
                return Err(ServerError::not_found(format!("no device {id}")));
            }
            Ok(())
        })
    }

    fn pair(&self, pairing: &Pairing, now: i64) -> Result<Paired> {
        self.write(|tx| {
            // The rules read the counter's other slots (one live slot per
            // counter) and the branch's register codes, rows that READ
            // COMMITTED does not lock: without this lock the same counter,
            // typing codes of two branches at once, was paired with both.
            // Taken first, before any row lock, so it cannot deadlock.
            tx.execute(
                "SELECT pg_advisory_xact_lock($1, hashtext($2))",
                &[&PAIR_LOCK, &pairing.op_device.to_string()],
            )?;
            pairing::pair(&mut PgTx(tx), pairing, now)
        })
    }

    fn authenticate(&self, token_hash: &str, now: i64) -> Result<Device> {
        self.with(|client| {
            let row = client
                .query_opt(
                    "SELECT d.id, b.tenant, d.branch, d.op_device, d.revoked_at, d.last_seen
                     FROM devices d JOIN branches b ON b.id = d.branch WHERE d.token_hash = $1",
                    &[&token_hash],
                )?
                .ok_or_else(pairing::unknown_token)?;
            if row.get::<_, Option<i64>>(4).is_some() {
                return Err(pairing::revoked_token());
            }
            let id: String = row.get(0);
            let op_device = pairing::op_device(row.get(3))?;
            let last_seen: Option<i64> = row.get(5);
            if last_seen.is_none_or(|seen| now - seen > 60_000) {
                client.execute(
                    "UPDATE devices SET last_seen = $2 WHERE id = $1",
                    &[&id, &now],
                )?;
            }
            Ok(Device {
                id,
                tenant: row.get(1),
                branch: row.get(2),
                op_device,
            })
        })
    }

    fn push(&self, device: &Device, ops: &[Op]) -> Result<Pushed> {
        self.write(|tx| {
            // The branch lock first: a retried push racing its original waits
            // here and then finds the ops held, instead of failing on a key.
            tx.execute(
                "SELECT 1 FROM branches WHERE id = $1 FOR UPDATE",
                &[&device.branch],
            )?;
            push::apply(&mut PgTx(tx), device, ops)
        })
    }

    fn pull(&self, device: &Device, after: u64, limit: usize) -> Result<Pulled> {
        self.with(|client| {
            let through = last_device_seq(client, device.op_device)?;
            let rows = client.query(
                "SELECT server_seq, op_device, op FROM ops
                 WHERE branch = $1 AND server_seq > $2 ORDER BY server_seq LIMIT $3",
                &[&device.branch, &(after as i64), &(limit as i64 + 1)],
            )?;
            super::page(
                device,
                after,
                limit,
                through,
                rows.iter()
                    .map(|row| (row.get::<_, i64>(0) as u64, row.get(1), row.get(2))),
            )
        })
    }

    fn own(&self, device: &Device, after: u64, limit: usize) -> Result<Own> {
        self.with(|client| {
            // `through` first: ops are never removed, so every op up to it
            // is visible to the second statement.
            let through = last_device_seq(client, device.op_device)?;
            let rows = client.query(
                "SELECT op FROM ops
                 WHERE op_device = $1 AND branch = $2 AND device_seq > $3 AND device_seq <= $4
                 ORDER BY device_seq LIMIT $5",
                &[
                    &device.op_device.to_string(),
                    &device.branch,
                    &(after as i64),
                    &(through as i64),
                    &(limit as i64 + 1),
                ],
            )?;
            super::own_page(after, limit, through, rows.iter().map(|row| row.get(0)))
        })
    }

    fn rekey(&self, token_hash: &str, request: &Rekey, now: i64) -> Result<Rekeyed> {
        self.write(|tx| {
            // As pairing: the rules read which slots hold the new device id,
            // rows READ COMMITTED does not lock. Taken before any row lock.
            tx.execute(
                "SELECT pg_advisory_xact_lock($1, hashtext($2))",
                &[&PAIR_LOCK, &request.op_device.to_string()],
            )?;
            rekey::rekey(&mut PgTx(tx), token_hash, request, now)
        })
    }

    fn op_count(&self) -> Result<(u64, u64)> {
        self.with(|client| {
            let row = client.query_one("SELECT count(*), count(DISTINCT id) FROM ops", &[])?;
            Ok((row.get::<_, i64>(0) as u64, row.get::<_, i64>(1) as u64))
        })
    }
}

struct PgTx<'a, 'c>(&'a mut Transaction<'c>);

/// The highest `device_seq` held for a device, 0 for none.
fn last_device_seq(client: &mut impl GenericClient, op_device: DeviceId) -> Result<u64> {
    let row = client.query_one(
        "SELECT coalesce(max(device_seq), 0) FROM ops WHERE op_device = $1",
        &[&op_device.to_string()],
    )?;
    Ok(row.get::<_, i64>(0) as u64)
}

impl PushTx for PgTx<'_, '_> {
    fn last_device_seq(&mut self, op_device: DeviceId) -> Result<u64> {
        last_device_seq(self.0, op_device)
    }

    fn held(&mut self, id: OpId) -> Result<Option<String>> {
        Ok(self
            .0
            .query_opt("SELECT op FROM ops WHERE id = $1", &[&id.to_string()])?
            .map(|row| row.get(0)))
    }

    fn claim(&mut self, entity: EntityId, tenant: &str) -> Result<String> {
        let entity = entity.to_string();
        self.0.execute(
            "INSERT INTO entities (entity, tenant) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&entity, &tenant],
        )?;
        Ok(self
            .0
            .query_one("SELECT tenant FROM entities WHERE entity = $1", &[&entity])?
            .get(0))
    }

    fn take_seqs(&mut self, branch: &str, n: u64) -> Result<u64> {
        let last: i64 = self
            .0
            .query_one(
                "UPDATE branches SET last_seq = last_seq + $2 WHERE id = $1 RETURNING last_seq",
                &[&branch, &(n as i64)],
            )?
            .get(0);
        Ok(last as u64 - n + 1)
    }

    fn insert(&mut self, branch: &str, server_seq: u64, op: &Op, json: &str) -> Result<()> {
        self.0.execute(
            "INSERT INTO ops (branch, server_seq, id, op_device, device_seq, op)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &branch,
                &(server_seq as i64),
                &op.id.to_string(),
                &op.device_id.to_string(),
                &(op.device_seq as i64),
                &json,
            ],
        )?;
        Ok(())
    }
}

impl pairing::PairTx for PgTx<'_, '_> {
    fn slot(&mut self, code_hash: &str) -> Result<Option<pairing::Slot>> {
        // FOR UPDATE OF d: two counters typing the same code at once cannot
        // both spend it; the second sees it cleared. OF b: pairings on one
        // branch take turns with each other and with its pushes, so two
        // counters cannot take one register code, and `last_seq` (whether
        // the branch holds data) stays true until the pairing commits.
        Ok(self
            .0
            .query_opt(
                "SELECT d.id, d.branch, b.tenant, d.code_expires_at, b.last_seq
                 FROM devices d JOIN branches b ON b.id = d.branch
                 WHERE d.code_hash = $1 AND d.revoked_at IS NULL FOR UPDATE OF d, b",
                &[&code_hash],
            )?
            .map(|row| pairing::Slot {
                device: row.get(0),
                branch: row.get(1),
                tenant: row.get(2),
                expires_at: row.get(3),
                branch_seq: row.get::<_, i64>(4) as u64,
            }))
    }

    fn bindings(&mut self, op_device: DeviceId) -> Result<Vec<pairing::Binding>> {
        Ok(self
            .0
            .query(
                "SELECT branch, revoked_at IS NOT NULL, replaced_by IS NOT NULL
                 FROM devices WHERE op_device = $1",
                &[&op_device.to_string()],
            )?
            .iter()
            .map(|row| pairing::Binding {
                branch: row.get(0),
                revoked: row.get(1),
                replaced: row.get(2),
            })
            .collect())
    }

    fn register_codes(&mut self, branch: &str) -> Result<Vec<String>> {
        Ok(self
            .0
            .query(
                "SELECT register_code FROM devices WHERE branch = $1 AND register_code IS NOT NULL",
                &[&branch],
            )?
            .iter()
            .map(|row| row.get(0))
            .collect())
    }

    fn bind(
        &mut self,
        device: &str,
        pairing: &Pairing,
        register_code: &str,
        now: i64,
    ) -> Result<()> {
        self.0.execute(
            "UPDATE devices SET code_hash = NULL, code_expires_at = NULL, token_hash = $2,
                    op_device = $3, register_code = $4, paired_at = $5, last_seen = $5
             WHERE id = $1",
            &[
                &device,
                &pairing.token_hash,
                &pairing.op_device.to_string(),
                &register_code,
                &now,
            ],
        )?;
        Ok(())
    }
}

/// The columns `TokenSlot` reads, after `FROM devices d JOIN branches b`.
const TOKEN_SLOT: &str = "SELECT d.id, d.branch, b.tenant, d.name, d.op_device, d.register_code,
        d.token_hash, d.revoked_at IS NOT NULL, d.replaced_by
 FROM devices d JOIN branches b ON b.id = d.branch";

fn token_slot(row: &postgres::Row) -> TokenSlot {
    TokenSlot {
        id: row.get(0),
        branch: row.get(1),
        tenant: row.get(2),
        name: row.get(3),
        op_device: row.get(4),
        register_code: row.get(5),
        token_hash: row.get(6),
        revoked: row.get(7),
        replaced_by: row.get(8),
    }
}

impl RekeyTx for PgTx<'_, '_> {
    fn slot_by_token(&mut self, token_hash: &str) -> Result<Option<TokenSlot>> {
        let Some(branch) = self
            .0
            .query_opt(
                "SELECT branch FROM devices WHERE token_hash = $1",
                &[&token_hash],
            )?
            .map(|row| row.get::<_, String>(0))
        else {
            return Ok(None);
        };
        // The branch lock pushes take first: a push of the old device id in
        // flight commits before `through` is read, and none starts after.
        self.0.execute(
            "SELECT 1 FROM branches WHERE id = $1 FOR UPDATE",
            &[&branch],
        )?;
        Ok(self
            .0
            .query_opt(
                &format!("{TOKEN_SLOT} WHERE d.token_hash = $1 FOR UPDATE OF d"),
                &[&token_hash],
            )?
            .map(|row| token_slot(&row)))
    }

    fn slot_by_id(&mut self, id: &str) -> Result<Option<TokenSlot>> {
        Ok(self
            .0
            .query_opt(&format!("{TOKEN_SLOT} WHERE d.id = $1"), &[&id])?
            .map(|row| token_slot(&row)))
    }

    fn retire(&mut self, old: &str, new: &TokenSlot, now: i64) -> Result<()> {
        self.0.execute(
            "INSERT INTO devices (id, branch, name, token_hash, op_device, register_code,
                                  paired_at, last_seen, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7)",
            &[
                &new.id,
                &new.branch,
                &new.name,
                &new.token_hash,
                &new.op_device,
                &new.register_code,
                &now,
            ],
        )?;
        self.0.execute(
            "UPDATE devices SET revoked_at = $2, replaced_by = $3, code_hash = NULL WHERE id = $1",
            &[&old, &now, &new.id],
        )?;
        Ok(())
    }
}
