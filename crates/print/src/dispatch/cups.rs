//! CUPS (Linux and macOS) through its command-line client: `lp` to print,
//! `lpstat` to list queues. The client talks to the local scheduler (or the
//! one named with `-h`), handles its authentication and its socket, and is
//! on every system that has CUPS; speaking IPP ourselves would add an HTTP
//! client and an IPP encoder to do the same.

use std::process::Command;
use std::time::Duration;

use super::command::{self, Said};
use super::{DispatchError, Job, SystemPrinter};
use crate::{Paper, Pdf};

/// The `media` option for a document: a roll is a custom size of the roll's
/// width and the document's height (rounded up to a tenth of a millimetre
/// so nothing is cut off); a sheet is its name.
pub fn media(pdf: &Pdf) -> String {
    match pdf.paper {
        Paper::A4 => "A4".to_owned(),
        Paper::A5 => "A5".to_owned(),
        Paper::Roll80 | Paper::Roll58 => {
            // The small allowance keeps 123.4 (stored as 123.40001) at 123.4.
            let tenths = (pdf.height_mm * 10.0 - 0.001).ceil() as u32;
            format!(
                "Custom.{}x{}.{}mm",
                pdf.paper.width_mm() as u32,
                tenths / 10,
                tenths % 10
            )
        }
    }
}

/// Queues `pdf` on `queue` and returns the job id CUPS gave it
/// (`CareDesk-PDF-12`).
pub fn print(
    pdf: &Pdf,
    queue: &str,
    server: Option<&str>,
    job: &Job,
) -> Result<Option<String>, DispatchError> {
    let mut lp = client("lp", server);
    lp.arg("-d")
        .arg(queue)
        .arg("-t")
        .arg(&job.title)
        .arg("-n")
        .arg(job.copies.to_string())
        .arg("-o")
        .arg(format!("media={}", media(pdf)));
    // No file argument: lp reads the document from its standard input, so
    // no temporary file is left behind if the counter stops mid-way.
    let said = run(lp, Some(&pdf.bytes), queue, job.timeout)?;
    if said.success {
        return Ok(job_id(&said.stdout));
    }
    Err(refusal(&said.stderr, queue, server, job.timeout))
}

/// The printers the print service offers, the system's default marked.
pub fn printers(
    server: Option<&str>,
    timeout: Duration,
) -> Result<Vec<SystemPrinter>, DispatchError> {
    let here = server.unwrap_or("CUPS");
    // `lpstat -e` lists nothing, successfully, when no scheduler runs: ask
    // first whether one does.
    scheduler_running(server, timeout)?;
    let listed = run(client_with("lpstat", server, "-e"), None, here, timeout)?;
    if !listed.success {
        return Err(unreachable(here, &listed.stderr));
    }
    let default = run(client_with("lpstat", server, "-d"), None, here, timeout)?;
    let default = default
        .stdout
        .lines()
        .find_map(|line| line.strip_prefix("system default destination:"))
        .map(str::trim)
        .map(str::to_owned);
    let mut names: Vec<&str> = listed
        .stdout
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    names.sort_unstable();
    names.dedup();
    Ok(names
        .into_iter()
        .map(|name| SystemPrinter {
            is_default: default.as_deref() == Some(name),
            name: name.to_owned(),
        })
        .collect())
}

fn scheduler_running(server: Option<&str>, timeout: Duration) -> Result<(), DispatchError> {
    let here = server.unwrap_or("CUPS");
    let said = run(client_with("lpstat", server, "-r"), None, here, timeout)?;
    if said.stdout.contains("is running") {
        Ok(())
    } else {
        Err(DispatchError::Unreachable {
            printer: here.to_owned(),
            detail: "the CUPS scheduler is not running".to_owned(),
        })
    }
}

fn client(program: &str, server: Option<&str>) -> Command {
    let mut command = Command::new(program);
    if let Some(server) = server {
        command.arg("-h").arg(server);
    }
    command
}

fn client_with(program: &str, server: Option<&str>, flag: &str) -> Command {
    let mut command = client(program, server);
    command.arg(flag);
    command
}

fn run(
    command: Command,
    input: Option<&[u8]>,
    printer: &str,
    timeout: Duration,
) -> Result<Said, DispatchError> {
    command::run(
        command,
        input,
        timeout,
        printer,
        "CUPS's lp and lpstat are not installed (Debian: cups-client)",
    )
}

/// `request id is CareDesk-PDF-12 (0 file(s))` -> `CareDesk-PDF-12`.
fn job_id(stdout: &str) -> Option<String> {
    stdout.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("request id is ")?;
        rest.split_whitespace().next().map(str::to_owned)
    })
}

/// Turns lp's complaint into an error the counter can act on.
fn refusal(stderr: &str, queue: &str, server: Option<&str>, timeout: Duration) -> DispatchError {
    let said = stderr.trim().trim_start_matches("lp:").trim();
    let said = said.strip_prefix("Error - ").unwrap_or(said).to_owned();
    let lower = said.to_ascii_lowercase();
    if lower.contains("does not exist") || lower.contains("unknown destination") {
        // lp says the same when it cannot reach the scheduler at all.
        return match scheduler_running(server, timeout) {
            Ok(()) => DispatchError::UnknownPrinter(queue.to_owned()),
            Err(error) => error,
        };
    }
    if lower.contains("not accepting")
        || lower.contains("forbidden")
        || lower.contains("not authorized")
        || lower.contains("unauthorized")
        || lower.contains("quota")
    {
        return DispatchError::Refused {
            printer: queue.to_owned(),
            detail: said,
        };
    }
    if lower.contains("unable to connect")
        || lower.contains("connection refused")
        || lower.contains("not running")
    {
        return unreachable(queue, &said);
    }
    DispatchError::Failed {
        printer: queue.to_owned(),
        detail: if said.is_empty() {
            "lp failed without saying why".to_owned()
        } else {
            said
        },
    }
}

fn unreachable(printer: &str, said: &str) -> DispatchError {
    DispatchError::Unreachable {
        printer: printer.to_owned(),
        detail: said.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf(paper: Paper, height_mm: f32) -> Pdf {
        Pdf {
            bytes: Vec::new(),
            paper,
            height_mm,
        }
    }

    #[test]
    fn a_roll_is_a_custom_size_rounded_up_and_a_sheet_its_name() {
        assert_eq!(media(&pdf(Paper::Roll80, 123.42)), "Custom.80x123.5mm");
        assert_eq!(media(&pdf(Paper::Roll58, 200.0)), "Custom.58x200.0mm");
        assert_eq!(media(&pdf(Paper::Roll58, 123.4)), "Custom.58x123.4mm");
        assert_eq!(media(&pdf(Paper::A5, 210.0)), "A5");
        assert_eq!(media(&pdf(Paper::A4, 297.0)), "A4");
    }

    #[test]
    fn the_job_id_is_read_from_lps_answer() {
        assert_eq!(
            job_id("request id is CareDesk-PDF-12 (0 file(s))\n").as_deref(),
            Some("CareDesk-PDF-12")
        );
        assert_eq!(job_id("something else"), None);
    }

    #[test]
    fn lps_complaints_become_codes() {
        let timeout = Duration::from_secs(1);
        let refused = refusal(
            "lp: Destination \"Quầy\" is not accepting jobs.\n",
            "Quầy",
            None,
            timeout,
        );
        assert_eq!(refused.code(), "printer_refused");
        assert!(refused.to_string().contains("not accepting jobs"));
        let other = refusal("lp: Error - something odd\n", "Quầy", None, timeout);
        assert_eq!(other.code(), "print_failed");
        assert!(other.to_string().contains("something odd"));
    }
}
