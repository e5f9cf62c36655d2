//! What may be written on a customer's file. The store adds the rules that
//! need the database (a phone or code already in use).

use crate::phone::PhoneError;
use crate::text::{self, TextError};

/// Field lengths, in characters. Generous for real names and addresses,
/// small enough that a receipt or a search result stays readable.
#[derive(Debug, Clone, Copy)]
pub struct Limits;

impl Limits {
    pub const NAME: usize = 100;
    pub const EMAIL: usize = 254;
    pub const ADDRESS: usize = 300;
    pub const NOTE: usize = 2_000;
    pub const TAG: usize = 40;
    pub const CODE: usize = 32;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error(transparent)]
    Text(#[from] TextError),
    #[error(transparent)]
    Phone(#[from] PhoneError),
    #[error("{0:?} is not an email address (expected name@domain)")]
    Email(String),
    #[error("customer code {0:?} may use only letters, digits, '-', '_', '.' and '/'")]
    Code(String),
}

pub fn check_name(input: &str) -> Result<String, InputError> {
    Ok(text::required("name", input, Limits::NAME)?)
}

pub fn check_text_field(
    field: &'static str,
    input: Option<&str>,
    max: usize,
) -> Result<Option<String>, InputError> {
    Ok(text::optional(field, input, max)?)
}

/// A plain shape check: one `@`, something before it, a dotted domain after
/// it, no spaces. Whether the mailbox exists is not the counter's business.
pub fn check_email(input: Option<&str>) -> Result<Option<String>, InputError> {
    let Some(email) = text::optional("email", input, Limits::EMAIL)? else {
        return Ok(None);
    };
    let well_formed = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    }) && !email.contains(' ');
    if well_formed {
        Ok(Some(email))
    } else {
        Err(InputError::Email(email))
    }
}

pub fn check_note(input: &str) -> Result<String, InputError> {
    Ok(text::multiline("note", input, Limits::NOTE)?)
}

/// Tags are compared in lower case so `VIP` and `vip` are one tag.
pub fn check_tag(input: &str) -> Result<String, InputError> {
    Ok(text::required("tag", input, Limits::TAG)?.to_lowercase())
}

/// Codes are stored in upper case; search ignores case.
pub fn check_code(input: &str) -> Result<String, InputError> {
    let code = text::required("code", input, Limits::CODE)?;
    if code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        Ok(code.to_ascii_uppercase())
    } else {
        Err(InputError::Code(code))
    }
}
