//! Deposits, spending, refunds, adjustments, virtual credit and the daily
//! credit-expiry job. Each command validates, then checks the funds against
//! the wallet as it is inside the write transaction.

use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::hours::instant;
use caredesk_domain::id::{CreditId, CustomerId};
use caredesk_domain::money::Money;
use caredesk_domain::wallet::{
    self, Adjusted, CreditExpired, CreditIssued, Deposited, Refunded, Spent, WalletChange,
    WalletEvent, WalletRefusal, WalletState,
};
use jiff::ToSpan;
use jiff::civil::Time;

use super::projection::load;
use super::{WalletMove, WalletSpend, WalletView};
use crate::Wallets;
use crate::error::{Result, StoreError};
use crate::writer::Writer;
use crate::{Ctx, Store};

/// The longest note or reference on an entry, in characters.
const TEXT_MAX: usize = 500;

impl<S: Deref<Target = Store>> Wallets<S> {
    /// Real money into the wallet (cash, transfer, card, a refunded sale, a
    /// ticket's compensation).
    pub fn deposit_wallet(
        &mut self,
        ctx: &Ctx,
        customer: &str,
        input: WalletMove,
    ) -> Result<WalletView>
    where
        S: DerefMut,
    {
        let amount = wallet::check_amount(input.amount).map_err(StoreError::Wallet)?;
        let (reference, note) = texts(&input.reference, &input.note)?;
        let customer = self.customers().resolve_customer(customer)?;
        let event = WalletEvent::from(Deposited {
            amount: self.money(amount),
            source: input.source,
            at: ctx.now,
            reference,
            note,
        });
        self.write_entry(ctx, customer, |w| w.check_credit(amount), event)?;
        self.wallet(customer, ctx)
    }

    /// The customer pays with the wallet: virtual credit first (soonest
    /// expiry first), then real money. The fold decides the split; it is
    /// returned as it decided it.
    pub fn spend_wallet(
        &mut self,
        ctx: &Ctx,
        customer: &str,
        amount: i64,
        reference: &str,
        note: &str,
    ) -> Result<WalletSpend>
    where
        S: DerefMut,
    {
        let amount = wallet::check_amount(amount).map_err(StoreError::Wallet)?;
        let (reference, note) = texts(reference, note)?;
        let customer = self.customers().resolve_customer(customer)?;
        let event = WalletEvent::from(Spent {
            amount: self.money(amount),
            at: ctx.now,
            reference,
            note,
        });
        let now = ctx.now;
        let state = self.write_entry(ctx, customer, |w| w.check_spend(amount, now), event)?;
        let (from_virtual, from_real) = match state.entries.last().map(|e| &e.change) {
            Some(WalletChange::Spent {
                from_virtual,
                from_real,
                ..
            }) => (*from_virtual, *from_real),
            _ => {
                return Err(StoreError::Corrupt(
                    "a spend folded as something else".into(),
                ));
            }
        };
        Ok(WalletSpend {
            wallet: self.wallet(customer, ctx)?,
            from_virtual,
            from_real,
        })
    }

    /// Real money paid back to the customer (a manager's action): never
    /// virtual credit, which was never paid in.
    pub fn refund_wallet(
        &mut self,
        ctx: &Ctx,
        customer: &str,
        input: WalletMove,
    ) -> Result<WalletView>
    where
        S: DerefMut,
    {
        let amount = wallet::check_amount(input.amount).map_err(StoreError::Wallet)?;
        if !input.source.pays_out() {
            return Err(StoreError::Wallet(WalletRefusal::NotPaidOut(
                input.source.as_str(),
            )));
        }
        let (reference, note) = texts(&input.reference, &input.note)?;
        let customer = self.customers().resolve_customer(customer)?;
        self.authorize(ctx, Action::Refund)?;
        let event = WalletEvent::from(Refunded {
            amount: self.money(amount),
            source: input.source,
            at: ctx.now,
            reference,
            note,
        });
        self.write_entry(ctx, customer, |w| w.check_real_debit(amount), event)?;
        self.wallet(customer, ctx)
    }

    /// A manager corrects the real balance; negative is a debit, which
    /// needs a note saying why.
    pub fn adjust_wallet(
        &mut self,
        ctx: &Ctx,
        customer: &str,
        amount: i64,
        note: &str,
    ) -> Result<WalletView>
    where
        S: DerefMut,
    {
        let size = wallet::check_amount(amount.checked_abs().unwrap_or(i64::MAX))
            .map_err(StoreError::Wallet)?;
        let note = if amount < 0 {
            caredesk_domain::text::required("note", note, TEXT_MAX)?
        } else {
            caredesk_domain::text::optional("note", Some(note), TEXT_MAX)?.unwrap_or_default()
        };
        let customer = self.customers().resolve_customer(customer)?;
        self.authorize(ctx, Action::AdjustWallet)?;
        let event = WalletEvent::from(Adjusted {
            amount: self.money(amount),
            at: ctx.now,
            note,
        });
        self.write_entry(
            ctx,
            customer,
            |w| {
                if amount < 0 {
                    w.check_real_debit(size)
                } else {
                    w.check_credit(size)
                }
            },
            event,
        )?;
        self.wallet(customer, ctx)
    }

    /// Virtual credit, valid for `days` counting today (default 15): it
    /// expires at the start of the day after the last one, in the
    /// business's zone. A note says why it was given. Credit is money the
    /// customer did not pay: above the business's credit limit (0 unless a
    /// manager sets one) it is a manager's action (`IssueCredit`).
    pub fn issue_credit(
        &mut self,
        ctx: &Ctx,
        customer: &str,
        amount: i64,
        days: Option<u16>,
        note: &str,
    ) -> Result<WalletView>
    where
        S: DerefMut,
    {
        let amount = wallet::check_amount(amount).map_err(StoreError::Wallet)?;
        let days = wallet::check_credit_days(days.unwrap_or(wallet::DEFAULT_CREDIT_DAYS))
            .map_err(StoreError::Wallet)?;
        let note = caredesk_domain::text::required("note", note, TEXT_MAX)?;
        let customer = self.customers().resolve_customer(customer)?;
        if amount > self.sales().checkout()?.credit_limit {
            self.authorize(ctx, Action::IssueCredit)?;
        }
        let expires_at = credit_expiry(self.treatments().today(ctx), days, &self.settings)?;
        let event = WalletEvent::from(CreditIssued {
            credit: CreditId::new(),
            amount: self.money(amount),
            at: ctx.now,
            expires_at,
            reference: String::new(),
            note,
        });
        self.write_entry(ctx, customer, |w| w.check_credit(amount), event)?;
        self.wallet(customer, ctx)
    }

    /// The daily job: records every credit that has expired with something
    /// left and is not recorded yet. A credit is gone at its expiry whether
    /// or not this ran; this writes it down for reports and other counters,
    /// as the system (see `jobs`).
    pub fn record_credit_expiries(&mut self, ctx: &Ctx) -> Result<Vec<(CustomerId, CreditId)>>
    where
        S: DerefMut,
    {
        let mut writer = self.job_writer()?;
        let due: Vec<(String, String)> = {
            let mut statement = writer.tx().prepare_cached(
                "SELECT customer_id, credit_id FROM wallet_credits
                 WHERE expires_at <= ?1 AND remaining > 0 AND expiry_recorded = 0
                 ORDER BY expires_at, credit_id",
            )?;
            let rows = statement.query_map([ctx.now.as_millisecond()], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut recorded = Vec::with_capacity(due.len());
        for (customer, credit) in due {
            let customer: CustomerId = crate::catalog::parse_id(&customer, "customer")?;
            let credit: CreditId = crate::catalog::parse_id(&credit, "credit")?;
            writer.append(customer, WalletEvent::from(CreditExpired { credit }))?;
            recorded.push((customer, credit));
        }
        if !recorded.is_empty() {
            writer.commit()?;
        }
        Ok(recorded)
    }

    fn money(&self, amount: i64) -> Money {
        Money::new(amount, self.settings.currency)
    }

    /// Appends one entry to the customer's wallet after `check` passes on
    /// the wallet as it is inside the write transaction; returns the wallet
    /// after it.
    fn write_entry(
        &mut self,
        ctx: &Ctx,
        customer: CustomerId,
        check: impl FnOnce(&WalletState) -> Result<(), WalletRefusal>,
        event: WalletEvent,
    ) -> Result<WalletState>
    where
        S: DerefMut,
    {
        let currency = self.settings.currency;
        let mut writer = self.writer(ctx)?;
        append_entry(&mut writer, customer, currency, event, check)?;
        let after = load(writer.tx(), customer)?
            .ok_or_else(|| StoreError::Corrupt(format!("wallet {customer} did not fold")))?;
        writer.commit()?;
        Ok(after)
    }
}

/// Appends one entry to the customer's wallet inside an open transaction
/// (a wallet command's, a sale's, a refund's, a ticket's) after `check`
/// passes on the wallet as it is there.
pub(crate) fn append_entry(
    writer: &mut Writer<'_>,
    customer: CustomerId,
    currency: caredesk_domain::Currency,
    event: WalletEvent,
    check: impl FnOnce(&WalletState) -> Result<(), WalletRefusal>,
) -> Result<()> {
    let state = load(writer.tx(), customer)?
        .unwrap_or_else(|| WalletState::empty(currency, caredesk_domain::Stamp::ORIGIN));
    check(&state).map_err(StoreError::Wallet)?;
    writer.append(customer, event)?;
    Ok(())
}

/// When credit given on `today` for `days` days (counting today) expires:
/// the start of the day after the last one, in the business's zone.
pub(crate) fn credit_expiry(
    today: jiff::civil::Date,
    days: u16,
    settings: &caredesk_domain::BusinessSettings,
) -> Result<jiff::Timestamp> {
    let after = today
        .checked_add(i64::from(days).days())
        .map_err(|e| StoreError::BadDate(format!("{today} + {days} days: {e}")))?;
    Ok(instant(after, Time::midnight(), &settings.time_zone()))
}

/// A reference and a note, both optional.
fn texts(reference: &str, note: &str) -> Result<(String, String)> {
    let reference = caredesk_domain::text::optional("reference", Some(reference), TEXT_MAX)?
        .unwrap_or_default();
    let note = caredesk_domain::text::optional("note", Some(note), TEXT_MAX)?.unwrap_or_default();
    Ok((reference, note))
}
