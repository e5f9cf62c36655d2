//! What can stop a document from being made.

use caredesk_store::StoreError;

use crate::paper::Paper;
use crate::qr::QrError;

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("a {document} is not printed on {paper}: expected {expected}")]
    WrongPaper {
        document: &'static str,
        paper: String,
        expected: &'static str,
    },
    #[error("the logo is not a PNG image this printer can use: {0}")]
    BadLogo(String),
    #[error(transparent)]
    Qr(#[from] QrError),
}

impl PrintError {
    /// The error contract's code (`caredesk`'s `{"error":{"code"}}`).
    pub fn code(&self) -> &'static str {
        match self {
            PrintError::Store(error) => error.code(),
            PrintError::WrongPaper { .. } => "invalid_paper",
            PrintError::BadLogo(_) => "invalid_logo",
            PrintError::Qr(_) => "invalid_payment_code",
        }
    }
}

/// How an error names a paper (kept here, not as `Display` on `Paper`,
/// which the dispatch side may want to spell its own way).
pub(crate) fn paper_name(paper: Paper) -> String {
    match paper {
        Paper::Roll80 => "an 80 mm roll",
        Paper::Roll58 => "a 58 mm roll",
        Paper::A5 => "A5",
        Paper::A4 => "A4",
    }
    .to_owned()
}

pub type Result<T, E = PrintError> = std::result::Result<T, E>;
