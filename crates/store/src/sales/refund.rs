//! Refunds and voids: money given back on a sale, whole or in part, to the
//! tenders it came from or into the customer's wallet. Only real money goes
//! back: virtual credit a wallet payment used was a gift and stays spent.
//! What went back through the wallet is a wallet deposit, and the sessions
//! a punch-card line's money paid for are taken back from the card
//! (`treatment.refunded`), both in the same transaction.

use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};

use caredesk_domain::Action;
use caredesk_domain::Currency;
use caredesk_domain::id::{SaleId, TreatmentId};
use caredesk_domain::money::Money;
use caredesk_domain::sale::{
    CardNow, RefundAsk, RefundRefusal, SaleEvent, SaleRefunded, SaleState, Tender,
};
use caredesk_domain::treatment::{SessionsRefunded, TreatmentEvent};
use caredesk_domain::wallet::{Deposited, Source, WalletEvent};
use rusqlite::Connection;

use super::commands::TEXT_MAX;
use super::projection::{day_of, load};
use super::view::from_virtual;
use super::{NewRefund, SaleRefund};
use crate::Sales;
use crate::error::{Result, StoreError};
use crate::writer::Writer;
use crate::{Ctx, Store, drawer};

impl<S: Deref<Target = Store>> Sales<S> {
    /// Gives money back on a sale (a manager's action).
    pub fn refund_sale(&mut self, ctx: &Ctx, sale: &str, input: NewRefund) -> Result<SaleRefund>
    where
        S: DerefMut,
    {
        self.give_back(ctx, sale, input, false)
    }

    /// Cancels a sale of today in full, back to the tenders it came from (a
    /// manager's action). The report shows voids apart from refunds.
    pub fn void_sale(&mut self, ctx: &Ctx, sale: &str, note: &str) -> Result<SaleRefund>
    where
        S: DerefMut,
    {
        let input = NewRefund {
            note: note.to_owned(),
            ..NewRefund::default()
        };
        self.give_back(ctx, sale, input, true)
    }

    fn give_back(
        &mut self,
        ctx: &Ctx,
        sale: &str,
        input: NewRefund,
        void: bool,
    ) -> Result<SaleRefund>
    where
        S: DerefMut,
    {
        let note = caredesk_domain::text::optional("note", Some(&input.note), TEXT_MAX)?
            .unwrap_or_default();
        if let Some(amount) = input.amount.filter(|a| *a <= 0) {
            return Err(RefundRefusal::Amount(amount).into());
        }
        if input.sessions == Some(0) {
            return Err(RefundRefusal::NoSessions.into());
        }
        let card = input
            .treatment
            .as_deref()
            .map(|text| {
                text.trim()
                    .parse::<TreatmentId>()
                    .map_err(|_| StoreError::TreatmentNotFound(text.trim().to_owned()))
            })
            .transpose()?;
        let id = self.find_sale(sale)?;
        self.authorize(
            ctx,
            if void {
                Action::VoidSale
            } else {
                Action::Refund
            },
        )?;
        let register = self.register_code.clone();
        let currency = self.settings.currency;
        let zone = self.settings.time_zone();
        let today = self.treatments().today(ctx);
        let mut writer = self.writer(ctx)?;
        drawer::ensure_day_open(writer.tx(), &register, today)?;
        let state =
            load(writer.tx(), id)?.ok_or_else(|| StoreError::SaleNotFound(sale.to_owned()))?;
        if void {
            if state.voided() {
                return Err(RefundRefusal::Voided.into());
            }
            if !state.refunds.is_empty() {
                return Err(RefundRefusal::PartlyRefunded.into());
            }
            let day = day_of(state.sale.at, &zone);
            if day != today.to_string() {
                return Err(StoreError::VoidTooLate {
                    number: state.sale.number.clone(),
                    day,
                });
            }
        }
        let from_virtual = from_virtual(writer.tx(), &state)?;
        let ask = RefundAsk {
            amount: input.amount,
            to: input.to,
            card,
            sessions: input.sessions,
            goodwill: input.goodwill,
            void,
        };
        let plan = state.plan_refund(&ask, from_virtual, &cards_now(writer.tx(), &state)?)?;
        let refund = SaleRefunded {
            register,
            at: ctx.now,
            amount: plan.amount,
            to: input.to,
            parts: plan.parts.clone(),
            void,
            note,
            cards: plan.cards.clone(),
        };
        append_refund(&mut writer, id, &state, refund, currency)?;
        writer.commit()?;
        Ok(SaleRefund {
            id,
            refunded: plan.amount,
            parts: plan.parts,
            cards: plan.cards,
            sale: self.sale(&id.to_string())?,
        })
    }
}

/// The cards the sale's punch-card lines paid for, as their ledgers stand:
/// what a refund may take back from them.
pub(crate) fn cards_now(
    conn: &Connection,
    state: &SaleState,
) -> Result<BTreeMap<TreatmentId, CardNow>> {
    let mut cards = BTreeMap::new();
    for (_, treatment, _) in state.card_lines() {
        let card = crate::treatments::projection::load(conn, treatment)?
            .ok_or_else(|| StoreError::TreatmentNotFound(treatment.to_string()))?;
        cards.insert(
            treatment,
            CardNow {
                sold: card.total,
                unbooked: card.unscheduled(),
            },
        );
    }
    Ok(cards)
}

/// Appends a planned refund of `sale` inside an open transaction: the
/// sale's op, the sessions taken back from each card it refunds, and the
/// wallet deposit for what goes back through the wallet. Cash given back
/// comes out of the refunding register's open drawer, which must hold it
/// (the refund's money rows are the move).
pub(crate) fn append_refund(
    writer: &mut Writer<'_>,
    sale: SaleId,
    state: &SaleState,
    refund: SaleRefunded,
    currency: Currency,
) -> Result<()> {
    let given = |tender: Tender| -> i64 {
        refund
            .parts
            .iter()
            .filter(|p| p.tender == tender)
            .map(|p| p.amount)
            .sum()
    };
    let (to_wallet, in_cash) = (given(Tender::Wallet), given(Tender::Cash));
    if in_cash > 0 {
        drawer::take_cash(writer.tx(), &refund.register, refund.at, in_cash)?;
    }
    let (at, note, void) = (refund.at, refund.note.clone(), refund.void);
    let cards = refund.cards.clone();
    writer.append(sale, SaleEvent::from(refund))?;
    let money = |amount| Money::new(amount, currency);
    for card in cards {
        let event = TreatmentEvent::from(SessionsRefunded {
            sessions: card.sessions,
            amount: money(card.amount),
            goodwill: money(card.goodwill),
            sale,
            number: state.sale.number.clone(),
            line: card.line,
            void,
        });
        writer.append(card.treatment, event)?;
    }
    if let (Some(customer), true) = (state.sale.customer, to_wallet > 0) {
        let event = WalletEvent::from(Deposited {
            amount: money(to_wallet),
            source: Source::Refund,
            at,
            reference: state.sale.number.clone(),
            note,
        });
        crate::wallets::append_entry(writer, customer, currency, event, |w| {
            w.check_credit(to_wallet)
        })?;
    }
    Ok(())
}
