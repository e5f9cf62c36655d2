//! This counter's printers: which printer takes receipts (a system queue or
//! a thermal printer on the network or a device file) and the roll's width,
//! which queue takes statements and the day's report and on what paper, kept
//! in the counter settings file (not the op log: another counter has other
//! printers). Printing is `commands::printing`.

use std::path::Path;

use caredesk_domain::Action;
use caredesk_print::dispatch::{self, DispatchError};
use serde::Serialize;

use crate::approval::Approval;
use crate::counter_settings::{self, PrinterSettings};
use crate::error::IpcError;
use crate::session::Session;

/// The printers' section: what is chosen and what the system offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PrintersView {
    pub settings: PrinterSettings,
    /// The system's print queues, by name.
    pub found: Vec<String>,
    /// The system's default queue, when it has one.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_default: Option<String>,
    /// Why none could be listed: `no_cups` when the system has no printing
    /// tools (CUPS's `lpstat`), `lpstat_failed` when they failed (no
    /// scheduler running).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

pub fn printers(session: &mut Session, file: &Path) -> Result<PrintersView, IpcError> {
    session.acting(session.now())?;
    let (found, system_default, problem) = match dispatch::system_printers(None) {
        Ok(printers) => {
            let default = printers
                .iter()
                .find(|printer| printer.is_default)
                .map(|printer| printer.name.clone());
            let names = printers.into_iter().map(|printer| printer.name).collect();
            (names, default, None)
        }
        Err(DispatchError::PrintingMissing(_)) => (Vec::new(), None, Some("no_cups")),
        Err(_) => (Vec::new(), None, Some("lpstat_failed")),
    };
    Ok(PrintersView {
        settings: counter_settings::load_printing(file),
        found,
        system_default,
        problem: problem.map(str::to_owned),
    })
}

/// A manager's or owner's change, like the idle lock.
pub fn set_printers(
    session: &mut Session,
    file: &Path,
    settings: PrinterSettings,
    approval: Option<&Approval>,
) -> Result<PrinterSettings, IpcError> {
    let (store, ctx) = session.acting_approved(session.now(), approval)?;
    store.authorize(&ctx, Action::EditSettings)?;
    counter_settings::save_printing(file, settings)
}
