//! What a receipt shows beyond the sale itself, read from the store's
//! views: the wallet's balance right after the sale, and what is left on
//! the punch cards the sale sold, charged or used.

use caredesk_domain::business::BusinessSettings;
use caredesk_domain::id::TreatmentId;
use caredesk_domain::sale::LineKind;
use caredesk_domain::wallet::WalletChange;
use caredesk_store::{Ctx, SaleView, Store, WalletView};
use jiff::Timestamp;

use crate::error::Result;

/// Everything a receipt prints, so the CLI and the app print the same.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptData {
    pub business: BusinessSettings,
    pub sale: SaleView,
    /// Real money and live credit in the customer's wallet right after the
    /// sale; `None` when the customer has no wallet activity by then.
    pub wallet_after: Option<i64>,
    /// The punch cards on the sale, with what is left on them at
    /// `cards_at`.
    pub cards: Vec<CardLeft>,
    /// When the cards were read: when the receipt is made. A copy printed
    /// days later says so, rather than pass today's sessions off as the
    /// sale's.
    pub cards_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardLeft {
    pub name: String,
    pub remaining: u16,
    pub total: u16,
}

impl ReceiptData {
    /// The sale given by id or receipt number, and what goes with it.
    pub fn load(store: &Store, ctx: &Ctx, sale: &str) -> Result<ReceiptData> {
        let sale = store.sales().sale(sale)?;
        let wallet_after = match sale.customer {
            Some(customer) => balance_after(&store.wallets().wallet(customer, ctx)?, &sale),
            None => None,
        };
        let mut cards = Vec::new();
        for id in treatments(store, &sale)? {
            let card = store.treatments().treatment(id, ctx)?;
            cards.push(CardLeft {
                name: card.name,
                remaining: card.remaining,
                total: card.total,
            });
        }
        Ok(ReceiptData {
            business: store.settings().clone(),
            sale,
            wallet_after,
            cards,
            cards_at: ctx.now,
        })
    }
}

/// The balance after the last wallet entry that names this receipt (a
/// payment from the wallet, a top-up); without one, the balance as the
/// sale was rung up.
fn balance_after(wallet: &WalletView, sale: &SaleView) -> Option<i64> {
    let names_sale = |change: &WalletChange| match change {
        WalletChange::Deposited { reference, .. }
        | WalletChange::Spent { reference, .. }
        | WalletChange::Refunded { reference, .. }
        | WalletChange::CreditIssued { reference, .. } => *reference == sale.number,
        _ => false,
    };
    let sold_at = sale.at.parse::<Timestamp>().ok();
    let entry = wallet
        .entries
        .iter()
        .rev()
        .find(|entry| names_sale(&entry.change))
        .or_else(|| {
            wallet.entries.iter().rev().find(|entry| {
                match (entry.at.parse::<Timestamp>().ok(), sold_at) {
                    (Some(at), Some(sold)) => at <= sold,
                    _ => false,
                }
            })
        })?;
    Some(entry.real_after + entry.virtual_after)
}

/// The treatments the sale's lines are about, in line order, once each: a
/// package sold, a card paid or charged, a booking paid by a card.
fn treatments(store: &Store, sale: &SaleView) -> Result<Vec<TreatmentId>> {
    let mut ids = Vec::new();
    for line in &sale.lines {
        let id = match &line.what {
            LineKind::Package { treatment, .. }
            | LineKind::Treatment { treatment }
            | LineKind::Sessions { treatment } => Some(*treatment),
            LineKind::Booking { booking, item } => store
                .bookings()
                .booking(*booking)?
                .items
                .get(usize::from(*item))
                .and_then(|item| item.treatment),
            LineKind::Item | LineKind::TopUp => None,
        };
        if let Some(id) = id
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    Ok(ids)
}
