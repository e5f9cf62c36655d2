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
            let first_line = error
                .to_string()
                .lines()
                .next()
                .unwrap_or("bad arguments")
                .trim_start_matches("error: ")
                .to_owned();
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
