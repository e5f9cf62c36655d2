//! `caredesk print receipt|statement|report`: the same documents the app
//! prints, written to a PDF file. Every option is checked and the document
//! is made before the file is touched, and the file appears whole or not
//! at all. A receipt's print is recorded once its file is whole
//! (`caredesk_print::ReceiptPrint`, as the app does once the printer took
//! it), so the second print of a sale says it is a copy.

use std::fs;
use std::path::Path;

use caredesk_domain::id::TreatmentId;
use caredesk_print::{
    Paper, PrintError, ReceiptOptions, ReceiptPrint, SheetOptions, StatementData, day_report,
    statement,
};
use caredesk_store::{Lang, StoreError, parse_date};
use serde::Serialize;

use super::{Session, parse_id};
use crate::args::{PrintCommand, PrintOut};
use crate::error::{CliError, CliResult};
use crate::output::Output;

#[derive(Serialize)]
struct Written {
    file: String,
    /// A receipt only: whether it is marked as a copy (printed before, or
    /// asked for with `--copy`).
    #[serde(skip_serializing_if = "Option::is_none")]
    copy: Option<bool>,
}

impl From<PrintError> for CliError {
    fn from(error: PrintError) -> Self {
        CliError::invalid(error.code(), error.to_string())
    }
}

pub fn run(session: Session, command: PrintCommand, out: &Output) -> CliResult<()> {
    let Session { mut store, ctx } = session;
    let (store, ctx) = (&mut store, &ctx);
    let (pdf, target) = match command {
        PrintCommand::Receipt {
            sale,
            out: target,
            width,
            copy,
            logo,
        } => {
            let paper = match width.trim().trim_end_matches("mm") {
                "80" => Paper::Roll80,
                "58" => Paper::Roll58,
                _ => {
                    return Err(CliError::invalid(
                        "invalid_width",
                        format!("--width {width:?}: expected 80 or 58 (millimetres)"),
                    ));
                }
            };
            let lang = lang(&target)?;
            let logo = logo
                .map(|path| {
                    fs::read(&path).map_err(|e| {
                        CliError::invalid(
                            "invalid_logo",
                            format!("--logo {}: cannot read it: {e}", path.display()),
                        )
                    })
                })
                .transpose()?;
            let options = ReceiptOptions {
                paper,
                lang,
                copy,
                logo,
            };
            let made = ReceiptPrint::make(store, ctx, &sale, options)?;
            // Recorded once the file is whole, as the app records a print
            // once the printer took it: the next print says it is a copy.
            write_whole(&target.out, &made.pdf.bytes)?;
            made.record.handed_over(store, ctx)?;
            let written = Written {
                file: target.out.display().to_string(),
                copy: Some(made.record.copy),
            };
            return out.emit(&written, describe);
        }
        PrintCommand::Statement {
            treatment,
            out: target,
            paper,
        } => {
            let options = sheet(&paper, &target)?;
            let id: TreatmentId = parse_id("treatment", &treatment)?;
            let data = StatementData::load(store, ctx, id)?;
            (statement(&data, &options)?, target)
        }
        PrintCommand::Report {
            date,
            branch,
            out: target,
            paper,
        } => {
            let options = sheet(&paper, &target)?;
            let date = match date {
                Some(text) => parse_date(&text)?,
                None => store.treatments().today(ctx),
            };
            let report = store.day_report(ctx, date, branch)?;
            (day_report(&report, store.settings(), &options)?, target)
        }
    };
    write_whole(&target.out, &pdf.bytes)?;
    let written = Written {
        file: target.out.display().to_string(),
        copy: None,
    };
    out.emit(&written, describe)
}

fn describe(written: &Written) -> String {
    match written.copy {
        Some(true) => format!("wrote {} (a copy)", written.file),
        _ => format!("wrote {}", written.file),
    }
}

fn lang(target: &PrintOut) -> CliResult<Option<Lang>> {
    target
        .lang
        .as_deref()
        .map(|text| {
            text.parse::<Lang>()
                .map_err(|e| CliError::invalid("invalid_language", format!("--lang {e}")))
        })
        .transpose()
}

fn sheet(paper: &str, target: &PrintOut) -> CliResult<SheetOptions> {
    let paper = match paper.trim().to_ascii_lowercase().as_str() {
        "a5" => Paper::A5,
        "a4" => Paper::A4,
        _ => {
            return Err(CliError::invalid(
                "invalid_paper",
                format!("--paper {paper:?}: expected a5 or a4"),
            ));
        }
    };
    Ok(SheetOptions {
        paper,
        lang: lang(target)?,
    })
}

/// Writes `bytes` beside `path` and renames it into place, so a reader (or
/// a printer spool) never sees half a file, and a failure leaves none.
fn write_whole(path: &Path, bytes: &[u8]) -> CliResult<()> {
    let refuse =
        |why: &str| CliError::invalid("invalid_output", format!("--out {}: {why}", path.display()));
    if path.is_dir() {
        return Err(refuse("is a folder; expected a file name"));
    }
    let name = path
        .file_name()
        .ok_or_else(|| refuse("expected a file name"))?
        .to_string_lossy();
    let partial = path.with_file_name(format!(".{name}.partial-{}", std::process::id()));
    let written = fs::write(&partial, bytes).and_then(|()| fs::rename(&partial, path));
    if let Err(error) = written {
        let _ = fs::remove_file(&partial);
        return Err(refuse(&format!("cannot write it: {error}")));
    }
    Ok(())
}

impl From<caredesk_domain::business::SettingsError> for CliError {
    fn from(error: caredesk_domain::business::SettingsError) -> Self {
        StoreError::from(error).into()
    }
}
