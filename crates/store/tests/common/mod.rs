//! Helpers for store tests: real database files in a temp dir, and a
//! snapshot of every row of every table to prove that a refused command
//! wrote nothing.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use caredesk_store::{Ctx, InitSettings, NewCustomer, Store};
use rusqlite::Connection;

pub mod sale;
pub mod spa;

pub struct TestDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub store: Store,
}

pub fn vietnam() -> TestDb {
    with(InitSettings::default())
}

pub fn indonesia() -> TestDb {
    with(InitSettings {
        business: caredesk_domain::BusinessSettings::for_country(
            caredesk_domain::Country::Indonesia,
        ),
        ..InitSettings::default()
    })
}

pub fn with(settings: InitSettings) -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("counter.db");
    let store = Store::init(&path, settings).expect("init");
    TestDb { dir, path, store }
}

impl TestDb {
    pub fn ctx(&self) -> Ctx {
        self.store.context(None).expect("owner context")
    }

    /// Local wall-clock time `YYYY-MM-DDTHH:MM` in the business's zone.
    pub fn at(&self, local: &str) -> jiff::Timestamp {
        self.store.local_time(local).expect("local time")
    }

    /// The owner acting when the clock says `local`.
    pub fn ctx_at(&self, local: &str) -> Ctx {
        self.store.context(Some(self.at(local))).expect("context")
    }

    /// Every projection equals the fold of its ops.
    pub fn assert_folds_hold(&self) {
        let mismatches = self.store.verify_projections().expect("verify");
        assert!(mismatches.is_empty(), "{mismatches:?}");
    }

    pub fn add(&mut self, name: &str, phone: &str) -> caredesk_store::Customer {
        let ctx = self.ctx();
        self.store
            .customers_mut()
            .add_customer(
                &ctx,
                NewCustomer {
                    name: name.to_owned(),
                    phone: phone.to_owned(),
                    ..NewCustomer::default()
                },
            )
            .expect("customer added")
    }
}

/// Runs `attempt` and expects it refused with `code`, with not one row of
/// the database at `path` changed.
pub fn refused<S, T: std::fmt::Debug>(
    subject: &mut S,
    path: &Path,
    code: &str,
    attempt: impl FnOnce(&mut S) -> caredesk_store::Result<T>,
) {
    let before = snapshot(path);
    let error = attempt(subject).expect_err("refused");
    assert_eq!(error.code(), code, "{error}");
    assert_eq!(snapshot(path), before, "a refusal wrote something");
}

/// Every row of every table (FTS shadow tables included), in rowid order,
/// as text. Two equal snapshots mean nothing was written in between.
pub fn snapshot(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).expect("second connection");
    let mut tables: Vec<(String, bool)> = conn
        .prepare(
            "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema
             WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
        )
        .expect("schema")
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("table names");
    tables.retain(|(name, _)| !name.starts_with("sqlite_"));
    let mut out = Vec::new();
    for (table, without_rowid) in tables {
        let order = if without_rowid { "1" } else { "rowid" };
        let mut statement = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY {order}"))
            .expect("select");
        let columns = statement.column_count();
        let rows = statement
            .query_map([], |row| {
                let mut line = format!("{table}:");
                for i in 0..columns {
                    let value: rusqlite::types::Value = row.get(i)?;
                    line.push_str(&format!(" {value:?}"));
                }
                Ok(line)
            })
            .expect("rows");
        for row in rows {
            out.push(row.expect("row"));
        }
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    out.push(format!("user_version: {version}"));
    out
}
