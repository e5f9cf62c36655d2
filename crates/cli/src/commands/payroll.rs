//! `staff rate`, `staff payout`, `staff adjust` and `staff income`:
//! therapist pay.

use caredesk_domain::money::{Currency, Money};
use caredesk_domain::payroll::percent;
use caredesk_store::{Ctx, Income, Month, PaySheet, RateView, StaffPay, Store, parse_date};

use crate::error::{CliError, CliResult};
use crate::output::{Output, short_time, table};

pub(super) fn rate(
    store: &mut Store,
    ctx: &Ctx,
    staff: &str,
    rate: &str,
    from: Option<&str>,
    out: &Output,
) -> CliResult<()> {
    let bp = super::sale::percent_bp(rate.trim().trim_end_matches('%'))
        .and_then(|bp| u32::try_from(bp).ok())
        .ok_or_else(|| {
            CliError::invalid(
                "invalid_value",
                format!("--rate {rate:?}: expected a percentage such as 35% or 32.5"),
            )
        })?;
    let from = from.map(parse_date).transpose()?;
    let pay = store.payroll_mut().set_share_rate(ctx, staff, bp, from)?;
    out.emit(&pay, describe_pay)
}

pub(super) fn income(
    store: &Store,
    ctx: &Ctx,
    staff: Option<&str>,
    month: Option<&str>,
    out: &Output,
) -> CliResult<()> {
    let month = match month {
        Some(text) => Month::parse(text)?,
        None => Month::of(store.treatments().today(ctx)),
    };
    match staff {
        Some(staff) => {
            let income = store.payroll().staff_income(ctx, staff, month)?;
            out.emit(&income, describe_income)
        }
        None => {
            let sheet = store.payroll().pay_sheet(ctx, month)?;
            out.emit(&sheet, describe_sheet)
        }
    }
}

fn money(amount: i64, currency: Currency) -> String {
    Money::new(amount, currency).to_string()
}

fn describe_rates(rates: &[RateView]) -> String {
    if rates.is_empty() {
        return "no share rate set".to_owned();
    }
    let rates: Vec<String> = rates
        .iter()
        .map(|r| format!("{} from {}", percent(r.rate), r.from))
        .collect();
    rates.join(", ")
}

pub(super) fn describe_pay(pay: &StaffPay) -> String {
    let c = pay.currency;
    let mut text = format!(
        "{}\nrates:   {}\nearned:  {}\n",
        pay.name,
        describe_rates(&pay.rates),
        money(pay.earned, c),
    );
    if pay.adjusted != 0 {
        text.push_str(&format!("adjusted: {}\n", money(pay.adjusted, c)));
    }
    text.push_str(&format!(
        "paid:    {}\nowed:    {}\n",
        money(pay.paid, c),
        money(pay.balance, c),
    ));
    text
}

fn describe_income(income: &Income) -> String {
    let c = income.currency;
    let mut text = format!(
        "{}, {}\nrates: {}\n\n",
        income.name,
        income.month,
        describe_rates(&income.rates)
    );
    let rows: Vec<Vec<String>> = income
        .sessions
        .iter()
        .map(|s| {
            vec![
                short_time(&s.start),
                s.service_name.clone(),
                s.customer_name.clone(),
                s.kind.as_str().to_owned(),
                money(s.price, c),
                s.rate.map_or_else(|| "no rate".to_owned(), percent),
                money(s.share, c),
            ]
        })
        .collect();
    text.push_str(&table(
        &[
            "START", "SERVICE", "CUSTOMER", "AS", "WORTH", "RATE", "SHARE",
        ],
        &rows,
    ));
    for payout in &income.payouts {
        text.push_str(&format!(
            "paid {}  {}  {}  {}\n",
            short_time(&payout.at),
            money(payout.amount, c),
            payout.method.as_str(),
            payout.note
        ));
    }
    for adjustment in &income.adjustments {
        text.push_str(&format!(
            "adjusted {}  {}  {}\n",
            short_time(&adjustment.at),
            money(adjustment.amount, c),
            adjustment.note
        ));
    }
    text.push_str(&format!(
        "\nearned: {} ({} sessions)\npaid:   {}\n",
        money(income.earned, c),
        income.sessions.len(),
        money(income.paid, c),
    ));
    if income.adjusted != 0 {
        text.push_str(&format!("adjusted: {}\n", money(income.adjusted, c)));
    }
    text.push_str(&format!(
        "owed:   {} (all months)\n",
        money(income.balance, c)
    ));
    if income.unrated > 0 {
        text.push_str(&format!(
            "{} sessions had no rate in force: set one with `staff rate --from`\n",
            income.unrated
        ));
    }
    text
}

fn describe_sheet(sheet: &PaySheet) -> String {
    let c = sheet.currency;
    let rows: Vec<Vec<String>> = sheet
        .staff
        .iter()
        .map(|l| {
            vec![
                l.name.clone(),
                l.sessions.to_string(),
                money(l.earned, c),
                money(l.paid, c),
                money(l.balance, c),
                if l.unrated > 0 {
                    format!("{} unrated", l.unrated)
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    let mut text = format!("Pay sheet {}\n", sheet.month);
    text.push_str(&table(
        &["STAFF", "SESSIONS", "EARNED", "PAID", "OWED", ""],
        &rows,
    ));
    text.push_str(&format!(
        "total: earned {}, paid {}, owed {}\n",
        money(sheet.earned, c),
        money(sheet.paid, c),
        money(sheet.balance, c),
    ));
    text
}
