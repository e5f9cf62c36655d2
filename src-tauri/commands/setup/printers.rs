//! This counter's printers: which system printer takes receipts, the roll's
//! width and the statements' paper, kept in the counter settings file (not
//! the op log: another counter has other printers). Printing itself is not
//! built yet; this only chooses.

use std::path::Path;
use std::process::Command;

use caredesk_domain::Action;
use jiff::Timestamp;
use serde::Serialize;

use crate::approval::Approval;
use crate::counter_settings::{self, PrinterSettings};
use crate::error::IpcError;
use crate::session::Session;

/// The printers' section: what is chosen and what the system offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PrintersView {
    pub settings: PrinterSettings,
    /// The system's print queues (`lpstat -e`), by name.
    pub found: Vec<String>,
    /// Why none could be listed: `no_cups` when `lpstat` is not installed,
    /// `lpstat_failed` when it ran and failed (no scheduler running).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

pub fn printers(session: &mut Session, file: &Path) -> Result<PrintersView, IpcError> {
    session.acting(Timestamp::now())?;
    let (found, problem) = match list_queues("lpstat") {
        Ok(found) => (found, None),
        Err(problem) => (Vec::new(), Some(problem.to_owned())),
    };
    Ok(PrintersView {
        settings: counter_settings::load_printing(file),
        found,
        problem,
    })
}

/// A manager's or owner's change, like the idle lock.
pub fn set_printers(
    session: &mut Session,
    file: &Path,
    settings: PrinterSettings,
    approval: Option<&Approval>,
) -> Result<PrinterSettings, IpcError> {
    let (store, ctx) = session.acting_approved(Timestamp::now(), approval)?;
    store.authorize(&ctx, Action::EditSettings)?;
    counter_settings::save_printing(file, settings)
}

/// The queue names `program -e` prints, one a line (CUPS's `lpstat`).
pub fn list_queues(program: &str) -> Result<Vec<String>, &'static str> {
    let output = Command::new(program)
        .arg("-e")
        .output()
        .map_err(|_| "no_cups")?;
    if !output.status.success() {
        return Err("lpstat_failed");
    }
    let mut names: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}
