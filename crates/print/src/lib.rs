//! CareDesk's printed documents and how they reach a printer.
//!
//! Documents are PDF with an embedded, subset font that covers Vietnamese and
//! Indonesian, laid out for the paper they go on (`Paper`): an 80 or 58 mm
//! roll cut to the content's height, or an A5/A4 sheet. `dispatch` sends a
//! finished `Pdf` to the system's printing (CUPS) or, for thermal printers,
//! as ESC/POS raster over the network or to a device file.

pub mod dispatch;
mod paper;

pub use paper::{Paper, Pdf};
