//! Printing from the counter: a sale's receipt, a punch card's statement
//! and the day's report, on the printers chosen in Settings › Printers
//! (`counter_settings::PrinterSettings`).
//!
//! Three steps, so that a slow printer never holds the counter: the
//! document is made under the session's lock (it reads the store), handed
//! to the printer with the lock released (a sleeping
//! network printer can take seconds to answer), and then, for a receipt,
//! the printing is recorded under the lock again. Whether a receipt is a
//! copy, and recording it only after the hand-over, are
//! `caredesk_print::ReceiptPrint`'s, which `caredesk print receipt` shares.

use caredesk_print::dispatch::{self, DispatchError, Job, Printed, Target};
use caredesk_print::{
    Pdf, PrintError, ReceiptOptions, ReceiptPrint, ReceiptRecord, SheetOptions, StatementData,
    day_report, statement,
};
use jiff::Timestamp;
use serde::Serialize;

use super::treatments::treatment_id;
use crate::Counter;
use crate::approval::Approval;
use crate::counter_settings::{self, PrinterSettings};
use crate::error::IpcError;
use crate::session::Session;

/// What the counter tells the person who printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PrintOutcome {
    /// The printer it went to: a queue's name, an address or a device file.
    pub printer: String,
    /// The system queue's job (`Quay-EPSON-12`), when it gave one.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
    /// A receipt printed before: this one is marked as a copy.
    pub copy: bool,
}

/// A document made and where it goes, ready to hand over.
#[derive(Debug)]
pub(crate) struct PrintJob {
    pub pdf: Pdf,
    pub target: Target,
    pub job: Job,
    /// For a receipt: what to record once it is printed.
    pub receipt: Option<ReceiptRecord>,
}

/// Prints sale `sale`'s receipt (a receipt number or sale id); a copy when
/// it was printed before.
pub fn print_receipt(counter: &Counter, sale: String) -> Result<PrintOutcome, IpcError> {
    print(counter, |session, now, settings| {
        receipt_job(session, now, settings, &sale)
    })
}

/// Prints punch card `treatment`'s statement on the sheet printer.
pub fn print_statement(counter: &Counter, treatment: String) -> Result<PrintOutcome, IpcError> {
    print(counter, |session, now, settings| {
        statement_job(session, now, settings, &treatment)
    })
}

/// Prints the branch's report of `date` (today when absent) on the sheet
/// printer: a manager's action, like seeing it.
pub fn print_day_report(
    counter: &Counter,
    date: Option<String>,
    approval: Option<Approval>,
) -> Result<PrintOutcome, IpcError> {
    print(counter, |session, now, settings| {
        report_job(session, now, settings, date.as_deref(), approval.as_ref())
    })
}

/// The three steps: `prepare` under the lock, the hand-over without the
/// lock, the record under the lock again.
fn print(
    counter: &Counter,
    prepare: impl FnOnce(&mut Session, Timestamp, &PrinterSettings) -> Result<PrintJob, IpcError>,
) -> Result<PrintOutcome, IpcError> {
    let settings = counter_settings::load_printing(counter.settings_file());
    let prepared = prepare(&mut counter.session(), counter.now(), &settings)?;
    // Every command runs on a thread of its own (the app's handler and
    // serve-ui's both use a blocking pool), so a slow printer holds only
    // this one, and never the session's lock.
    let printed = send(&prepared)?;
    finish(&mut counter.session(), counter.now(), &prepared, printed)
}

pub(crate) fn receipt_job(
    session: &mut Session,
    now: Timestamp,
    settings: &PrinterSettings,
    sale: &str,
) -> Result<PrintJob, IpcError> {
    let printer = settings.receipt_printer.as_ref().ok_or_else(|| {
        no_printer(
            "receipt_printer",
            "no receipt printer is chosen for this counter: choose one in Settings › Printers",
        )
    })?;
    let (store, ctx) = session.acting(now)?;
    let ReceiptPrint { pdf, record } =
        ReceiptPrint::make(store, &ctx, sale, ReceiptOptions::new(settings.roll()))
            .map_err(print_error)?;
    Ok(PrintJob {
        pdf,
        target: settings.receipt_target(printer),
        job: Job::new(format!("CareDesk {}", record.number)),
        receipt: Some(record),
    })
}

pub(crate) fn statement_job(
    session: &mut Session,
    now: Timestamp,
    settings: &PrinterSettings,
    treatment: &str,
) -> Result<PrintJob, IpcError> {
    let id = treatment_id(treatment)?;
    let target = sheet_target(settings)?;
    let (store, ctx) = session.acting(now)?;
    let data = StatementData::load(store, &ctx, id).map_err(print_error)?;
    let pdf = statement(&data, &sheet_options(settings)).map_err(print_error)?;
    Ok(PrintJob {
        pdf,
        target,
        job: Job::new(format!("CareDesk {}", data.treatment.name)),
        receipt: None,
    })
}

pub(crate) fn report_job(
    session: &mut Session,
    now: Timestamp,
    settings: &PrinterSettings,
    date: Option<&str>,
    approval: Option<&Approval>,
) -> Result<PrintJob, IpcError> {
    let report = super::report::report(session, now, date, approval)?;
    let target = sheet_target(settings)?;
    let pdf = day_report(
        &report,
        session.store().settings(),
        &sheet_options(settings),
    )
    .map_err(print_error)?;
    Ok(PrintJob {
        pdf,
        target,
        job: Job::new(format!("CareDesk {}", report.date)),
        receipt: None,
    })
}

/// Hands the document to its printer.
pub(crate) fn send(prepared: &PrintJob) -> Result<Printed, IpcError> {
    dispatch::print(&prepared.pdf, &prepared.target, &prepared.job).map_err(dispatch_error)
}

/// Records a printed receipt; says what happened.
pub(crate) fn finish(
    session: &mut Session,
    now: Timestamp,
    prepared: &PrintJob,
    printed: Printed,
) -> Result<PrintOutcome, IpcError> {
    if let Some(receipt) = &prepared.receipt {
        let (store, ctx) = session.acting(now)?;
        receipt.handed_over(store, &ctx)?;
    }
    Ok(PrintOutcome {
        printer: printer_name(&prepared.target),
        job: match printed {
            Printed::Queued { job_id } => job_id,
            Printed::Sent { .. } => None,
        },
        copy: prepared
            .receipt
            .as_ref()
            .is_some_and(|receipt| receipt.copy),
    })
}

fn sheet_target(settings: &PrinterSettings) -> Result<Target, IpcError> {
    settings
        .sheet_printer
        .as_deref()
        .map(PrinterSettings::sheet_target)
        .ok_or_else(|| {
            no_printer(
                "sheet_printer",
                "no printer for statements and reports is chosen for this counter: \
                 choose one in Settings › Printers",
            )
        })
}

fn sheet_options(settings: &PrinterSettings) -> SheetOptions {
    SheetOptions {
        paper: settings.statement_paper.sheet(),
        lang: None,
    }
}

fn printer_name(target: &Target) -> String {
    match target {
        Target::System { queue, .. } => queue.clone(),
        Target::Network { address, .. } => address.clone(),
        Target::Device { path, .. } => path.display().to_string(),
    }
}

fn no_printer(field: &str, message: &str) -> IpcError {
    IpcError::new("no_printer", message).on_field(field)
}

fn print_error(error: PrintError) -> IpcError {
    match error {
        PrintError::Store(error) => error.into(),
        other => IpcError::new(other.code(), other.to_string()),
    }
}

fn dispatch_error(error: DispatchError) -> IpcError {
    IpcError::new(error.code(), error.to_string())
}

#[cfg(test)]
#[path = "printing_tests.rs"]
mod tests;
