//! Refunds and voids of a sale: how much may go back, to which tenders,
//! and, for a line that paid for a punch card, how many of the card's
//! sessions go back with the money.
//!
//! Only real money goes back: the virtual credit a wallet payment used was
//! a gift. A punch-card line gives back at most the unused share of what
//! it cost: `floor(line total × sessions taken back / sessions it paid
//! for)`, counted over all its refunds, so that a card refunded session by
//! session gives back its whole price and never more. Sessions used or
//! booked are not refundable; the sessions an amount takes back are rounded
//! up (in the business's favour). Above that share only a manager's
//! explicit goodwill gives money back, and it is recorded as such.

use std::collections::BTreeMap;

use super::record::{LineKind, LineRefund, RefundTo, SaleLine, SaleState};
use super::{PaymentLine, Tender};
use crate::id::TreatmentId;

/// Why a refund cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RefundRefusal {
    #[error("a refund must be more than 0, not {0}")]
    Amount(i64),
    #[error("{asked} is more than the {refundable} still refundable on this sale")]
    TooLarge { asked: i64, refundable: i64 },
    #[error("the sale has no customer, so there is no wallet to refund into")]
    NoWallet,
    #[error("the sale is already voided")]
    Voided,
    #[error("only a sale with nothing refunded yet can be voided; refund the rest instead")]
    PartlyRefunded,
    #[error("a refund takes back at least one session, not 0")]
    NoSessions,
    #[error("the sale has no package or sessions line to take sessions back from")]
    NoCard,
    #[error("no line of this sale pays for treatment {0}")]
    NotOnSale(TreatmentId),
    #[error("the sale pays for several cards: say which with its treatment id: {0}")]
    WhichCard(String),
    #[error(
        "{asked} sessions cannot be taken back: {refundable} of the line's sessions are neither used nor booked"
    )]
    TooManySessions { asked: u16, refundable: u16 },
    #[error(
        "{name} has {used} sessions used or booked: a void gives back the whole sale, so refund its unused share instead"
    )]
    CardInUse { name: String, used: u16 },
}

impl RefundRefusal {
    pub const fn code(&self) -> &'static str {
        match self {
            RefundRefusal::Amount(_) => "invalid_amount",
            RefundRefusal::TooLarge { .. }
            | RefundRefusal::TooManySessions { .. }
            | RefundRefusal::CardInUse { .. } => "refund_too_large",
            RefundRefusal::NoWallet => "no_wallet",
            RefundRefusal::Voided => "sale_voided",
            RefundRefusal::PartlyRefunded => "sale_partly_refunded",
            RefundRefusal::NoSessions | RefundRefusal::NoCard => "invalid_value",
            RefundRefusal::NotOnSale(_) => "not_found",
            RefundRefusal::WhichCard(_) => "which_treatment",
        }
    }
}

/// A punch card a line of the sale paid for, as it stands now: the store
/// reads the card, the plan does the arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CardNow {
    /// The sessions the card was sold with (what a package or a card
    /// paid later paid for).
    pub sold: u16,
    /// Its sessions neither used, booked, lapsed nor refunded.
    pub unbooked: u16,
}

/// What a manager asks to give back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RefundAsk {
    /// All that may go back when `None`.
    pub amount: Option<i64>,
    pub to: RefundTo,
    /// Only this card's line (needed when the sale pays for several).
    pub card: Option<TreatmentId>,
    /// Exactly this many sessions of the card's line; the money is their
    /// unused share unless `amount` says otherwise.
    pub sessions: Option<u16>,
    /// A manager gives back more than the unused share of a card's line;
    /// what is above it is recorded as goodwill.
    pub goodwill: bool,
    /// The whole sale, to the original tenders, as if it never happened.
    pub void: bool,
}

/// A refund worked out: the amount, the tenders it goes back to, and what
/// it gives back per punch-card line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundPlan {
    pub amount: i64,
    pub parts: Vec<PaymentLine>,
    pub cards: Vec<LineRefund>,
}

/// A punch-card line with what its earlier refunds took.
#[derive(Clone, Debug)]
struct CardLine<'a> {
    line: u16,
    treatment: TreatmentId,
    name: &'a str,
    /// Sessions it paid for.
    paid: u16,
    /// What the customer paid for it.
    total: i64,
    /// Sessions taken back by earlier refunds.
    taken: u16,
    /// Money given back for it within the unused share.
    back: i64,
    goodwill: i64,
    /// Sessions it may take back now: its own not yet taken back, as far
    /// as the card has them unbooked.
    available: u16,
}

impl CardLine<'_> {
    /// The most that may go back, without goodwill, when `more` sessions
    /// are taken back: the unused share of the total, rounded down, less
    /// what went back before.
    fn value(&self, more: u16) -> i64 {
        if self.paid == 0 {
            return 0;
        }
        let sessions = self.taken.saturating_add(more).min(self.paid);
        let share = i128::from(self.total) * i128::from(sessions) / i128::from(self.paid);
        (i64::try_from(share).unwrap_or(i64::MAX) - self.back).max(0)
    }

    /// The fewest sessions whose unused share covers `amount`, rounded up.
    fn sessions_for(&self, amount: i64) -> u16 {
        if amount <= self.value(0) || self.total <= 0 {
            return 0;
        }
        let needed =
            (i128::from(amount + self.back) * i128::from(self.paid) + i128::from(self.total) - 1)
                / i128::from(self.total);
        let more = needed - i128::from(self.taken);
        u16::try_from(more.max(0))
            .unwrap_or(u16::MAX)
            .min(self.available)
    }

    /// The money the line still holds: nothing goes back beyond what it
    /// cost, goodwill included.
    fn money_left(&self) -> i64 {
        (self.total - self.back - self.goodwill).max(0)
    }

    fn refund(&self, sessions: u16, amount: i64, goodwill: i64) -> LineRefund {
        LineRefund {
            line: self.line,
            treatment: self.treatment,
            sessions,
            amount,
            goodwill,
        }
    }
}

impl SaleState {
    pub fn refunded(&self) -> i64 {
        self.refunds.iter().map(|r| r.amount).sum()
    }

    pub fn voided(&self) -> bool {
        self.refunds.iter().any(|r| r.void)
    }

    /// What the customer paid for goods and services: top-ups are money in
    /// the wallet, given back from the wallet, not from the sale.
    pub fn goods_total(&self) -> i64 {
        self.sale
            .lines
            .iter()
            .filter(|l| l.what != LineKind::TopUp)
            .map(|l| l.priced.total)
            .sum()
    }

    /// The card each punch-card line paid for, with the line's index.
    pub fn card_lines(&self) -> impl Iterator<Item = (u16, TreatmentId, &SaleLine)> {
        self.sale.lines.iter().enumerate().filter_map(|(n, line)| {
            let n = u16::try_from(n).unwrap_or(u16::MAX);
            match line.what {
                LineKind::Package { treatment, .. }
                | LineKind::Treatment { treatment }
                | LineKind::Sessions { treatment } => Some((n, treatment, line)),
                LineKind::Booking { .. } | LineKind::Item | LineKind::TopUp => None,
            }
        })
    }

    /// What each tender brought in, net of change. `from_virtual` is the
    /// part of the wallet payments that was virtual credit: a gift, never
    /// paid back.
    fn paid_by_tender(&self, from_virtual: i64) -> Vec<(Tender, i64)> {
        let mut net: Vec<(Tender, i64)> = Vec::new();
        for payment in &self.sale.payments {
            match net.iter_mut().find(|(t, _)| *t == payment.tender) {
                Some((_, amount)) => *amount += payment.amount,
                None => net.push((payment.tender, payment.amount)),
            }
        }
        for (tender, amount) in &mut net {
            match tender {
                Tender::Cash => *amount -= self.sale.change,
                Tender::Wallet => *amount -= from_virtual,
                Tender::Card | Tender::Transfer => {}
            }
        }
        net
    }

    /// What each tender still holds: what it brought in less what was
    /// given back that way. A refund into the wallet takes from the wallet
    /// tender and may leave it below zero; the total below counts it.
    fn net_by_tender(&self, from_virtual: i64) -> Vec<(Tender, i64)> {
        let mut net = self.paid_by_tender(from_virtual);
        for refund in &self.refunds {
            for part in &refund.parts {
                if let Some((_, amount)) = net.iter_mut().find(|(t, _)| *t == part.tender) {
                    *amount -= part.amount;
                }
            }
        }
        net
    }

    /// The most money that may still go back, whatever the lines: what
    /// was paid for goods and services in real money, less everything
    /// refunded already (whichever way it went back).
    pub fn refundable(&self, from_virtual: i64) -> i64 {
        let real_paid: i64 = self
            .paid_by_tender(from_virtual)
            .iter()
            .map(|(_, amount)| (*amount).max(0))
            .sum();
        let real_left = real_paid - self.refunded();
        let goods_left = self.goods_total() - self.refunded();
        real_left.min(goods_left).max(0)
    }

    /// The punch-card lines with what earlier refunds took from them and
    /// what their cards still hold unbooked (shared, in line order, by two
    /// lines of one card).
    fn card_slots(
        &self,
        cards: &BTreeMap<TreatmentId, CardNow>,
    ) -> Result<Vec<CardLine<'_>>, RefundRefusal> {
        let mut unbooked: BTreeMap<TreatmentId, u16> = cards
            .iter()
            .map(|(id, card)| (*id, card.unbooked))
            .collect();
        let mut slots = Vec::new();
        for (line, treatment, sale_line) in self.card_lines() {
            let card = cards
                .get(&treatment)
                .ok_or(RefundRefusal::NotOnSale(treatment))?;
            let paid = match sale_line.what {
                LineKind::Sessions { .. } => sale_line.quantity,
                _ => card.sold,
            };
            let (mut taken, mut back, mut goodwill) = (0u16, 0i64, 0i64);
            for refund in self.refunds.iter().flat_map(|r| &r.cards) {
                if refund.line == line {
                    taken = taken.saturating_add(refund.sessions);
                    back += refund.amount - refund.goodwill;
                    goodwill += refund.goodwill;
                }
            }
            let pool = unbooked.entry(treatment).or_default();
            let available = paid.saturating_sub(taken).min(*pool);
            *pool -= available;
            slots.push(CardLine {
                line,
                treatment,
                name: &sale_line.name,
                paid,
                total: sale_line.priced.total,
                taken,
                back,
                goodwill,
                available,
            });
        }
        Ok(slots)
    }

    /// What the lines that are not punch cards may still give back: their
    /// totals less what went back without naming a card line (refunds
    /// from before cards were taken back, a ticket's refund).
    fn other_lines_left(&self) -> i64 {
        let others: i64 = self
            .sale
            .lines
            .iter()
            .filter(|l| matches!(l.what, LineKind::Booking { .. } | LineKind::Item))
            .map(|l| l.priced.total)
            .sum();
        let for_cards: i64 = self
            .refunds
            .iter()
            .flat_map(|r| &r.cards)
            .map(|c| c.amount)
            .sum();
        (others - (self.refunded() - for_cards)).max(0)
    }

    /// The most a refund of the whole sale may give back without goodwill:
    /// the real money left, and of the punch-card lines no more than the
    /// unused share of what they cost.
    pub fn refund_cap(
        &self,
        from_virtual: i64,
        cards: &BTreeMap<TreatmentId, CardNow>,
    ) -> Result<i64, RefundRefusal> {
        if self.voided() {
            return Ok(0);
        }
        let slots = self.card_slots(cards)?;
        let for_cards: i64 = slots.iter().map(|s| s.value(s.available)).sum();
        Ok(self
            .refundable(from_virtual)
            .min(self.other_lines_left() + for_cards))
    }

    /// Works out a refund: how much, for which punch-card lines with how
    /// many sessions, and back to which tenders (the last payment first),
    /// or into the wallet.
    pub fn plan_refund(
        &self,
        ask: &RefundAsk,
        from_virtual: i64,
        cards: &BTreeMap<TreatmentId, CardNow>,
    ) -> Result<RefundPlan, RefundRefusal> {
        if self.voided() {
            return Err(RefundRefusal::Voided);
        }
        if let Some(amount) = ask.amount.filter(|a| *a <= 0) {
            return Err(RefundRefusal::Amount(amount));
        }
        if ask.sessions == Some(0) {
            return Err(RefundRefusal::NoSessions);
        }
        let slots = self.card_slots(cards)?;
        if ask.void {
            for slot in &slots {
                if slot.available < slot.paid {
                    return Err(RefundRefusal::CardInUse {
                        name: slot.name.to_owned(),
                        used: slot.paid - slot.available,
                    });
                }
            }
        }
        let money_left = self.refundable(from_virtual);
        let (amount, cards) = if ask.card.is_some() || ask.sessions.is_some() {
            let slot = pick(&slots, ask.card)?;
            let card = one_card(slot, ask, money_left)?;
            (card.amount, vec![card])
        } else {
            self.whole(&slots, ask, money_left)?
        };
        let parts = self.split(amount, ask.to, from_virtual)?;
        Ok(RefundPlan {
            amount,
            parts,
            cards,
        })
    }

    /// A refund of the sale as a whole: the other lines first, then each
    /// card line up to its unused share (all its sessions when everything
    /// goes back), then goodwill on the card lines if a manager gives it.
    fn whole(
        &self,
        slots: &[CardLine<'_>],
        ask: &RefundAsk,
        money_left: i64,
    ) -> Result<(i64, Vec<LineRefund>), RefundRefusal> {
        let others = self.other_lines_left();
        let for_cards: i64 = slots.iter().map(|s| s.value(s.available)).sum();
        let cap = money_left.min(others + for_cards);
        let amount = match ask.amount {
            Some(amount) => amount,
            None if ask.goodwill => money_left,
            None => cap,
        };
        let limit = if ask.goodwill { money_left } else { cap };
        if amount == 0 || amount > limit {
            return Err(RefundRefusal::TooLarge {
                asked: amount,
                refundable: limit,
            });
        }
        // Everything goes back: every card gives back every session it
        // can, whatever money is left to attribute to it.
        let all_sessions = ask.amount.is_none() || amount > cap;
        let mut rest = amount - amount.min(others);
        let mut refunds: Vec<LineRefund> = slots
            .iter()
            .map(|slot| {
                let take = rest.min(slot.value(slot.available));
                rest -= take;
                let sessions = if all_sessions {
                    slot.available
                } else {
                    slot.sessions_for(take)
                };
                slot.refund(sessions, take, 0)
            })
            .collect();
        for (slot, refund) in slots.iter().zip(&mut refunds) {
            let goodwill = rest.min(slot.money_left() - refund.amount).max(0);
            refund.amount += goodwill;
            refund.goodwill = goodwill;
            rest -= goodwill;
        }
        if rest > 0 {
            return Err(RefundRefusal::TooLarge {
                asked: amount,
                refundable: amount - rest,
            });
        }
        refunds.retain(|r| r.sessions > 0 || r.amount > 0);
        Ok((amount, refunds))
    }

    /// Splits `amount` over where it goes back: the wallet, or the tenders
    /// it came from, the last payment first, each up to what it still
    /// holds.
    fn split(
        &self,
        amount: i64,
        to: RefundTo,
        from_virtual: i64,
    ) -> Result<Vec<PaymentLine>, RefundRefusal> {
        if to == RefundTo::Wallet {
            if self.sale.customer.is_none() {
                return Err(RefundRefusal::NoWallet);
            }
            return Ok(vec![PaymentLine {
                tender: Tender::Wallet,
                amount,
                reference: String::new(),
            }]);
        }
        let net = self.net_by_tender(from_virtual);
        let mut left = amount;
        let mut parts = Vec::new();
        let mut order: Vec<Tender> = Vec::new();
        for payment in self.sale.payments.iter().rev() {
            if !order.contains(&payment.tender) {
                order.push(payment.tender);
            }
        }
        for tender in order {
            if left == 0 {
                break;
            }
            let available = net
                .iter()
                .find(|(t, _)| *t == tender)
                .map_or(0, |(_, a)| (*a).max(0));
            let part = available.min(left);
            if part > 0 {
                parts.push(PaymentLine {
                    tender,
                    amount: part,
                    reference: String::new(),
                });
                left -= part;
            }
        }
        debug_assert_eq!(left, 0, "refundable never exceeds what the tenders hold");
        Ok(parts)
    }

    /// A refund of `amount` (all that is refundable when `None`) that
    /// names no line: a ticket's compensation into the wallet. It takes
    /// back no session.
    pub fn plan_money_back(
        &self,
        amount: Option<i64>,
        to: RefundTo,
        from_virtual: i64,
    ) -> Result<(i64, Vec<PaymentLine>), RefundRefusal> {
        if self.voided() {
            return Err(RefundRefusal::Voided);
        }
        let refundable = self.refundable(from_virtual);
        let amount = match amount {
            Some(amount) if amount <= 0 => return Err(RefundRefusal::Amount(amount)),
            Some(amount) => amount,
            None => refundable,
        };
        if amount > refundable || amount == 0 {
            return Err(RefundRefusal::TooLarge {
                asked: amount,
                refundable,
            });
        }
        Ok((amount, self.split(amount, to, from_virtual)?))
    }
}

/// The card line a refund names, or the sale's only one.
fn pick<'s, 'a>(
    slots: &'s [CardLine<'a>],
    card: Option<TreatmentId>,
) -> Result<&'s CardLine<'a>, RefundRefusal> {
    match card {
        Some(id) => slots
            .iter()
            .find(|s| s.treatment == id)
            .ok_or(RefundRefusal::NotOnSale(id)),
        None => match slots {
            [] => Err(RefundRefusal::NoCard),
            [one] => Ok(one),
            many => Err(RefundRefusal::WhichCard(
                many.iter()
                    .map(|s| format!("{} ({})", s.name, s.treatment))
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
        },
    }
}

/// A refund of one card line: the sessions named (or as many as the
/// amount pays for, or all it can take back), and their unused share of
/// the money unless the manager says otherwise.
fn one_card(
    slot: &CardLine<'_>,
    ask: &RefundAsk,
    money_left: i64,
) -> Result<LineRefund, RefundRefusal> {
    let limit = money_left.min(slot.money_left());
    let (sessions, amount) = match (ask.sessions, ask.amount) {
        (Some(asked), _) if asked > slot.available => {
            return Err(RefundRefusal::TooManySessions {
                asked,
                refundable: slot.available,
            });
        }
        // Unless told, the money is the sessions' share, as far as real
        // money paid for it (virtual credit is never given back).
        (Some(sessions), amount) => (
            sessions,
            amount.unwrap_or_else(|| slot.value(sessions).min(limit)),
        ),
        (None, Some(amount)) if amount <= slot.value(slot.available) => {
            (slot.sessions_for(amount), amount)
        }
        (None, Some(amount)) => (slot.available, amount),
        (None, None) if ask.goodwill => (slot.available, limit),
        (None, None) => (slot.available, slot.value(slot.available).min(limit)),
    };
    let share = slot.value(sessions);
    let goodwill = (amount - share).max(0);
    if goodwill > 0 && !ask.goodwill {
        return Err(RefundRefusal::TooLarge {
            asked: amount,
            refundable: share.min(limit),
        });
    }
    if amount == 0 || amount > limit {
        return Err(RefundRefusal::TooLarge {
            asked: amount,
            refundable: if ask.goodwill {
                limit
            } else {
                share.min(limit)
            },
        });
    }
    Ok(slot.refund(sessions, amount, goodwill))
}

#[cfg(test)]
mod tests;
