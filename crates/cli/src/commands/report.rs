//! `caredesk report`: the day's Z report, and closing the day.

use caredesk_domain::money::Money;
use caredesk_store::{DayReport, parse_date};
use serde::Serialize;

use super::Session;
use crate::args::ReportCommand;
use crate::error::CliResult;
use crate::output::Output;

#[derive(Serialize)]
struct Closed {
    date: String,
    closed: bool,
}

pub fn run(session: Session, command: ReportCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    match command {
        ReportCommand::Day { date, branch } => {
            let date = match date {
                Some(text) => parse_date(&text)?,
                None => store.treatments().today(&ctx),
            };
            out.emit(&store.day_report(&ctx, date, branch)?, describe)
        }
        ReportCommand::Close { date } => {
            let date = date.as_deref().map(parse_date).transpose()?;
            let date = store.drawers_mut().close_day(&ctx, date)?;
            let closed = Closed {
                date: date.to_string(),
                closed: true,
            };
            out.emit(&closed, |c| format!("day {} closed", c.date))
        }
    }
}

fn describe(r: &DayReport) -> String {
    let money = |amount| Money::new(amount, r.currency).to_string();
    let mut text = format!(
        "Z report {}{}{}\n",
        r.date,
        r.register
            .as_ref()
            .map_or(" (branch)".to_owned(), |reg| format!(" register {reg}")),
        if r.closed { " CLOSED" } else { "" }
    );
    let lines = [
        ("receipts", r.sales.to_string()),
        ("gross", money(r.gross)),
        ("discounts", money(r.discounts)),
        ("tax", money(r.tax)),
        ("refunds", money(r.refunds)),
        ("voids", money(r.voids)),
        ("  of it goodwill", money(r.goodwill)),
        ("revenue", money(r.revenue)),
        ("top-ups", money(r.top_ups)),
        (
            "sessions",
            format!("{} (+{} forfeited)", r.sessions, r.forfeited),
        ),
        ("new customers", r.new_customers.to_string()),
        ("wallets real", money(r.wallet.real)),
        ("wallets virtual", money(r.wallet.virtual_credit)),
    ];
    for (label, value) in lines {
        text.push_str(&format!("{label:<16} {value}\n"));
    }
    for (tender, amount) in &r.by_method {
        text.push_str(&format!("  {:<14} {}\n", tender.as_str(), money(*amount)));
    }
    for (category, amount) in &r.by_category {
        text.push_str(&format!("  {category:<14} {}\n", money(*amount)));
    }
    text
}
