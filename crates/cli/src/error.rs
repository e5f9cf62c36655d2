//! The error contract: a non-zero exit, nothing written, one line on stderr
//! naming the bad input; with `--json`, `{"error":{"code","message"}}`.

use caredesk_store::StoreError;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CliError {
    pub code: String,
    pub message: String,
    #[serde(skip)]
    pub exit: i32,
}

impl CliError {
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError {
            code: "usage".to_owned(),
            message: message.into(),
            exit: 2,
        }
    }

    pub fn invalid(code: &str, message: impl Into<String>) -> CliError {
        CliError {
            code: code.to_owned(),
            message: message.into(),
            exit: 1,
        }
    }

    pub fn print(&self, json: bool) {
        if json {
            let body = serde_json::json!({ "error": self });
            eprintln!("{body}");
        } else {
            // One line, always: a message with a newline would break scripts
            // that read stderr line by line.
            eprintln!("error: {}", self.message.replace('\n', " "));
        }
    }
}

impl From<StoreError> for CliError {
    fn from(error: StoreError) -> Self {
        CliError::invalid(error.code(), error.to_string())
    }
}

impl From<std::io::Error> for CliError {
    fn from(error: std::io::Error) -> Self {
        CliError::invalid("io", format!("cannot write output: {error}"))
    }
}

pub type CliResult<T> = Result<T, CliError>;
