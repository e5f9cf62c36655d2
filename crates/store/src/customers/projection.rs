//! The customers projection: each customer's folded state, plus the columns
//! and search rows read from it.

use std::collections::BTreeMap;

use caredesk_domain::customer::{CustomerEvent, CustomerState};
use caredesk_domain::id::CustomerId;
use caredesk_domain::op::Op;
use caredesk_domain::{Country, text};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::business::to_json;
use crate::error::{Result, StoreError};
use crate::project::Batch;

pub(crate) fn apply(
    tx: &Transaction<'_>,
    batch: &mut Batch,
    op: &Op,
    event: &CustomerEvent,
) -> Result<()> {
    let id = CustomerId::from_uuid(*op.entity.as_uuid());
    let (mut state, stored) = match load_row(tx, id)? {
        Some((state, keys)) => (state, keys),
        None => (CustomerState::new(id), SearchKeys::default()),
    };
    state.apply(op.stamp(), op.actor, event);
    let home = batch.country(tx)?;
    save(tx, batch.search(), &state, &stored, home)
}

pub(crate) fn load(conn: &Connection, id: CustomerId) -> Result<Option<CustomerState>> {
    Ok(load_row(conn, id)?.map(|(state, _)| state))
}

/// What a customer's search rows were made from: the name and, live or
/// merged, the phone.
#[derive(Default)]
struct SearchKeys {
    name_key: Option<String>,
    phone: Option<String>,
}

/// The state and search keys of a stored customer, in one read.
fn load_row(conn: &Connection, id: CustomerId) -> Result<Option<(CustomerState, SearchKeys)>> {
    let row: Option<(String, SearchKeys)> = conn
        .prepare_cached(
            "SELECT state, name_key, coalesce(phone, former_phone) FROM customers WHERE id = ?1",
        )?
        .query_row([id.to_string()], |row| {
            let keys = SearchKeys {
                name_key: row.get(1)?,
                phone: row.get(2)?,
            };
            Ok((row.get(0)?, keys))
        })
        .optional()?;
    row.map(|(json, keys)| {
        serde_json::from_str(&json)
            .map(|state| (state, keys))
            .map_err(|e| StoreError::Corrupt(format!("customer state {id}: {e}")))
    })
    .transpose()
}

/// Writes the state and, when the name or phone changed, queues the search
/// rows.
fn save(
    tx: &Transaction<'_>,
    search: &mut SearchRows,
    state: &CustomerState,
    stored: &SearchKeys,
    home: Country,
) -> Result<()> {
    let record = state.record();
    // A merged file keeps its row (its name still tells its history) and
    // leaves the name search and the live phones (a counter may give the
    // number to someone else; duplicate phones are live ones). Its code
    // and phone still find it, and search leads from it to the file it
    // was merged into: the customer gives the number they always gave.
    let merged_into = state.merged_into();
    let findable = record.as_ref().filter(|_| merged_into.is_none());
    let name_key = findable.map(|r| text::fold(&r.name));
    let phone = record.as_ref().map(|r| r.phone.e164().to_owned());
    let (live_phone, former_phone) = if merged_into.is_some() {
        (None, phone.clone())
    } else {
        (phone.clone(), None)
    };
    let num: i64 = tx
        .prepare_cached(
            "INSERT INTO customers (id, registered, code, code_key, name, name_key, phone, email,
                                    address, registered_at, state, merged_into, former_phone)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT (id) DO UPDATE SET
                registered = excluded.registered, code = excluded.code,
                code_key = excluded.code_key, name = excluded.name,
                name_key = excluded.name_key, phone = excluded.phone, email = excluded.email,
                address = excluded.address, registered_at = excluded.registered_at,
                state = excluded.state, merged_into = excluded.merged_into,
                former_phone = excluded.former_phone
             RETURNING num",
        )?
        .query_row(
            params![
                state.id.to_string(),
                record.is_some(),
                record.as_ref().map(|r| r.code.clone()),
                record.as_ref().map(|r| r.code.to_uppercase()),
                record.as_ref().map(|r| r.name.clone()),
                name_key,
                live_phone,
                record.as_ref().and_then(|r| r.email.clone()),
                record.as_ref().and_then(|r| r.address.clone()),
                record.as_ref().map(|r| r.registered_at.as_millisecond()),
                to_json(state),
                merged_into.map(|m| m.to_string()),
                former_phone,
            ],
            |row| row.get(0),
        )?;

    if stored.name_key != name_key {
        search.names.set(num, stored.name_key.is_some(), name_key);
    }
    if stored.phone != phone {
        // The digits are read with the country of now, as the row would
        // have been written now.
        let digits = record
            .as_ref()
            .map(|r| r.phone.search_digits(home).join(" "));
        search.phones.set(num, stored.phone.is_some(), digits);
    }
    Ok(())
}

/// Writes every merged file's row again as `save` writes it now: a file
/// merged by an older build left search altogether (no code key, no phone,
/// no phone search row). For the migration that brought `former_phone`.
pub(crate) fn refresh_merged(tx: &Transaction<'_>, home: Country) -> Result<()> {
    let ids: Vec<String> = tx
        .prepare("SELECT id FROM customers WHERE merged_into IS NOT NULL ORDER BY num")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut search = SearchRows::default();
    for id in ids {
        let id: CustomerId = id
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("customer id {id:?}")))?;
        if let Some((state, stored)) = load_row(tx, id)? {
            save(tx, &mut search, &state, &stored, home)?;
        }
    }
    search.write(tx)
}

/// The search rows of the customers saved in one transaction, written just
/// before it commits. FTS5 moves the rows it holds in memory into a new
/// index segment at every statement savepoint, and most writes of a fold
/// open one (the op's insert, the customer's upsert), so writing the rows
/// as each op was folded made a segment, and merges of segments, per op:
/// about 40% of folding a pulled page. Written together, they are flushed
/// once. Nothing reads them inside the transaction.
#[derive(Default)]
pub(crate) struct SearchRows {
    names: Rows,
    phones: Rows,
}

impl SearchRows {
    pub(crate) fn write(self, tx: &Transaction<'_>) -> Result<()> {
        self.names.write(tx, "customer_names", "name_key")?;
        self.phones.write(tx, "customer_phones", "digits")
    }
}

/// One search table's rows to change, by customer `num`: whether the
/// table held a row for it before the transaction (it does exactly when
/// the stored key was set), and the text it holds after (`None`: no row).
#[derive(Default)]
struct Rows(BTreeMap<i64, (bool, Option<String>)>);

impl Rows {
    fn set(&mut self, num: i64, held: bool, text: Option<String>) {
        // The first change in the transaction saw what the table holds.
        self.0.entry(num).or_insert((held, None)).1 = text;
    }

    fn write(self, tx: &Transaction<'_>, table: &str, column: &str) -> Result<()> {
        let mut delete = tx.prepare_cached(&format!("DELETE FROM {table} WHERE rowid = ?1"))?;
        let mut insert = tx.prepare_cached(&format!(
            "INSERT INTO {table} (rowid, {column}) VALUES (?1, ?2)"
        ))?;
        for (num, (held, text)) in self.0 {
            if held {
                delete.execute([num])?;
            }
            if let Some(text) = text {
                insert.execute(params![num, text])?;
            }
        }
        Ok(())
    }
}
