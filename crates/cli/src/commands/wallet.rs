use caredesk_domain::id::{CreditId, CustomerId};
use caredesk_domain::money::Money;
use caredesk_domain::wallet::{Source, WalletChange};
use caredesk_store::{EntryView, WalletMove, WalletSpend, WalletView};
use serde::Serialize;

use super::Session;
use crate::args::WalletCommand;
use crate::error::{CliError, CliResult};
use crate::output::{Output, short_time, table};

/// What `wallet expire` recorded.
#[derive(Serialize)]
struct Expired {
    expired: Vec<ExpiredCredit>,
}

#[derive(Serialize)]
struct ExpiredCredit {
    customer: CustomerId,
    credit: CreditId,
}

pub fn run(session: Session, command: WalletCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    let wallet = match command {
        WalletCommand::Show { customer } => {
            let id = store.customers().resolve_customer(&customer)?;
            store.wallets().wallet(id, &ctx)?
        }
        WalletCommand::Deposit {
            customer,
            amount,
            method,
            reference,
            note,
        } => {
            let input = WalletMove {
                amount,
                source: source(&method)?,
                reference,
                note,
            };
            store.wallets_mut().deposit_wallet(&ctx, &customer, input)?
        }
        WalletCommand::Credit {
            customer,
            amount,
            days,
            note,
        } => store
            .wallets_mut()
            .issue_credit(&ctx, &customer, amount, days, &note)?,
        WalletCommand::Spend {
            customer,
            amount,
            reference,
            note,
        } => {
            let spend = store
                .wallets_mut()
                .spend_wallet(&ctx, &customer, amount, &reference, &note)?;
            return out.emit(&spend, describe_spend);
        }
        WalletCommand::Refund {
            customer,
            amount,
            method,
            note,
        } => {
            let input = WalletMove {
                amount,
                source: source(&method)?,
                reference: String::new(),
                note,
            };
            store.wallets_mut().refund_wallet(&ctx, &customer, input)?
        }
        WalletCommand::Adjust {
            customer,
            amount,
            note,
        } => store
            .wallets_mut()
            .adjust_wallet(&ctx, &customer, amount, &note)?,
        WalletCommand::Expire => {
            let expired = Expired {
                expired: store
                    .wallets_mut()
                    .record_credit_expiries(&ctx)?
                    .into_iter()
                    .map(|(customer, credit)| ExpiredCredit { customer, credit })
                    .collect(),
            };
            return out.emit(&expired, |e| {
                format!("recorded {} expired credit(s)", e.expired.len())
            });
        }
    };
    out.emit(&wallet, describe)
}

fn source(text: &str) -> CliResult<Source> {
    text.parse()
        .map_err(|message: String| CliError::invalid("invalid_value", message))
}

fn money(wallet: &WalletView, amount: i64) -> String {
    Money::new(amount, wallet.currency).to_string()
}

/// Balances, live credits, and the ledger.
fn describe(w: &WalletView) -> String {
    let mut text = format!(
        "real:      {}\nvirtual:   {}\navailable: {}\n",
        money(w, w.balance),
        money(w, w.virtual_),
        money(w, w.available)
    );
    for credit in w.credits.iter().filter(|c| c.status == "ACTIVE") {
        text.push_str(&format!(
            "credit:    {} of {} until {}\n",
            money(w, credit.remaining),
            money(w, credit.amount),
            short_time(&credit.expires_at)
        ));
    }
    let rows: Vec<Vec<String>> = w.entries.iter().map(|e| entry_row(w, e)).collect();
    if !rows.is_empty() {
        text.push_str(&table(&["DATE", "ENTRY", "REAL", "VIRTUAL", "BY"], &rows));
    }
    text
}

fn entry_row(w: &WalletView, e: &EntryView) -> Vec<String> {
    let with_note = |what: String, note: &str| {
        if note.is_empty() {
            what
        } else {
            format!("{what}: {note}")
        }
    };
    let what = match &e.change {
        WalletChange::Deposited {
            amount,
            source,
            note,
            ..
        } => with_note(
            format!("deposit {} ({})", money(w, *amount), source.as_str()),
            note,
        ),
        WalletChange::Spent {
            amount,
            from_virtual,
            note,
            ..
        } => with_note(
            format!(
                "spent {} ({} from credit)",
                money(w, *amount),
                money(w, *from_virtual)
            ),
            note,
        ),
        WalletChange::Refunded {
            amount,
            source,
            note,
            ..
        } => with_note(
            format!("paid back {} ({})", money(w, *amount), source.as_str()),
            note,
        ),
        WalletChange::Adjusted { amount, note } => {
            with_note(format!("adjusted {}", money(w, *amount)), note)
        }
        WalletChange::CreditIssued { amount, note, .. } => {
            with_note(format!("credit {}", money(w, *amount)), note)
        }
        WalletChange::MovedOut { to, amount, .. } => {
            format!("moved {} to file {to} (merged)", money(w, *amount))
        }
        WalletChange::MovedIn {
            from,
            real,
            credits,
            ..
        } => {
            let credit: i64 = credits.iter().map(|(_, amount)| amount).sum();
            format!(
                "moved in from file {from} (merged): {} real, {} credit",
                money(w, *real),
                money(w, credit)
            )
        }
        WalletChange::CreditExpired { amount, .. } => {
            format!("credit expired: {} gone", money(w, *amount))
        }
        WalletChange::CompensationReversed {
            reference,
            revoked,
            from_real,
            note,
            ..
        } => with_note(
            format!(
                "compensation of {reference} taken back: {} credit revoked, {} owed",
                money(w, *revoked),
                money(w, *from_real)
            ),
            note,
        ),
        WalletChange::Refused { kind, reason } => format!("not applied ({kind}): {reason}"),
    };
    vec![
        short_time(&e.at),
        what,
        money(w, e.real_after),
        money(w, e.virtual_after),
        e.by_name.clone(),
    ]
}

fn describe_spend(spend: &WalletSpend) -> String {
    format!(
        "paid {} from credit and {} real money\n{}",
        money(&spend.wallet, spend.from_virtual),
        money(&spend.wallet, spend.from_real),
        describe(&spend.wallet)
    )
}
