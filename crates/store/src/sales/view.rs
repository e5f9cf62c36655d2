//! Reading a sale back: by id or by receipt number, with what its wallet
//! payment took from virtual credit (the wallet's fold decides that, so it
//! is read from the wallet, not stored on the sale).

use std::ops::Deref;

use caredesk_domain::id::{SaleId, TreatmentId};
use caredesk_domain::sale::SaleState;
use caredesk_domain::wallet::WalletChange;
use rusqlite::{Connection, OptionalExtension};

use super::projection::load;
use super::refund::cards_now;
use super::{RefundView, SaleView};
use crate::Sales;
use crate::error::{Result, StoreError};
use crate::{Store, staff, wallets};

impl<S: Deref<Target = Store>> Sales<S> {
    /// A sale by id or receipt number.
    pub fn sale(&self, text: &str) -> Result<SaleView> {
        let id = self.find_sale(text)?;
        let state = load(&self.conn, id)?.ok_or_else(|| StoreError::SaleNotFound(text.into()))?;
        let from_virtual = from_virtual(&self.conn, &state)?;
        let sale = &state.sale;
        let customer_name = sale
            .customer
            .map(|c| self.customers().customer(c).map(|c| c.name))
            .transpose()?;
        let actor: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT actor FROM ops WHERE entity = ?1 AND kind = 'sale.recorded' LIMIT 1",
            )?
            .query_row([id.to_string()], |row| row.get(0))
            .optional()?;
        let by_name = match actor.and_then(|a| a.parse().ok()) {
            Some(actor) => staff::name_of(&self.conn, actor)?.unwrap_or_default(),
            None => String::new(),
        };
        Ok(SaleView {
            id,
            number: sale.number.clone(),
            register: sale.register.clone(),
            customer: sale.customer,
            customer_name,
            at: self.format_time(sale.at),
            by_name,
            currency: sale.currency,
            lines: sale.lines.clone(),
            tax_rule: sale.tax_rule,
            subtotal: sale.subtotal,
            discounts: sale.discounts,
            tax: sale.tax,
            total: sale.total,
            payments: sale.payments.clone(),
            paid: sale.payments.iter().map(|p| p.amount).sum(),
            change: sale.change,
            from_virtual,
            refunded: state.refunded(),
            refundable: state.refund_cap(from_virtual, &cards_now(&self.conn, &state)?)?,
            voided: state.voided(),
            refunds: state
                .refunds
                .iter()
                .map(|r| RefundView {
                    at: self.format_time(r.at),
                    register: r.register.clone(),
                    amount: r.amount,
                    to: r.to,
                    parts: r.parts.clone(),
                    void: r.void,
                    note: r.note.clone(),
                    cards: r.cards.clone(),
                })
                .collect(),
            printed: u32::try_from(state.prints.len()).unwrap_or(u32::MAX),
            note: sale.note.clone(),
        })
    }

    /// The receipts with a line that paid for card `treatment` (the
    /// package, the card paid later, sessions charged on it), oldest
    /// first: where a refund of the card starts.
    pub fn treatment_receipts(&self, treatment: TreatmentId) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT DISTINCT s.number, s.at FROM sale_lines l JOIN sales s ON s.id = l.sale_id
             WHERE l.treatment_id = ?1 ORDER BY s.at, s.number",
        )?;
        let rows = statement.query_map([treatment.to_string()], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The id of a sale given by id or receipt number (case ignored).
    pub(crate) fn find_sale(&self, text: &str) -> Result<SaleId> {
        let not_found = || StoreError::SaleNotFound(text.trim().to_owned());
        if let Ok(id) = text.parse::<SaleId>() {
            return Ok(id);
        }
        let id: Option<String> = self
            .conn
            .prepare_cached("SELECT id FROM sales WHERE number = ?1 ORDER BY at LIMIT 1")?
            .query_row([text.trim().to_ascii_uppercase()], |row| row.get(0))
            .optional()?;
        id.and_then(|id| id.parse().ok()).ok_or_else(not_found)
    }
}

/// What the sale's wallet payments took from virtual credit, as the
/// wallet's fold split them.
pub(crate) fn from_virtual(conn: &Connection, state: &SaleState) -> Result<i64> {
    let Some(customer) = state.sale.customer else {
        return Ok(0);
    };
    let Some(wallet) = wallets::projection::load(conn, customer)? else {
        return Ok(0);
    };
    Ok(wallet
        .entries
        .iter()
        .filter_map(|entry| match &entry.change {
            WalletChange::Spent {
                from_virtual,
                reference,
                ..
            } if *reference == state.sale.number => Some(*from_virtual),
            _ => None,
        })
        .sum())
}
