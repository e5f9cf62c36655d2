//! Checkout: sales with lines for completed bookings, packages, treatments
//! sold earlier, shelf items and wallet top-ups; discounts, tax, split
//! payments with change, the register's receipt numbers; refunds and voids.

pub(crate) mod commands;
pub(crate) use commands::next_receipt_number;
mod printed;
pub use printed::RECEIPT_WIDTHS_MM;
pub(crate) mod projection;
pub(crate) mod refund;
pub(crate) mod view;

use caredesk_domain::id::{CustomerId, SaleId};
use caredesk_domain::money::Currency;
use caredesk_domain::sale::{
    Discount, LineRefund, PaymentLine, RefundTo, SaleLine, TaxRule, Tender,
};
use serde::Serialize;

/// What one line of a new sale is for, as the counter gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineRef {
    /// A completed booking (its id): one line per item.
    Booking(String),
    /// A package (id or name) to sell to the customer now.
    Package(String),
    /// A treatment (id) sold earlier and not paid yet.
    Treatment(String),
    /// Sessions added to a treatment (id): as many as given, or, when
    /// none is given, as many as were used beyond the card.
    Sessions {
        treatment: String,
        sessions: Option<u16>,
    },
    /// Something from the shelf.
    Item {
        name: String,
        unit_price: i64,
        quantity: u16,
    },
    /// Money into the customer's wallet.
    TopUp(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLine {
    pub what: LineRef,
    pub discount: Option<Discount>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    pub tender: Tender,
    pub amount: i64,
    /// The card terminal's or the bank transfer's reference.
    pub reference: String,
}

/// A sale as the counter rings it up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSale {
    /// Id or phone; taken from the bookings when not given. A sale of shelf
    /// items alone may have no customer.
    pub customer: Option<String>,
    pub lines: Vec<NewLine>,
    /// Off the whole sale, spread over its lines.
    pub discount: Option<Discount>,
    pub payments: Vec<NewPayment>,
    pub note: String,
}

/// What a sale would come to (`Sales::quote_sale`): the checkout screen's
/// cart before anyone pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Quote {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub customer: Option<CustomerId>,
    pub currency: Currency,
    pub lines: Vec<SaleLine>,
    pub tax_rule: TaxRule,
    pub subtotal: i64,
    pub discounts: i64,
    pub tax: i64,
    pub total: i64,
    /// The discounts are above the business's limit and the person signed
    /// in may not grant that: a manager must approve the sale.
    pub needs_approval: bool,
    /// What the customer's wallet can pay now (real and live virtual
    /// credit); absent without a customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub wallet_available: Option<i64>,
}

/// A refund as a manager asks for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewRefund {
    /// Everything still refundable when `None`.
    pub amount: Option<i64>,
    pub to: RefundTo,
    pub note: String,
    /// Only the line that paid for this card (its treatment id): needed
    /// when the sale pays for several.
    pub treatment: Option<String>,
    /// Exactly this many of the card's sessions go back, for their unused
    /// share of the line's price unless `amount` says otherwise.
    pub sessions: Option<u16>,
    /// The manager gives back more than the unused share of a card's
    /// price; what is above it is recorded as goodwill.
    pub goodwill: bool,
}

/// A receipt as the counter shows and prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SaleView {
    pub id: SaleId,
    pub number: String,
    pub register: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub customer: Option<CustomerId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub customer_name: Option<String>,
    /// RFC 3339 in the business zone.
    pub at: String,
    pub by_name: String,
    pub currency: Currency,
    pub lines: Vec<SaleLine>,
    pub tax_rule: TaxRule,
    pub subtotal: i64,
    pub discounts: i64,
    pub tax: i64,
    pub total: i64,
    pub payments: Vec<PaymentLine>,
    pub paid: i64,
    pub change: i64,
    /// Virtual credit the wallet payments used (never refunded).
    pub from_virtual: i64,
    pub refunded: i64,
    pub refundable: i64,
    pub voided: bool,
    pub refunds: Vec<RefundView>,
    /// How many times a receipt of it was printed: the next one is a copy.
    pub printed: u32,
    #[serde(skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefundView {
    pub at: String,
    pub register: String,
    pub amount: i64,
    pub to: RefundTo,
    pub parts: Vec<PaymentLine>,
    pub void: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub note: String,
    /// The punch-card lines it gave money back for, with the sessions it
    /// took back from each card.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub cards: Vec<LineRefund>,
}

/// What a refund did, and the sale after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SaleRefund {
    pub id: SaleId,
    pub refunded: i64,
    pub parts: Vec<PaymentLine>,
    /// The sessions taken back from each card, and the money for each.
    pub cards: Vec<LineRefund>,
    pub sale: SaleView,
}
