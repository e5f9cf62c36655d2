//! What the server refuses, and with which HTTP status.

use caredesk_protocol::{ErrorBody, ErrorDetail, codes};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServerError {
    /// The request was understood and refused; nothing was written.
    #[error("{message}")]
    Refused {
        status: u16,
        code: &'static str,
        message: String,
        expected: Option<u64>,
    },
    /// The storage failed; the transaction was rolled back.
    #[error("storage: {0}")]
    Storage(String),
}

pub type Result<T, E = ServerError> = std::result::Result<T, E>;

impl ServerError {
    pub fn refused(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ServerError::Refused {
            status,
            code,
            message: message.into(),
            expected: None,
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::refused(400, code, message)
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Self::refused(404, codes::NOT_FOUND, what)
    }

    pub fn status(&self) -> u16 {
        match self {
            ServerError::Refused { status, .. } => *status,
            ServerError::Storage(_) => 500,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ServerError::Refused { code, .. } => code,
            ServerError::Storage(_) => codes::INTERNAL,
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code().to_owned(),
                message: self.to_string(),
                expected: match self {
                    ServerError::Refused { expected, .. } => *expected,
                    ServerError::Storage(_) => None,
                },
            },
        }
    }
}

impl From<rusqlite::Error> for ServerError {
    fn from(error: rusqlite::Error) -> Self {
        ServerError::Storage(error.to_string())
    }
}

impl From<postgres::Error> for ServerError {
    /// With what the server said: `postgres::Error` alone prints as "db
    /// error", which tells an operator nothing.
    fn from(error: postgres::Error) -> Self {
        if let Some(db) = error.as_db_error() {
            return ServerError::Storage(format!(
                "PostgreSQL {} {}: {}",
                db.severity(),
                db.code().code(),
                db.message()
            ));
        }
        let mut message = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        ServerError::Storage(message)
    }
}
