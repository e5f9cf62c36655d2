//! Sending a finished document to a printer.
//!
//! A `Target` says where a document goes and `print` sends it there:
//!
//! - `Target::System`: a queue of the system's print service. CUPS on Linux
//!   and macOS, through `lp` with the media the document was laid out for.
//! - `Target::Network`: a thermal printer on the network, ESC/POS raster
//!   over raw TCP (port 9100).
//! - `Target::Device`: a thermal printer's device file (`/dev/usb/lp0`).
//!
//! Thermal printers get the PDF rasterised to one bit a dot at the head's
//! resolution (`raster`), as `GS v 0` bands followed by feed and cut
//! (`escpos`). `docs/architecture/printing.md`, "Dispatch", has the whole
//! picture, Windows included.

mod command;
#[cfg(unix)]
mod cups;
mod error;
pub mod escpos;
pub mod raster;
mod thermal;
#[cfg(windows)]
mod windows;

use std::path::PathBuf;
use std::time::Duration;

pub use error::DispatchError;
pub use thermal::DEFAULT_PORT;

use crate::{Paper, Pdf};

/// Where a document is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A queue of the system's print service (CUPS). `server` names another
    /// CUPS server (`host[:port]`, `lp -h`); `None` is this computer's.
    System {
        queue: String,
        server: Option<String>,
    },
    /// An ESC/POS thermal printer at `host[:port]` (port 9100 by default).
    Network { address: String, head: PrintHead },
    /// An ESC/POS thermal printer's device file.
    Device { path: PathBuf, head: PrintHead },
}

/// A thermal printer's head: how finely and how wide it prints, and whether
/// it can cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintHead {
    /// Dots per inch (203 on nearly every receipt printer: 8 dots a mm).
    pub dpi: u16,
    /// Dots across: 576 (72 mm) on an 80 mm roll, 384 (48 mm) on 58 mm.
    pub width_dots: u16,
    /// Cut after each copy (`GS V`); without a cutter the paper is fed past
    /// the tear bar instead.
    pub cutter: bool,
}

impl PrintHead {
    pub const ROLL_80: PrintHead = PrintHead {
        dpi: 203,
        width_dots: 576,
        cutter: true,
    };
    pub const ROLL_58: PrintHead = PrintHead {
        dpi: 203,
        width_dots: 384,
        cutter: true,
    };

    /// The usual head for a roll; `None` for a sheet, which no thermal
    /// printer takes.
    pub fn for_paper(paper: Paper) -> Option<PrintHead> {
        match paper {
            Paper::Roll80 => Some(PrintHead::ROLL_80),
            Paper::Roll58 => Some(PrintHead::ROLL_58),
            Paper::A5 | Paper::A4 => None,
        }
    }
}

/// How a document is printed, whatever the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Shown in the system's print queue (`Hóa đơn A7Q-000012`).
    pub title: String,
    pub copies: u16,
    /// The longest the whole job may take to hand over, connection
    /// included. Not how long the printer takes to print it.
    pub timeout: Duration,
}

impl Job {
    pub const MAX_COPIES: u16 = 99;
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

    /// One copy, the default timeout.
    pub fn new(title: impl Into<String>) -> Job {
        Job {
            title: title.into(),
            copies: 1,
            timeout: Job::DEFAULT_TIMEOUT,
        }
    }

    fn check(&self) -> Result<(), DispatchError> {
        let invalid = |why: String| Err(DispatchError::InvalidJob(why));
        if self.title.trim().is_empty() || self.title.chars().count() > 255 {
            return invalid("a job title of 1 to 255 characters is needed".to_owned());
        }
        if self.title.chars().any(char::is_control) {
            return invalid("the job title has a control character".to_owned());
        }
        if !(1..=Job::MAX_COPIES).contains(&self.copies) {
            return invalid(format!(
                "copies must be 1 to {}, not {}",
                Job::MAX_COPIES,
                self.copies
            ));
        }
        if self.timeout.is_zero() {
            return invalid("the timeout must be more than zero".to_owned());
        }
        Ok(())
    }
}

/// What printing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    /// The system's print service took the job; its id, when it said one
    /// (`CareDesk-PDF-12`, for `lpstat`/`cancel`).
    Queued { job_id: Option<String> },
    /// The bytes went to the printer itself.
    Sent { bytes: usize },
}

/// A queue of the system's print service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemPrinter {
    pub name: String,
    pub is_default: bool,
}

/// Prints `pdf` on `target`. Everything is checked before anything is
/// sent: a refused job sent nothing.
pub fn print(pdf: &Pdf, target: &Target, job: &Job) -> Result<Printed, DispatchError> {
    job.check()?;
    check_document(pdf)?;
    check_target(target)?;
    match target {
        Target::System { queue, server } => print_on_system(pdf, queue, server.as_deref(), job),
        Target::Network { address, head } => {
            let bytes = thermal_job(pdf, *head, job)?;
            let sent = thermal::send_network(address, &bytes, job.timeout)?;
            Ok(Printed::Sent { bytes: sent })
        }
        Target::Device { path, head } => {
            let bytes = thermal_job(pdf, *head, job)?;
            let sent = thermal::send_device(path, &bytes, job.timeout)?;
            Ok(Printed::Sent { bytes: sent })
        }
    }
}

/// Whether `target` names a printer `print` could try: a queue name CUPS
/// accepts, a `host[:port]`, a device file. Nothing is contacted, so
/// settings can check a printer chosen while it is switched off.
pub fn check_target(target: &Target) -> Result<(), DispatchError> {
    match target {
        Target::System { queue, server } => check_queue(queue, server.as_deref()),
        Target::Network { address, .. } => thermal::parse_address(address).map(drop),
        Target::Device { path, .. } => {
            if path.as_os_str().is_empty() {
                Err(DispatchError::InvalidTarget(
                    "a device file is needed, e.g. /dev/usb/lp0".to_owned(),
                ))
            } else {
                Ok(())
            }
        }
    }
}

/// The ESC/POS bytes `print` sends a thermal printer for `pdf`.
pub fn thermal_job(pdf: &Pdf, head: PrintHead, job: &Job) -> Result<Vec<u8>, DispatchError> {
    check_document(pdf)?;
    if !pdf.paper.is_roll() {
        return Err(DispatchError::InvalidTarget(format!(
            "a thermal printer takes rolls, and this document is laid out for {:?}: \
             choose a sheet printer for it",
            pdf.paper
        )));
    }
    if head.width_dots < 8 || !(100..=600).contains(&head.dpi) {
        return Err(DispatchError::InvalidTarget(format!(
            "a print head of {} dots at {} dpi",
            head.width_dots, head.dpi
        )));
    }
    let bitmap = raster::rasterise(pdf, head)?;
    Ok(escpos::job(&bitmap, job.copies, head.cutter))
}

/// The system's printers, the default marked. `server` as in
/// `Target::System`.
pub fn system_printers(server: Option<&str>) -> Result<Vec<SystemPrinter>, DispatchError> {
    #[cfg(unix)]
    {
        cups::printers(server, Job::DEFAULT_TIMEOUT)
    }
    #[cfg(windows)]
    {
        windows::printers(server, Job::DEFAULT_TIMEOUT)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = server;
        Err(DispatchError::Unsupported(std::env::consts::OS.to_owned()))
    }
}

/// The `media` CUPS is asked for: `Custom.80x123.5mm` for a roll, `A5`, `A4`.
#[cfg(unix)]
pub fn cups_media(pdf: &Pdf) -> String {
    cups::media(pdf)
}

fn print_on_system(
    pdf: &Pdf,
    queue: &str,
    server: Option<&str>,
    job: &Job,
) -> Result<Printed, DispatchError> {
    #[cfg(unix)]
    {
        let job_id = cups::print(pdf, queue, server, job)?;
        Ok(Printed::Queued { job_id })
    }
    #[cfg(not(unix))]
    {
        let _ = (pdf, queue, server, job);
        Err(DispatchError::Unsupported(format!(
            "{}: print receipts to a thermal printer (network or shared-printer path) instead",
            std::env::consts::OS
        )))
    }
}

fn check_document(pdf: &Pdf) -> Result<(), DispatchError> {
    if !pdf.bytes.starts_with(b"%PDF-") {
        return Err(DispatchError::Unprintable(
            "the document is not a PDF".to_owned(),
        ));
    }
    if !(pdf.height_mm.is_finite() && pdf.height_mm > 0.0 && pdf.height_mm <= 10_000.0) {
        return Err(DispatchError::Unprintable(format!(
            "a page {} mm tall",
            pdf.height_mm
        )));
    }
    Ok(())
}

/// CUPS queue names: printable, no space, `/`, `#` or `\`, at most 127
/// bytes; a leading `-` would read as an option to `lp`.
fn check_queue(queue: &str, server: Option<&str>) -> Result<(), DispatchError> {
    let valid = !queue.is_empty()
        && queue.len() <= 127
        && !queue.starts_with('-')
        && !queue
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '/' | '#' | '\\'));
    if !valid {
        return Err(DispatchError::InvalidTarget(format!(
            "{queue:?} is not a print queue's name"
        )));
    }
    if let Some(server) = server
        && (server.is_empty() || server.starts_with('-') || server.chars().any(char::is_whitespace))
    {
        return Err(DispatchError::InvalidTarget(format!(
            "{server:?} is not a print server (host[:port])"
        )));
    }
    Ok(())
}
