//! A sale as the op log keeps it: what was sold, how it was priced and
//! paid, its receipt number, and every refund since. The receipt is a
//! fact: the priced figures are stored as they were printed, so a change
//! to the pricing code never rewrites an old receipt.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Discount, PricedLine, TaxRule, Tender};
use crate::id::{BookingId, CustomerId, PackageId, StaffId, TreatmentId};
use crate::money::Currency;
use crate::op::{Machine, OpBody, Stamp, op_events};

/// What a line is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineKind {
    /// A completed booking's service (`item` is its index in the booking).
    Booking { booking: BookingId, item: u16 },
    /// A package sold with this sale: the treatment it created.
    Package {
        package: PackageId,
        treatment: TreatmentId,
    },
    /// A treatment sold earlier and paid now (a home visit, sold with its
    /// first booking).
    Treatment { treatment: TreatmentId },
    /// Sessions added to a treatment sold earlier (`quantity` of them):
    /// the extra sessions two counters punched offline past the card's
    /// last one, or more sessions sold on the same card.
    Sessions { treatment: TreatmentId },
    /// Something from the shelf.
    Item,
    /// Money into the customer's wallet.
    TopUp,
}

impl LineKind {
    /// The report's category for lines that name none of their own.
    pub const fn category(&self) -> &'static str {
        match self {
            LineKind::Booking { .. } => "service",
            LineKind::Package { .. } | LineKind::Treatment { .. } | LineKind::Sessions { .. } => {
                "package"
            }
            LineKind::Item => "retail",
            LineKind::TopUp => "top_up",
        }
    }
}

/// One line of a receipt, priced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SaleLine {
    #[serde(flatten)]
    pub what: LineKind,
    pub name: String,
    /// For reports: the service's category, or the line kind's.
    pub category: String,
    /// Who gave the service, for a booking line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<StaffId>,
    pub quantity: u16,
    pub unit_price: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Discount>,
    #[serde(flatten)]
    pub priced: PricedLine,
}

/// One payment: how, how much, and the terminal or transfer reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentLine {
    pub tender: Tender,
    pub amount: i64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
}

/// A sale was rung up and paid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleRecorded {
    /// The receipt number, from the register's own series.
    pub number: String,
    pub register: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<CustomerId>,
    /// Business time: the day the sale belongs to.
    pub at: Timestamp,
    pub currency: Currency,
    pub lines: Vec<SaleLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sale_discount: Option<Discount>,
    pub tax_rule: TaxRule,
    pub subtotal: i64,
    pub discounts: i64,
    pub tax: i64,
    pub added_tax: i64,
    pub total: i64,
    pub payments: Vec<PaymentLine>,
    pub change: i64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for SaleRecorded {
    const KIND: &'static str = "sale.recorded";
    const SCHEMA: u16 = 1;
}

/// Where a refund goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RefundTo {
    /// Back the way it was paid, tender by tender.
    Original,
    /// Into the customer's wallet as real money.
    Wallet,
}

impl std::str::FromStr for RefundTo {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "original" => Ok(RefundTo::Original),
            "wallet" => Ok(RefundTo::Wallet),
            other => Err(format!("{other:?}: expected original or wallet")),
        }
    }
}

/// Money given back on a sale, whole or in part. A void is a whole refund
/// on the sale's own day, reported apart from refunds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleRefunded {
    /// The register that paid it out (not always the one that sold).
    pub register: String,
    pub at: Timestamp,
    pub amount: i64,
    pub to: RefundTo,
    /// How it went back, tender by tender (`wallet` for a refund into the
    /// wallet or back to a wallet payment).
    pub parts: Vec<PaymentLine>,
    #[serde(default)]
    pub void: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl OpBody for SaleRefunded {
    const KIND: &'static str = "sale.refunded";
    const SCHEMA: u16 = 1;
}

/// A receipt of the sale went to a printer. Kept so a reprint says COPY on
/// paper and the activity log shows who reprinted what: a reprinted receipt
/// is how a refund is claimed twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptPrinted {
    pub at: Timestamp,
    /// What the paper said: a copy, because a receipt had been printed before.
    pub copy: bool,
    /// The roll it went on, in millimetres.
    pub width_mm: u16,
}

impl OpBody for ReceiptPrinted {
    const KIND: &'static str = "sale.receipt_printed";
    const SCHEMA: u16 = 1;
}

op_events! {
    pub enum SaleEvent {
        Recorded(SaleRecorded),
        Refunded(SaleRefunded),
        ReceiptPrinted(ReceiptPrinted),
    }
}

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
}

impl RefundRefusal {
    pub const fn code(&self) -> &'static str {
        match self {
            RefundRefusal::Amount(_) => "invalid_amount",
            RefundRefusal::TooLarge { .. } => "refund_too_large",
            RefundRefusal::NoWallet => "no_wallet",
            RefundRefusal::Voided => "sale_voided",
            RefundRefusal::PartlyRefunded => "sale_partly_refunded",
        }
    }
}

/// A sale folded: the receipt, its refunds and its printed receipts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleState {
    pub sale: SaleRecorded,
    pub refunds: Vec<SaleRefunded>,
    /// Absent when empty, so dumps from before receipts were printed read
    /// the same.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prints: Vec<ReceiptPrinted>,
    pub last: Stamp,
}

impl Machine for SaleState {
    type Event = SaleEvent;

    fn begin(stamp: Stamp, event: &SaleEvent) -> Option<Self> {
        match event {
            SaleEvent::Recorded(sale) => Some(SaleState {
                sale: sale.clone(),
                refunds: Vec::new(),
                prints: Vec::new(),
                last: stamp,
            }),
            SaleEvent::Refunded(_) | SaleEvent::ReceiptPrinted(_) => None,
        }
    }

    fn apply(&mut self, stamp: Stamp, event: &SaleEvent) {
        match event {
            SaleEvent::Refunded(refund) => self.refunds.push(refund.clone()),
            SaleEvent::ReceiptPrinted(print) => self.prints.push(print.clone()),
            SaleEvent::Recorded(_) => {}
        }
        self.last = stamp;
    }

    fn last(&self) -> Stamp {
        self.last
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

    /// The most that may still be refunded: what was paid for goods and
    /// services in real money, less everything refunded already (whichever
    /// way it went back).
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

    /// Plans a refund of `amount` (all that is refundable when `None`):
    /// into the wallet, or back tender by tender, the last payment first.
    pub fn plan_refund(
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
        if to == RefundTo::Wallet {
            if self.sale.customer.is_none() {
                return Err(RefundRefusal::NoWallet);
            }
            return Ok((
                amount,
                vec![PaymentLine {
                    tender: Tender::Wallet,
                    amount,
                    reference: String::new(),
                }],
            ));
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
        Ok((amount, parts))
    }
}
