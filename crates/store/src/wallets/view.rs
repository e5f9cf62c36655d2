//! Reading a wallet: balances as of `ctx.now`, credits, and the ledger with
//! who recorded each entry on which counter.

use std::collections::HashMap;
use std::ops::Deref;

use caredesk_domain::id::{CustomerId, EntityId};
use caredesk_domain::wallet::{Credit, WalletState};

use super::projection::load;
use super::{CreditView, EntryView, WalletView};
use crate::Wallets;
use crate::bookings::view::Names;
use crate::error::Result;
use crate::oplog::entity_ops;
use crate::{Ctx, Store};

impl<S: Deref<Target = Store>> Wallets<S> {
    /// What a customer's wallet can pay at `now` (real and live virtual
    /// credit), without reading its ledger: the checkout's quote asks this
    /// at every change of the cart.
    pub fn wallet_available(&self, customer: CustomerId, now: jiff::Timestamp) -> Result<i64> {
        Ok(load(&self.conn, customer)?.map_or(0, |state| state.available_at(now)))
    }

    /// A customer's wallet as of `ctx.now`; an empty one if nothing was
    /// ever recorded.
    pub fn wallet(&self, customer: CustomerId, ctx: &Ctx) -> Result<WalletView> {
        let state = load(&self.conn, customer)?.unwrap_or_else(|| {
            WalletState::empty(self.settings.currency, caredesk_domain::Stamp::ORIGIN)
        });
        let who: HashMap<_, _> = entity_ops(&self.conn, EntityId::from(customer))?
            .into_iter()
            .map(|op| (op.id, (op.actor, op.device_id)))
            .collect();
        let mut names = Names::default();
        let entries = state
            .entries
            .iter()
            .map(|entry| {
                let (by, device) = who.get(&entry.stamp.op).copied().unwrap_or_default();
                Ok(EntryView {
                    at: self.format_time(entry.at),
                    by,
                    by_name: names.staff(self, by)?,
                    device,
                    change: entry.change.clone(),
                    real_before: entry.real_before,
                    real_after: entry.real_after,
                    virtual_before: entry.virtual_before,
                    virtual_after: entry.virtual_after,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let mut credits: Vec<&Credit> = state.credits.iter().collect();
        credits.sort_by_key(|c| (c.alive_at(ctx.now) == 0, c.expires_at));
        let credits = credits
            .into_iter()
            .map(|c| CreditView {
                id: c.id,
                amount: c.amount,
                used: c.used,
                remaining: c.alive_at(ctx.now),
                expires_at: self.format_time(c.expires_at),
                status: if c.alive_at(ctx.now) > 0 {
                    "ACTIVE"
                } else if c.remaining() == 0 && !c.expiry_recorded {
                    "USED"
                } else {
                    "EXPIRED"
                },
            })
            .collect();
        let virtual_ = state.virtual_at(ctx.now);
        Ok(WalletView {
            customer,
            currency: state.currency,
            balance: state.real,
            virtual_,
            available: state.available_at(ctx.now),
            credits,
            entries,
        })
    }
}
