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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RefundTo {
    /// Back the way it was paid, tender by tender.
    #[default]
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
    /// The punch-card lines it gives money back for, each with the
    /// sessions it takes back from the card (schema 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<LineRefund>,
}

impl OpBody for SaleRefunded {
    const KIND: &'static str = "sale.refunded";
    /// 2 added `cards`; a build that knows only 1 would let the same
    /// sessions be refunded again.
    const SCHEMA: u16 = 2;

    fn upgrade(schema: u16, body: serde_json::Value) -> Result<Self, crate::op::DecodeError> {
        Self::with_defaults(schema, body)
    }
}

/// What a refund gives back for one line that paid for a punch card (a
/// package sold, a card paid later, sessions charged on it): the sessions
/// it takes back from the card and the money, of which `goodwill` is above
/// the unused share of the line's price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LineRefund {
    /// The line's index on the receipt.
    pub line: u16,
    pub treatment: TreatmentId,
    pub sessions: u16,
    pub amount: i64,
    pub goodwill: i64,
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
