//! `caredesk drawer`: this register's cash drawer.

use caredesk_domain::drawer::Count;
use caredesk_domain::money::Money;
use caredesk_store::{DrawerView, parse_date};
use serde::Serialize;

use super::Session;
use super::sale::tender_amount;
use crate::args::DrawerCommand;
use crate::error::CliResult;
use crate::output::{Output, short_time};

pub fn run(session: Session, command: DrawerCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    let currency = store.settings().currency;
    let one = |d: &DrawerView| describe(d, currency);
    match command {
        DrawerCommand::Open { float } => {
            out.emit(&store.drawers_mut().open_drawer(&ctx, float)?, one)
        }
        DrawerCommand::Move { amount, reason } => {
            out.emit(&store.drawers_mut().move_cash(&ctx, amount, &reason)?, one)
        }
        DrawerCommand::Close { counted, note } => {
            let counted = counted
                .iter()
                .map(|c| {
                    tender_amount("--count", c).map(|(tender, amount)| Count { tender, amount })
                })
                .collect::<CliResult<Vec<_>>>()?;
            out.emit(
                &store.drawers_mut().close_drawer(&ctx, &counted, &note)?,
                one,
            )
        }
        DrawerCommand::Show { date } => {
            let date = match date {
                Some(text) => parse_date(&text)?,
                None => store.treatments().today(&ctx),
            };
            let drawers = Drawers {
                drawers: store.drawers().drawers_on(date, &ctx)?,
            };
            out.emit(&drawers, |d| {
                d.drawers
                    .iter()
                    .map(|d| describe(d, currency))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

#[derive(Serialize)]
struct Drawers {
    drawers: Vec<DrawerView>,
}

fn describe(d: &DrawerView, currency: caredesk_domain::Currency) -> String {
    let money = |amount| Money::new(amount, currency).to_string();
    let mut text = format!(
        "register {}  opened {}  float {}\n",
        d.register,
        short_time(&d.opened_at),
        money(d.float)
    );
    for m in &d.moves {
        let paid_to = m
            .payout
            .as_ref()
            .map(|name| format!(" (paid to {name})"))
            .unwrap_or_default();
        text.push_str(&format!(
            "  {}  {}  {}{paid_to}\n",
            short_time(&m.at),
            money(m.amount),
            m.reason
        ));
    }
    for (tender, expected) in &d.expected {
        let counted = d.counted.as_ref().and_then(|c| c.get(tender));
        let line = match (counted, d.difference.as_ref().and_then(|c| c.get(tender))) {
            (Some(counted), Some(difference)) => format!(
                "  {:<9} expected {}  counted {}  difference {}\n",
                tender.as_str(),
                money(*expected),
                money(*counted),
                money(*difference)
            ),
            _ => format!("  {:<9} expected {}\n", tender.as_str(), money(*expected)),
        };
        text.push_str(&line);
    }
    if let Some(closed) = &d.closed_at {
        text.push_str(&format!("closed {}\n", short_time(closed)));
    }
    text
}
