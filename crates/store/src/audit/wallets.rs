//! How wallet entries read in the audit trail.

use caredesk_domain::id::EntityId;
use caredesk_domain::money::Money;
use caredesk_domain::op::Op;
use caredesk_domain::wallet::{WalletEvent, moved_total};

use super::Words;
use crate::error::Result;

impl Words<'_> {
    /// Wallet entries are told with the customer, the amount and why.
    pub(super) fn wallet_words(
        &self,
        op: &Op,
        event: &WalletEvent,
        values: &mut Vec<(&'static str, String)>,
    ) -> Result<String> {
        values.push(("customer", self.customer_name(op.entity)?));
        let (amount, note): (Option<Money>, &str) = match event {
            WalletEvent::Deposited(e) => {
                values.push(("source", self.say(&format!("source.{}", e.source.as_str()))));
                (Some(e.amount), &e.note)
            }
            WalletEvent::Spent(e) => (Some(e.amount), &e.note),
            WalletEvent::Refunded(e) => {
                values.push(("source", self.say(&format!("source.{}", e.source.as_str()))));
                (Some(e.amount), &e.note)
            }
            WalletEvent::Adjusted(e) => (
                Some(Money::new(e.amount.amount.abs(), e.amount.currency)),
                &e.note,
            ),
            WalletEvent::CreditIssued(e) => {
                values.push(("date", self.store.format_time_short(e.expires_at)));
                (Some(e.amount), &e.note)
            }
            WalletEvent::CreditExpired(_) => (None, ""),
            WalletEvent::MovedOut(e) => {
                values.push(("to", self.customer_name(EntityId::from(e.to))?));
                (Some(moved_total(e.real, &e.credits)), "")
            }
            WalletEvent::MovedIn(e) => {
                values.push(("from", self.customer_name(EntityId::from(e.from))?));
                (Some(moved_total(e.real, &e.credits)), "")
            }
            WalletEvent::CompensationReversed(e) => {
                values.push(("reference", e.reference.clone()));
                (Some(e.amount), &e.note)
            }
        };
        if let Some(amount) = amount {
            values.push(("amount", amount.to_string()));
        }
        values.push(("note", note.to_owned()));
        Ok(match event {
            WalletEvent::Adjusted(e) if e.amount.amount < 0 => "wallet.debited".to_owned(),
            _ if !note.is_empty() => format!("{}_note", op.kind),
            _ => op.kind.clone(),
        })
    }
}
