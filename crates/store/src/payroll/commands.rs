//! Setting share rates and paying staff: a manager's actions.

use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::id::StaffId;
use caredesk_domain::money::{Currency, Money};
use caredesk_domain::payroll::{
    self, NOTE_MAX, PaidOut, PayAdjusted, PayRefusal, PayoutMethod, ShareRateSet,
};
use caredesk_domain::staff::{StaffEvent, StaffState};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use rusqlite::Connection;

use super::StaffPay;
use super::income::Ledger;
use crate::Payroll;
use crate::error::{Result, StoreError};
use crate::{Ctx, Store, drawer, staff};

impl<S: Deref<Target = Store>> Payroll<S> {
    /// From `from` (default: today) on, `who` earns `rate` basis points of
    /// each session. A date in the past re-prices the sessions since then:
    /// that is how a manager gives a rate to sessions given before anyone
    /// set one.
    pub fn set_share_rate(
        &mut self,
        ctx: &Ctx,
        who: &str,
        rate: u32,
        from: Option<Date>,
    ) -> Result<StaffPay>
    where
        S: DerefMut,
    {
        let rate = payroll::check_rate(rate).map_err(StoreError::Pay)?;
        let member = staff::find(&self.conn, who)?;
        self.authorize(ctx, Action::PayStaff)?;
        let from = from.unwrap_or_else(|| self.treatments().today(ctx));
        let mut writer = self.writer(ctx)?;
        writer.append(member.id, StaffEvent::from(ShareRateSet { rate, from }))?;
        writer.commit()?;
        self.staff_pay(&member.id.to_string())
    }

    /// Money paid to a staff member, with a note saying what it was for.
    /// Refused above what they are owed; paid in cash, it comes out of this
    /// register's open drawer, which must hold it. Both checked inside the
    /// transaction against the bookings, payouts and drawer as they are
    /// then.
    pub fn pay_staff(
        &mut self,
        ctx: &Ctx,
        who: &str,
        amount: i64,
        note: &str,
        method: PayoutMethod,
    ) -> Result<StaffPay>
    where
        S: DerefMut,
    {
        let amount = payroll::check_payout(amount).map_err(StoreError::Pay)?;
        let note = caredesk_domain::text::required("note", note, NOTE_MAX)?;
        let member = staff::find(&self.conn, who)?;
        self.authorize(ctx, Action::PayStaff)?;
        let (zone, currency) = (self.settings.time_zone(), self.settings.currency);
        let register = self.register_code.clone();
        let today = self.treatments().today(ctx);
        let mut writer = self.writer(ctx)?;
        let (_, balance) = owed(writer.tx(), member.id, zone, currency)?;
        if amount > balance {
            return Err(StoreError::Pay(PayRefusal::AboveBalance {
                amount: Money::new(amount, currency),
                balance: Money::new(balance.max(0), currency),
                name: member.name,
            }));
        }
        if method == PayoutMethod::Cash {
            drawer::pay_out_cash(
                &mut writer,
                &register,
                (ctx.now, today),
                member.id,
                amount,
                &note,
            )?;
        }
        writer.append(
            member.id,
            StaffEvent::from(PaidOut {
                amount: Money::new(amount, currency),
                at: ctx.now,
                note,
                method,
            }),
        )?;
        writer.commit()?;
        self.staff_pay(&member.id.to_string())
    }

    /// A manager's correction of what a staff member is owed, with a note
    /// saying why: positive adds to it, negative takes from it. No money
    /// changes hands. It is how an overpayment (`payout_over_owed`: two
    /// counters paid offline more than was earned) is settled: adding what
    /// was paid over brings the balance back to zero; made while the
    /// balance is below zero, it names the entry that made the overpayment,
    /// and of two such made offline only the first counts. A deduction
    /// beyond what is owed is refused, checked inside the transaction like
    /// a payout.
    pub fn adjust_staff_pay(
        &mut self,
        ctx: &Ctx,
        who: &str,
        amount: i64,
        note: &str,
    ) -> Result<StaffPay>
    where
        S: DerefMut,
    {
        let amount = payroll::check_adjustment(amount).map_err(StoreError::Pay)?;
        let note = caredesk_domain::text::required("note", note, NOTE_MAX)?;
        let member = staff::find(&self.conn, who)?;
        self.authorize(ctx, Action::PayStaff)?;
        let (zone, currency) = (self.settings.time_zone(), self.settings.currency);
        let mut writer = self.writer(ctx)?;
        let (state, balance) = owed(writer.tx(), member.id, zone, currency)?;
        if -amount > balance.max(0) {
            return Err(StoreError::Pay(PayRefusal::AboveBalance {
                amount: Money::new(-amount, currency),
                balance: Money::new(balance.max(0), currency),
                name: member.name,
            }));
        }
        // Made while overpaid: it settles the overpayment the last entry
        // made, so a second manager doing the same offline counts once.
        let settles = if balance < 0 {
            state.last_pay_entry().map(|stamp| stamp.op)
        } else {
            None
        };
        writer.append(
            member.id,
            StaffEvent::from(PayAdjusted {
                amount: Money::new(amount, currency),
                at: ctx.now,
                note,
                settles,
            }),
        )?;
        writer.commit()?;
        self.staff_pay(&member.id.to_string())
    }
}

/// The staff member's fold and what they are owed now, read inside the
/// command's transaction so a payout or deduction checks what stands.
fn owed(
    conn: &Connection,
    member: StaffId,
    zone: TimeZone,
    currency: Currency,
) -> Result<(StaffState, i64)> {
    let state = staff::load(conn, member)?.unwrap_or_else(|| StaffState::new(member));
    let ledger = Ledger {
        conn,
        zone,
        currency,
    };
    let balance = ledger.balance(&state)?;
    Ok((state, balance))
}
