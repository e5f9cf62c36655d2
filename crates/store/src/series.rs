//! Each register's own number series (receipts, customer codes, ticket
//! codes): numbers people read, unique across counters without asking
//! anyone because the register's code is part of what they number.

use rusqlite::Connection;

use crate::error::Result;

/// The next number of `series` on this register, from 1, inside the
/// caller's transaction (a command that fails gives its number back).
pub(crate) fn next_number(conn: &Connection, series: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO register_series (series, last) VALUES (?1, 1)
             ON CONFLICT (series) DO UPDATE SET last = last + 1
             RETURNING last",
        )?
        .query_row([series], |row| row.get(0))?)
}
