//! Receipts on paper: each print of a sale's receipt is an op, so the next
//! one says COPY and the activity log shows who reprinted what.

use std::ops::{Deref, DerefMut};

use caredesk_domain::sale::{ReceiptPrinted, SaleEvent};

use super::SaleView;
use super::projection::load;
use crate::Sales;
use crate::error::{Result, StoreError};
use crate::{Ctx, Store};

/// The receipt roll widths a printer takes, in millimetres.
pub const RECEIPT_WIDTHS_MM: [u16; 2] = [80, 58];

impl<S: Deref<Target = Store>> Sales<S> {
    /// Records that a receipt of `sale` (id or receipt number) went to a
    /// printer on a `width_mm` roll, `copy` when it said so; call it once the
    /// printer took the job. Returns the sale as it reads now.
    pub fn record_receipt_printed(
        &mut self,
        ctx: &Ctx,
        sale: &str,
        copy: bool,
        width_mm: u16,
    ) -> Result<SaleView>
    where
        S: DerefMut,
    {
        if !RECEIPT_WIDTHS_MM.contains(&width_mm) {
            return Err(StoreError::ReceiptWidth(width_mm));
        }
        let id = self.find_sale(sale)?;
        let mut writer = self.writer(ctx)?;
        load(writer.tx(), id)?.ok_or_else(|| StoreError::SaleNotFound(sale.trim().to_owned()))?;
        let event = ReceiptPrinted {
            at: ctx.now,
            copy,
            width_mm,
        };
        writer.append(id, SaleEvent::from(event))?;
        writer.commit()?;
        self.sale(&id.to_string())
    }
}
