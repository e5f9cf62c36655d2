//! A receipt's print, from making it to recording it, written once for the
//! app and the `caredesk` command: the copy is decided here (a sale whose
//! receipt was handed over before gets a copy), and the print is recorded
//! only after the printer or the file took it, because a receipt that
//! failed must not make the next attempt a copy: the customer never had
//! the original.

use caredesk_store::{Ctx, SaleView, Store, StoreError};

use super::{ReceiptData, ReceiptOptions, receipt};
use crate::error::Result;
use crate::paper::{Paper, Pdf};

/// A sale's receipt, made and not yet handed over.
#[derive(Debug)]
pub struct ReceiptPrint {
    pub pdf: Pdf,
    /// What to record once it is handed over.
    pub record: ReceiptRecord,
}

/// What a receipt's print records (`sale.receipt_printed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    /// The receipt's number.
    pub number: String,
    /// Marked as a copy: printed before, or asked for as one.
    pub copy: bool,
    /// The roll's width in millimetres.
    pub width_mm: u16,
}

impl ReceiptPrint {
    /// Makes `sale`'s receipt (a receipt number or a sale id). It is a copy
    /// when the sale's receipt was printed before, whatever `options.copy`
    /// says; `options.copy` marks a first print as a copy too.
    pub fn make(store: &Store, ctx: &Ctx, sale: &str, options: ReceiptOptions) -> Result<Self> {
        let data = ReceiptData::load(store, ctx, sale)?;
        let copy = options.copy || data.sale.printed > 0;
        let width_mm = match options.paper {
            Paper::Roll58 => 58,
            // A sheet is refused by `receipt` below.
            _ => 80,
        };
        let pdf = receipt(&data, &ReceiptOptions { copy, ..options })?;
        Ok(ReceiptPrint {
            pdf,
            record: ReceiptRecord {
                number: data.sale.number.clone(),
                copy,
                width_mm,
            },
        })
    }
}

impl ReceiptRecord {
    /// Records the print once the printer or the file has it: the next one
    /// is a copy.
    pub fn handed_over(&self, store: &mut Store, ctx: &Ctx) -> Result<SaleView, StoreError> {
        store
            .sales_mut()
            .record_receipt_printed(ctx, &self.number, self.copy, self.width_mm)
    }
}
