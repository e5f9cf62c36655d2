//! The wallets projection: the folded ledger per customer, and one row per
//! credit for the daily job and reports. A wallet's fold is order-sensitive
//! (which credit a spend used depends on what came before), so it goes
//! through `crate::ordered`.

use caredesk_domain::event::Event;
use caredesk_domain::id::{CustomerId, EntityId};
use caredesk_domain::op::Op;
use caredesk_domain::wallet::{WalletChange, WalletEvent, WalletState};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::business::to_json;
use crate::catalog::parse_state;
use crate::error::Result;
use crate::ordered::{self, OrderedFold, next_state};

impl OrderedFold for WalletState {
    fn pick(event: Event) -> Option<WalletEvent> {
        match event {
            Event::Wallet(event) => Some(event),
            _ => None,
        }
    }
}

pub(crate) fn apply(tx: &Transaction<'_>, op: &Op, event: &WalletEvent) -> Result<()> {
    let customer = CustomerId::from_uuid(*op.entity.as_uuid());
    match next_state(tx, op.entity, load(tx, customer)?, op, event)? {
        Some(state) => save(tx, customer, &state),
        None => Ok(()),
    }
}

pub(crate) fn refold(conn: &Connection, customer: CustomerId) -> Result<Option<WalletState>> {
    ordered::refold(conn, EntityId::from(customer))
}

pub(crate) fn load(conn: &Connection, customer: CustomerId) -> Result<Option<WalletState>> {
    conn.prepare_cached("SELECT state FROM wallets WHERE customer_id = ?1")?
        .query_row([customer.to_string()], |row| row.get::<_, String>(0))
        .optional()?
        .map(|json| parse_state(&json, "wallet"))
        .transpose()
}

fn save(tx: &Transaction<'_>, customer: CustomerId, state: &WalletState) -> Result<()> {
    let key = customer.to_string();
    tx.prepare_cached(
        "INSERT INTO wallets (customer_id, currency, real, state) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (customer_id) DO UPDATE SET currency = excluded.currency,
             real = excluded.real, state = excluded.state",
    )?
    .execute(params![
        key,
        state.currency.code(),
        state.real,
        to_json(state)
    ])?;
    tx.prepare_cached("DELETE FROM wallet_credits WHERE customer_id = ?1")?
        .execute([&key])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO wallet_credits (credit_id, customer_id, amount, remaining, expires_at,
                                     expiry_recorded, issued_at, used)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for credit in &state.credits {
        insert.execute(params![
            credit.id.to_string(),
            key,
            credit.amount,
            credit.remaining(),
            credit.expires_at.as_millisecond(),
            credit.expiry_recorded,
            credit.issued_at.as_millisecond(),
            credit.used,
        ])?;
    }
    tx.prepare_cached("DELETE FROM wallet_entries WHERE customer_id = ?1")?
        .execute([&key])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO wallet_entries (customer_id, seq, at, real_delta, from_virtual)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (seq, entry) in state.entries.iter().enumerate() {
        let from_virtual = match &entry.change {
            WalletChange::Spent { from_virtual, .. } => *from_virtual,
            _ => 0,
        };
        insert.execute(params![
            key,
            seq as i64,
            entry.at.as_millisecond(),
            entry.real_after - entry.real_before,
            from_virtual,
        ])?;
    }
    Ok(())
}
