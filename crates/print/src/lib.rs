//! CareDesk's printed documents and how they reach a printer.
//!
//! Documents are PDF with an embedded, subset font that covers Vietnamese and
//! Indonesian, laid out for the paper they go on (`Paper`): an 80 or 58 mm
//! roll cut to the content's height, or an A5/A4 sheet. `dispatch` sends a
//! finished `Pdf` to the system's printing (CUPS) or, for thermal printers,
//! as ESC/POS raster over the network or to a device file.
//!
//! Each document (`receipt`, `statement`, `day_report`) is built from the
//! store's read views, so the app and `caredesk print` print the same thing;
//! what it says comes from the catalogue's `paper.*` keys (`words/*.json`), where it goes from
//! `layout`.

pub mod dispatch;
mod error;
mod font;
mod header;
mod layout;
mod paper;
mod pdf;
pub mod qr;
mod receipt;
mod report;
mod statement;
mod words;

pub use error::{PrintError, Result};
pub use paper::{Paper, Pdf};
pub use receipt::{CardLeft, ReceiptData, ReceiptOptions, ReceiptPrint, ReceiptRecord, receipt};
pub use report::day_report;
pub use statement::{SheetOptions, StatementData, statement};
