//! Windows: the system's printers are listed through PowerShell
//! (`Win32_Printer`, which also says which one is the default). Sending a PDF to a Windows queue needs the spooler's API
//! (a GDI or XPS print job drawn from the rasterised pages), which is FFI
//! and so `unsafe`, forbidden in this workspace: see
//! `docs/architecture/printing.md`, "Windows and macOS", for what the port does.
//! Thermal printers work already: `Target::Network`, or `Target::Device`
//! with a shared printer's `\\localhost\NAME` path, which the spooler
//! passes through raw.

use std::process::Command;
use std::time::Duration;

use super::command;
use super::{DispatchError, SystemPrinter};

pub fn printers(
    server: Option<&str>,
    timeout: Duration,
) -> Result<Vec<SystemPrinter>, DispatchError> {
    let mut script = String::from("Get-CimInstance -ClassName Win32_Printer");
    if let Some(server) = server {
        // Quoted for PowerShell: a single quote is doubled.
        script.push_str(&format!(" -ComputerName '{}'", server.replace('\'', "''")));
    }
    script.push_str(" | ForEach-Object { \"$($_.Name)`t$($_.Default)\" }");
    let mut powershell = Command::new("powershell");
    powershell.args(["-NoProfile", "-NonInteractive", "-Command", &script]);
    let here = server.unwrap_or("Windows").to_owned();
    let said = command::run(
        powershell,
        None,
        timeout,
        &here,
        "PowerShell is not on the PATH",
    )?;
    if !said.success {
        return Err(DispatchError::Unreachable {
            printer: here,
            detail: said.stderr.trim().to_owned(),
        });
    }
    let mut found: Vec<SystemPrinter> = said
        .stdout
        .lines()
        .filter_map(|line| {
            let (name, default) = line.trim_end().split_once('\t')?;
            Some(SystemPrinter {
                name: name.to_owned(),
                is_default: default.eq_ignore_ascii_case("true"),
            })
        })
        .collect();
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}
