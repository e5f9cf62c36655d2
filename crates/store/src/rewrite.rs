//! The two places where this counter's log is rewritten, and what they need:
//! the immutability triggers lifted for one transaction, and every
//! projection folded again from the whole log.
//!
//! Ops are immutable because other counters and the server hold copies. The
//! ops rewritten here were never accepted by the server, so nobody else
//! holds them: a restored counter's ops made before it learned what it had
//! pushed (their `device_seq` moves past the server's), and a re-keyed
//! counter's ops the server refused as stamped ahead of its clock (new
//! device id, sequence numbers and stamps; same ids, actors and bodies).

use rusqlite::Transaction;

use crate::error::{Result, StoreError};
use crate::project::{self, Batch};

/// Runs `f` with the triggers that keep `ops` immutable dropped, and puts
/// them back, from their own SQL, before returning. All inside `tx`: if
/// anything fails, the transaction is dropped and the triggers never left.
pub(crate) fn with_log_unlocked<T>(
    tx: &Transaction<'_>,
    f: impl FnOnce(&Transaction<'_>) -> Result<T>,
) -> Result<T> {
    let triggers: Vec<(String, String)> = {
        let mut statement = tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ops'
             ORDER BY name",
        )?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if triggers.is_empty() {
        return Err(StoreError::Corrupt(
            "the op log has lost its immutability triggers".into(),
        ));
    }
    for (name, _) in &triggers {
        tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    let value = f(tx)?;
    for (_, sql) in &triggers {
        tx.execute_batch(sql)?;
    }
    Ok(value)
}

/// Every table folded from the op log: cleared and folded again by
/// `rebuild_projections`.
const PROJECTIONS: &[&str] = &[
    "business",
    "staff",
    "customers",
    "services",
    "rooms",
    "bookings",
    "booking_items",
    "classes",
    "class_places",
    "packages",
    "treatments",
    "wallets",
    "wallet_credits",
    "wallet_entries",
    "sales",
    "sale_lines",
    "sale_money",
    "drawers",
    "closed_days",
    "tickets",
];

/// The customers' full-text indexes (FTS5, contentless): emptied with their
/// own `delete-all` command, refilled by the customers' folds.
const SEARCH_INDEXES: &[&str] = &["customer_names", "customer_phones"];

/// Tables that are this counter's own and not folds of the log: kept.
const LOCAL: &[&str] = &[
    "device",
    "ops",
    "register_series",
    "pin_attempts",
    "sync_link",
    "sync_state",
    "rekeys",
];

/// Clears every projection and folds the whole log into them again, in
/// canonical order, as a counter joining a branch folds what it pulls. A
/// table this code does not know as a projection or as local refuses the
/// rebuild rather than being guessed at: wrongly cleared, a local table
/// would lose what no op can give back.
pub(crate) fn rebuild_projections(tx: &Transaction<'_>) -> Result<()> {
    if let Some(table) = unclassified_tables(tx)?.first() {
        return Err(StoreError::Corrupt(format!(
            "table {table} is neither a projection nor local to this counter: the projections \
             cannot be folded again"
        )));
    }
    for table in PROJECTIONS {
        tx.execute_batch(&format!("DELETE FROM {table}"))?;
    }
    for index in SEARCH_INDEXES {
        tx.execute_batch(&format!(
            "INSERT INTO {index} ({index}) VALUES ('delete-all')"
        ))?;
    }
    let mut batch = Batch::default();
    let mut statement = tx.prepare(
        "SELECT seq, id, device_id, device_seq, hlc, actor, kind, schema, entity, body, approver
         FROM ops ORDER BY hlc, id",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let op = crate::oplog::read_op(row)?;
        if let Some(event) = op.event()? {
            project::apply(tx, &mut batch, &op, &event)?;
        }
    }
    batch.finish(tx)
}

/// Tables of the schema in none of the lists above (FTS5's own shadow
/// tables aside).
pub(crate) fn unclassified_tables(tx: &rusqlite::Connection) -> Result<Vec<String>> {
    let mut statement = tx.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         ORDER BY name",
    )?;
    let names = statement.query_map([], |row| row.get::<_, String>(0))?;
    let mut unknown = Vec::new();
    for name in names {
        let name = name?;
        let shadow = SEARCH_INDEXES
            .iter()
            .any(|index| name.strip_prefix(index).is_some_and(|s| s.starts_with('_')));
        let known = PROJECTIONS.contains(&name.as_str())
            || SEARCH_INDEXES.contains(&name.as_str())
            || LOCAL.contains(&name.as_str());
        if !known && !shadow {
            unknown.push(name);
        }
    }
    Ok(unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table a later migration adds must be listed above as a projection
    /// or as local, or re-keying a counter would refuse to run.
    #[test]
    fn every_table_is_a_projection_or_local() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory");
        let tx = conn.transaction().expect("tx");
        crate::db::apply_pending(&tx).expect("schema");
        assert_eq!(
            unclassified_tables(&tx).expect("tables"),
            Vec::<String>::new()
        );
        for table in PROJECTIONS.iter().chain(SEARCH_INDEXES).chain(LOCAL) {
            let exists: bool = tx
                .query_row(
                    "SELECT count(*) > 0 FROM sqlite_master WHERE name = ?1",
                    [table],
                    |row| row.get(0),
                )
                .expect("lookup");
            assert!(exists, "{table} is listed but not in the schema");
        }
    }
}
