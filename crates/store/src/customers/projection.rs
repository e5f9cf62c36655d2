//! The customers projection: each customer's folded state, plus the columns
//! and search rows read from it.

use caredesk_domain::customer::{CustomerEvent, CustomerState};
use caredesk_domain::id::CustomerId;
use caredesk_domain::op::Op;
use caredesk_domain::{Country, text};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::business::{load_settings, to_json};
use crate::error::{Result, StoreError};

pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, event: &CustomerEvent) -> Result<()> {
    let id = CustomerId::from_uuid(*op.entity.as_uuid());
    let mut state = load(tx, id)?.unwrap_or_else(|| CustomerState::new(id));
    state.apply(op.stamp(), op.actor, event);
    save(tx, &state, load_settings(tx)?.country)
}

pub(crate) fn load(conn: &Connection, id: CustomerId) -> Result<Option<CustomerState>> {
    conn.prepare_cached("SELECT state FROM customers WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| {
            serde_json::from_str(&json)
                .map_err(|e| StoreError::Corrupt(format!("customer state {id}: {e}")))
        })
        .transpose()
}

/// Writes the state and, when the name or phone changed, the search rows.
pub(crate) fn save(tx: &Transaction<'_>, state: &CustomerState, home: Country) -> Result<()> {
    let record = state.record();
    let previous: Option<(i64, Option<String>, Option<String>)> = tx
        .prepare_cached("SELECT num, name_key, phone FROM customers WHERE id = ?1")?
        .query_row([state.id.to_string()], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?;
    // A merged file keeps its row (its name still tells its history) but
    // leaves every lookup: no search rows, no phone, no code to find.
    let merged_into = state.merged_into();
    let findable = record.as_ref().filter(|_| merged_into.is_none());
    let name_key = findable.map(|r| text::fold(&r.name));
    let phone = findable.map(|r| r.phone.e164().to_owned());
    let num: i64 = tx
        .prepare_cached(
            "INSERT INTO customers (id, registered, code, code_key, name, name_key, phone, email,
                                    address, registered_at, state, merged_into)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (id) DO UPDATE SET
                registered = excluded.registered, code = excluded.code,
                code_key = excluded.code_key, name = excluded.name,
                name_key = excluded.name_key, phone = excluded.phone, email = excluded.email,
                address = excluded.address, registered_at = excluded.registered_at,
                state = excluded.state, merged_into = excluded.merged_into
             RETURNING num",
        )?
        .query_row(
            params![
                state.id.to_string(),
                record.is_some(),
                record.as_ref().map(|r| r.code.clone()),
                findable.map(|r| r.code.to_uppercase()),
                record.as_ref().map(|r| r.name.clone()),
                name_key,
                phone,
                record.as_ref().and_then(|r| r.email.clone()),
                record.as_ref().and_then(|r| r.address.clone()),
                record.as_ref().map(|r| r.registered_at.as_millisecond()),
                to_json(state),
                merged_into.map(|m| m.to_string()),
            ],
            |row| row.get(0),
        )?;

    let (old_name_key, old_phone) = match previous {
        Some((_, name_key, phone)) => (name_key, phone),
        None => (None, None),
    };
    if old_name_key != name_key {
        tx.prepare_cached("DELETE FROM customer_names WHERE rowid = ?1")?
            .execute([num])?;
        if let Some(key) = &name_key {
            tx.prepare_cached("INSERT INTO customer_names (rowid, name_key) VALUES (?1, ?2)")?
                .execute(params![num, key])?;
        }
    }
    if old_phone != phone {
        tx.prepare_cached("DELETE FROM customer_phones WHERE rowid = ?1")?
            .execute([num])?;
        if let Some(record) = findable {
            let digits = record.phone.search_digits(home).join(" ");
            tx.prepare_cached("INSERT INTO customer_phones (rowid, digits) VALUES (?1, ?2)")?
                .execute(params![num, digits])?;
        }
    }
    Ok(())
}
