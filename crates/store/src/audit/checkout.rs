//! Sentences for checkout: sales, refunds and voids, the cash drawer and
//! closed days.

use caredesk_domain::drawer::{DrawerEvent, RegisterEvent};
use caredesk_domain::id::{DrawerId, SaleId};
use caredesk_domain::money::Money;
use caredesk_domain::op::Op;
use caredesk_domain::sale::{SaleEvent, Tender};

use super::Words;
use crate::error::Result;

impl Words<'_> {
    pub(super) fn money(&self, amount: i64) -> String {
        Money::new(amount, self.store.settings.currency).to_string()
    }

    fn tender(&self, tender: Tender) -> String {
        self.say(&format!("tender.{}", tender.as_str()))
    }

    /// The receipt number, or the id of a sale whose `sale.recorded` has not
    /// arrived yet.
    fn sale_number(&self, id: SaleId) -> Result<String> {
        Ok(crate::sales::projection::load(&self.store.conn, id)?
            .map(|s| s.sale.number)
            .unwrap_or_else(|| id.to_string()))
    }

    /// A sale is told with its receipt number, total and customer; a refund
    /// with the amount and where it went.
    pub(super) fn sale_words(
        &self,
        op: &Op,
        event: &SaleEvent,
        values: &mut Vec<(&'static str, String)>,
    ) -> Result<String> {
        let id = SaleId::from_uuid(*op.entity.as_uuid());
        match event {
            SaleEvent::Recorded(sale) => {
                values.push(("number", sale.number.clone()));
                values.push(("amount", self.money(sale.total)));
                match sale.customer {
                    Some(customer) => {
                        values.push(("customer", self.customer_name(customer.into())?));
                        Ok(op.kind.clone())
                    }
                    None => Ok("sale.recorded_walk_in".to_owned()),
                }
            }
            SaleEvent::ReceiptPrinted(print) => {
                values.push(("number", self.sale_number(id)?));
                Ok(if print.copy {
                    "sale.receipt_reprinted"
                } else {
                    "sale.receipt_printed"
                }
                .to_owned())
            }
            SaleEvent::Refunded(refund) => {
                values.push(("number", self.sale_number(id)?));
                values.push(("amount", self.money(refund.amount)));
                let parts: Vec<String> = refund
                    .parts
                    .iter()
                    .map(|p| format!("{} {}", self.tender(p.tender), self.money(p.amount)))
                    .collect();
                values.push(("parts", parts.join(", ")));
                values.push(("note", refund.note.clone()));
                let key = if refund.void {
                    "sale.voided"
                } else {
                    "sale.refunded"
                };
                Ok(if refund.note.is_empty() {
                    key.to_owned()
                } else {
                    format!("{key}_note")
                })
            }
        }
    }

    pub(super) fn drawer_words(
        &self,
        op: &Op,
        event: &DrawerEvent,
        values: &mut Vec<(&'static str, String)>,
    ) -> Result<String> {
        let id = DrawerId::from_uuid(*op.entity.as_uuid());
        let register = crate::drawer::register_of(&self.store.conn, id)?;
        values.push(("register", register));
        Ok(match event {
            DrawerEvent::Opened(opened) => {
                values.push(("amount", self.money(opened.float)));
                op.kind.clone()
            }
            DrawerEvent::CashMoved(moved) => {
                values.push(("amount", self.money(moved.amount.abs())));
                values.push(("reason", moved.reason.clone()));
                if moved.amount < 0 {
                    "drawer.cash_out".to_owned()
                } else {
                    "drawer.cash_in".to_owned()
                }
            }
            DrawerEvent::Closed(closed) => {
                let counted: Vec<String> = closed
                    .counted
                    .iter()
                    .map(|c| format!("{} {}", self.tender(c.tender), self.money(c.amount)))
                    .collect();
                values.push(("counted", counted.join(", ")));
                op.kind.clone()
            }
        })
    }

    pub(super) fn register_words(
        &self,
        op: &Op,
        event: &RegisterEvent,
        values: &mut Vec<(&'static str, String)>,
    ) -> String {
        match event {
            RegisterEvent::DayClosed(closed) => {
                values.push(("register", closed.register.clone()));
                values.push(("date", closed.date.to_string()));
                op.kind.clone()
            }
        }
    }
}
