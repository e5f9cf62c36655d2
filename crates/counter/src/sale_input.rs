//! A sale as the checkout screen sends it, and its conversion to the
//! store's `NewSale`. The same shape serves the quote (payments ignored)
//! and the sale itself.

use caredesk_domain::sale::{Discount, Tender};
use caredesk_store::{LineRef, NewLine, NewPayment, NewSale};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SaleInput {
    /// A customer id; a sale of shelf items alone may have none, and a
    /// sale of bookings takes the bookings' customer.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub customer: Option<String>,
    pub lines: Vec<SaleLineInput>,
    /// Off the whole sale, spread over its lines (never off a top-up).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub discount: Option<Discount>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub payments: Vec<PaymentInput>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct SaleLineInput {
    #[serde(flatten)]
    pub what: LineInput,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub discount: Option<Discount>,
}

/// What a line is for: ids are the store's, amounts whole units.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineInput {
    /// A completed booking: one line per service.
    Booking { id: String },
    /// A package sold now.
    Package { id: String },
    /// A treatment sold earlier and not paid yet.
    Treatment { id: String },
    /// Sessions added to a treatment; without a count, those used beyond it.
    Sessions {
        treatment: String,
        #[serde(default)]
        #[ts(optional = nullable)]
        sessions: Option<u16>,
    },
    /// Something from the shelf.
    Item {
        name: String,
        unit_price: i64,
        quantity: u16,
    },
    /// Money into the customer's wallet.
    TopUp { amount: i64 },
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PaymentInput {
    pub tender: Tender,
    pub amount: i64,
    /// The card terminal's or the bank transfer's reference.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub reference: String,
}

impl From<SaleInput> for NewSale {
    fn from(input: SaleInput) -> Self {
        NewSale {
            customer: input.customer.filter(|c| !c.trim().is_empty()),
            lines: input
                .lines
                .into_iter()
                .map(|line| NewLine {
                    what: line.what.into(),
                    discount: line.discount,
                })
                .collect(),
            discount: input.discount,
            payments: input
                .payments
                .into_iter()
                .map(|p| NewPayment {
                    tender: p.tender,
                    amount: p.amount,
                    reference: p.reference,
                })
                .collect(),
            note: input.note,
        }
    }
}

impl From<LineInput> for LineRef {
    fn from(line: LineInput) -> Self {
        match line {
            LineInput::Booking { id } => LineRef::Booking(id),
            LineInput::Package { id } => LineRef::Package(id),
            LineInput::Treatment { id } => LineRef::Treatment(id),
            LineInput::Sessions {
                treatment,
                sessions,
            } => LineRef::Sessions {
                treatment,
                sessions,
            },
            LineInput::Item {
                name,
                unit_price,
                quantity,
            } => LineRef::Item {
                name,
                unit_price,
                quantity,
            },
            LineInput::TopUp { amount } => LineRef::TopUp(amount),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sale_reads_the_checkout_screens_shape() {
        let input: SaleInput = serde_json::from_str(
            r#"{
                "customer": "0190d5a0-0000-7000-8000-000000000001",
                "lines": [
                    {"kind": "booking", "id": "b1"},
                    {"kind": "item", "name": "Dầu gội", "unit_price": 120000, "quantity": 2,
                     "discount": {"percent": 1000}},
                    {"kind": "sessions", "treatment": "t1"},
                    {"kind": "top_up", "amount": 500000}
                ],
                "discount": {"amount": 20000},
                "payments": [{"tender": "card", "amount": 400000, "reference": "T-77"},
                             {"tender": "cash", "amount": 500000}]
            }"#,
        )
        .expect("valid sale");
        let sale = NewSale::from(input);
        assert_eq!(sale.lines.len(), 4);
        assert_eq!(sale.lines[0].what, LineRef::Booking("b1".into()));
        assert_eq!(sale.lines[1].discount, Some(Discount::Percent(1000)));
        assert_eq!(
            sale.lines[2].what,
            LineRef::Sessions {
                treatment: "t1".into(),
                sessions: None
            }
        );
        assert_eq!(sale.lines[3].what, LineRef::TopUp(500_000));
        assert_eq!(sale.discount, Some(Discount::Amount(20_000)));
        assert_eq!(sale.payments[0].tender, Tender::Card);
        assert_eq!(sale.payments[0].reference, "T-77");
        assert_eq!(sale.payments[1].reference, "");
    }

    #[test]
    fn an_unknown_line_or_field_is_refused_before_the_store_sees_it() {
        let unknown_kind = r#"{"lines": [{"kind": "gift", "id": "x"}]}"#;
        assert!(serde_json::from_str::<SaleInput>(unknown_kind).is_err());
        let unknown_field = r#"{"lines": [], "tip": 5000}"#;
        assert!(serde_json::from_str::<SaleInput>(unknown_field).is_err());
        let blank_customer: SaleInput =
            serde_json::from_str(r#"{"customer": "  ", "lines": []}"#).expect("valid");
        assert_eq!(NewSale::from(blank_customer).customer, None);
    }
}
