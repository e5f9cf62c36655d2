//! The business days stored in projections: the `day` column of sales, of
//! their lines and money, and of drawer sessions, each the date the
//! business's time zone puts the row's own moment on (what reports by day
//! and the drawers of a day read through an index). A change of zone moves
//! them all, in the transaction that folds the change, so no reader ever
//! sees days of the old zone; a counter that folded the same ops with the
//! new zone from the start stores the same days.
//!
//! A closed register day (`closed_days`) is not moved: it is a date the
//! manager named, not a moment. See docs/architecture/time.md, "A closed
//! register day after a zone change".

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rusqlite::{Connection, Transaction, params};

use crate::error::{Result, StoreError};
use crate::sales::projection::day_of;

/// Each table's stored day, its key and the moment the day is of.
const TABLES: &[(&str, &str, &str)] = &[
    ("sales", "id", "at"),
    ("sale_money", "sale_id || ' ' || seq", "at"),
    ("drawers", "id", "opened_at"),
];

/// Moves every stored day to where `zone` puts it.
pub(crate) fn rezone(tx: &Transaction<'_>, zone: &TimeZone) -> Result<()> {
    // A sale's lines are dated by the sale (and keyed by that day), so
    // they move with it.
    for (key, was, now) in moved(tx, "sales", "id || ' ' || register", "at", zone)? {
        let (id, register) = split(&key)?;
        tx.prepare_cached("UPDATE sales SET day = ?1 WHERE id = ?2")?
            .execute(params![now, id])?;
        tx.prepare_cached(
            "UPDATE sale_lines SET day = ?1 WHERE day = ?2 AND register = ?3 AND sale_id = ?4",
        )?
        .execute(params![now, was, register, id])?;
    }
    for (key, _, now) in moved(tx, "sale_money", "sale_id || ' ' || seq", "at", zone)? {
        let (sale, seq) = split(&key)?;
        tx.prepare_cached("UPDATE sale_money SET day = ?1 WHERE sale_id = ?2 AND seq = ?3")?
            .execute(params![now, sale, seq])?;
    }
    for (id, _, now) in moved(tx, "drawers", "id", "opened_at", zone)? {
        tx.prepare_cached("UPDATE drawers SET day = ?1 WHERE id = ?2")?
            .execute(params![now, id])?;
    }
    Ok(())
}

fn split(key: &str) -> Result<(&str, &str)> {
    key.split_once(' ')
        .ok_or_else(|| StoreError::Corrupt(format!("row key {key:?}")))
}

/// The rows of `table` whose stored day is not the one `zone` gives their
/// moment: (key, stored day, right day).
fn moved(
    conn: &Connection,
    table: &str,
    key: &str,
    at: &str,
    zone: &TimeZone,
) -> Result<Vec<(String, String, String)>> {
    let mut statement = conn.prepare(&format!("SELECT {key}, day, {at} FROM {table}"))?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, i64>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (key, stored, at) = row?;
        let at = Timestamp::from_millisecond(at)
            .map_err(|e| StoreError::Corrupt(format!("{table} time {at}: {e}")))?;
        let day = day_of(at, zone);
        if day != stored {
            out.push((key, stored, day));
        }
    }
    Ok(out)
}

/// Rows whose stored day is not the one `zone` gives them, for
/// `verify_projections`.
pub(crate) fn stale(conn: &Connection, zone: &TimeZone) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for (table, key, at) in TABLES {
        for (key, stored, day) in moved(conn, table, key, at, zone)? {
            found.push(format!(
                "{table} {key}: stored on {stored}, the business's zone puts it on {day}"
            ));
        }
    }
    // Lines are dated by their sale.
    let mut statement = conn.prepare(
        "SELECT l.sale_id || ' ' || l.line, l.day, s.day FROM sale_lines l
         JOIN sales s ON s.id = l.sale_id WHERE l.day != s.day",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (key, stored, day) = row?;
        found.push(format!(
            "sale_lines {key}: stored on {stored}, its sale is on {day}"
        ));
    }
    Ok(found)
}
