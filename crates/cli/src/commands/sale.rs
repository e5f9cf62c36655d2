//! `caredesk sale`: ring up, show, refund and void sales.

use caredesk_domain::money::Money;
use caredesk_domain::sale::{Discount, LineKind, RefundTo, Tender, WHOLE};
use caredesk_store::{LineRef, NewLine, NewPayment, NewRefund, NewSale, SaleRefund, SaleView};

use super::Session;
use crate::args::{SaleAddArgs, SaleCommand};
use crate::error::{CliError, CliResult};
use crate::output::{Output, short_time, table};

pub fn run(session: Session, command: SaleCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    match command {
        SaleCommand::Add(args) => {
            let sale = store.sales_mut().record_sale(&ctx, new_sale(args)?)?;
            out.emit(&sale, describe)
        }
        SaleCommand::Show { sale } => out.emit(&store.sales().sale(&sale)?, describe),
        SaleCommand::Refund {
            sale,
            amount,
            to,
            note,
            sessions,
            treatment,
            goodwill,
        } => {
            let to: RefundTo = to
                .parse()
                .map_err(|m: String| CliError::invalid("invalid_value", format!("--to {m}")))?;
            let input = NewRefund {
                amount,
                to,
                note,
                treatment,
                sessions,
                goodwill,
            };
            let refund = store.sales_mut().refund_sale(&ctx, &sale, input)?;
            out.emit(&refund, describe_refund)
        }
        SaleCommand::Void { sale, note } => {
            let refund = store.sales_mut().void_sale(&ctx, &sale, &note)?;
            out.emit(&refund, describe_refund)
        }
    }
}

fn new_sale(args: SaleAddArgs) -> CliResult<NewSale> {
    let mut lines = Vec::new();
    type Make = fn(String) -> LineRef;
    let kinds: [(&Vec<String>, Make); 3] = [
        (&args.bookings, LineRef::Booking),
        (&args.packages, LineRef::Package),
        (&args.treatments, LineRef::Treatment),
    ];
    for (given, make) in kinds {
        for text in given {
            let (what, discount) = split_discount(text)?;
            lines.push(NewLine {
                what: make(what.trim().to_owned()),
                discount,
            });
        }
    }
    for text in &args.sessions {
        lines.push(sessions(text)?);
    }
    for text in &args.items {
        lines.push(item(text)?);
    }
    if let Some(amount) = args.top_up {
        lines.push(NewLine {
            what: LineRef::TopUp(amount),
            discount: None,
        });
    }
    Ok(NewSale {
        customer: args.customer,
        lines,
        discount: args.discount.as_deref().map(discount).transpose()?,
        payments: args
            .payments
            .iter()
            .map(|p| payment(p))
            .collect::<CliResult<_>>()?,
        note: args.note,
    })
}

/// `TREATMENT[:N][@DISCOUNT]`: without `N`, the sessions used beyond the
/// card.
fn sessions(text: &str) -> CliResult<NewLine> {
    let (rest, discount) = split_discount(text)?;
    let (treatment, sessions) = match rest.split_once(':') {
        Some((treatment, n)) => {
            let n = n.trim().parse::<u16>().map_err(|_| {
                CliError::invalid(
                    "invalid_value",
                    format!("--sessions {text:?}: expected TREATMENT[:N][@DISCOUNT]"),
                )
            })?;
            (treatment, Some(n))
        }
        None => (rest, None),
    };
    Ok(NewLine {
        what: LineRef::Sessions {
            treatment: treatment.trim().to_owned(),
            sessions,
        },
        discount,
    })
}

/// `Dầu gội:120000[:2][@10%]`: the name may itself hold colons.
fn item(text: &str) -> CliResult<NewLine> {
    let (rest, discount) = split_discount(text)?;
    let bad = || {
        CliError::invalid(
            "invalid_value",
            format!("--item {text:?}: expected NAME:PRICE[:QTY][@DISCOUNT]"),
        )
    };
    let (head, last) = rest.rsplit_once(':').ok_or_else(bad)?;
    let (name, unit_price, quantity) = match head.rsplit_once(':') {
        Some((name, price)) if price.trim().parse::<i64>().is_ok() => (
            name,
            price.trim().parse().map_err(|_| bad())?,
            last.trim().parse().map_err(|_| bad())?,
        ),
        _ => (head, last.trim().parse().map_err(|_| bad())?, 1),
    };
    Ok(NewLine {
        what: LineRef::Item {
            name: name.to_owned(),
            unit_price,
            quantity,
        },
        discount,
    })
}

fn split_discount(text: &str) -> CliResult<(&str, Option<Discount>)> {
    match text.rsplit_once('@') {
        Some((what, off)) => Ok((what, Some(discount(off)?))),
        None => Ok((text, None)),
    }
}

/// `10%`, `7.5%` or a whole amount.
pub(super) fn discount(text: &str) -> CliResult<Discount> {
    let text = text.trim();
    let bad = || {
        CliError::invalid(
            "invalid_value",
            format!("discount {text:?}: expected a percentage like 10% or an amount"),
        )
    };
    match text.strip_suffix('%') {
        Some(percent) => percent_bp(percent)
            .filter(|bp| *bp <= WHOLE)
            .and_then(|bp| u16::try_from(bp).ok())
            .map(Discount::Percent)
            .ok_or_else(bad),
        None => text.parse().map(Discount::Amount).map_err(|_| bad()),
    }
}

/// A percentage with up to two decimals, in basis points.
pub(super) fn percent_bp(text: &str) -> Option<i64> {
    let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
    if fraction.len() > 2 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok().filter(|w: &i64| *w >= 0)?;
    let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(fraction)
}

/// `cash:500000` or `card:500000:REF`.
fn payment(text: &str) -> CliResult<NewPayment> {
    let bad = |why: String| CliError::invalid("invalid_value", format!("--pay {text:?}: {why}"));
    let mut parts = text.splitn(3, ':');
    let tender: Tender = parts.next().unwrap_or("").parse().map_err(bad)?;
    let amount = parts
        .next()
        .and_then(|a| a.trim().parse().ok())
        .ok_or_else(|| bad("expected METHOD:AMOUNT[:REF]".into()))?;
    Ok(NewPayment {
        tender,
        amount,
        reference: parts.next().unwrap_or("").to_owned(),
    })
}

pub(super) fn tender_amount(flag: &str, text: &str) -> CliResult<(Tender, i64)> {
    let bad = |why: String| CliError::invalid("invalid_value", format!("{flag} {text:?}: {why}"));
    let (tender, amount) = text
        .split_once(':')
        .ok_or_else(|| bad("expected METHOD:AMOUNT".into()))?;
    let tender: Tender = tender.parse().map_err(bad)?;
    let amount = amount
        .trim()
        .parse()
        .map_err(|_| bad("the amount must be a whole number".into()))?;
    Ok((tender, amount))
}

fn describe(sale: &SaleView) -> String {
    let money = |amount| Money::new(amount, sale.currency).to_string();
    let mut text = format!("receipt {}  {}", sale.number, short_time(&sale.at));
    if let Some(name) = &sale.customer_name {
        text.push_str(&format!("  {name}"));
    }
    text.push('\n');
    let rows: Vec<Vec<String>> = sale
        .lines
        .iter()
        .map(|l| {
            let name = match l.what {
                LineKind::TopUp => "wallet top-up".to_owned(),
                LineKind::Sessions { .. } => format!("{}: extra sessions", l.name),
                _ => l.name.clone(),
            };
            vec![
                name,
                l.quantity.to_string(),
                money(l.unit_price),
                money(l.priced.line_discount + l.priced.sale_discount),
                money(l.priced.total),
            ]
        })
        .collect();
    text.push_str(&table(&["LINE", "QTY", "PRICE", "OFF", "TOTAL"], &rows));
    text.push_str(&format!(
        "total {}  (tax {}, discounts {})\n",
        money(sale.total),
        money(sale.tax),
        money(sale.discounts)
    ));
    for p in &sale.payments {
        text.push_str(&format!(
            "paid  {} {}\n",
            p.tender.as_str(),
            money(p.amount)
        ));
    }
    if sale.change > 0 {
        text.push_str(&format!("change {}\n", money(sale.change)));
    }
    if sale.voided {
        text.push_str("VOIDED\n");
    } else if sale.refunded > 0 {
        text.push_str(&format!("refunded {}\n", money(sale.refunded)));
    }
    for card in sale.refunds.iter().flat_map(|r| &r.cards) {
        let name = sale
            .lines
            .get(usize::from(card.line))
            .map_or("", |l| l.name.as_str());
        text.push_str(&format!(
            "  {name}: {} sessions taken back, {} refunded",
            card.sessions,
            money(card.amount)
        ));
        if card.goodwill > 0 {
            text.push_str(&format!(" ({} goodwill)", money(card.goodwill)));
        }
        text.push('\n');
    }
    text
}

fn describe_refund(refund: &SaleRefund) -> String {
    let parts: Vec<String> = refund
        .parts
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p.tender.as_str(),
                Money::new(p.amount, refund.sale.currency)
            )
        })
        .collect();
    format!(
        "gave back {} ({})\n{}",
        Money::new(refund.refunded, refund.sale.currency),
        parts.join(", "),
        describe(&refund.sale)
    )
}
