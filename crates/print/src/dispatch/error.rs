//! Why a document did not reach the printer.

use std::time::Duration;

/// A print job that did not go out. Each variant has a stable `code()` the
/// app translates; the message names the printer and what went wrong, in
/// English, for logs and the CLI.
#[derive(Debug, thiserror::Error)]
pub enum DispatchError {
    /// The target itself is malformed (an empty queue name, an address that
    /// is not `host[:port]`, a sheet sent to a roll printer...): nothing was
    /// sent.
    #[error("invalid printer: {0}")]
    InvalidTarget(String),
    /// The job's own settings are out of range (an empty title, no copies):
    /// nothing was sent.
    #[error("invalid print job: {0}")]
    InvalidJob(String),
    /// The document is not something this path can print: not a PDF, no
    /// pages, a page too large to rasterise.
    #[error("cannot print this document: {0}")]
    Unprintable(String),
    /// The system knows no such queue, or the device file does not exist.
    #[error("no printer named {0}")]
    UnknownPrinter(String),
    /// The printer or the print service could not be reached at all.
    #[error("cannot reach {printer}: {detail}")]
    Unreachable { printer: String, detail: String },
    /// It was reached and said no (a queue not accepting jobs, a device file
    /// this user may not write).
    #[error("{printer} refused the job: {detail}")]
    Refused { printer: String, detail: String },
    /// It stopped answering part-way (a full buffer, no paper, a hung spooler).
    #[error("{printer} did not answer within {} s", .after.as_secs_f32())]
    TimedOut { printer: String, after: Duration },
    /// CUPS's command-line tools (`lp`, `lpstat`) are not installed.
    #[error("the system's printing is missing: {0}")]
    PrintingMissing(String),
    /// This platform has no way to send documents to the system's printers
    /// yet (Windows: see `docs/architecture/printing.md`, "Windows and macOS").
    #[error("printing through the system is not available on this platform: {0}")]
    Unsupported(String),
    /// Anything else the operating system reported while sending.
    #[error("printing to {printer} failed: {detail}")]
    Failed { printer: String, detail: String },
}

impl DispatchError {
    /// The stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            DispatchError::InvalidTarget(_) => "printer_invalid",
            DispatchError::InvalidJob(_) => "print_job_invalid",
            DispatchError::Unprintable(_) => "document_unprintable",
            DispatchError::UnknownPrinter(_) => "printer_unknown",
            DispatchError::Unreachable { .. } => "printer_unreachable",
            DispatchError::Refused { .. } => "printer_refused",
            DispatchError::TimedOut { .. } => "printer_timed_out",
            DispatchError::PrintingMissing(_) => "printing_missing",
            DispatchError::Unsupported(_) => "printing_unsupported",
            DispatchError::Failed { .. } => "print_failed",
        }
    }
}
