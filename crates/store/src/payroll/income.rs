//! What staff earned, read from the bookings as they stand.

use std::ops::Deref;
use std::sync::LazyLock;

use caredesk_domain::Action;
use caredesk_domain::booking::BookingStatus;
use caredesk_domain::hours::instant;
use caredesk_domain::id::StaffId;
use caredesk_domain::money::{Currency, Money};
use caredesk_domain::payroll::{self, Earned};
use caredesk_domain::staff::StaffState;
use jiff::Timestamp;
use jiff::civil::Time;
use jiff::tz::TimeZone;
use rusqlite::{Connection, params};

use super::{
    AdjustmentView, EarningView, Income, Month, PayLine, PaySheet, PayoutView, RateView, StaffPay,
};
use crate::Payroll;
use crate::catalog::parse_id;
use crate::error::{Result, StoreError};
use crate::staff::StaffMember;
use crate::{Ctx, Store, staff};

/// Booking items of one staff member, in a time range, whose booking is in
/// a status that earns. The statuses come from `Earned::of`, so the rule
/// lives in one place. The item's price and package are read from the
/// booking's folded state: the projection keeps no copy of them to drift.
static EARNING_ITEMS: LazyLock<String> = LazyLock::new(|| {
    let statuses: Vec<String> = BookingStatus::ALL
        .into_iter()
        .filter(|s| Earned::of(*s).is_some())
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    format!(
        "SELECT bi.booking_id, bi.item, bi.service_id, bi.start_at, b.status, b.customer_id,
                json_extract(b.state, '$.items[' || bi.item || '].price.amount'),
                json_extract(b.state, '$.items[' || bi.item || '].treatment'),
                t.total, json_extract(t.state, '$.price.amount'),
                coalesce(s.name, ''), coalesce(c.name, '')
         FROM booking_items bi
         JOIN bookings b ON b.id = bi.booking_id
         LEFT JOIN treatments t
             ON t.id = json_extract(b.state, '$.items[' || bi.item || '].treatment')
         LEFT JOIN services s ON s.id = bi.service_id
         LEFT JOIN customers c ON c.id = b.customer_id
         WHERE bi.staff_id = ?1 AND bi.start_at >= ?2 AND bi.start_at < ?3
           AND b.status IN ({})
         ORDER BY bi.start_at, bi.booking_id, bi.item",
        statuses.join(", ")
    )
});

/// Reads what a staff member earned; shared by the queries and by the
/// payout's check inside its write transaction.
pub(crate) struct Ledger<'a> {
    pub(crate) conn: &'a Connection,
    pub(crate) zone: TimeZone,
    pub(crate) currency: Currency,
}

impl Ledger<'_> {
    /// The sessions of `state`'s staff member that start in `[from, to)`.
    pub(crate) fn earnings(
        &self,
        state: &StaffState,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<EarningView>> {
        let mut statement = self.conn.prepare_cached(&EARNING_ITEMS)?;
        let rows = statement.query_map(
            params![
                state.id.to_string(),
                from.as_millisecond(),
                to.as_millisecond()
            ],
            |row| {
                Ok(Row {
                    booking: row.get(0)?,
                    item: row.get(1)?,
                    service: row.get(2)?,
                    start: row.get(3)?,
                    status: row.get(4)?,
                    customer: row.get(5)?,
                    price: row.get(6)?,
                    treatment: row.get(7)?,
                    sessions: row.get(8)?,
                    package_price: row.get(9)?,
                    service_name: row.get(10)?,
                    customer_name: row.get(11)?,
                })
            },
        )?;
        let mut earnings = Vec::new();
        for row in rows {
            earnings.push(self.earning(state, row?)?);
        }
        Ok(earnings)
    }

    fn earning(&self, state: &StaffState, row: Row) -> Result<EarningView> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("booking {}: {what}", row.booking));
        let status: BookingStatus = row.status.parse().map_err(|_| corrupt("status"))?;
        let kind = Earned::of(status).ok_or_else(|| corrupt("status does not earn"))?;
        let price = row.price.ok_or_else(|| corrupt("item price"))?;
        let start =
            Timestamp::from_millisecond(row.start).map_err(|_| corrupt("item start time"))?;
        let date = start.to_zoned(self.zone.clone()).date();
        // A package not (yet) known on this counter: the item's own price
        // stands in until the package's sale arrives, and the figure
        // corrects itself then, since nothing here is stored.
        let package = match (row.package_price, row.sessions) {
            (Some(price), Some(sessions)) => Some((
                self.money(price),
                u16::try_from(sessions).map_err(|_| corrupt("package sessions"))?,
            )),
            _ => None,
        };
        let worth = payroll::session_price(self.money(price), package);
        let rate = state.rate_on(date);
        let share = rate.map_or(0, |rate| payroll::share(worth, rate).amount);
        Ok(EarningView {
            booking: parse_id(&row.booking, "booking")?,
            item: u16::try_from(row.item).map_err(|_| corrupt("item number"))?,
            date,
            start: crate::time::rfc3339(start, &self.zone),
            service: parse_id(&row.service, "service")?,
            service_name: row.service_name,
            customer: parse_id(&row.customer, "customer")?,
            customer_name: row.customer_name,
            kind,
            treatment: row
                .treatment
                .as_deref()
                .map(|t| parse_id(t, "treatment"))
                .transpose()?,
            price: worth.amount,
            rate,
            share,
        })
    }

    /// Everything ever earned and everything ever paid.
    pub(crate) fn totals(&self, state: &StaffState) -> Result<(i64, i64)> {
        let earned = self
            .earnings(state, Timestamp::MIN, Timestamp::MAX)?
            .iter()
            .map(|e| e.share)
            .sum();
        Ok((earned, state.paid_out()))
    }

    /// What is owed now: everything earned, plus adjustments, less
    /// everything paid.
    pub(crate) fn balance(&self, state: &StaffState) -> Result<i64> {
        let (earned, paid) = self.totals(state)?;
        Ok(earned + state.adjusted() - paid)
    }

    pub(crate) fn month_bounds(&self, month: Month) -> (Timestamp, Timestamp) {
        (
            instant(month.first(), Time::midnight(), &self.zone),
            instant(month.end(), Time::midnight(), &self.zone),
        )
    }

    fn money(&self, amount: i64) -> Money {
        Money::new(amount, self.currency)
    }
}

struct Row {
    booking: String,
    item: i64,
    service: String,
    start: i64,
    status: String,
    customer: String,
    price: Option<i64>,
    treatment: Option<String>,
    sessions: Option<i64>,
    package_price: Option<i64>,
    service_name: String,
    customer_name: String,
}

pub(crate) fn rates(state: &StaffState) -> Vec<RateView> {
    state
        .rates()
        .into_iter()
        .map(|(from, rate)| RateView { from, rate })
        .collect()
}

impl<S: Deref<Target = Store>> Payroll<S> {
    pub(crate) fn ledger(&self) -> Ledger<'_> {
        Ledger {
            conn: &self.conn,
            zone: self.settings.time_zone(),
            currency: self.settings.currency,
        }
    }

    /// A staff member's month. Anyone may read their own; reading someone
    /// else's is a report.
    pub fn staff_income(&self, ctx: &Ctx, who: &str, month: Month) -> Result<Income> {
        let member = staff::find(&self.conn, who)?;
        if member.id != ctx.actor {
            self.authorize(ctx, Action::SeeReports)?;
        }
        self.income_of(member, month)
    }

    /// A staff member's month, for whoever was allowed to ask.
    fn income_of(&self, member: StaffMember, month: Month) -> Result<Income> {
        let state = self.staff_state(member.id)?;
        let ledger = self.ledger();
        let (from, to) = ledger.month_bounds(month);
        let sessions = ledger.earnings(&state, from, to)?;
        let payouts: Vec<PayoutView> = state
            .payouts()
            .filter_map(|p| {
                let date = p.at.to_zoned(ledger.zone.clone()).date();
                month.contains(date).then(|| PayoutView {
                    at: self.format_time(p.at),
                    date,
                    amount: p.amount.amount,
                    note: p.note.clone(),
                    method: p.method,
                })
            })
            .collect();
        let adjustments: Vec<AdjustmentView> = state
            .adjustments()
            .filter_map(|a| {
                let date = a.at.to_zoned(ledger.zone.clone()).date();
                month.contains(date).then(|| AdjustmentView {
                    at: self.format_time(a.at),
                    date,
                    amount: a.amount.amount,
                    note: a.note.clone(),
                })
            })
            .collect();
        let balance = ledger.balance(&state)?;
        Ok(Income {
            staff: member.id,
            name: member.name,
            month: month.to_string(),
            currency: self.settings.currency,
            rates: rates(&state),
            earned: sessions.iter().map(|s| s.share).sum(),
            unrated: sessions.iter().filter(|s| s.rate.is_none()).count(),
            sessions,
            paid: payouts.iter().map(|p| p.amount).sum(),
            payouts,
            adjusted: adjustments.iter().map(|a| a.amount).sum(),
            adjustments,
            balance,
        })
    }

    /// The month's pay sheet: everyone who earned, was paid, is owed or
    /// has a rate (a manager's report).
    pub fn pay_sheet(&self, ctx: &Ctx, month: Month) -> Result<PaySheet> {
        self.authorize(ctx, Action::SeeReports)?;
        let mut lines = Vec::new();
        for member in staff::list(&self.conn)? {
            let income = self.income_of(member, month)?;
            let idle = income.sessions.is_empty()
                && income.paid == 0
                && income.adjusted == 0
                && income.balance == 0
                && income.rates.is_empty();
            if !idle {
                lines.push(PayLine {
                    staff: income.staff,
                    name: income.name,
                    sessions: income.sessions.len(),
                    earned: income.earned,
                    unrated: income.unrated,
                    paid: income.paid,
                    adjusted: income.adjusted,
                    balance: income.balance,
                });
            }
        }
        Ok(PaySheet {
            month: month.to_string(),
            currency: self.settings.currency,
            earned: lines.iter().map(|l| l.earned).sum(),
            paid: lines.iter().map(|l| l.paid).sum(),
            adjusted: lines.iter().map(|l| l.adjusted).sum(),
            balance: lines.iter().map(|l| l.balance).sum(),
            staff: lines,
        })
    }

    /// What a staff member is owed now.
    pub fn staff_pay(&self, who: &str) -> Result<StaffPay> {
        let member = staff::find(&self.conn, who)?;
        let state = self.staff_state(member.id)?;
        let (earned, paid) = self.ledger().totals(&state)?;
        let adjusted = state.adjusted();
        Ok(StaffPay {
            staff: member.id,
            name: member.name,
            currency: self.settings.currency,
            rates: rates(&state),
            earned,
            adjusted,
            paid,
            balance: earned + adjusted - paid,
        })
    }

    pub(crate) fn staff_state(&self, id: StaffId) -> Result<StaffState> {
        staff::load(&self.conn, id)?.ok_or_else(|| StoreError::StaffNotFound(id.to_string()))
    }
}
