//! `caredesk`: the headless interface to a CareDesk counter's store.

mod args;
mod commands;
mod error;
mod output;

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use crate::args::Cli;
use crate::error::CliError;
use crate::output::Output;

fn main() -> ExitCode {
    // Known before parsing, so that even a usage error honours --json.
    let json = std::env::args().any(|arg| arg == "--json");
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) =>
        {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            let text = error.to_string();
            let mut lines = text.lines();
            let mut first_line = lines
                .next()
                .unwrap_or("bad arguments")
                .trim_start_matches("error: ")
                .to_owned();
            // "the following required arguments were not provided:" names
            // them on the indented lines after it.
            if first_line.ends_with(':') {
                let named: Vec<&str> = lines
                    .take_while(|line| line.starts_with("  "))
                    .map(str::trim)
                    .collect();
                first_line = format!("{} {}", first_line, named.join(", "));
            }
            CliError::usage(format!("{first_line} (see caredesk --help)")).print(json);
            return ExitCode::from(2);
        }
    };
    let out = Output { json: cli.json };
    match commands::run(cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            error.print(json);
            ExitCode::from(u8::try_from(error.exit).unwrap_or(1))
        }
    }
}
