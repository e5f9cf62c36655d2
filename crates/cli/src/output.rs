//! Printing results: one JSON value with `--json`, readable text without.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::CliResult;

pub struct Output {
    pub json: bool,
}

impl Output {
    /// Prints `value` as JSON, or as `text` renders it for a person.
    pub fn emit<T: Serialize>(&self, value: &T, text: impl FnOnce(&T) -> String) -> CliResult<()> {
        match self.write(value, text) {
            // `caredesk dump | head` closing the pipe early is not an error:
            // the command already did its work.
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        }
    }

    fn write<T: Serialize>(&self, value: &T, text: impl FnOnce(&T) -> String) -> io::Result<()> {
        let mut out = io::stdout().lock();
        if self.json {
            serde_json::to_writer(&mut out, value).map_err(io::Error::other)?;
            writeln!(out)?;
        } else {
            let text = text(value);
            write!(out, "{text}")?;
            if !text.ends_with('\n') {
                writeln!(out)?;
            }
        }
        out.flush()
    }
}

/// Left-aligned columns, widths in characters (Vietnamese letters are one
/// column each once composed).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            text.push_str(cell);
            if i + 1 < cells.len() {
                text.push_str(&" ".repeat(pad + 2));
            }
        }
        text.trim_end().to_owned() + "\n"
    };
    let mut text = line(header.to_vec());
    for row in rows {
        text.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    text
}

/// `2026-11-21T09:30:00+07:00` (as JSON gives times) read as
/// `2026-11-21 09:30`: the business's wall clock, for people.
pub fn short_time(rfc3339: &str) -> String {
    rfc3339.get(..16).unwrap_or(rfc3339).replacen('T', " ", 1)
}

/// Just the `09:30` of an RFC 3339 time.
pub fn clock_time(rfc3339: &str) -> String {
    rfc3339.get(11..16).unwrap_or(rfc3339).to_owned()
}
